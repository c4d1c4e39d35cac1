import { defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

/** The real-crash suite (`npm run test:crash`): child processes killed with SIGKILL, a minute or two, so not part of `npm test`. */
export default defineConfig({
  ...base,
  test: { ...base.test, include: ["test/real-crash/**/*.test.ts"], exclude: ["**/node_modules/**"], testTimeout: 600_000 },
});
