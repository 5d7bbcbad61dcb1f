import { describe, expect, it } from "vitest";
import { writeNamedType } from "../../src/emit/ts/models.js";
import type { ClientModel } from "../../src/emit/ts/names.js";
import { type TypeUsage, writeType } from "../../src/emit/ts/type-printer.js";
import { render } from "../../src/emit/ts/writer.js";
import { modelOf, spec3 } from "../helpers.js";

function scopeOf(model: ClientModel, usage: TypeUsage = "model") {
  const byId = new Map(model.types.map((t) => [t.id, t]));
  return {
    nameOf: (id: string) => byId.get(id)?.name ?? "?",
    lookup: (id: string) => byId.get(id),
    use: () => {},
    usage,
    int64: "number" as const,
  };
}

/** The TypeScript type written for schema `T` (one line, whitespace folded). */
function typeOf(schema: unknown, others: Record<string, unknown> = {}, version = "3.0.3"): string {
  const model = modelOf(spec3({ schemas: { T: schema, ...others }, version }));
  const t = model.types.find((x) => x.originalName === "T");
  if (!t) throw new Error("no T");
  return render((w) => writeType(w, t.type, scopeOf(model)))
    .replace(/\s+/g, " ")
    .trim();
}

describe("schema -> type (3.0)", () => {
  it.each<[string, unknown, string]>([
    ["string", { type: "string" }, "string"],
    ["integer", { type: "integer", format: "int64" }, "number"],
    ["number", { type: "number" }, "number"],
    ["boolean", { type: "boolean" }, "boolean"],
    ["binary", { type: "string", format: "binary" }, "Blob"],
    ["nullable", { type: "string", nullable: true }, "string | null"],
    ["string enum", { type: "string", enum: ["a", "b"] }, '"a" | "b"'],
    ["integer enum", { type: "integer", enum: [1, 2] }, "1 | 2"],
    ["mixed enum with null", { enum: ["a", 1, null] }, '"a" | 1 | null'],
    ["nullable enum", { type: "string", enum: ["a"], nullable: true }, '"a" | null'],
    ["empty-string enum", { type: "string", enum: [""] }, '""'],
    ["array", { type: "array", items: { type: "string" } }, "string[]"],
    [
      "array of union",
      { type: "array", items: { oneOf: [{ type: "string" }, { type: "number" }] } },
      "(string | number)[]",
    ],
    ["untyped", {}, "unknown"],
    ["free object", { type: "object" }, "{ [key: string]: unknown }"],
    ["map", { type: "object", additionalProperties: { type: "integer" } }, "{ [key: string]: number }"],
    ["map true", { type: "object", additionalProperties: true }, "{ [key: string]: unknown }"],
    ["closed empty", { type: "object", additionalProperties: false }, "Record<string, never>"],
    [
      "object",
      { type: "object", required: ["a"], properties: { a: { type: "string" }, "b-c": { type: "number" } } },
      '{ a: string; "b-c"?: number; }',
    ],
    [
      "object + typed additional",
      { type: "object", properties: { a: { type: "string" } }, additionalProperties: { type: "number" } },
      "{ a?: string; } & { [key: string]: number }",
    ],
    ["oneOf", { oneOf: [{ type: "string" }, { $ref: "#/components/schemas/O" }] }, "string | O"],
    ["anyOf", { anyOf: [{ type: "string" }, { type: "string", enum: ["x"] }] }, 'string | "x"'],
    [
      "allOf",
      { allOf: [{ $ref: "#/components/schemas/O" }, { type: "object", properties: { z: { type: "string" } } }] },
      "O & { z?: string; }",
    ],
    ["allOf + nullable", { allOf: [{ $ref: "#/components/schemas/O" }], nullable: true }, "O | null"],
    ["ref", { $ref: "#/components/schemas/O" }, "O"],
    [
      "object with oneOf",
      { type: "object", properties: { k: { type: "string" } }, oneOf: [{ $ref: "#/components/schemas/O" }] },
      "{ k?: string; } & O",
    ],
  ])("%s", (_name, schema, expected) => {
    expect(typeOf(schema, { O: { type: "object", properties: { o: { type: "string" } } } })).toBe(expected);
  });
});

describe("discriminators", () => {
  const cat = {
    type: "object",
    required: ["kind"],
    properties: { kind: { type: "string" }, meow: { type: "boolean" } },
  };
  const dog = { type: "object", required: ["kind"], properties: { kind: { type: "string", enum: ["dog"] } } };
  it.each<[string, unknown, string]>([
    [
      "with mapping",
      {
        oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }],
        discriminator: { propertyName: "kind", mapping: { c: "#/components/schemas/Cat", kitty: "Cat" } },
      },
      'Cat & { kind: "c" | "kitty" } | Dog',
    ],
    [
      "without mapping: the schema name",
      {
        oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }],
        discriminator: { propertyName: "kind" },
      },
      'Cat & { kind: "Cat" } | Dog',
    ],
  ])("%s", (_name, schema, expected) => {
    expect(typeOf(schema, { Cat: cat, Dog: dog })).toBe(expected);
  });
});

describe("schema -> type (3.1)", () => {
  it.each<[string, unknown, string]>([
    ["type array", { type: ["string", "null"] }, "string | null"],
    ["null type", { type: "null" }, "null"],
    ["const", { const: "fixed" }, '"fixed"'],
    [
      "prefixItems",
      { type: "array", prefixItems: [{ type: "string" }, { type: "number" }], items: false },
      "[string, number]",
    ],
    [
      "prefixItems + rest",
      { type: "array", prefixItems: [{ type: "string" }], items: { type: "boolean" } },
      "[string, ...boolean[]]",
    ],
    ["contentMediaType", { type: "string", contentMediaType: "image/png" }, "Blob"],
    ["boolean schema", true, "unknown"],
  ])("%s", (_name, schema, expected) => {
    expect(typeOf(schema, {}, "3.1.0")).toBe(expected);
  });
});

describe("named types", () => {
  it("recursive schemas terminate and reference themselves", () => {
    const model = modelOf(
      spec3({
        schemas: {
          Node: {
            type: "object",
            properties: { children: { type: "array", items: { $ref: "#/components/schemas/Node" } } },
          },
        },
      }),
    );
    const text = render((w) => writeNamedType(w, model.types[0]!, scopeOf(model)));
    expect(text).toBe("export interface Node {\n  children?: Node[];\n}\n");
  });

  it("mutually recursive schemas", () => {
    const model = modelOf(
      spec3({
        schemas: {
          A: { type: "object", properties: { b: { $ref: "#/components/schemas/B" } } },
          B: { type: "object", properties: { a: { $ref: "#/components/schemas/A" } } },
        },
      }),
    );
    expect(model.types.map((t) => t.name)).toEqual(["A", "B"]);
  });

  it("names a referenced non-component schema once", () => {
    const model = modelOf(
      spec3({
        schemas: {
          A: {
            type: "object",
            properties: { x: { $ref: "#/components/schemas/A/properties/y" }, y: { type: "string" } },
          },
        },
      }),
    );
    expect(model.types.map((t) => [t.originalName, t.name])).toEqual([
      ["A", "A"],
      ["y", "Y"],
    ]);
  });

  it("writes JSDoc from description, default, examples, deprecated", () => {
    const model = modelOf(
      spec3({
        schemas: {
          T: {
            type: "object",
            description: "A thing. */ injected",
            deprecated: true,
            properties: { n: { type: "integer", description: "Count", default: 3, example: 4, minimum: 0 } },
          },
        },
      }),
    );
    const text = render((w) => writeNamedType(w, model.types[0]!, scopeOf(model)));
    expect(text).toBe(
      [
        "/**",
        " * A thing. *\\/ injected",
        " *",
        " * @deprecated",
        " */",
        "export interface T {",
        "  /**",
        "   * Count",
        "   *",
        "   * @minimum 0",
        "   * @default 3",
        "   * @example 4",
        "   */",
        "  n?: number;",
        "}",
        "",
      ].join("\n"),
    );
  });

  it.each([
    ["its own format", { type: "string", format: "uuid" }, "@format uuid"],
    ["a nullable one's", { type: "string", format: "date-time", nullable: true }, "@format date-time"],
    ["an enum's (the type cannot carry it)", { type: "integer", format: "int32", enum: [1, 2] }, "@format int32"],
    ["a lone allOf member's (the type it is)", { allOf: [{ type: "string", format: "date" }] }, "@format date"],
    ["a lone oneOf member's", { oneOf: [{ type: "number", format: "float" }] }, "@format float"],
    ["none for a Blob", { type: "string", format: "binary" }, undefined],
    ["none without one", { type: "string" }, undefined],
  ])("a property's JSDoc shows %s format", (_, schema, expected) => {
    const model = modelOf(spec3({ schemas: { T: { type: "object", properties: { p: schema } } } }));
    const text = render((w) => writeNamedType(w, model.types[0]!, scopeOf(model)));
    expect(text.match(/@format \S+/)?.[0]).toBe(expected);
  });

  it("omits readOnly properties from requests and writeOnly ones from responses", () => {
    const model = modelOf(
      spec3({
        schemas: {
          T: {
            type: "object",
            properties: {
              id: { type: "string", readOnly: true },
              secret: { type: "string", writeOnly: true },
              name: { type: "string" },
            },
          },
        },
      }),
    );
    const t = model.types[0]!;
    const print = (usage: TypeUsage) =>
      render((w) => writeType(w, t.type, scopeOf(model, usage)))
        .replace(/\s+/g, " ")
        .trim();
    expect(print("request")).toBe("{ secret?: string; name?: string; }");
    expect(print("response")).toBe("{ id?: string; name?: string; }");
    const ref = { kind: "ref", target: t.id } as const;
    const printRef = (usage: TypeUsage) => render((w) => writeType(w, ref, scopeOf(model, usage)));
    expect(printRef("request")).toBe("TInput");
    expect(printRef("response")).toBe("TOutput");
    expect(printRef("model")).toBe("T");
  });

  it("gives every type that reaches a readOnly/writeOnly property request and response variants", () => {
    const model = modelOf(
      spec3({
        schemas: {
          Order: {
            type: "object",
            properties: {
              items: { type: "array", items: { $ref: "#/components/schemas/Item" } },
              note: { type: "string" },
            },
          },
          Item: {
            type: "object",
            required: ["id"],
            properties: { id: { type: "string", readOnly: true }, qty: { type: "integer" } },
          },
          Plain: { type: "object", properties: { a: { type: "string" } } },
        },
      }),
    );
    expect(model.types.map((t) => [t.name, t.variants])).toEqual([
      ["Order", { input: "OrderInput" }],
      ["Item", { input: "ItemInput" }],
      ["Plain", undefined],
    ]);
    const text = model.types.map((t) => render((w) => writeNamedType(w, t, scopeOf(model)))).join("\n");
    expect(text).toContain("export interface OrderInput {\n  items?: ItemInput[];");
    expect(text).toContain("export interface ItemInput {\n  qty?: number;\n}");
  });
});

describe("alias cycles", () => {
  it.each<[string, Record<string, unknown>, Record<string, string>]>([
    [
      "self union",
      { A: { anyOf: [{ $ref: "#/components/schemas/A" }, { type: "string" }] } },
      { A: "unknown | string" },
    ],
    [
      "two aliases",
      { A: { $ref: "#/components/schemas/B" }, B: { $ref: "#/components/schemas/A" } },
      { A: "unknown", B: "A" },
    ],
    [
      "through an array (kept)",
      { A: { oneOf: [{ type: "array", items: { $ref: "#/components/schemas/A" } }, { type: "string" }] } },
      { A: "A[] | string" },
    ],
  ])("%s", (_name, schemas, expected) => {
    const model = modelOf(spec3({ schemas }));
    const printed = Object.fromEntries(
      model.types.map((t) => [t.name, render((w) => writeType(w, t.type, scopeOf(model)))]),
    );
    expect(printed).toEqual(expected);
  });
});

describe("discriminator on a base schema extended through allOf", () => {
  it("pins the child's property to its mapping value, or else its schema name", () => {
    const model = modelOf(
      spec3({
        schemas: {
          Pet: {
            type: "object",
            required: ["petType"],
            properties: { petType: { type: "string" } },
            discriminator: { propertyName: "petType", mapping: { kitty: "#/components/schemas/Cat" } },
          },
          Cat: {
            allOf: [
              { $ref: "#/components/schemas/Pet" },
              { type: "object", properties: { meow: { type: "boolean" } } },
            ],
          },
          Dog: { allOf: [{ $ref: "#/components/schemas/Pet" }] },
        },
      }),
    );
    const printed = Object.fromEntries(
      model.types.map((t) => [
        t.name,
        render((w) => writeType(w, t.type, scopeOf(model)))
          .replace(/\s+/g, " ")
          .trim(),
      ]),
    );
    expect(printed.Cat).toBe('Pet & { meow?: boolean; } & { petType: "kitty"; }');
    expect(printed.Dog).toBe('Pet & { petType: "Dog"; }');
  });
});

describe("x-nullable", () => {
  it("is honoured like nullable in 3.0 and 3.1", () => {
    expect(typeOf({ type: "string", "x-nullable": true })).toBe("string | null");
    expect(typeOf({ type: "string", "x-nullable": true }, {}, "3.1.0")).toBe("string | null");
  });
});
