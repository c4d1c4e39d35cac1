// The README's "Test your own service" shows the example service, its scenario and the
// external-store scenario: they must be the code that runs, so a change to either shows here.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const read = (path: string) => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), "utf8");
const section = read("README.md").split("## Test your own service")[1]?.split("\n## ")[0] ?? "";
const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);

describe("README: Test your own service", () => {
  it("exists and shows the ledger service, its scenario and the external-store scenario as they are", () => {
    expect(blocks).toHaveLength(3);
    expect(blocks[0]).toBe(read("scenarios/services/ledger-service.ts"));
    expect(blocks[1]).toBe(read("scenarios/ledger-service.scenario.ts"));
    expect(blocks[2]).toBe(read("scenarios/external-store.scenario.ts"));
  });
});
