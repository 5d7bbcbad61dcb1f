import { describe, expect, it } from "vitest";
import { parseSpec } from "../../src/parse/index.js";
import { lineFinder, lineOfPointer, parseText } from "../../src/parse/load.js";
import { SpecError } from "../../src/util/errors.js";
import { tempFiles } from "../helpers.js";

const info = { title: "T", version: "1" };

async function parseError(files: Record<string, string | object>, entry: string): Promise<SpecError> {
  const { dir, cleanup } = await tempFiles(files);
  try {
    await parseSpec(`${dir}/${entry}`);
  } catch (error) {
    return error as SpecError;
  } finally {
    await cleanup();
  }
  throw new Error("expected parseSpec to throw");
}

describe("loading", () => {
  it("reads JSON and YAML", () => {
    expect(parseText("a.json", '{"openapi":"3.0.0"}')).toEqual({ openapi: "3.0.0" });
    expect(parseText("a.yaml", "openapi: 3.1.0\ninfo: {title: x}")).toEqual({ openapi: "3.1.0", info: { title: "x" } });
  });

  it("accepts redefined anchors and many aliases (real-world YAML)", () => {
    const yaml = "a: &x 1\nb: *x\nc: &x 2\nd: *x\n";
    expect(parseText("a.yaml", yaml)).toEqual({ a: 1, b: 1, c: 2, d: 2 });
  });

  it("reports YAML syntax errors with the line", () => {
    expect(() => parseText("bad.yaml", 'openapi: 3.0.0\ninfo:\n  title: "unclosed\n')).toThrowError(
      /Invalid YAML at line \d+/,
    );
  });

  it("reads under-indented continuation lines of quoted scalars (a real-world quirk)", () => {
    const yaml = [
      "a:",
      "  b:",
      '    description: "A list of values for ML',
      '    systems, such as SELinux."',
      '    type: "array"',
      "",
    ].join("\n");
    expect(parseText("a.yaml", yaml)).toEqual({
      a: { b: { description: "A list of values for ML systems, such as SELinux.", type: "array" } },
    });
    const single = ["k: 'it''s", "x'", "n: 1", ""].join("\n");
    expect(parseText("a.yaml", single)).toEqual({ k: "it's x", n: 1 });
  });

  it("keeps dates as strings (YAML 1.2 core schema), supports merge keys, and lets a duplicated key's last value win", () => {
    expect(parseText("a.yaml", "version: 2023-10-16\nbase: &b {x: 1}\nm:\n  <<: *b\n  y: 2\nk: 1\nk: 2\n")).toEqual({
      version: "2023-10-16",
      base: { x: 1 },
      m: { x: 1, y: 2 },
      k: 2,
    });
  });

  it("reports JSON syntax errors for .json files", () => {
    expect(() => parseText("bad.json", "{ nope")).toThrowError(/Invalid JSON/);
  });

  it("finds the line of a JSON pointer", () => {
    const text = "openapi: 3.0.0\npaths:\n  /a~b/c:\n    get:\n      operationId: x\n";
    expect(lineOfPointer(text, "/paths/~1a~0b~1c/get")).toBe(4);
    expect(lineOfPointer(text, "/nowhere")).toBe(undefined);
  });

  it("answers many pointers from one parse (warnings by the hundred stay cheap)", () => {
    const text = ["a:", ...Array.from({ length: 300 }, (_, i) => `  k${i}: ${i}`), ""].join("\n");
    const find = lineFinder(text);
    expect([0, 1, 150, 299].map((i) => find(`/a/k${i}`))).toEqual([2, 3, 152, 301]);
    expect(find("/b")).toBe(undefined);
  });
});

describe("versions", () => {
  it("refuses Swagger versions other than 2.0 with a clear message", async () => {
    const error = await parseError({ "s.json": { swagger: "1.2", info, paths: {} } }, "s.json");
    expect(error).toBeInstanceOf(SpecError);
    expect(error.message).toMatch(/Unsupported Swagger version "1.2"/);
    expect(error.location.pointer).toBe("/swagger");
  });

  it("refuses unknown versions and documents without a version", async () => {
    expect((await parseError({ s: { openapi: "4.0.0", info, paths: {} } }, "s")).message).toMatch(
      /Unsupported OpenAPI version "4.0.0"/,
    );
    expect((await parseError({ s: { info, paths: {} } }, "s")).message).toMatch(/Missing `openapi`/);
  });

  it("detects 3.0, 3.1 and 3.2", async () => {
    for (const version of ["3.0.0", "3.0.3", "3.1.0", "3.1.1", "3.2.0"]) {
      const { dir, cleanup } = await tempFiles({ "s.json": { openapi: version, info, paths: {} } });
      const { model } = await parseSpec(`${dir}/s.json`);
      expect(model.specVersion).toBe(version);
      await cleanup();
    }
  });
});

describe("OpenAPI 3.2", () => {
  const responses = { "200": { description: "OK" } };
  async function parsed(version: string, paths: object) {
    const { dir, cleanup } = await tempFiles({ "s.json": { openapi: version, info, paths } });
    try {
      return await parseSpec(`${dir}/s.json`);
    } finally {
      await cleanup();
    }
  }

  it("reads the query method in 3.2 only (it is no field of a 3.1 path item)", async () => {
    const paths = { "/search": { query: { operationId: "search", responses } } };
    expect((await parsed("3.2.0", paths)).model.operations.map((o) => [o.operationId, o.method])).toEqual([
      ["search", "query"],
    ]);
    expect((await parsed("3.1.0", paths)).model.operations).toEqual([]);
  });

  it("leaves out additionalOperations and a querystring that is not form-encoded, with located warnings", async () => {
    const { model, warnings } = await parsed("3.2.0", {
      "/a": {
        additionalOperations: { COPY: { operationId: "copyA", responses } },
        get: {
          operationId: "getA",
          parameters: [
            { name: "raw", in: "querystring", content: { "application/json": { schema: { type: "object" } } } },
          ],
          responses,
        },
      },
    });
    expect(model.operations.map((o) => [o.operationId, o.parameters.length])).toEqual([["getA", 0]]);
    expect(warnings.map((w) => [w.location.pointer, w.message])).toEqual([
      [
        "/paths/~1a/additionalOperations/COPY",
        expect.stringMatching(/"COPY" operation of \/a \(additionalOperations\) is left out/),
      ],
      ["/paths/~1a/get/parameters/0", expect.stringMatching(/Query string parameter "raw" is left out/)],
    ]);
  });
});

describe("$ref resolution", () => {
  it("resolves relative-file refs, transitively", async () => {
    const { dir, cleanup } = await tempFiles({
      "main.yaml": {
        openapi: "3.0.3",
        info,
        paths: { "/pets": { get: { responses: { "200": { $ref: "./responses.yaml#/PetList" } } } } },
      },
      "responses.yaml": {
        PetList: {
          description: "ok",
          content: { "application/json": { schema: { type: "array", items: { $ref: "schemas.json#/Pet" } } } },
        },
      },
      "schemas.json": { Pet: { type: "object", properties: { name: { type: "string" } } } },
    });
    const { model } = await parseSpec(`${dir}/main.yaml`);
    await cleanup();
    expect(model.types.map((t) => t.originalName)).toEqual(["Pet"]);
    const content = model.operations[0]?.responses[0]?.contents[0];
    expect(content?.type).toEqual({ kind: "array", items: { kind: "ref", target: model.types[0]?.id } });
  });

  it("names the file and pointer of a dangling ref", async () => {
    const error = await parseError(
      {
        "s.json": {
          openapi: "3.0.3",
          info,
          paths: {},
          components: { schemas: { A: { $ref: "#/components/schemas/Missing" } } },
        },
      },
      "s.json",
    );
    expect(error).toBeInstanceOf(SpecError);
    expect(error.message).toMatch(/points to nothing/);
    expect(error.location.file).toMatch(/s\.json$/);
    expect(error.location.pointer).toBe("/components/schemas/A/$ref");
  });

  it("fails clearly when a referenced file is missing", async () => {
    const { dir, cleanup } = await tempFiles({
      "s.json": { openapi: "3.0.3", info, paths: {}, components: { schemas: { A: { $ref: "./nope.json#/A" } } } },
    });
    await expect(parseSpec(`${dir}/s.json`)).rejects.toThrowError(/Referenced file not found: .*nope\.json/);
    await cleanup();
  });
});

describe("ref spellings", () => {
  it("a percent-encoded ref and the component it names are one type", async () => {
    const { dir, cleanup } = await tempFiles({
      "s.json": {
        openapi: "3.0.3",
        info,
        paths: {},
        components: {
          schemas: {
            "a b": { type: "string" },
            User: { type: "object", properties: { x: { $ref: "#/components/schemas/a%20b" } } },
          },
        },
      },
    });
    const { model } = await parseSpec(`${dir}/s.json`);
    await cleanup();
    expect(model.types.map((t) => t.originalName)).toEqual(["a b", "User"]);
  });
});
