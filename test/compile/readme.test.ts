/**
 * The README's example of the generated OpenAI client must compile: it is extracted from the
 * README and type-checked against generated/openai under the strict consumer settings.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { freshDir, ROOT, runTsc, STRICT_OPTIONS, TMP, writeJson, writeText } from "./support.js";

it("the README example type-checks against the generated client", async () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Using the generated client"));
  const example = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  expect(example, "a ```ts block under 'Using the generated client'").toBeDefined();
  const dir = freshDir(join(TMP, "readme"));
  // The example imports "./generated/openai/index.js" from the repository root.
  writeText(
    join(dir, "example.ts"),
    `export {};\n${(example ?? "").replaceAll("./generated/openai/", "../../../generated/openai/")}`,
  );
  writeJson(join(dir, "package.json"), { type: "module" });
  writeJson(join(dir, "tsconfig.json"), {
    compilerOptions: {
      ...STRICT_OPTIONS,
      noUnusedLocals: false,
      noPropertyAccessFromIndexSignature: false,
      module: "NodeNext",
      moduleResolution: "NodeNext",
      types: ["node"],
    },
    files: ["example.ts"],
  });
  const result = await runTsc(["-p", join(dir, "tsconfig.json")]);
  expect(result.output).toBe("");
}, 60_000);
