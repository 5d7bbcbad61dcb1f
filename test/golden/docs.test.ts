/**
 * Golden tests of the Markdown reference over the fixture specs in test/fixtures/docs: each page is
 * compared with its snapshot under test/golden/docs/<fixture>/, with a manifest so a vanished or new
 * page fails too. Also: generating twice gives the same bytes, and every relative link resolves, for
 * these and for every client fixture in test/fixtures. `npx vitest run test/golden -u` accepts
 * intended changes.
 */
import { readdirSync } from "node:fs";
import { basename, join, relative, resolve, sep } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type GeneratedFile, generateDocs } from "../../src/index.js";
import { brokenLinks } from "../support/markdown.js";
import { expectGoldenFiles } from "./support.js";

const root = resolve(import.meta.dirname, "../..");
const specs = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => join(dir, f));
const docsFixtures = specs(join(root, "test", "fixtures", "docs"));
const clientFixtures = specs(join(root, "test", "fixtures"));

const outputs = new Map<string, GeneratedFile[]>();

beforeAll(async () => {
  for (const input of [...docsFixtures, ...clientFixtures])
    outputs.set(input, await generateDocs({ input, output: "unused" }));
});

const nameOf = (input: string): string => basename(input).replace(/\.[^.]+$/, "");

describe.each(docsFixtures.map((f) => [nameOf(f), f] as const))("docs fixture %s", (name, input) => {
  it("matches the golden pages", async () => {
    const files = outputs.get(input) ?? [];
    expectGoldenFiles(join(root, "test", "golden", "docs", name), ["MANIFEST.txt", ...files.map((f) => f.path)]);
    await expect(files.map((f) => f.path).join("\n")).toMatchFileSnapshot(join("docs", name, "MANIFEST.txt"));
    for (const file of files) await expect(file.content).toMatchFileSnapshot(join("docs", name, file.path));
  });

  it("has no stale golden pages", () => {
    const dir = join(root, "test", "golden", "docs", name);
    const onDisk = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name !== "MANIFEST.txt")
      .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join("/"))
      .sort();
    expect(onDisk, "delete golden pages that are not generated any more").toEqual(
      (outputs.get(input) ?? []).map((f) => f.path),
    );
  });

  it("is deterministic: a second generation gives the same bytes", async () => {
    expect(await generateDocs({ input, output: "unused" })).toEqual(outputs.get(input));
  });
});

describe.each([...docsFixtures, ...clientFixtures].map((f) => [basename(f), f] as const))(
  "docs of %s",
  (_name, input) => {
    it("every relative link resolves to an existing page and anchor", () => {
      const files = outputs.get(input) ?? [];
      expect(files.length).toBeGreaterThan(0);
      expect(brokenLinks(new Map(files.map((f) => [f.path, f.content])))).toEqual([]);
    });
  },
);
