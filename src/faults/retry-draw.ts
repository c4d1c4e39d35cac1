/**
 * What a sender that saw a failure does next, as the network fault kinds draw it: a retry of
 * the oldest pending send of a producer. Its own file so that the network model does not
 * import the intent declarations (which import the fault world, which imports the network).
 */
import { field, type IntentDraw } from "./fault-intent.ts";

/** A retry of the oldest pending send of a producer. */
export const retryOldestDraw: IntentDraw = { k: "retry", fields: { producer: field.producer, index: field.fixed(0) } };
