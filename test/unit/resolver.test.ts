import { describe, expect, it } from "vitest";
import { nameModel } from "../../src/emit/ts/names.js";
import type { TypeExpr } from "../../src/ir/types.js";
import { convertDocument } from "../../src/parse/index.js";
import { Resolver } from "../../src/parse/resolver.js";
import { SpecError, type Warning } from "../../src/util/errors.js";
import { spec3 } from "../helpers.js";

const FILE = "/virtual/spec.json";

function resolverOf(spec: object): Resolver {
  return Resolver.fromValue(FILE, JSON.stringify(spec), spec);
}

function build(spec: object): { types: Map<string, TypeExpr>; ids: Map<string, string>; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const named = nameModel(convertDocument(resolverOf(spec), warnings));
  warnings.push(...named.warnings);
  const model = named.model;
  return {
    types: new Map(model.types.map((t) => [t.name, t.type])),
    ids: new Map(model.types.map((t) => [t.id, t.name])),
    warnings,
  };
}

describe("JSON pointers through $refs", () => {
  const spec = spec3({
    paths: {
      "/x": {
        get: {
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Envelope" } } },
            },
          },
        },
      },
    },
    schemas: {
      Envelope: {
        allOf: [
          { $ref: "#/components/schemas/Base" },
          { type: "object", properties: { kind: { type: "string" }, meow: { type: "boolean" } } },
        ],
      },
      Base: { type: "object", properties: { id: { type: "string" } } },
      Hop: { $ref: "#/components/schemas/Envelope" },
      Loop1: { $ref: "#/components/schemas/Loop2" },
      Loop2: { $ref: "#/components/schemas/Loop1" },
      Pet: {
        oneOf: [{ $ref: "#/components/schemas/Base" }, { $ref: "#/components/schemas/Envelope" }],
        discriminator: {
          propertyName: "kind",
          mapping: {
            cat: "#/paths/~1x/get/responses/200/content/application~1json/schema/allOf/1",
            base: "#/components/schemas/Base",
          },
        },
      },
    },
  });

  it("resolves a pointer whose way passes through one or more $refs, to the canonical location", () => {
    const resolver = resolverOf(spec);
    const through = resolver.resolve(
      "#/paths/~1x/get/responses/200/content/application~1json/schema/allOf/1/properties/meow",
      FILE,
      "/at",
    );
    expect(through.pointer).toBe("/components/schemas/Envelope/allOf/1/properties/meow");
    expect(through.value).toEqual({ type: "boolean" });
    const twice = resolver.resolve("#/components/schemas/Hop/allOf/0/properties/id", FILE, "/at");
    expect(twice.pointer).toBe("/components/schemas/Base/properties/id");
  });

  it("stops on a $ref cycle on the way with a located error", () => {
    const resolver = resolverOf(spec);
    expect(() => resolver.resolve("#/components/schemas/Loop1/properties", FILE, "/at")).toThrowError(SpecError);
    try {
      resolver.resolve("#/components/schemas/Loop1/properties", FILE, "/at");
    } catch (error) {
      expect((error as SpecError).message).toMatch(/chain too long or circular/);
    }
  });

  it("lets a discriminator mapping point through a $ref (the mapped type is the canonical one)", () => {
    const { types, ids, warnings } = build(spec);
    const pet = types.get("Pet");
    expect(pet?.kind).toBe("union");
    const mapping = pet?.kind === "union" ? pet.discriminator?.mapping : undefined;
    expect(mapping?.map((m) => [m.value, ids.get(m.target)])).toEqual([
      ["cat", ids.get(`${FILE}#/components/schemas/Envelope/allOf/1`)],
      ["base", "Base"],
      // Settled in parse: a member without a mapping entry is named by its schema name.
      ["Envelope", "Envelope"],
    ]);
    expect(warnings.map((w) => w.location.pointer)).toEqual(["/components/schemas/Loop1"]);
  });

  it("leaves out a mapping entry that points to nothing, with a located warning", () => {
    const broken = spec3({
      schemas: {
        Cat: { type: "object", properties: { kind: { type: "string" } } },
        Dog: { type: "object", properties: { kind: { type: "string" }, bark: { type: "boolean" } } },
        Pet: {
          oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }],
          discriminator: {
            propertyName: "kind",
            mapping: { cat: "#/components/schemas/Cat", dog: "#/components/schemas/Nope/allOf/0" },
          },
        },
        Child: { allOf: [{ $ref: "#/components/schemas/Base" }] },
        Base: { type: "object", discriminator: { propertyName: "kind", mapping: { gone: "Missing" } } },
      },
    });
    const { types, warnings } = build(broken);
    const pet = types.get("Pet");
    expect(pet?.kind === "union" ? pet.discriminator?.mapping.map((m) => m.value) : undefined).toEqual(["cat", "Dog"]);
    expect(warnings.map((w) => [w.location.file, w.location.pointer])).toEqual([
      [FILE, "/components/schemas/Pet/discriminator/mapping/dog"],
      [FILE, "/components/schemas/Base/discriminator/mapping/gone"],
    ]);
    expect(warnings[0]?.message).toMatch(
      /Discriminator mapping entry left out: \$ref "#\/components\/schemas\/Nope\/allOf\/0" points to nothing/,
    );
  });
});

describe("alias cycles broken to unknown", () => {
  it("are reported with the location of the schema holding the reference", () => {
    const { warnings } = build(
      spec3({
        schemas: {
          A: { $ref: "#/components/schemas/B" },
          B: { $ref: "#/components/schemas/A" },
          S: { anyOf: [{ $ref: "#/components/schemas/S" }, { type: "string" }] },
          Tree: {
            type: "object",
            properties: { kids: { type: "array", items: { $ref: "#/components/schemas/Tree" } } },
          },
        },
      }),
    );
    expect(warnings.map((w) => [w.location.file, w.location.pointer])).toEqual([
      [FILE, "/components/schemas/A"],
      [FILE, "/components/schemas/S"],
    ]);
    expect(warnings[0]?.message).toMatch(/Type A refers to itself through B .*typed as `unknown`/);
    expect(warnings[1]?.message).toMatch(/Type S refers to itself through itself/);
  });
});
