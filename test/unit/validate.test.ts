import { describe, expect, it } from "vitest";
import { validateSpec } from "../../src/parse/validate/index.js";

const info = { title: "T", version: "1" };
const ok = { "200": { description: "ok" } };

function messages(spec: unknown): { message: string; pointer: string }[] {
  return validateSpec(spec, "/spec.json").map((w) => ({ message: w.message, pointer: w.location.pointer }));
}

describe("validation against the OpenAPI schema of the spec's version", () => {
  it("a valid spec gives no warnings (2.0, 3.0, 3.1)", () => {
    expect(messages({ swagger: "2.0", info, paths: { "/a": { get: { responses: ok } } } })).toEqual([]);
    expect(messages({ openapi: "3.0.3", info, paths: { "/a": { get: { responses: ok } } } })).toEqual([]);
    expect(messages({ openapi: "3.1.0", info, paths: { "/a": { get: { responses: ok } } } })).toEqual([]);
  });

  it("3.0: says what is wrong and where, without the noise of the schema's alternatives", () => {
    const spec = {
      openapi: "3.0.3",
      info: { title: "T" },
      paths: {
        "/a": {
          get: {
            parameters: [{ name: "x", in: "body", schema: { type: "string" } }],
            responses: ok,
          },
        },
      },
      component: {},
    };
    const found = messages(spec);
    expect(found).toContainEqual({
      message: 'Not valid OpenAPI 3.0: required property "version" is missing',
      pointer: "/info",
    });
    expect(found).toContainEqual({
      message: 'Not valid OpenAPI 3.0: property "component" is not allowed here',
      pointer: "/component",
    });
    expect(
      found.some((f) => f.pointer === "/paths/~1a/get/parameters/0/in" || f.pointer === "/paths/~1a/get/parameters/0"),
    ).toBe(true);
    expect(found.some((f) => f.message.includes('"$ref" is missing'))).toBe(false);
    expect(found.some((f) => /matches none of|oneOf/.test(f.message))).toBe(false);
  });

  it("2.0 and 3.1 are checked against their own schemas", () => {
    expect(messages({ swagger: "2.0", info, paths: { "/a": { get: {} } } })).toContainEqual({
      message: 'Not valid OpenAPI 2.0: required property "responses" is missing',
      pointer: "/paths/~1a/get",
    });
    expect(
      messages({ openapi: "3.1.0", info, paths: { "/a": { get: { responses: ok } } }, webhooks: [] }),
    ).toContainEqual({
      message: "Not valid OpenAPI 3.1: must be object (got an array)",
      pointer: "/webhooks",
    });
  });

  it("repeats are grouped and the total is capped", () => {
    const paths = Object.fromEntries(
      Array.from({ length: 30 }, (_, i) => [`/p${i}`, { get: { responses: ok, [`x${i}`]: 1, [`y${i}`]: 2 } }]),
    );
    const found = messages({ openapi: "3.0.3", info, paths });
    // 60 unknown properties: three said, then one "and N more" warning.
    expect(found).toHaveLength(4);
    expect(found[3]?.message).toBe(
      'Not valid OpenAPI 3.0: property "y1" is not allowed here (and 56 more places like this one)',
    );
    const many = Object.fromEntries(
      Array.from({ length: 30 }, (_, i) => [
        `/p${i}`,
        {
          get: {
            responses: ok,
            parameters: [{ name: `n${i}`, in: "query", schema: { type: "string" }, style: `s${i}` }],
          },
        },
      ]),
    );
    expect(
      messages({ openapi: "3.0.3", info: {}, paths: many, servers: 1, tags: 2, externalDocs: 3, security: 4 }).length,
    ).toBeLessThanOrEqual(20);
  });

  it("leaves version problems to the adapters (no schema: no warnings)", () => {
    expect(messages({ openapi: "4.0.0", info, paths: {} })).toEqual([]);
    expect(messages([1, 2])).toEqual([]);
  });
});

describe("built validators (dist/validators, written by the build) and compiling at run time agree", () => {
  it.each(["2.0", "3.0", "3.1"] as const)("OpenAPI %s", async (version) => {
    const { compileSchema } = await import("../../src/parse/validate/compile.js");
    const { builtValidators } = await import("../../src/util/validators.js");
    const built = builtValidators(`openapi-${version}`) as ((doc: unknown) => boolean) & { errors?: unknown[] };
    expect(typeof built).toBe("function");
    const compiled = compileSchema(version).validate;
    const doc =
      version === "2.0"
        ? { swagger: "2.0", info: {}, paths: { "/a": { get: {} } } }
        : { openapi: `${version}.0`, info: {}, paths: { "/a": { get: { responses: {} } } }, x: 1 };
    expect(built(doc)).toBe(false);
    expect(compiled(doc)).toBe(false);
    const strip = (errors: unknown[] | null | undefined) =>
      (errors ?? []).map((e) => {
        const { schema: _s, parentSchema: _p, data: _d, ...rest } = e as Record<string, unknown>;
        return rest;
      });
    expect(strip(built.errors)).toEqual(strip(compiled.errors));
  });
});
