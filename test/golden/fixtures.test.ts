/**
 * Golden tests over the focused fixture specs in test/fixtures: each generated file is compared
 * with its committed snapshot under test/golden/fixtures/<fixture>/, and a manifest of file names
 * makes a vanished or new file fail too. The runtime core (identical for every spec) is left out;
 * generated/ covers it. Run `npx vitest run test/golden -u` to accept intended changes.
 */
import { readdirSync } from "node:fs";
import { basename, join, relative, resolve, sep } from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { type GeneratedFile, generate, writeOutput } from "../../src/index.js";
import { freshDir, PLAIN_OPTIONS, runTsc, STRICT_OPTIONS, TMP, writeJson } from "../compile/support.js";
import { FIXTURE_OPTIONS } from "../fixtures/options.js";
import { expectGoldenFiles } from "./support.js";

const root = resolve(import.meta.dirname, "../..");
const fixturesDir = join(root, "test", "fixtures");
const fixtures = readdirSync(fixturesDir)
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .sort();

const OPTIONS = FIXTURE_OPTIONS;

const outputs = new Map<string, GeneratedFile[]>();

beforeAll(async () => {
  for (const fixture of fixtures) {
    const job = { input: join(fixturesDir, fixture), output: join(TMP, "fixtures", fixture), ...OPTIONS[fixture] };
    outputs.set(fixture, await generate(job));
  }
});

describe.each(fixtures)("fixture %s", (fixture) => {
  const name = basename(fixture).replace(/\.[^.]+$/, "");

  it("matches the golden files", async () => {
    const files = (outputs.get(fixture) ?? []).filter((f) => !f.path.startsWith("core/"));
    expectGoldenFiles(join(root, "test", "golden", "fixtures", name), ["MANIFEST.txt", ...files.map((f) => f.path)]);
    await expect(files.map((f) => f.path).join("\n")).toMatchFileSnapshot(join("fixtures", name, "MANIFEST.txt"));
    for (const file of files) await expect(file.content).toMatchFileSnapshot(join("fixtures", name, file.path));
  });

  it("has no stale golden files (snapshots the generator no longer makes)", () => {
    const dir = join(root, "test", "golden", "fixtures", name);
    const onDisk = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name !== "MANIFEST.txt")
      .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join("/"))
      .sort();
    const expected = (outputs.get(fixture) ?? [])
      .filter((f) => !f.path.startsWith("core/"))
      .map((f) => f.path)
      .sort();
    expect(onDisk, "delete golden files that are not generated any more").toEqual(expected);
  });
});

describe("fixture outputs", () => {
  it("type-check under strict settings", async () => {
    const dir = freshDir(join(TMP, "fixtures"));
    const entries: string[] = [];
    for (const [fixture, files] of outputs) {
      await writeOutput(join(dir, fixture), files);
      entries.push(`${fixture}/index.ts`);
    }
    writeJson(join(dir, "tsconfig.json"), {
      compilerOptions: { ...STRICT_OPTIONS, module: "NodeNext", moduleResolution: "NodeNext" },
      files: entries,
    });
    const result = await runTsc(["-p", join(dir, "tsconfig.json")]);
    expect(result.output).toBe("");
    // A consumer's plain tsconfig: only modules can be imported (moduleDetection "auto").
    writeJson(join(dir, "tsconfig.plain.json"), { compilerOptions: PLAIN_OPTIONS, files: entries });
    const plain = await runTsc(["-p", join(dir, "tsconfig.plain.json")]);
    expect(plain.output).toBe("");
  }, 60_000);

  it("are modules, every file (with imports or exports)", () => {
    for (const [fixture, files] of outputs) {
      for (const file of files.filter((f) => f.path.endsWith(".ts"))) {
        const source = ts.createSourceFile(file.path, file.content, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
        expect(ts.isExternalModule(source), `${fixture}: ${file.path} is not a module`).toBe(true);
      }
    }
  });
});
