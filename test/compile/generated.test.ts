/**
 * Every generated client (each folder of `generated/`) must compile with zero errors under the
 * strictest settings a consumer may use, with nothing but ES2022 + DOM: no `@types/node`, no other
 * ambient types. Checked as Node ESM (`NodeNext`), as bundler input (`ESNext` + `bundler`), and
 * under a plain consumer tsconfig (`strict` and the compiler's defaults, see PLAIN_OPTIONS).
 *
 * The tsconfigs are written to `test/.tmp/compile/<folder>/<variant>/` and point at the generated
 * sources in place.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  configPath,
  freshDir,
  PLAIN_OPTIONS,
  ROOT,
  runTsc,
  STRICT_OPTIONS,
  TIMEOUT_MS,
  TMP,
  writeJson,
} from "./support.js";

const GENERATED = join(ROOT, "generated");

const VARIANTS = {
  nodenext: { ...STRICT_OPTIONS, module: "NodeNext", moduleResolution: "NodeNext" },
  bundler: { ...STRICT_OPTIONS, module: "ESNext", moduleResolution: "bundler" },
  plain: PLAIN_OPTIONS,
} as const;

const folders = existsSync(GENERATED)
  ? readdirSync(GENERATED, { withFileTypes: true })
      // Client folders (a docs folder such as generated/openai-docs holds Markdown, no TypeScript).
      .filter((entry) => entry.isDirectory() && existsSync(join(GENERATED, entry.name, "index.ts")))
      .map((entry) => entry.name)
      .sort()
  : [];

describe("generated clients compile under strict consumer settings", () => {
  it("there is at least one generated client", () => {
    expect(folders, "generated/ has no client folders: run `npm run build && npx codegen`").not.toEqual([]);
  });

  describe.each(folders)("generated/%s", (folder) => {
    it.each(Object.keys(VARIANTS) as (keyof typeof VARIANTS)[])(
      "type-checks with zero errors (%s)",
      async (variant) => {
        const dir = freshDir(join(TMP, "compile", folder, variant));
        const tsconfig = join(dir, "tsconfig.json");
        writeJson(tsconfig, {
          compilerOptions: VARIANTS[variant],
          include: [`${configPath(dir, join(GENERATED, folder))}/**/*.ts`],
        });

        const result = await runTsc(["-p", tsconfig, "--listFiles"]);
        const errors = result.diagnostics.map((d) => d.text).join("\n");
        const report = `tsc -p ${configPath(ROOT, tsconfig)} exited ${result.exitCode} with ${result.diagnostics.length} error(s):\n${errors}`;

        expect(result.diagnostics.length, report).toBe(0);
        expect(result.exitCode, `${report}\n${result.output}`).toBe(0);
        // The program really is the generated client, and nothing ambient crept in.
        const files = result.files.map((f) => f.replaceAll("\\", "/"));
        expect(
          files.filter((f) => f.includes(`/generated/${folder}/`)).length,
          "no generated file in the program",
        ).toBeGreaterThan(0);
        expect(
          files.filter((f) => f.includes("/node_modules/@types/")),
          "ambient @types in the program",
        ).toEqual([]);
      },
      TIMEOUT_MS,
    );
  });
});
