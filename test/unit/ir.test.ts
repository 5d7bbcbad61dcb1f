/**
 * The IR as a contract: spec in, IR out. What an operation's responses mean (roles, chosen
 * contents, event streams), settled discriminator mappings and constraints as data are decided
 * once in parse, for every target.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageTemplatesDir } from "../../src/emit/hbs/engine.js";
import { emit } from "../../src/emit/index.js";
import { emitDocs } from "../../src/emit/markdown/index.js";
import { nameModel } from "../../src/emit/ts/names.js";
import { buildModel } from "../../src/index.js";
import type { ApiModel, Operation, Status, TypeExpr } from "../../src/ir/types.js";
import { convertDocument } from "../../src/parse/index.js";
import { Resolver } from "../../src/parse/resolver.js";
import type { Warning } from "../../src/util/errors.js";
import { irOf, spec3, statusKey } from "../helpers.js";

const FIXTURES = join(import.meta.dirname, "..", "fixtures");

const json = (schema: object = { type: "object" }) => ({ "application/json": { schema } });

/** The one operation of a spec with one path, given its responses (and request body). */
function operation(responses: object, requestBody?: object): Operation {
  const op = { operationId: "op", responses, ...(requestBody ? { requestBody } : {}) };
  const model = irOf(spec3({ paths: { "/x": { post: op } } }));
  return model.operations[0] as Operation;
}

describe("IR: responses", () => {
  it.each([
    [
      "2XX are successes, the rest errors",
      { "200": { description: "", content: json() }, "404": { description: "" }, default: { description: "" } },
      [
        ["200", "success"],
        ["404", "error"],
        ["default", "error"],
      ],
    ],
    [
      "default is the success when no 2XX is declared",
      { "400": { description: "" }, default: { description: "", content: json() } },
      [
        ["400", "error"],
        ["default", "success"],
      ],
    ],
    [
      "ranges are upper-cased, default lower-cased",
      { "2xx": { description: "" }, DEFAULT: { description: "" } },
      [
        ["2XX", "success"],
        ["default", "error"],
      ],
    ],
  ])("%s", (_, responses, expected) => {
    expect(operation(responses).responses.map((r) => [statusKey(r.status), r.role])).toEqual(expected);
  });

  it.each<[string, Status | undefined]>([
    ["200", { kind: "code", code: 200 }],
    ["404", { kind: "code", code: 404 }],
    ["2XX", { kind: "range", class: 2 }],
    ["5xx", { kind: "range", class: 5 }],
    ["default", { kind: "default" }],
    ["Default", { kind: "default" }],
    ["600", undefined],
    ["20X", undefined],
    ["OK", undefined],
    ["x-ext", undefined],
  ])("status key %s -> %j (undefined: left out)", (key, expected) => {
    const op = operation({ [key]: { description: "" } });
    expect(op.responses.map((r) => r.status)).toEqual(expected === undefined ? [] : [expected]);
  });

  it("a key that is no status is left out with a warning naming it; an x- extension silently", () => {
    const warnings: Warning[] = [];
    const op = { operationId: "op", responses: { "200": { description: "" }, OK: { description: "" }, "x-a": {} } };
    const spec = spec3({ paths: { "/x": { get: op } } });
    const model = convertDocument(Resolver.fromValue("/virtual/spec.json", JSON.stringify(spec), spec), warnings);
    expect(model.operations[0]?.responses.map((r) => r.status)).toEqual([{ kind: "code", code: 200 }]);
    expect(warnings.map((w) => [w.message.slice(0, 40), w.location.pointer])).toEqual([
      ['response key "OK" is not a status code (', "/paths/~1x/get/responses/OK"],
    ]);
  });

  it.each([
    [
      "success: JSON before the rest",
      "200",
      ["text/plain", "application/octet-stream", "application/json"],
      "application/json",
    ],
    ["success: an event stream before text", "200", ["text/plain", "text/event-stream"], "text/event-stream"],
    ["success: text before bytes", "200", ["image/png", "text/csv"], "text/csv"],
    ["success: else the first declared", "200", ["image/png", "application/pdf"], "image/png"],
    ["error: JSON before text", "400", ["text/plain", "application/problem+json"], "application/problem+json"],
    ["error: text before an event stream", "400", ["text/event-stream", "text/plain"], "text/plain"],
    ["error: else the first declared", "400", ["image/png"], "image/png"],
  ])("chosen content, %s", (_, status, mediaTypes, expected) => {
    const content = Object.fromEntries(mediaTypes.map((m) => [m, { schema: { type: "string" } }]));
    const op = operation({ "200": { description: "" }, [status]: { description: "", content } });
    expect(op.responses.find((r) => statusKey(r.status) === status)?.chosen?.mediaType).toBe(expected);
  });

  it("a response without content has no chosen content", () => {
    expect(operation({ "204": { description: "" } }).responses[0]?.chosen).toBeUndefined();
  });

  it.each([
    ["no stream", { "200": { description: "", content: json() } }, undefined],
    [
      "a stream alone, data typed",
      { "200": { description: "", content: { "text/event-stream": { schema: { type: "object" } } } } },
      { beside: false, kinds: ["object"] },
    ],
    [
      "a stream beside JSON",
      { "200": { description: "", content: { ...json(), "text/event-stream": {} } } },
      { beside: true, kinds: [] },
    ],
    [
      "a stream on an error response only",
      { "200": { description: "" }, "400": { description: "", content: { "text/event-stream": {} } } },
      undefined,
    ],
  ])("event streams: %s", (_, responses, expected) => {
    const events = operation(responses).events;
    expect(events && { beside: events.beside, kinds: events.data.map((t) => t.kind) }).toEqual(expected);
  });

  it("the request body's chosen content: JSON before multipart, form, text and bytes", () => {
    const body = {
      content: {
        "text/plain": {},
        "multipart/form-data": { schema: { type: "object" } },
        "application/json": { schema: { type: "object" } },
      },
    };
    expect(operation({ "200": { description: "" } }, body).requestBody?.chosen.mediaType).toBe("application/json");
    const noJson = {
      content: { "application/octet-stream": {}, "application/x-www-form-urlencoded": { schema: { type: "object" } } },
    };
    expect(operation({ "200": { description: "" } }, noJson).requestBody?.chosen.mediaType).toBe(
      "application/x-www-form-urlencoded",
    );
  });
});

describe("IR: discriminators", () => {
  const pet = (kind: string) => ({
    type: "object",
    properties: { kind: { type: "string" }, [kind]: { type: "string" } },
  });
  it("every member that names a schema has its value: the spec's mapping, else its schema name", () => {
    const model = irOf(
      spec3({
        schemas: {
          Cat: pet("meow"),
          Dog: pet("bark"),
          Pet: {
            oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }],
            discriminator: { propertyName: "kind", mapping: { kitty: "#/components/schemas/Cat" } },
          },
        },
      }),
    );
    const pet_ = model.types.find((t) => t.originalName === "Pet");
    const byId = new Map(model.types.map((t) => [t.id, t.originalName]));
    expect(pet_?.type.kind).toBe("union");
    const discriminator = pet_?.type.kind === "union" ? pet_.type.discriminator : undefined;
    expect(discriminator?.property).toBe("kind");
    expect(discriminator?.mapping.map((m) => [m.value, byId.get(m.target)])).toEqual([
      ["kitty", "Cat"],
      ["Dog", "Dog"],
    ]);
  });
});

describe("IR: constraints and format as data", () => {
  it.each([
    [{ type: "integer", format: "int32", minimum: 0, maximum: 10 }, "int32", { minimum: 0, maximum: 10 }],
    [{ type: "string", pattern: "^a+$", minLength: 1 }, undefined, { minLength: 1, pattern: "^a+$" }],
    [{ type: "array", items: {}, uniqueItems: true, minItems: 2 }, undefined, { minItems: 2, uniqueItems: true }],
    [{ type: "number", exclusiveMinimum: true, minimum: 1 }, undefined, { minimum: 1, exclusiveMinimum: true }],
    [{ type: "string", format: "uuid" }, "uuid", undefined],
  ])("%j", (schema, format, constraints) => {
    const model = irOf(spec3({ schemas: { S: schema } }));
    const named = model.types[0];
    expect(named?.type && "format" in named.type ? named.type.format : undefined).toBe(format);
    expect(named?.doc.format).toBeUndefined();
    expect(named?.doc.constraints).toEqual(constraints);
  });

  it.each<[string, object, TypeExpr]>([
    ["a string's format", { type: "string", format: "date-time" }, { kind: "string", format: "date-time" }],
    ["a number's format", { type: "number", format: "float" }, { kind: "number", format: "float" }],
    ["an integer's format", { type: "integer", format: "int32" }, { kind: "integer", format: "int32" }],
    [
      "int64 marks the integer",
      { type: "integer", format: "int64" },
      { kind: "integer", int64: true, format: "int64" },
    ],
    ["uint64 too", { type: "integer", format: "uint64" }, { kind: "integer", int64: true, format: "uint64" }],
    ["no format, none on the type", { type: "string" }, { kind: "string" }],
    ["binary is a Blob", { type: "string", format: "binary" }, { kind: "blob" }],
    ["a non-string format is ignored", { type: "number", format: 3 }, { kind: "number" }],
    [
      "each type of a type list",
      { type: ["string", "null"], format: "uuid" },
      { kind: "union", members: [{ kind: "string", format: "uuid" }, { kind: "null" }] },
    ],
  ])("the type carries the format: %s", (_, schema, type) => {
    const model = irOf(spec3({ schemas: { S: schema }, version: "3.1.0" }));
    expect(model.types[0]?.type).toEqual(type);
  });

  it.each([
    ["carried by the type: not in the Doc", { type: "string", format: "uuid" }, undefined],
    ["an enum's: in the Doc", { type: "string", format: "uuid", enum: ["a"] }, "uuid"],
    ["a nullable one's: in the Doc", { type: "string", format: "uuid", nullable: true }, "uuid"],
    ["an object's: in the Doc", { type: "object", format: "odd" }, "odd"],
  ])("the format has one source: %s", (_, schema, format) => {
    const model = irOf(spec3({ schemas: { S: { type: "object", properties: { p: schema } } } }));
    const type = model.types[0]?.type;
    expect(type?.kind === "object" ? type.properties[0]?.doc.format : "no object").toBe(format);
  });
});

describe("IR: no target names", () => {
  const spec = spec3({
    schemas: { "pet-record": { type: "object", properties: { id: { type: "integer", readOnly: true } } } },
    paths: {
      "/pets/{id}": {
        get: {
          tags: ["pet store"],
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "200": {
              description: "",
              content: { ...json({ $ref: "#/components/schemas/pet-record" }), "text/event-stream": {} },
            },
          },
        },
      },
    },
    extra: { webhooks: { "new pet": { post: { requestBody: { content: json() }, responses: {} } } } },
    version: "3.1.0",
  });
  const model = irOf(spec);

  it("keeps the spec's names: operationId (derived from method and path when missing), schema name, tag", () => {
    expect(model.operations.map((o) => [o.operationId, o.group, o.tags])).toEqual([
      ["getPetsById", "pet store", ["pet store"]],
    ]);
    expect(model.types.map((t) => t.originalName)).toEqual(["pet-record"]);
    expect(model.webhooks.map((w) => w.name)).toEqual(["new pet"]);
  });

  it("holds no identifier, file name or other placeholder a target allocates", () => {
    const keys = new Set<string>();
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value !== null && typeof value === "object") {
        for (const [key, inner] of Object.entries(value)) {
          keys.add(key);
          walk(inner);
        }
      }
    };
    walk(model);
    for (const key of ["typeNames", "streamName", "fileName", "groups", "variants", "typeName"])
      expect(keys.has(key), key).toBe(false);
    expect(model.types.every((t) => !("name" in t))).toBe(true);
    expect(model.operations.every((o) => !("name" in o))).toBe(true);
  });
});

describe("IR: readonly, never changed after parse", () => {
  /** Freezes a value and everything it holds. */
  function deepFreeze<T>(value: T): T {
    if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
      Object.freeze(value);
      for (const child of Object.values(value)) deepFreeze(child);
    }
    return value;
  }

  it.each(["wire.yaml", "composition.yaml", "names.yaml", "int64.yaml", "swagger2.yaml"])(
    "%s: naming and both targets emit from a deeply frozen IR, byte-identical to an unfrozen one",
    async (fixture) => {
      const input = join(FIXTURES, fixture);
      const emitBoth = (model: ApiModel) => {
        const named = nameModel(model).model;
        const options = {
          source: fixture,
          baseUrl: undefined,
          int64: "bigint" as const,
          templatesDir: packageTemplatesDir(),
        };
        return [
          ...emit(named, { ...options, clientName: "Api", headers: {}, importExtension: ".js" }),
          ...emitDocs(named, options),
        ];
      };
      const frozen = deepFreeze(await buildModel(input));
      // Writing to a frozen object throws in strict-mode code (ES modules), so any mutation fails here.
      expect(emitBoth(frozen)).toEqual(emitBoth(await buildModel(input)));
    },
  );
});
