/**
 * Swagger 2.0 adapter (src/parse/v2): each 2.0 construct, checked on the IR (and, where the IR
 * cannot show it, on the converted 3.0 document), error locations in the original file, external
 * refs. The Swagger 2.0 specs of the external corpus go through the whole pipeline, down to a strict
 * type-check, in `npm run corpus` (scripts/lib/corpus.mjs), not here.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Operation, TypeExpr } from "../../src/ir/types.js";
import { parseSpec } from "../../src/parse/index.js";
import { lineOfPointer } from "../../src/parse/load.js";
import { Resolver } from "../../src/parse/resolver.js";
import { swagger2ToOpenApi3 } from "../../src/parse/v2/index.js";
import { joinPointer, SpecError } from "../../src/util/errors.js";
import { modelOf, statusKey, tempFiles } from "../helpers.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const FIXTURES = join(ROOT, "test", "fixtures", "swagger2");
const FILE = "/virtual/spec.json";

type Json = Record<string, unknown>;

const info = { title: "T", version: "1" };
const ok = { responses: { "204": { description: "Done" } } };

function swagger(parts: Json = {}): Json {
  return { swagger: "2.0", info, paths: {}, ...parts };
}

/** The converted OpenAPI 3.0 document. */
function converted(spec: Json): Json {
  return swagger2ToOpenApi3(Resolver.fromValue(FILE, JSON.stringify(spec), spec)).document;
}

/** The IR of the single operation `method path` of a spec. */
function op(
  operation: Json,
  options: { method?: string; path?: string; pathItem?: Json; extra?: Json } = {},
): Operation {
  const path = options.path ?? "/x";
  const model = modelOf(
    swagger({ paths: { [path]: { ...options.pathItem, [options.method ?? "post"]: operation } }, ...options.extra }),
  );
  const found = model.operations[0];
  if (!found) throw new Error("no operation");
  return found;
}

function errorOf(spec: Json): SpecError {
  try {
    modelOf(spec);
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return error as SpecError;
  }
  throw new Error("expected a SpecError");
}

const ref = (name: string): { kind: "ref"; target: string } => ({
  kind: "ref",
  target: `${FILE}#${joinPointer("/components/schemas", name)}`,
});

describe("version dispatch", () => {
  it.each([["2.0"], [2]])("reads swagger: %j", (version) => {
    const model = modelOf({ ...swagger(), swagger: version });
    expect(model.specVersion).toBe("2.0");
  });

  it.each([["1.2"], ["3.0"], [2.1]])("refuses swagger: %j with a clear SpecError", (version) => {
    const error = errorOf({ ...swagger(), swagger: version });
    expect(error.message).toMatch(/Unsupported Swagger version/);
    expect(error.location).toEqual({ file: FILE, pointer: "/swagger" });
  });
});

describe("definitions", () => {
  it("become named types in document order, with their own names", () => {
    const model = modelOf(
      swagger({ definitions: { Zebra: { type: "string" }, "v1.Pod": { type: "object" }, Apple: { type: "integer" } } }),
    );
    expect(model.types.map((t) => [t.originalName, t.name, t.id])).toEqual([
      ["Zebra", "Zebra", `${FILE}#/components/schemas/Zebra`],
      ["v1.Pod", "V1Pod", `${FILE}#/components/schemas/v1.Pod`],
      ["Apple", "Apple", `${FILE}#/components/schemas/Apple`],
    ]);
  });

  it.each<[string, Json, TypeExpr]>([
    [
      "x-nullable",
      { type: "string", "x-nullable": true },
      { kind: "union", members: [{ kind: "string" }, { kind: "null" }] },
    ],
    ["x-nullable false", { type: "string", "x-nullable": false }, { kind: "string" }],
    [
      "x-nullable beside $ref",
      { $ref: "#/definitions/B", "x-nullable": true },
      { kind: "union", members: [ref("B"), { kind: "null" }] },
    ],
    ["type: file", { type: "file" }, { kind: "blob" }],
    ["ref into a definition", { $ref: "#/definitions/B" }, ref("B")],
    ["array of refs", { type: "array", items: { $ref: "#/definitions/B" } }, { kind: "array", items: ref("B") }],
    [
      "allOf",
      { allOf: [{ $ref: "#/definitions/B" }, { type: "object", properties: { n: { type: "integer" } } }] },
      {
        kind: "intersection",
        members: [
          ref("B"),
          { kind: "object", properties: [{ name: "n", type: { kind: "integer" }, required: false, doc: {} }] },
        ],
      },
    ],
    [
      "map",
      { type: "object", additionalProperties: { $ref: "#/definitions/B" } },
      { kind: "object", properties: [], additional: ref("B") },
    ],
  ])("%s", (_, schema, expected) => {
    const model = modelOf(swagger({ definitions: { A: schema, B: { type: "string" } } }));
    expect(model.types[0]?.type).toEqual(expected);
  });

  it("converts a string discriminator to { propertyName }", () => {
    const doc = converted(
      swagger({
        definitions: { A: { type: "object", discriminator: "kind", properties: { kind: { type: "string" } } } },
      }),
    );
    expect((doc.components as Json).schemas).toMatchObject({ A: { discriminator: { propertyName: "kind" } } });
  });

  it("rewrites the refs of a (3.0-style) discriminator mapping", () => {
    const model = modelOf(
      swagger({
        definitions: {
          Shape: {
            oneOf: [{ $ref: "#/definitions/Circle" }, { $ref: "#/definitions/Square" }],
            discriminator: { propertyName: "kind", mapping: { circle: "#/definitions/Circle", square: "Square" } },
          },
          Circle: { type: "object", properties: { kind: { type: "string" } } },
          Square: { type: "object", properties: { kind: { type: "string" } } },
        },
      }),
    );
    expect(model.types[0]?.type).toMatchObject({
      kind: "union",
      discriminator: {
        property: "kind",
        mapping: [
          { value: "circle", target: ref("Circle").target },
          { value: "square", target: ref("Square").target },
        ],
      },
    });
  });

  it("rewrites refs to a place inside a definition", () => {
    const model = modelOf(
      swagger({
        definitions: {
          A: { type: "object", properties: { b: { type: "integer" } } },
          C: { $ref: "#/definitions/A/properties/b" },
        },
      }),
    );
    expect(model.types.map((t) => [t.originalName, t.type])).toEqual([
      ["A", { kind: "object", properties: [{ name: "b", type: { kind: "integer" }, required: false, doc: {} }] }],
      ["C", { kind: "ref", target: `${FILE}#/components/schemas/A/properties/b` }],
      ["b", { kind: "integer" }],
    ]);
  });

  it("copies schemas referenced outside `definitions` into components under a free name", () => {
    const spec = swagger({
      definitions: { Shape: { type: "object" }, A: { $ref: "#/x-shared/Shape" } },
      "x-shared": { Shape: { type: "string" } },
    });
    const doc = converted(spec);
    expect(Object.keys((doc.components as Json).schemas as Json)).toEqual(["Shape", "A", "Shape2"]);
    expect(modelOf(spec).types.map((t) => [t.originalName, t.name])).toEqual([
      ["Shape", "Shape"],
      ["A", "A"],
      ["Shape2", "Shape2"],
    ]);
  });

  it("leaves $ref-looking values inside examples and enums alone", () => {
    const spec = swagger({ definitions: { A: { type: "object", example: { $ref: "#/nowhere" } } } });
    expect(((converted(spec).components as Json).schemas as Json).A).toEqual({
      type: "object",
      example: { $ref: "#/nowhere" },
    });
  });
});

describe("non-body parameters", () => {
  it.each<[string, Json, string, boolean]>([
    ["query array (default csv)", { in: "query", type: "array", items: { type: "string" } }, "form", false],
    ["query csv", { in: "query", type: "array", items: { type: "string" }, collectionFormat: "csv" }, "form", false],
    [
      "query ssv",
      { in: "query", type: "array", items: { type: "string" }, collectionFormat: "ssv" },
      "spaceDelimited",
      false,
    ],
    [
      "query pipes",
      { in: "query", type: "array", items: { type: "string" }, collectionFormat: "pipes" },
      "pipeDelimited",
      false,
    ],
    [
      "query tsv (no 3.0 equivalent: csv)",
      { in: "query", type: "array", items: { type: "string" }, collectionFormat: "tsv" },
      "form",
      false,
    ],
    ["query multi", { in: "query", type: "array", items: { type: "string" }, collectionFormat: "multi" }, "form", true],
    ["query scalar", { in: "query", type: "string" }, "form", true],
    [
      "path csv",
      { in: "path", type: "array", items: { type: "string" }, collectionFormat: "csv", required: true },
      "simple",
      false,
    ],
    [
      "header pipes (no 3.0 equivalent: csv)",
      { in: "header", type: "array", items: { type: "string" }, collectionFormat: "pipes" },
      "simple",
      false,
    ],
    ["header scalar", { in: "header", type: "integer" }, "simple", false],
  ])("%s -> style %s, explode %s", (_, param, style, explode) => {
    const path = param.in === "path" ? "/x/{p}" : "/x";
    const o = op({ ...ok, parameters: [{ name: "p", ...param }] }, { method: "get", path });
    expect(o.parameters.map((p) => [p.name, p.in, p.style, p.explode])).toEqual([["p", param.in, style, explode]]);
  });

  it.each<[string, Json, TypeExpr]>([
    ["string", { type: "string" }, { kind: "string" }],
    ["integer", { type: "integer", format: "int64" }, { kind: "integer", int64: true, format: "int64" }],
    [
      "enum",
      { type: "string", enum: ["a", "b"] },
      {
        kind: "union",
        members: [
          { kind: "literal", value: "a" },
          { kind: "literal", value: "b" },
        ],
      },
    ],
    ["array of numbers", { type: "array", items: { type: "number" } }, { kind: "array", items: { kind: "number" } }],
    [
      "nested items",
      { type: "array", items: { type: "array", items: { type: "boolean", collectionFormat: "pipes" } } },
      {
        kind: "array",
        items: { kind: "array", items: { kind: "boolean" } },
      },
    ],
    [
      "x-nullable",
      { type: "string", "x-nullable": true },
      { kind: "union", members: [{ kind: "string" }, { kind: "null" }] },
    ],
  ])("moves the type keywords of a %s parameter into its schema", (_, keywords, expected) => {
    const o = op({ ...ok, parameters: [{ name: "q", in: "query", ...keywords }] }, { method: "get" });
    expect(o.parameters[0]?.type).toEqual(expected);
  });

  it("keeps default, constraints and the description as documentation, format on the type; required as given", () => {
    const o = op(
      {
        ...ok,
        parameters: [
          {
            name: "limit",
            in: "query",
            required: true,
            type: "integer",
            format: "int32",
            default: 10,
            minimum: 1,
            maximum: 100,
            description: "Page size",
          },
        ],
      },
      { method: "get" },
    );
    expect(o.parameters[0]).toMatchObject({
      required: true,
      type: { kind: "integer", format: "int32" },
      doc: { description: "Page size", default: 10, constraints: { minimum: 1, maximum: 100 } },
    });
    expect(o.parameters[0]?.doc.format).toBeUndefined();
  });

  it("carries allowEmptyValue into the converted parameter", () => {
    const doc = converted(
      swagger({
        paths: {
          "/x": { get: { ...ok, parameters: [{ name: "f", in: "query", type: "boolean", allowEmptyValue: true }] } },
        },
      }),
    );
    const get = ((doc.paths as Json)["/x"] as Json).get as Json;
    expect(get.parameters).toEqual([{ name: "f", in: "query", allowEmptyValue: true, schema: { type: "boolean" } }]);
  });

  it("merges path-level, operation-level and referenced top-level parameters, the operation overriding", () => {
    const o = op(
      {
        ...ok,
        parameters: [{ name: "limit", in: "query", required: true, type: "integer" }, { $ref: "#/parameters/Sort" }],
      },
      {
        method: "get",
        path: "/items/{id}",
        pathItem: {
          parameters: [
            { name: "id", in: "path", required: true, type: "string" },
            { name: "limit", in: "query", type: "string" },
          ],
        },
        extra: { parameters: { Sort: { name: "sort", in: "query", type: "string", enum: ["asc", "desc"] } } },
      },
    );
    expect(o.parameters.map((p) => [p.in, p.name, p.required, p.type.kind])).toEqual([
      ["path", "id", true, "string"],
      ["query", "limit", true, "integer"],
      ["query", "sort", false, "union"],
    ]);
  });
});

describe("body parameters", () => {
  it.each<[string, unknown, unknown, string[]]>([
    ["default", undefined, undefined, ["application/json"]],
    ["global consumes", undefined, ["application/xml", "application/json"], ["application/xml", "application/json"]],
    ["operation consumes", ["text/plain"], ["application/xml"], ["text/plain"]],
    ["empty operation consumes", [], ["application/xml"], ["application/json"]],
    ["duplicates", ["application/json", "application/json"], undefined, ["application/json"]],
  ])("%s -> content %j", (_, own, global, mediaTypes) => {
    const o = op(
      {
        ...ok,
        consumes: own,
        parameters: [
          { name: "pet", in: "body", required: true, description: "The pet", schema: { $ref: "#/definitions/Pet" } },
        ],
      },
      { extra: { consumes: global, definitions: { Pet: { type: "object" } } } },
    );
    expect(o.requestBody?.contents.map((c) => c.mediaType)).toEqual(mediaTypes);
    expect(o.requestBody).toMatchObject({ required: true, doc: { description: "The pet" } });
    const json = o.requestBody?.contents.find((c) => c.kind === "json");
    if (json) expect(json.type).toEqual(ref("Pet"));
    expect(o.parameters).toEqual([]);
  });

  it("reads a body parameter referenced from top-level parameters; optional by default", () => {
    const o = op(
      { ...ok, parameters: [{ $ref: "#/parameters/Body" }] },
      {
        extra: {
          parameters: { Body: { name: "body", in: "body", schema: { type: "array", items: { type: "string" } } } },
        },
      },
    );
    expect(o.requestBody).toMatchObject({
      required: false,
      contents: [{ kind: "json", type: { kind: "array", items: { kind: "string" } } }],
    });
  });

  it("lets an operation-level body replace a path-level one", () => {
    const o = op(
      { ...ok, parameters: [{ name: "b", in: "body", schema: { type: "integer" } }] },
      { pathItem: { parameters: [{ name: "a", in: "body", schema: { type: "string" } }] } },
    );
    expect(o.requestBody?.contents.map((c) => c.type)).toEqual([{ kind: "integer" }]);
  });

  it.each<[string, Json[], string]>([
    [
      "two body parameters",
      [
        { name: "a", in: "body", schema: {} },
        { name: "b", in: "body", schema: {} },
      ],
      "/paths/~1x/post/parameters/1",
    ],
    [
      "body and formData",
      [
        { name: "a", in: "body", schema: {} },
        { name: "f", in: "formData", type: "string" },
      ],
      "/paths/~1x/post/parameters/1",
    ],
  ])("refuses %s", (_, parameters, pointer) => {
    const error = errorOf(swagger({ paths: { "/x": { post: { ...ok, parameters } } } }));
    expect(error.location).toEqual({ file: FILE, pointer });
  });
});

describe("formData parameters", () => {
  const text = { name: "title", in: "formData", type: "string", required: true, description: "The title" };
  const file = { name: "upload", in: "formData", type: "file" };
  const tags = { name: "tags", in: "formData", type: "array", items: { type: "string" }, collectionFormat: "multi" };

  it.each<[string, Json[], unknown, string, string]>([
    ["plain fields", [text, tags], undefined, "application/x-www-form-urlencoded", "form"],
    ["a file field", [text, file], undefined, "multipart/form-data", "multipart"],
    ["consumes multipart", [text], ["multipart/form-data"], "multipart/form-data", "multipart"],
    ["global consumes JSON", [text], undefined, "application/x-www-form-urlencoded", "form"],
  ])("%s -> %s", (_, parameters, consumes, mediaType, kind) => {
    const o = op(
      { ...ok, consumes, parameters: [{ name: "q", in: "query", type: "string" }, ...parameters] },
      { extra: { consumes: ["application/json"] } },
    );
    expect(o.parameters.map((p) => p.name)).toEqual(["q"]);
    expect(o.requestBody?.contents.map((c) => [c.mediaType, c.kind])).toEqual([[mediaType, kind]]);
  });

  it("becomes one object schema: files as Blob, descriptions kept, required when a field is", () => {
    const o = op({ ...ok, parameters: [text, file, tags] });
    expect(o.requestBody?.required).toBe(true);
    expect(o.requestBody?.contents[0]?.type).toEqual({
      kind: "object",
      properties: [
        { name: "title", type: { kind: "string" }, required: true, doc: { description: "The title" } },
        { name: "upload", type: { kind: "blob" }, required: false, doc: { format: "binary" } },
        { name: "tags", type: { kind: "array", items: { kind: "string" } }, required: false, doc: {} },
      ],
    });
    expect(op({ ...ok, parameters: [file] }).requestBody?.required).toBe(false);
  });
});

describe("responses", () => {
  const pet = { type: "object", properties: { name: { type: "string" } } };

  it.each<[string, unknown, unknown, string[]]>([
    ["default", undefined, undefined, ["application/json"]],
    ["global produces", undefined, ["application/json", "application/xml"], ["application/json", "application/xml"]],
    ["operation produces", ["text/plain"], ["application/json"], ["text/plain"]],
  ])("%s -> content %j", (_, own, global, mediaTypes) => {
    const o = op(
      { produces: own, responses: { "200": { description: "OK", schema: pet } } },
      { method: "get", extra: { produces: global } },
    );
    expect(o.responses.map((r) => [statusKey(r.status), r.description, r.contents.map((c) => c.mediaType)])).toEqual([
      ["200", "OK", mediaTypes],
    ]);
  });

  it.each<[string, Json, string[], [string, string][]]>([
    ["no schema -> no content", { description: "Gone" }, ["application/json"], []],
    [
      "file schema -> blob",
      { description: "Bytes", schema: { type: "file" } },
      ["application/octet-stream"],
      [["application/octet-stream", "blob"]],
    ],
    [
      "file schema with JSON produces -> blob",
      { description: "Bytes", schema: { type: "file" } },
      ["application/json"],
      [["application/json", "blob"]],
    ],
    [
      "headers ignored",
      { description: "OK", headers: { "X-Rate": { type: "integer" } }, schema: { type: "string" } },
      ["application/json"],
      [["application/json", "string"]],
    ],
  ])("%s", (_, response, produces, contents) => {
    const o = op({ produces, responses: { "200": response } }, { method: "get" });
    expect(o.responses[0]?.contents.map((c) => [c.mediaType, c.type.kind])).toEqual(contents);
  });

  it("follows refs to top-level responses, keeps `default`, skips x- keys", () => {
    const o = op(
      {
        responses: {
          "200": { description: "OK" },
          "404": { $ref: "#/responses/NotFound" },
          default: { $ref: "#/responses/NotFound" },
          "x-note": "ignored",
        },
      },
      {
        method: "get",
        extra: {
          responses: { NotFound: { description: "Not found", schema: { $ref: "#/definitions/Error" } } },
          definitions: { Error: { type: "object" } },
        },
      },
    );
    expect(o.responses.map((r) => [statusKey(r.status), r.description, r.contents.map((c) => c.type)])).toEqual([
      ["200", "OK", []],
      ["404", "Not found", [ref("Error")]],
      ["default", "Not found", [ref("Error")]],
    ]);
  });
});

describe("security", () => {
  const securityDefinitions = {
    basicAuth: { type: "basic", description: "HTTP basic" },
    token: { type: "apiKey", in: "header", name: "Authorization" },
    query: { type: "apiKey", in: "query", name: "access_token" },
    oauth: {
      type: "oauth2",
      flow: "accessCode",
      authorizationUrl: "https://a/auth",
      tokenUrl: "https://a/token",
      scopes: { read: "Read" },
    },
  };

  it("maps securityDefinitions to security schemes, and global and operation security", () => {
    const model = modelOf(
      swagger({
        securityDefinitions,
        security: [{ token: [] }, { basicAuth: [], query: [] }],
        paths: { "/x": { get: { ...ok, security: [{ oauth: ["read"] }] }, put: ok } },
      }),
    );
    expect(model.securitySchemes).toEqual([
      { key: "basicAuth", scheme: { type: "http", scheme: "basic" }, description: "HTTP basic" },
      { key: "token", scheme: { type: "apiKey", in: "header", name: "Authorization" } },
      { key: "query", scheme: { type: "apiKey", in: "query", name: "access_token" } },
      { key: "oauth", scheme: { type: "oauth2" } },
    ]);
    expect(model.security).toEqual([["token"], ["basicAuth", "query"]]);
    expect(model.operations.map((o) => o.security)).toEqual([[["oauth"]], undefined]);
  });

  it.each([
    ["implicit", "implicit"],
    ["password", "password"],
    ["application", "clientCredentials"],
    ["accessCode", "authorizationCode"],
  ])("oauth2 flow %s -> %s", (flow, flows) => {
    const doc = converted(
      swagger({ securityDefinitions: { o: { type: "oauth2", flow, tokenUrl: "https://t", scopes: {} } } }),
    );
    expect(Object.keys(((doc.components as Json).securitySchemes as Record<string, Json>).o?.flows as Json)).toEqual([
      flows,
    ]);
  });
});

describe("servers", () => {
  it.each<[unknown, unknown, unknown, string[]]>([
    [undefined, "api.example.com", "/v1", ["https://api.example.com/v1"]],
    [["http", "https"], "api.example.com", undefined, ["http://api.example.com"]],
    [["wss"], "h:8080", "/", ["wss://h:8080"]],
    [undefined, "h", "v2/", ["https://h/v2"]],
    [["http"], undefined, "/api/v2/", ["/api/v2"]],
    [undefined, undefined, "/", []],
    [undefined, undefined, undefined, []],
  ])("schemes %j, host %j, basePath %j -> %j", (schemes, host, basePath, urls) => {
    const model = modelOf(swagger({ schemes, host, basePath }));
    expect(model.servers.map((s) => s.url)).toEqual(urls);
  });
});

describe("operations", () => {
  it("keeps operationId, tags, summary, description and deprecated; ignores x- paths and fields; document order", () => {
    const model = modelOf(
      swagger({
        tags: [{ name: "pets", description: "All about pets" }],
        paths: {
          "/b": {
            post: {
              ...ok,
              operationId: "createB",
              tags: ["pets", "b"],
              summary: "Make",
              description: "Makes a b",
              deprecated: true,
              "x-internal": true,
            },
            get: ok,
          },
          "x-ignored": { get: ok },
          "/a": { get: { ...ok, operationId: "getA" } },
        },
      }),
    );
    expect(model.operations.map((o) => [o.operationId, o.method, o.path, o.group, o.tags, o.doc])).toEqual([
      ["getB", "get", "/b", "b", [], {}],
      ["createB", "post", "/b", "pets", ["pets", "b"], { summary: "Make", description: "Makes a b", deprecated: true }],
      ["getA", "get", "/a", "a", [], {}],
    ]);
    expect(model.tagDescriptions).toEqual({ pets: "All about pets" });
  });

  it("never mutates the input, and is deterministic", () => {
    const spec = swagger({
      definitions: { A: { type: "object", "x-nullable": true, properties: { f: { type: "file" } } } },
      paths: {
        "/x": {
          parameters: [{ name: "q", in: "query", type: "array", items: { type: "string" } }],
          post: { ...ok, parameters: [{ name: "f", in: "formData", type: "file" }] },
          put: { responses: { "200": { description: "OK", schema: { $ref: "#/definitions/A" } } } },
        },
      },
    });
    const before = structuredClone(spec);
    const first = JSON.stringify(modelOf(spec));
    expect(spec).toEqual(before);
    expect(JSON.stringify(modelOf(structuredClone(before)))).toBe(first);
  });
});

describe("error locations point into the 2.0 document", () => {
  it.each<[string, Json, string]>([
    [
      "an invalid parameter after a body parameter",
      swagger({
        paths: { "/x": { post: { ...ok, parameters: [{ name: "b", in: "body", schema: {} }, { name: "broken" }] } } },
      }),
      "/paths/~1x/post/parameters/1",
    ],
    [
      "an invalid path-level parameter",
      swagger({ paths: { "/x": { parameters: [{ in: "query" }], get: ok } } }),
      "/paths/~1x/parameters/0",
    ],
    [
      "a bad schema in a definition",
      swagger({ definitions: { A: { type: "object", properties: { b: "nope" } } } }),
      "/definitions/A/properties/b",
    ],
    [
      "a bad body schema",
      swagger({ paths: { "/x": { post: { ...ok, parameters: [{ name: "b", in: "body", schema: 5 }] } } } }),
      "/paths/~1x/post/parameters/0/schema",
    ],
    [
      "a bad response schema",
      swagger({
        paths: {
          "/x": { get: { responses: { "200": { description: "OK", schema: { type: "array", items: [1] } } } } },
        },
      }),
      "/paths/~1x/get/responses/200/schema/items/0",
    ],
    [
      "a dangling schema ref",
      swagger({
        paths: {
          "/x": { get: { responses: { "200": { description: "OK", schema: { $ref: "#/definitions/Missing" } } } } },
        },
      }),
      "/paths/~1x/get/responses/200/schema/$ref",
    ],
    [
      "a dangling parameter ref",
      swagger({ paths: { "/x": { get: { ...ok, parameters: [{ $ref: "#/parameters/Missing" }] } } } }),
      "/paths/~1x/get/parameters/0/$ref",
    ],
  ])("%s", (_, spec, pointer) => {
    expect(errorOf(spec).location).toEqual({ file: FILE, pointer });
  });

  it("names the line of the fixture where the invalid parameter is", async () => {
    const file = join(FIXTURES, "errors", "invalid-parameter.yaml");
    const error = await parseSpec(file).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SpecError);
    const { location } = error as SpecError;
    expect(location).toEqual({ file, pointer: "/paths/~1items/post/parameters/1" });
    const text = readFileSync(file, "utf8");
    expect(text.split("\n")[(lineOfPointer(text, location.pointer) ?? 0) - 1]).toBe("        - name: broken");
  });

  it("names the external file of a bad referenced schema", async () => {
    const { dir, cleanup } = await tempFiles({
      "main.json": swagger({ definitions: { A: { $ref: "defs.json#/Bad" } } }),
      "defs.json": { Bad: { type: "object", properties: { x: 5 } } },
    });
    try {
      const error = await parseSpec(join(dir, "main.json")).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SpecError);
      expect((error as SpecError).location).toEqual({ file: join(dir, "defs.json"), pointer: "/Bad/properties/x" });
    } finally {
      await cleanup();
    }
  });
});

describe("external references", () => {
  it("reads path items, parameters, responses and schemas from other files", async () => {
    const { model } = await parseSpec(join(FIXTURES, "external", "main.yaml"));
    expect(model.types.map((t) => t.originalName)).toEqual(["Pet", "Pet2", "Tag", "Error"]);
    const [local, pet, tag] = model.types;
    expect(tag?.type).toEqual({ kind: "union", members: [{ kind: "string" }, { kind: "null" }] });
    expect(pet?.type).toMatchObject({
      kind: "object",
      properties: [{ name: "name" }, { name: "tag", type: { kind: "ref", target: tag?.id } }],
    });
    expect(local?.type).toMatchObject({ properties: [{ name: "local", type: { kind: "boolean" } }] });
    expect(
      model.operations.map((o) => [
        o.operationId,
        o.parameters.map((p) => [p.name, p.in, p.type.kind]),
        o.responses.map((r) => [statusKey(r.status), r.contents[0]?.type]),
      ]),
    ).toEqual([
      [
        "listPets",
        [["limit", "query", "integer"]],
        [["200", { kind: "array", items: { kind: "ref", target: pet?.id } }]],
      ],
      [
        "getPet",
        [["id", "path", "integer"]],
        [
          ["200", { kind: "ref", target: pet?.id }],
          ["default", { kind: "ref", target: model.types[3]?.id }],
        ],
      ],
    ]);
  });
});

describe("malformed 2.0 input", () => {
  it("an oauth2 flow named like an Object.prototype member falls back to implicit", () => {
    const model = modelOf(
      swagger({
        securityDefinitions: {
          o: { type: "oauth2", flow: "toString", authorizationUrl: "https://a.test/auth", scopes: {} },
        },
        paths: {},
      }),
    );
    expect(model.securitySchemes).toEqual([{ key: "o", scheme: { type: "oauth2" } }]);
  });

  it("a form parameter without a name is reported, not turned into a field named undefined", () => {
    expect(() =>
      modelOf(
        swagger({
          paths: {
            "/x": {
              post: { responses: { "204": { description: "x" } }, parameters: [{ in: "formData", type: "string" }] },
            },
          },
        }),
      ),
    ).toThrowError(/Invalid parameter/);
  });
});
