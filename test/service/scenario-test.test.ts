// The vitest helper on a service scenario, as a user's own test file would use it.
import ledgerService from "../../scenarios/ledger-service.scenario.ts";
import { scenarioTest } from "../../src/testing/scenario-test.ts";

scenarioTest(ledgerService, { runs: 100, seed: 1 });
