/**
 * What eosim puts into every service sandbox, bundled into one script (`sandbox-bundle.ts`)
 * and evaluated there, so the simulated kafkajs client and the store and database facades create their
 * promises in the sandbox's realm.
 */
export { kafkajsModule } from "../kafkajs/kafkajs-module.ts";
export { storeFacade } from "./store-facade.ts";
export { databaseFacade } from "./database-facade.ts";

/** Call `onReject` if `value` is a promise that rejects (a service's start function failing). */
export function watchRejection(value: unknown, onReject: (error: unknown) => void): void {
  if (value !== null && typeof value === "object" && typeof (value as Promise<unknown>).then === "function") {
    (value as Promise<unknown>).then(undefined, (error) => onReject(error));
  }
}
