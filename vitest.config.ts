import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/** Resolve "eosim" (the built-in scenarios import it) to the sources: the suite needs no build. */
const conditions = ["eosim-source", "module", "node", "development|production"];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ["eosim-source", "node"] } },
  test: {
    include: ["test/**/*.test.ts"],
    // The real-crash and fuzz suites run on their own (`npm run test:crash`, `npm run
    // test:fuzz`; vitest.crash.config.ts, vitest.fuzz.config.ts), in CI too.
    exclude: ["test/real-crash/**", "test/fuzz/**", "**/node_modules/**"],
    // Every core, not vitest's default of one fewer: most of the suite's time is CLI tests
    // waiting on the child processes they start, so on two cores one worker left one idle
    // (npm test took 540 s with one worker, 407 s with two).
    maxWorkers: availableParallelism(),
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: process.env.CI ? ["default", ["junit", { outputFile: "reports/junit-tests.xml" }]] : ["default"],
  },
});
