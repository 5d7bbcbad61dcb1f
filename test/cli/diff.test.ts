/**
 * The CLI parts of this branch: `codegen diff` (text and JSON reports, --fail-on, usage errors, bad
 * specs) and `generate --import-extension`. Run in-process through `main` (what bin/codegen.js
 * calls), with the output captured; one test spawns the built CLI (npm test builds first).
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/index.js";
import { tempFiles } from "../helpers.js";

const root = resolve(import.meta.dirname, "../..");
const fixtures = join(root, "test", "fixtures", "diff");

async function codegen(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, stdout: out.map((l) => `${l}\n`).join(""), stderr: err.map((l) => `${l}\n`).join("") };
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(cleanups.map((c) => c()));
});

describe("codegen diff", { timeout: 60_000 }, () => {
  const base = join(fixtures, "base.yaml");

  it("prints a readable report ending with the verdict, and exits 0", async () => {
    const result = await codegen(["diff", base, join(fixtures, "param-required.yaml")]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines).toContain("Breaking changes (major):");
    expect(lines).toContain("  became-required listPets(params.query.limit): was optional, now required");
    expect(lines.at(-1)).toBe("verdict: major");
  });

  it("--json prints the report as one object", async () => {
    const result = await codegen(["diff", base, join(fixtures, "optional-param.yaml"), "--json"]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { verdict: string; summary: object; changes: object[] };
    expect(report.verdict).toBe("minor");
    expect(report.summary).toEqual({ major: 0, minor: 1, patch: 0 });
    expect(report.changes).toEqual([
      {
        severity: "minor",
        kind: "added",
        symbol: "listPets",
        path: "listPets(params.query.offset)",
        reason: "new optional property",
      },
    ]);
  });

  it("--fail-on exits 1 when the verdict reaches the level", async () => {
    expect((await codegen(["diff", base, join(fixtures, "removed-op.yaml"), "--fail-on", "major"])).code).toBe(1);
    expect((await codegen(["diff", base, join(fixtures, "optional-param.yaml"), "--fail-on", "major"])).code).toBe(0);
    expect((await codegen(["diff", base, join(fixtures, "optional-param.yaml"), "--fail-on", "minor"])).code).toBe(1);
  });

  it("usage errors exit 2", async () => {
    for (const args of [
      ["diff", base],
      ["diff", base, base, base],
      ["diff", base, base, "--fail-on", "huge"],
      ["diff", "--nope"],
    ]) {
      const result = await codegen(args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr).toMatch(/^codegen diff: /);
    }
    const help = await codegen(["diff", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("codegen diff <old-spec> <new-spec>");
  });

  it("a spec that cannot be read is a clear error (exit 1), not a stack trace", async () => {
    const result = await codegen(["diff", base, join(fixtures, "missing.yaml")]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: .*missing\.yaml/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

it("the built CLI dispatches `diff` (exit code and verdict from a real process)", async () => {
  const bin = join(root, "bin", "codegen.js");
  const args = [bin, "diff", join(fixtures, "base.yaml"), join(fixtures, "removed-type.yaml"), "--fail-on", "major"];
  const failed = await promisify(execFile)(process.execPath, args).then(
    () => undefined,
    (error: { code: number; stdout: string }) => error,
  );
  expect(failed?.code).toBe(1);
  expect(failed?.stdout).toContain("removed         Owner: type removed");
  expect(failed?.stdout.trimEnd().endsWith("verdict: major")).toBe(true);
}, 60_000);

describe("generate --import-extension", () => {
  it("spells relative imports as asked; a value other than .js, .ts or an empty string is a usage error", async () => {
    const { dir, cleanup } = await tempFiles({});
    cleanups.push(cleanup);
    const base = join(fixtures, "base.yaml");
    for (const [extension, expected] of [
      [".ts", 'from "./core/client.ts"'],
      ["", 'from "./core/client"'],
    ] as const) {
      const out = join(dir, extension === "" ? "none" : "ts");
      const result = await codegen([
        "generate",
        "--input",
        base,
        "--output",
        out,
        `--import-extension=${extension}`,
        "--quiet",
      ]);
      expect(result.stderr).toBe("");
      expect(await readFile(join(out, "index.ts"), "utf8")).toContain(expected);
    }
    const bad = await codegen(["generate", "--input", base, "--output", join(dir, "bad"), "--import-extension", "ts"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--import-extension must be ".js" or ".ts" or "" (got "ts")');
  });
});
