/**
 * The README's examples of the generated OpenAI client must compile: every ```ts block under
 * "## Using the generated client" and "## SDK helpers" (their subsections included) is
 * type-checked against generated/openai under the strict consumer settings, as one module: the
 * blocks' imports and `declare` lines are hoisted and merged, the first block's body is the module's
 * top level, and each later block is a block of its own that sees the first one's variables
 * (`client`, `thread`, ...) but not its siblings'.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { freshDir, ROOT, runTsc, STRICT_OPTIONS, TMP, writeJson, writeText } from "./support.js";

/** The README's sections about the generated client: using it, its SDK helpers. */
const SECTIONS = ["## Using the generated client", "## SDK helpers"];

/** The ```ts blocks of the README's sections about the generated client, in order. */
function clientExamples(readme: string): string[] {
  return SECTIONS.flatMap((heading) => {
    const start = readme.indexOf(heading);
    if (start === -1) throw new Error(`README has no section ${heading}`);
    const end = readme.indexOf("\n## ", start + 1);
    const section = readme.slice(start, end === -1 ? undefined : end);
    return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
  });
}

/** One module from the blocks: merged imports and `declare`s first, then the bodies. */
function exampleModule(blocks: readonly string[]): string {
  const imports = new Map<string, Set<string>>();
  const declares: string[] = [];
  const bodies = blocks.map((block) => {
    const body = block.replace(
      /^import (type )?\{([^}]*)\} from "([^"]+)";\n/gm,
      (_all, typeOnly: string | undefined, names: string, from: string) => {
        const set = imports.get(from) ?? new Set<string>();
        for (const name of names
          .split(",")
          .map((n) => n.trim())
          .filter(Boolean)) {
          set.add(typeOnly && !name.startsWith("type ") ? `type ${name}` : name);
        }
        imports.set(from, set);
        return "";
      },
    );
    return body.replace(/^declare .*\n/gm, (line) => {
      declares.push(line.trimEnd());
      return "";
    });
  });
  const head = [...imports].map(([from, names]) => `import { ${[...names].sort().join(", ")} } from "${from}";`);
  const [first = "", ...rest] = bodies;
  return [...head, ...declares, first, ...rest.map((body) => `{\n${body}}`), "export {};", ""].join("\n");
}

it("merges the blocks: imports and declares hoisted, later blocks scoped", () => {
  const module = exampleModule([
    'import { a, b } from "./x.js";\nconst c = a;\n',
    'import { type T, a } from "./x.js";\ndeclare function f(): T;\nconst d: T = f();\n',
  ]);
  expect(module).toBe(
    'import { a, b, type T } from "./x.js";\ndeclare function f(): T;\nconst c = a;\n\n{\nconst d: T = f();\n}\nexport {};\n',
  );
});

it("every README example of the generated client type-checks against it", async () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const blocks = clientExamples(readme);
  expect(blocks.length, "```ts blocks under 'Using the generated client'").toBeGreaterThanOrEqual(3);
  // The SDK helpers' examples are among them: streaming, pagination, polling.
  const all = blocks.join("\n");
  for (const name of [
    "createRunStream",
    "paginateListAssistants",
    "createRunAndPoll",
    "submitToolOuputsToRunAndPoll",
  ]) {
    expect(all, `a README example that calls ${name}`).toContain(`${name}(`);
  }
  const dir = freshDir(join(TMP, "readme"));
  // The examples import "./generated/openai/index.js" from the repository root.
  writeText(
    join(dir, "example.ts"),
    exampleModule(blocks).replaceAll("./generated/openai/", "../../../generated/openai/"),
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
