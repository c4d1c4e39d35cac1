/**
 * Click counter: counts clicks per page. The simplest non-idempotent aggregate: every
 * duplicate application adds to the count and every lost one is missing from it, so the
 * final counts show exactly how many times each event was applied, and each output (the
 * count after the click) shows where in the sequence a duplicate or loss happened.
 */
import { defineProcessor } from "../processor.ts";

/** A click event: `clicks` clicks (1 to 3) on one page. */
export interface ClickEvent {
  readonly page: string;
  readonly clicks: number;
}

/** A click output: the page's count after the event. */
export interface ClickOutput {
  readonly page: string;
  readonly count: number;
}

/** The click counter processor. */
export const clickCounter = defineProcessor<number, ClickEvent, ClickOutput>({
  name: "click-counter",
  description: "clicks counted per page (not idempotent)",
  // One kind only, declared so that a scenario's `workload.mix` can name it.
  eventKinds: ["click"],
  makeEvent(keyIndex, draw) {
    const page = `page-${keyIndex}`;
    return { key: page, payload: { page, clicks: 1 + (draw % 3) } };
  },
  process(state, event) {
    const { page, clicks } = event.payload;
    const count = (state.get(page) ?? 0) + clicks;
    return { writes: [{ key: page, value: count }], outputs: [{ page, count }] };
  },
});
