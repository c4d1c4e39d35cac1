/**
 * eosim's public API. Everything a user imports comes from here; nothing else is public.
 */
export { defineScenario } from "./scenario/define-scenario.ts";
export type { ScenarioOptions, ScenarioDefinition, TopologyOptions, CompactionOptions } from "./scenario/define-scenario.ts";
export type { Scenario } from "./scenario/scenario.ts";
export { validateScenario, loadScenarioFile, loadScenarios, findScenarioFiles } from "./scenario/load-scenarios.ts";
export { runScenario, judgeSchedule } from "./scenario/run-scenario.ts";
export type { RunOptions, ScenarioResult, ScheduleFailure, RunError } from "./scenario/run-scenario.ts";
export { BadInputError } from "./scenario/bad-input.ts";
export { defineProcessor } from "./runtime/processor.ts";
export type { Processor, ProcessResult, StateView, StateWrite, WorkloadEvent, InputEvent } from "./runtime/processor.ts";
export { bankLedger } from "./runtime/processors/bank-ledger.ts";
export type { LedgerEvent, LedgerOutput } from "./runtime/processors/bank-ledger.ts";
export { inventory } from "./runtime/processors/inventory.ts";
export type { InventoryEvent, InventoryOutput, InventoryState } from "./runtime/processors/inventory.ts";
export { clickCounter } from "./runtime/processors/click-counter.ts";
export type { ClickEvent, ClickOutput } from "./runtime/processors/click-counter.ts";
export { customerTable } from "./runtime/processors/customer-table.ts";
export type { CustomerEvent, CustomerOutput, CustomerRecord } from "./runtime/processors/customer-table.ts";
export { referenceRuntime } from "./runtime/runtime-options.ts";
export type { RuntimeOptions } from "./runtime/runtime-options.ts";
export { faultKinds, faultDescriptions } from "./faults/fault-kind.ts";
export type { FaultKind, FaultMix } from "./faults/fault-kind.ts";
export type { Intent, Schedule } from "./schedule/intent.ts";
export { describeIntent } from "./schedule/describe-intent.ts";
export { scheduleArbitrary } from "./schedule/schedule-arbitrary.ts";
export { runSchedule } from "./sim/run-schedule.ts";
export type { WorldView } from "./sim/world-view.ts";
export type { WorldConfig } from "./sim/world-config.ts";
export { checkers, checkRun } from "./check/all-checkers.ts";
export type { RunVerdict } from "./check/all-checkers.ts";
export type { Anomaly, Checker, Verdict } from "./check/verdict.ts";
export { HarnessError } from "./core/invariant.ts";
