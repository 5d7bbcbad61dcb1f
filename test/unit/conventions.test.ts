/**
 * `x-codegen-client` (the API's client conventions): read from the root of a 3.x or 2.0 document
 * (directly or through an overlay) into the IR, validated with located errors, and emitted as the
 * generated createClient's defaults, the config winning.
 */
import { describe, expect, it } from "vitest";
import { generate } from "../../src/index.js";
import { Resolver } from "../../src/parse/resolver.js";
import { swagger2ToOpenApi3 } from "../../src/parse/v2/index.js";
import { SpecError } from "../../src/util/errors.js";
import { irOf, spec3, tempFiles } from "../helpers.js";

const swagger2 = (extra: object) => ({
  swagger: "2.0",
  info: { title: "T", version: "1" },
  host: "api.example.com",
  paths: { "/x": { post: { operationId: "make", responses: { "200": { description: "ok" } } } } },
  ...extra,
});

describe("x-codegen-client", () => {
  it("3.x: its headers become the IR's conventions", () => {
    const model = irOf(
      spec3({ extra: { "x-codegen-client": { idempotencyHeader: "Idempotency-Key", requestIdHeader: "Request-Id" } } }),
    );
    expect(model.conventions).toEqual({ idempotencyHeader: "Idempotency-Key", requestIdHeader: "Request-Id" });
  });

  it("absent: no conventions", () => {
    expect(irOf(spec3({})).conventions).toBeUndefined();
  });

  it("2.0: carried through the conversion", () => {
    expect(irOf(swagger2({ "x-codegen-client": { requestIdHeader: "X-Trace" } })).conventions).toEqual({
      requestIdHeader: "X-Trace",
    });
  });

  it.each([
    ["not an object", "Idempotency-Key", "/x-codegen-client", /must be an object/],
    ["an unknown field", { idempotencyKey: "K" }, "/x-codegen-client/idempotencyKey", /has no field "idempotencyKey"/],
    [
      "a value that is no header name",
      { requestIdHeader: "Request Id\r\nX: 1" },
      "/x-codegen-client/requestIdHeader",
      /must be a header name/,
    ],
    ["a number", { requestIdHeader: 7 }, "/x-codegen-client/requestIdHeader", /must be a header name/],
  ])("%s is a located SpecError (3.x and 2.0)", (_name, value, pointer, message) => {
    for (const spec of [spec3({ extra: { "x-codegen-client": value } }), swagger2({ "x-codegen-client": value })]) {
      let error: unknown;
      try {
        irOf(spec, "/virtual/spec.json");
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SpecError);
      expect((error as SpecError).message).toMatch(message);
      expect((error as SpecError).location).toEqual({ file: "/virtual/spec.json", pointer });
    }
  });

  it("the generated createClient defaults to the spec's headers, an overlay can add them, the config wins", async () => {
    const overlay = [
      "overlay: 1.0.0",
      "info: { title: conventions, version: 1.0.0 }",
      "actions:",
      "  - target: $",
      "    update:",
      "      x-codegen-client: { idempotencyHeader: Idempotency-Key, requestIdHeader: Request-Id }",
      "",
    ].join("\n");
    const { dir, cleanup } = await tempFiles({ "spec.json": spec3({}), "o.yaml": overlay });
    try {
      const client = async (job: object) =>
        (await generate({ input: `${dir}/spec.json`, output: `${dir}/out`, ...job })).find(
          (f) => f.path === "client.ts",
        )?.content ?? "";
      expect(await client({})).not.toMatch(/idempotencyHeader|requestIdHeader/);
      const fromSpec = await client({ overlays: [`${dir}/o.yaml`] });
      expect(fromSpec).toContain('idempotencyHeader: options.idempotencyHeader ?? "Idempotency-Key",');
      expect(fromSpec).toContain('requestIdHeader: options.requestIdHeader ?? "Request-Id",');
      const fromConfig = await client({ overlays: [`${dir}/o.yaml`], requestIdHeader: "X-Req" });
      expect(fromConfig).toContain('requestIdHeader: options.requestIdHeader ?? "X-Req",');
      expect(fromConfig).toContain('idempotencyHeader: options.idempotencyHeader ?? "Idempotency-Key",');
    } finally {
      await cleanup();
    }
  });
});

it("2.0: an operation's x-codegen-* fields reach its 3.0 conversion, other x- fields do not", () => {
  const spec = swagger2({});
  const op = (spec.paths as Record<string, Record<string, Record<string, unknown>>>)["/x"]?.post ?? {};
  op["x-codegen-pagination"] = { style: "page" };
  op["x-other"] = 1;
  const { document } = swagger2ToOpenApi3(Resolver.fromValue("/virtual/spec.json", JSON.stringify(spec), spec));
  const converted = (document.paths as Record<string, Record<string, Record<string, unknown>>>)["/x"]?.post;
  expect(converted?.["x-codegen-pagination"]).toEqual({ style: "page" });
  expect(converted).not.toHaveProperty("x-other");
});
