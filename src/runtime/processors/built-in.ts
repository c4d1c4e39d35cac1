/**
 * The built-in processors by name (scenarios and the planted-bug catalogue refer to them).
 */
import type { Processor } from "../processor.ts";
import { bankLedger } from "./bank-ledger.ts";
import { clickCounter } from "./click-counter.ts";
import { customerTable } from "./customer-table.ts";
import { inventory } from "./inventory.ts";

/** Every built-in processor, by name. */
export const builtInProcessors: Readonly<Record<string, Processor>> = {
  "bank-ledger": bankLedger as Processor,
  inventory: inventory as Processor,
  "click-counter": clickCounter as Processor,
  "customer-table": customerTable as Processor,
};
