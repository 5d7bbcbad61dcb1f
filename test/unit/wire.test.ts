/**
 * What the parsers read for the wire: body property encodings (style/explode) and an operation's
 * own servers, from OpenAPI 3.x and Swagger 2.0.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chooseBody } from "../../src/emit/ts/operations.js";
import { generate } from "../../src/index.js";
import type { Operation } from "../../src/ir/types.js";
import { modelOf, spec3, tempFiles } from "../helpers.js";

const ok = { responses: { "204": { description: "No content" } } };

function op3(
  operation: object,
  pathItem: object = {},
  servers: object[] = [{ url: "https://api.test/v1" }],
): Operation {
  const found = modelOf(spec3({ paths: { "/x": { ...pathItem, post: operation } }, extra: { servers } })).operations[0];
  if (!found) throw new Error("no operation");
  return found;
}

function op2(operation: object, extra: object = {}): Operation {
  const spec = {
    swagger: "2.0",
    info: { title: "T", version: "1" },
    host: "api.test",
    basePath: "/v1",
    paths: { "/x": { post: operation } },
    ...extra,
  };
  const found = modelOf(spec).operations[0];
  if (!found) throw new Error("no operation");
  return found;
}

describe("body encodings (3.x)", () => {
  const body = (mediaType: string, encoding: object) => ({
    ...ok,
    requestBody: { content: { [mediaType]: { schema: { type: "object" }, encoding } } },
  });

  it("reads style and explode, resolving each from the other", () => {
    const o = op3(
      body("multipart/form-data", {
        link: { style: "deepObject", explode: true },
        tags: { style: "form" },
        ids: { style: "pipeDelimited" },
        only: { explode: false },
        meta: { contentType: "application/json" },
        both: { contentType: "text/plain", style: "spaceDelimited", explode: true },
        nothing: { headers: {} },
      }),
    );
    expect(chooseBody(o)?.encoding).toEqual([
      { property: "link", style: "deepObject", explode: true },
      { property: "tags", style: "form", explode: true },
      { property: "ids", style: "pipeDelimited", explode: false },
      { property: "only", style: "form", explode: false },
      { property: "meta", contentType: "application/json" },
      { property: "both", contentType: "text/plain", style: "spaceDelimited", explode: true },
    ]);
  });

  it("keeps them for form bodies, ignores them for JSON", () => {
    expect(
      chooseBody(op3(body("application/x-www-form-urlencoded", { a: { style: "deepObject" } })))?.encoding,
    ).toEqual([{ property: "a", style: "deepObject", explode: false }]);
    expect(chooseBody(op3(body("application/json", { a: { style: "deepObject" } })))?.encoding).toEqual([]);
  });

  it("warns about an unknown style and encodes the property by default", async () => {
    const spec = spec3({ paths: { "/x": { post: body("multipart/form-data", { a: { style: "matrix" } }) } } });
    const { dir, cleanup } = await tempFiles({ "spec.json": spec });
    try {
      const warnings: string[] = [];
      const files = await generate(
        { input: join(dir, "spec.json"), output: join(dir, "out") },
        { onWarning: (w) => warnings.push(`${w.location.pointer}: ${w.message}`) },
      );
      // The schema validation says the spec is invalid there; the generator says what it did instead.
      expect(warnings).toEqual([
        '/paths/~1x/post/requestBody/content/multipart~1form-data/encoding/a/style: Not valid OpenAPI 3.0: must be one of "form", "spaceDelimited", "pipeDelimited", "deepObject" (got "matrix")',
        '/paths/~1x/post/requestBody/content/multipart~1form-data/encoding/a/style: Encoding style "matrix" of "a" is not one of form, spaceDelimited, pipeDelimited, deepObject; the property is encoded by default',
      ]);
      expect(files.find((f) => f.path.startsWith("api/"))?.content).not.toContain("encoding:");
    } finally {
      await cleanup();
    }
  });
});

describe("an operation's own servers (3.x)", () => {
  it("the operation's win over the path item's, variables at their defaults, trailing slash dropped", () => {
    const pathItem = { servers: [{ url: "https://item.test" }] };
    const own = [
      { url: "https://{region}.files.test/", variables: { region: { default: "eu" } }, description: "Files" },
    ];
    expect(op3({ ...ok, servers: own }, pathItem).servers).toEqual([
      { url: "https://eu.files.test", description: "Files" },
    ]);
    expect(op3(ok, pathItem).servers).toEqual([{ url: "https://item.test" }]);
    expect(op3({ ...ok, servers: [] }, pathItem).servers).toEqual([{ url: "https://item.test" }]);
  });

  it("none when there are none, or they are the API's", () => {
    expect(op3(ok).servers).toBeUndefined();
    expect(op3({ ...ok, servers: [{ url: "https://api.test/v1/" }] }).servers).toBeUndefined();
  });

  it("a relative URL is resolved against the API's first server", () => {
    expect(op3({ ...ok, servers: [{ url: "/v2" }] }).servers).toEqual([{ url: "https://api.test/v2" }]);
    expect(op3({ ...ok, servers: [{ url: "beta" }] }).servers).toEqual([{ url: "https://api.test/v1/beta" }]);
    expect(op3({ ...ok, servers: [{ url: "/v2" }] }, {}, [{ url: "/v1" }]).servers).toEqual([{ url: "/v2" }]);
  });
});

describe("Swagger 2.0", () => {
  it("an operation whose schemes leave out the API's gets its own server", () => {
    expect(op2({ ...ok, schemes: ["http"] }).servers).toEqual([{ url: "http://api.test/v1" }]);
    expect(op2({ ...ok, schemes: ["http"] }, { schemes: ["http", "https"] }).servers).toBeUndefined();
    expect(op2({ ...ok, schemes: ["http", "https"] }).servers).toBeUndefined();
    expect(op2({ ...ok, schemes: ["HTTPS"] }).servers).toBeUndefined();
    expect(op2({ ...ok, schemes: [] }).servers).toBeUndefined();
    expect(op2({ ...ok, schemes: ["http"] }, { host: undefined }).servers).toBeUndefined();
  });

  it("form arrays are encoded by their collectionFormat (csv by default)", () => {
    const formParam = (name: string, collectionFormat?: string) => ({
      name,
      in: "formData",
      type: "array",
      items: { type: "string" },
      ...(collectionFormat ? { collectionFormat } : {}),
    });
    const o = op2({
      ...ok,
      consumes: ["application/x-www-form-urlencoded"],
      parameters: [
        formParam("csv"),
        formParam("multi", "multi"),
        formParam("ssv", "ssv"),
        formParam("pipes", "pipes"),
        { name: "s", in: "formData", type: "string" },
      ],
    });
    expect(chooseBody(o)?.encoding).toEqual([
      { property: "csv", style: "form", explode: false },
      { property: "multi", style: "form", explode: true },
      { property: "ssv", style: "spaceDelimited", explode: false },
      { property: "pipes", style: "pipeDelimited", explode: false },
    ]);
  });
});
