import { defineConfig } from "vitest/config";

/** Resolve "eosim" (the built-in scenarios import it) to the sources: the suite needs no build. */
const conditions = ["eosim-source", "module", "node", "development|production"];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ["eosim-source", "node"] } },
  test: {
    include: ["test/**/*.test.ts"],
    // The real-crash suite runs on its own (`npm run test:crash`, vitest.crash.config.ts).
    exclude: ["test/real-crash/**", "**/node_modules/**"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: process.env.CI ? ["default", ["junit", { outputFile: "reports/junit-tests.xml" }]] : ["default"],
  },
});
