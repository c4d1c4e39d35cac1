// Without better-sqlite3 (not installed, or built for another Node), `store: "sqlite"` is
// refused with one line that says what to install, and nothing opens a database. The driver
// is loaded through node:module's createRequire, which this file replaces with one that
// fails as Node does for a missing package (and, in the second test, for a broken build).
import { beforeEach, describe, expect, it, vi } from "vitest";

const failure = vi.hoisted(() => ({ error: new Error("unset") as Error & { code?: string } }));

vi.mock("node:module", async (original) => ({
  ...(await original<typeof import("node:module")>()),
  createRequire: () => () => {
    throw failure.error;
  },
}));

async function freshDriver() {
  vi.resetModules(); // the driver caches its first load
  return import("../../src/store/sqlite-driver.ts");
}

describe("the SQLite driver when better-sqlite3 cannot be loaded", () => {
  beforeEach(() => {
    failure.error = Object.assign(new Error("Cannot find module 'better-sqlite3'\nRequire stack:\n- x.js"), { code: "MODULE_NOT_FOUND" });
  });

  it("says it is not installed and what to install; openSqlite throws that line", async () => {
    const { sqliteUnavailable, openSqlite } = await freshDriver();
    const line = 'store: "sqlite" needs the better-sqlite3 package (12.x), and it is not installed: npm install --save-dev better-sqlite3@12';
    expect(sqliteUnavailable()).toBe(line);
    expect(() => openSqlite(":memory:")).toThrow(line);
  });

  it("names the first line of a load error that is not a missing package", async () => {
    failure.error = Object.assign(new Error("The module was compiled against a different Node.js version\nmore detail"), { code: "ERR_DLOPEN_FAILED" });
    const { sqliteUnavailable } = await freshDriver();
    expect(sqliteUnavailable()).toBe('store: "sqlite" needs the better-sqlite3 package (12.x), and it did not load (The module was compiled against a different Node.js version): npm install --save-dev better-sqlite3@12');
  });
});
