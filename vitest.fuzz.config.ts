import { defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

/**
 * The fuzz suite (`npm run test:fuzz`): generated command lines, flags and scenario files fed
 * to the CLI in child processes, over a minute on two cores, so not part of `npm test`.
 */
export default defineConfig({
  ...base,
  test: { ...base.test, include: ["test/fuzz/**/*.test.ts"], exclude: ["**/node_modules/**"] },
});
