#!/usr/bin/env node
// `npm run build` (also run by `prepare` and `prepack`): compile src/ into dist/.
//  - ESM (.js) with declarations (.d.ts) and declaration maps: tsc -p tsconfig.build.json,
//    which rewrites the sources' `.ts` import extensions to `.js`.
//  - CommonJS (.cjs) next to each .js file: esbuild, one output per source file (relative
//    imports stay separate files, renamed to .cjs), so every module keeps its place relative to
//    package.json and scenarios/. `import.meta.url` becomes the file URL of `__filename`.
//    Dynamic `import()` stays native (users' scenario files and the run-worker entry are ESM).
//  - Declarations import each other as `.js` (tsc leaves the sources' `.ts` there).
//  - CommonJS declarations (.d.cts) next to each .d.ts, importing each other as .cjs, so a
//    `require` resolution under `moduleResolution: node16/nodenext` sees CommonJS types.
// The repository itself runs from src/ (see bin/eosim.js); dist/ is only what the package ships.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");
const dist = process.argv[2] === "--out-dir" ? process.argv[3] : join(root, "dist");
/** Plain-JavaScript ESM entries (top-level await, loader start-up): no CommonJS twin. */
const esmOnly = new Set(["typescript-loader.js", join("run", "run-worker-entry.js")]);

rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json"), "--outDir", dist], { stdio: "inherit" });

const entryPoints = readdirSync(src, { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))
  .map((file) => join(src, file));

const importMetaUrl = "__eosimImportMetaUrl";
await build({
  entryPoints,
  outdir: dist,
  outbase: src,
  outExtension: { ".js": ".cjs" },
  bundle: true,
  packages: "external",
  format: "cjs",
  platform: "node",
  target: "node20",
  supported: { "dynamic-import": true },
  define: { "import.meta.url": importMetaUrl },
  banner: { js: `"use strict";\nconst ${importMetaUrl} = require("node:url").pathToFileURL(__filename).href;` },
  logLevel: "warning",
  plugins: [
    {
      name: "per-file",
      setup(b) {
        b.onResolve({ filter: /^\.\.?\// }, (args) => {
          if (args.kind === "entry-point") return undefined;
          const target = join(args.resolveDir, args.path);
          if (esmOnly.has(relative(src, target))) return { path: args.path, external: true };
          return { path: args.path.replace(/\.ts$/, ".cjs"), external: true };
        });
      },
    },
  ],
});

// tsc keeps the sources' `.ts` specifiers in declarations; consumers need `.js` (and `.cjs`).
const specifier = /((?:from|import)\s*\(?\s*["'])(\.\.?\/[^"']*)\.(?:ts|js)(["'])/g;
for (const file of readdirSync(dist, { recursive: true, encoding: "utf8" })) {
  if (!file.endsWith(".d.ts")) continue;
  const text = readFileSync(join(dist, file), "utf8");
  writeFileSync(join(dist, file), text.replace(specifier, "$1$2.js$3"));
  writeFileSync(join(dist, file.replace(/\.d\.ts$/, ".d.cts")), text.replace(specifier, "$1$2.cjs$3"));
}
