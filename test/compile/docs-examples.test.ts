/**
 * The example call of every operation in generated/openai-docs/ must compile against the generated
 * client (generated/openai) under the strict consumer settings: the examples are built from the
 * params shape with the required fields only, so a wrong or missing field is a type error.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { markdown } from "../support/markdown.js";
import { freshDir, ROOT, runTsc, STRICT_OPTIONS, TMP, writeJson, writeText } from "./support.js";

it("every example call in generated/openai-docs type-checks against generated/openai", async () => {
  const apiDir = join(ROOT, "generated", "openai-docs", "api");
  const examples: string[] = [];
  for (const file of readdirSync(apiDir).sort()) {
    for (const token of markdown.parse(readFileSync(join(apiDir, file), "utf8"), {})) {
      if (token.type === "fence" && token.info === "ts" && token.content.includes("await "))
        examples.push(token.content);
    }
  }
  expect(examples.length).toBe(55);
  const functions = [...new Set(examples.map((e) => /await (\w+)\(/.exec(e)?.[1] ?? ""))].sort();
  const body = examples.map((e, i) => `export async function example${i}(): Promise<void> {\n${e}}`);
  const dir = freshDir(join(TMP, "docs-examples"));
  writeText(
    join(dir, "examples.ts"),
    [
      `import { createClient, ${functions.join(", ")} } from "../../../generated/openai/index.js";`,
      "const client = createClient({});",
      ...body,
    ].join("\n\n"),
  );
  writeJson(join(dir, "package.json"), { type: "module" });
  writeJson(join(dir, "tsconfig.json"), {
    compilerOptions: {
      ...STRICT_OPTIONS,
      noUnusedLocals: false,
      module: "NodeNext",
      moduleResolution: "NodeNext",
      types: [],
    },
    files: ["examples.ts"],
  });
  const result = await runTsc(["-p", join(dir, "tsconfig.json")]);
  expect(result.output).toBe("");
}, 120_000);
