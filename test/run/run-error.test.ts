import { describe, expect, it } from "vitest";
import { HarnessError } from "../../src/core/invariant.ts";
import { PlainValueError } from "../../src/core/plain-value.ts";
import { runErrorOf } from "../../src/run/scenario-result.ts";
import { ProcessorError } from "../../src/runtime/processor-error.ts";
import { ServiceError } from "../../src/service/service-error.ts";

describe("runErrorOf", () => {
  it("blames the user only for errors that name the user's code", () => {
    expect(runErrorOf(new ProcessorError("p threw")).kind).toBe("processor");
    expect(runErrorOf(new PlainValueError("a Map")).kind).toBe("processor");
    expect(runErrorOf(new ServiceError("real I/O")).kind).toBe("service");
    expect(runErrorOf(new HarnessError("invariant")).kind).toBe("harness");
    // A TypeError inside eosim is eosim's bug (exit 4), not a processor error.
    expect(runErrorOf(new TypeError("Cannot read properties of undefined")).kind).toBe("harness");
    expect(runErrorOf("a string").message).toBe("a string");
  });
});
