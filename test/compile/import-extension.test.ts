/**
 * `importExtension`: a client generated with `.ts` imports type-checks under
 * `allowImportingTsExtensions` + `noEmit` (Deno style), one with no extension under
 * `moduleResolution: bundler`; and each fails where its spelling is not allowed (so the spelling
 * really reached every file).
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../src/index.js";
import {
  configPath,
  freshDir,
  ROOT,
  runTsc,
  STRICT_OPTIONS,
  TIMEOUT_MS,
  TMP,
  writeJson,
  writeText,
} from "./support.js";

const SPEC = join(ROOT, "test", "fixtures", "parameters.yaml");

const CASES = [
  {
    extension: ".ts",
    allowed: { module: "NodeNext", moduleResolution: "NodeNext", allowImportingTsExtensions: true },
    refused: { module: "NodeNext", moduleResolution: "NodeNext" },
  },
  {
    extension: "",
    allowed: { module: "ESNext", moduleResolution: "bundler" },
    refused: { module: "NodeNext", moduleResolution: "NodeNext" },
  },
] as const;

async function typeCheck(dir: string, client: string, options: object) {
  const tsconfig = join(dir, "tsconfig.json");
  writeJson(tsconfig, {
    compilerOptions: { ...STRICT_OPTIONS, ...options },
    include: [`${configPath(dir, client)}/**/*.ts`],
  });
  return runTsc(["-p", tsconfig]);
}

describe.each(CASES)("importExtension $extension", ({ extension, allowed, refused }) => {
  it(
    "spells every relative import that way, and the client type-checks where that is allowed",
    async () => {
      const files = await generate({ input: SPEC, output: "unused", importExtension: extension });
      const specifiers = files.flatMap((f) =>
        [...f.content.matchAll(/\bfrom "(\.{1,2}\/[^"]*)"/g)].map((m) => m[1] as string),
      );
      expect(specifiers.length).toBeGreaterThan(10);
      for (const specifier of specifiers)
        expect(specifier).toMatch(extension === ".ts" ? /\/[\w-]+\.ts$/ : /\/[\w-]+$/);

      const dir = freshDir(join(TMP, "import-extension", extension === "" ? "none" : "ts"));
      const client = join(dir, "client");
      writeText(join(client, "package.json"), '{ "type": "module" }\n');
      for (const file of files) writeText(join(client, file.path), file.content);

      const ok = await typeCheck(join(dir, "allowed"), client, allowed);
      expect(ok.diagnostics.map((d) => d.text).join("\n")).toBe("");
      expect(ok.exitCode).toBe(0);

      const refusedResult = await typeCheck(join(dir, "refused"), client, refused);
      expect(refusedResult.diagnostics.length).toBeGreaterThan(0);
    },
    TIMEOUT_MS,
  );
});
