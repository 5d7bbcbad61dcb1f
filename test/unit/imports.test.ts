import { describe, expect, it } from "vitest";
import { spellImports } from "../../src/emit/imports.js";

describe("spellImports: relative specifiers of import and export declarations", () => {
  it.each([
    ['import { a } from "./core/client.js";', ".ts", 'import { a } from "./core/client.ts";'],
    ['import type { A } from "../models.js";', "", 'import type { A } from "../models";'],
    ['export * from "./api/runs.js";', ".ts", 'export * from "./api/runs.ts";'],
    ['export type * from "./models.js";', "", 'export type * from "./models";'],
    ['export { x, type Y } from "./core/errors.js";', ".ts", 'export { x, type Y } from "./core/errors.ts";'],
    ['import "./side-effect.js";', ".ts", 'import "./side-effect.ts";'],
    ['import {\n  a,\n  b,\n} from "./body.js";', ".ts", 'import {\n  a,\n  b,\n} from "./body.ts";'],
    ['import { a } from "./core/client.js";', ".js", 'import { a } from "./core/client.js";'],
  ])("%j with %j", (input, extension, expected) => {
    expect(spellImports(input, extension as ".js" | ".ts" | "")).toBe(expected);
  });

  it.each([
    ["a package import", 'import { x } from "pkg/sub.js";'],
    ["a JSDoc line quoting an import", '/**\n * import x from "./a.js";\n */'],
    ["a one-line comment quoting an import", '/** import x from "./a.js"; */'],
    ["an escaped string literal", 'export const s = "import x from \\"./a.js\\"";'],
    ["a string value that starts a line inside a template literal", 'const t = `\nfrom "./a.js"`;'],
  ])("leaves %s alone", (_what, input) => {
    expect(spellImports(input, ".ts")).toBe(input);
  });
});
