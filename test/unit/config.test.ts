import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { type JobConfig, loadConfig, resolveJob } from "../../src/config/index.js";
import { didYouMean } from "../../src/config/schema.js";
import { ConfigError } from "../../src/util/errors.js";

const root = resolve(import.meta.dirname, "../..");

function messageOf(job: unknown, source: Parameters<typeof resolveJob>[2] = { kind: "api" }): string {
  try {
    resolveJob(job as JobConfig, "/base", source);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("no error");
}

describe("config schema", () => {
  it("the repository's codegen.config.json is valid", async () => {
    const [job] = await loadConfig(resolve(root, "codegen.config.json"));
    expect(job).toMatchObject({ name: "openai", clientName: "OpenAI", int64: "number" });
  });

  it.each<[string, unknown, string]>([
    [
      "an unknown key",
      { input: "a", output: "b", clientname: "X" },
      'unknown key "clientname"; did you mean "clientName"?',
    ],
    [
      "a key unlike any",
      { input: "a", output: "b", colour: "red" },
      'unknown key "colour" (known keys: name, input, output,',
    ],
    ["a missing input", { output: "b" }, '"input" is missing'],
    ["a wrong type", { input: "a", output: "b", headers: { "X-A": 1 } }, "headers.X-A must be a string (got 1)"],
    ["a bad enum", { input: "a", output: "b", int64: "float" }, '"int64" must be "number" or "bigint" (got "float")'],
    [
      "a bad clientName",
      { input: "a", output: "b", clientName: "my client" },
      '"clientName" must be a PascalCase identifier (got "my client")',
    ],
    [
      "overlays not a list",
      { input: "a", output: "b", overlays: "o.yaml" },
      '"overlays" must be an array (got "o.yaml")',
    ],
  ])("%s is a ConfigError with a message", (_name, job, message) => {
    expect(messageOf(job)).toContain(message);
  });

  it("command-line jobs name the flag", () => {
    expect(messageOf({ input: "a", output: "b", clientName: "x y" }, { kind: "cli" })).toContain(
      '--client-name must be a PascalCase identifier (got "x y")',
    );
    expect(messageOf({ input: "a", output: "b", int64: "float" }, { kind: "cli" })).toContain(
      '--int64 must be "number" or "bigint"',
    );
  });

  it("resolves paths against the config's folder; URLs stay URLs", () => {
    const job = resolveJob({ input: "https://example.com/spec.yaml", output: "out", overlays: ["o.yaml"] }, "/base");
    expect(job).toMatchObject({
      input: "https://example.com/spec.yaml",
      output: "/base/out",
      overlays: ["/base/o.yaml"],
      int64: "number",
    });
  });
});

describe("didYouMean", () => {
  it.each<[string, string[], string]>([
    ["baseURL", ["baseUrl", "input"], '; did you mean "baseUrl"?'],
    ["overlay", ["overlays", "output"], '; did you mean "overlays"?'],
    ["--chek", ["--check", "--config"], '; did you mean "--check"?'],
    ["zzz", ["input", "output"], " (known keys: input, output)"],
  ])("%s", (word, known, expected) => {
    expect(didYouMean(word, known)).toBe(expected);
  });
});

describe("the config JSON Schema file", () => {
  it("is a valid draft-07 schema", async () => {
    const { readFileSync } = await import("node:fs");
    const { Ajv } = await import("ajv");
    const { configSchemaPath } = await import("../../src/config/index.js");
    const ajv = new Ajv({ strict: true });
    ajv.addKeyword({ keyword: "x-message", schemaType: "string" });
    expect(ajv.validateSchema(JSON.parse(readFileSync(configSchemaPath(), "utf8")) as object)).toBe(true);
  });
});
