/**
 * The package: `npm pack` ships only what users need, and the build (`npm run build`, into a
 * temporary folder here) produces every file the `exports` map, `main`, `types` and the CLI
 * point at. The install from the tarball into a fresh project is `.ci/check-package`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  exports: Record<string, string | Record<string, string | Record<string, string>>>;
  main: string;
  types: string;
};

/** Every file path the exports map names outside the sources (leaves of nested conditions). */
function exportTargets(): string[] {
  const out: string[] = [];
  const walk = (value: unknown, condition: string): void => {
    if (typeof value === "string") {
      if (condition !== "eosim-source") out.push(value);
    } else if (value !== null && typeof value === "object") {
      for (const [key, inner] of Object.entries(value)) walk(inner, key);
    }
  };
  walk(pkg.exports, "");
  return out;
}

describe("the package", () => {
  const out = mkdtempSync(join(tmpdir(), "eosim-build-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("ships dist/, bin/, scenarios/ and the README, never test/, bench/, .ci/ or src/", () => {
    const json = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root, encoding: "utf8" });
    const files = (JSON.parse(json) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
    expect(files).toContain("bin/eosim.js");
    expect(files).toContain("scenarios/services/ledger-service.ts");
    expect(files.filter((f) => !/^(dist|bin|scenarios)\/|^(README\.md|package\.json|LICENSE)$/.test(f))).toEqual([]);
  });

  it("builds every file that exports, main and types name, ESM and CommonJS with declarations", () => {
    execFileSync(process.execPath, [join(root, "scripts/build.mjs"), "--out-dir", out], { cwd: root, stdio: "pipe" });
    const targets = [...exportTargets(), pkg.main, pkg.types].filter((t) => t.startsWith("./dist/"));
    expect(targets.length).toBeGreaterThanOrEqual(14);
    expect(targets.filter((t) => !existsSync(join(out, t.slice("./dist/".length))))).toEqual([]);
    for (const must of ["cli/main.js", "run/run-worker-entry.js", "typescript-loader.js", "service/sandbox-entry.js", "index.d.ts.map"]) {
      expect(existsSync(join(out, must)), must).toBe(true);
    }
    // Declarations import each other by their built names, never the sources' `.ts`.
    expect(readFileSync(join(out, "index.d.ts"), "utf8")).toMatch(/from "\.\/scenario\/define-scenario\.js"/);
    expect(readFileSync(join(out, "index.d.cts"), "utf8")).toMatch(/from "\.\/scenario\/define-scenario\.cjs"/);
    expect(readFileSync(join(out, "index.cjs"), "utf8")).toMatch(/require\("\.\/scenario\/define-scenario\.cjs"\)/);
  });
});
