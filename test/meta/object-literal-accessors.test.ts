// No getter or setter in an object literal anywhere in src/. V8 kept such an object alive past
// young-generation collections (measured: the check context built once per schedule as
// `{ get model() {...} }` took the survival of scavenges from 0.3% to 27% and cost a quarter of
// every schedule), and with it whatever it referenced. Classes put accessors on a shared
// prototype and do not do this.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { sourceFiles, srcRoot as root } from "../helpers/source-files.ts";

/** `file:line` of every accessor declared in an object literal of `text`. */
function literalAccessors(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node)) && ts.isObjectLiteralExpression(node.parent)) {
      found.push(`${relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("object literals", () => {
  it("finds an accessor in a literal (the scan works)", () => {
    expect(literalAccessors(join(root, "x.ts"), "const o = { get a() { return 1; }, b: 2 };\nclass C { get d() { return 3; } }")).toEqual(["x.ts:1"]);
  });

  it("declare no getter or setter anywhere in src/", () => {
    const found = sourceFiles(root).flatMap((file) => literalAccessors(file, readFileSync(file, "utf8")));
    expect(found).toEqual([]);
  });
});
