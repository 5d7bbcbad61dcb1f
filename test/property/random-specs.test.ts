/**
 * Property-based tests: random schema trees (fast-check) must give output that type-checks under
 * strict settings, or a clear CodegenError; never an internal error, never different bytes for the
 * same input. The types must also mean what the spec says (a type-level oracle compiled with the
 * samples): every `required` property is required, every optional one optional, every nullable
 * property and schema accepts `null`.
 *
 * Seed: `FC_SEED=<n>` reproduces a run (the seed is printed either way); `FC_RUNS=<factor>` scales
 * the number of runs (see seed.ts).
 */
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { CodegenError, generate, generateDocs, writeOutput } from "../../src/index.js";
import { allocatedSchemas, type SchemaRow } from "../compile/conformance-support.js";
import { freshDir, runTsc, STRICT_OPTIONS, TMP, writeJson, writeText } from "../compile/support.js";
import { brokenLinks } from "../support/markdown.js";
import { logSeed, params, runs, seedFor } from "./seed.js";

beforeAll(() => logSeed("test/property/random-specs.test.ts"));

/** Schema names that collide after sanitising, are reserved, or are not identifiers at all. */
const NAMES = [
  "Pet",
  "foo-bar",
  "foo_bar",
  "FooBar",
  "class",
  "1abc",
  "Ünïcode",
  "a.b.c",
  "Record",
  "Client",
  "x y",
  "ApiError",
  "日本",
  "constructor",
  "toString",
];
const TAGS = ["pets", "Pets", "constructor", "__proto__", "toString", "index", "../x", ""];
const PROPS = [
  "id",
  "name",
  "kind",
  "class",
  "foo-bar",
  "a/b",
  "x[]",
  "1st",
  "",
  " ",
  "__proto__",
  "constructor",
  "$ref",
];

const primitive = fc.oneof(
  fc.constant({ type: "string" }),
  fc.constant({ type: "integer", format: "int64" }),
  fc.constant({ type: "integer", format: "int64", nullable: true }),
  fc.constant({ type: "number" }),
  fc.constant({ type: "boolean" }),
  fc.constant({ type: "null" }),
  fc.constant({ type: "string", format: "binary" }),
  fc.constant({}),
  fc
    .array(fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)), { minLength: 1, maxLength: 4 })
    .map((values) => ({ enum: values })),
  fc.oneof(fc.string(), fc.integer()).map((value) => ({ const: value })),
  fc
    .constantFrom(...NAMES)
    .map((name) => ({ $ref: `#/components/schemas/${name.replaceAll("~", "~0").replaceAll("/", "~1")}` })),
);

const refTo = (name: string) => ({ $ref: `#/components/schemas/${name.replaceAll("~", "~0").replaceAll("/", "~1")}` });

/** `$ref` properties, plain and nullable in the 3.0 and 3.1 forms: the oracle's main subjects. */
const refProperty = fc.oneof(
  fc.constantFrom(...NAMES).map(refTo),
  fc.constantFrom(...NAMES).map((name) => ({ allOf: [refTo(name)], nullable: true })),
  fc.constantFrom(...NAMES).map((name) => ({ oneOf: [refTo(name), { type: "null" }] })),
  fc.constantFrom(...NAMES).map((name) => ({ type: "array", items: refTo(name) })),
);

const { schema } = fc.letrec<{ schema: unknown }>((tie) => ({
  schema: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    primitive,
    fc.record({ type: fc.constant("array"), items: tie("schema") }),
    fc
      .record({
        properties: fc.dictionary(
          fc.constantFrom(...PROPS),
          fc
            .tuple(fc.oneof(tie("schema"), refProperty), fc.constantFrom({}, { readOnly: true }, { writeOnly: true }))
            .map(([s, flags]) => (typeof s === "object" && s !== null ? { ...s, ...flags } : s)),
          { maxKeys: 4 },
        ),
        required: fc.subarray(PROPS),
        additionalProperties: fc.oneof(fc.constant(undefined), fc.boolean(), tie("schema")),
        nullable: fc.boolean(),
      })
      .map((o) => ({ type: "object", ...o, additionalProperties: o.additionalProperties ?? undefined })),
    fc.record({ oneOf: fc.array(tie("schema"), { minLength: 1, maxLength: 3 }) }),
    fc.subarray(NAMES, { minLength: 1, maxLength: 3 }).map((names) => ({
      oneOf: names.map((n) => ({ $ref: `#/components/schemas/${n.replaceAll("~", "~0").replaceAll("/", "~1")}` })),
      discriminator: { propertyName: "kind", mapping: Object.fromEntries(names.map((n, i) => [`v${i}`, n])) },
    })),
    fc.record({ anyOf: fc.array(tie("schema"), { minLength: 1, maxLength: 3 }), nullable: fc.boolean() }),
    fc.record({ allOf: fc.array(tie("schema"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ type: fc.constant(["string", "null"]) }),
  ),
}));

const parameter = fc.record({
  name: fc.constantFrom(...PROPS, "X-Trace", "limit"),
  in: fc.constantFrom("query", "header", "cookie"),
  required: fc.boolean(),
  style: fc.constantFrom(undefined, "form", "spaceDelimited", "pipeDelimited", "deepObject", "simple"),
  explode: fc.constantFrom(undefined, true, false),
  schema,
});

/** `servers` lists: absolute, relative, with variables, malformed, hostile, not a list at all. */
const servers = fc.constantFrom(
  undefined,
  [],
  [{ url: "https://files.test/" }],
  [{ url: "/v2" }],
  [{ url: "beta/" }],
  [{ url: "//[bad" }],
  [{ url: "http://[" }],
  [{ url: "https://{region}.x.test", variables: { region: { default: "eu" } } }],
  [{ url: "https://x.test/\"';`${1}*/\n// z" }],
  [{ url: 5 }, { url: "https://second.test" }],
  "nope",
);

/** `encoding` entries of a body media type: every style (also invalid ones), explode, content types. */
const encoding = fc.dictionary(
  fc.constantFrom(...PROPS),
  fc
    .record({
      style: fc.constantFrom(undefined, "form", "spaceDelimited", "pipeDelimited", "deepObject", "matrix", 5),
      explode: fc.constantFrom(undefined, true, false, "yes"),
      contentType: fc.constantFrom(undefined, "application/json", "text/plain", 'x/"*/'),
    })
    .map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined))),
  { maxKeys: 3 },
);

const spec = fc
  .record({
    schemas: fc.record(Object.fromEntries(NAMES.map((n) => [n, schema])) as Record<string, fc.Arbitrary<unknown>>),
    body: schema,
    response: schema,
    parameters: fc.uniqueArray(parameter, { maxLength: 4, selector: (p) => `${p.in}:${p.name}` }),
    tags: fc.subarray(TAGS, { maxLength: 2 }),
    scheme: fc.constantFrom("bearer", "constructor", "__proto__", "toString"),
    mediaTypes: fc.subarray(
      [
        "application/json",
        "multipart/form-data",
        "application/x-www-form-urlencoded",
        "text/plain",
        "application/octet-stream",
      ],
      { minLength: 1 },
    ),
    version: fc.constantFrom("3.0.3", "3.1.0"),
    rootServers: servers,
    itemServers: servers,
    opServers: servers,
    encoding,
  })
  .map(
    ({
      schemas,
      body,
      response,
      parameters,
      tags,
      scheme,
      mediaTypes,
      version,
      rootServers,
      itemServers,
      opServers,
      encoding,
    }) => ({
      openapi: version,
      info: { title: "Random", version: "1" },
      ...(rootServers === undefined ? {} : { servers: rootServers }),
      paths: {
        "/things/{id}": {
          ...(itemServers === undefined ? {} : { servers: itemServers }),
          post: {
            ...(opServers === undefined ? {} : { servers: opServers }),
            operationId: "makeThing",
            tags,
            security: [{ [scheme]: [] }],
            parameters: [
              { name: "id", in: "path", required: true, schema: { type: "string" } },
              ...parameters.map((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined))),
            ],
            requestBody: {
              required: true,
              content: Object.fromEntries(mediaTypes.map((m) => [m, { schema: body, encoding }])),
            },
            responses: { "200": { description: "ok", content: { "application/json": { schema: response } } } },
          },
        },
      },
      tags: tags.map((name) => ({ name, description: `About ${name}` })),
      components: { schemas, securitySchemes: { [scheme]: { type: "http", scheme: "bearer" } } },
    }),
  );

const root = join(TMP, "property");

async function generateFrom(doc: object, dir: string, int64: "number" | "bigint" = "number") {
  writeJson(join(dir, "spec.json"), doc);
  return generate({ input: join(dir, "spec.json"), output: join(dir, "out"), int64 });
}

/** Whether a schema of the generators above accepts `null`, as far as it can tell without doubt. */
function acceptsNull(schema: unknown, schemas: Record<string, unknown>, seen: Set<string> = new Set()): boolean {
  if (typeof schema !== "object" || schema === null) return false;
  const s = schema as Record<string, unknown>;
  if (typeof s.$ref === "string") {
    const name = decodeURIComponent(s.$ref.replace("#/components/schemas/", ""))
      .replaceAll("~1", "/")
      .replaceAll("~0", "~");
    if (seen.has(name)) return false;
    return acceptsNull(schemas[name], schemas, new Set([...seen, name]));
  }
  if (s.nullable === true || s.type === "null" || (Array.isArray(s.type) && s.type.includes("null"))) return true;
  if (Array.isArray(s.enum) && s.enum.includes(null)) return true;
  if (Object.keys(s).every((key) => key === "readOnly" || key === "writeOnly")) return true; // `{}`: unknown
  // A discriminated union's members are objects: a nullable member adds nothing but `never`.
  if (s.discriminator !== undefined) return false;
  for (const key of ["oneOf", "anyOf"]) {
    if (Array.isArray(s[key]) && s[key].some((member: unknown) => acceptsNull(member, schemas, seen))) return true;
  }
  return false;
}

/**
 * The type-level oracle of one sample: for every object schema of `components.schemas`, each
 * `required` property must be required in our type and every other one optional, and each
 * property (and schema) that accepts `null` in the spec must accept it in the type.
 */
function typeOracle(schemas: Record<string, unknown>, rows: SchemaRow[]): { text: string; count: number } {
  const out = [
    "// Generated by test/property/random-specs.test.ts: what the types must mean.",
    'import type * as M from "./out/models.js";',
    // Not `{} extends Pick<T, K>`: `{}` has Object's members, so a `constructor` key would look optional.
    "export type IsRequired<T, K extends keyof T> = Pick<T, K> extends Required<Pick<T, K>> ? true : false;",
    "export type AcceptsNull<T> = null extends T ? true : false;",
    "export type Not<T extends boolean> = T extends true ? false : true;",
    "export type Assert<T extends true> = T;",
    "",
  ];
  let count = 0;
  const add = (line: string): void => {
    out.push(`export type A${count++} = ${line};`);
  };
  for (const { original, ours } of rows) {
    const schema = schemas[original] as Record<string, unknown> | undefined;
    if (schema === undefined) continue;
    if (acceptsNull(schema, schemas, new Set([original])))
      add(`Assert<AcceptsNull<M.${ours}>> // ${JSON.stringify(original)}`);
    if (schema.type !== "object" || typeof schema.properties !== "object" || schema.properties === null) continue;
    const required = new Set(schema.required as string[]);
    const type = `NonNullable<M.${ours}>`;
    for (const [name, property] of Object.entries(schema.properties as Record<string, unknown>)) {
      const key = JSON.stringify(name);
      add(
        `Assert<${required.has(name) ? "" : "Not<"}IsRequired<${type}, ${key}>${required.has(name) ? "" : ">"}> // ${JSON.stringify(original)}`,
      );
      if (acceptsNull(property, schemas)) add(`Assert<AcceptsNull<${type}[${key}]>>`);
    }
  }
  out.push("");
  return { text: out.join("\n"), count };
}

describe("random specs", () => {
  it("generation never fails with an internal error and is deterministic", async () => {
    freshDir(join(root, "fast"));
    await fc.assert(
      fc.asyncProperty(spec, async (doc) => {
        try {
          const a = await generateFrom(doc, join(root, "fast"));
          const b = await generateFrom(doc, join(root, "fast"));
          expect(b).toEqual(a);
        } catch (error) {
          if (!(error instanceof CodegenError)) throw error;
        }
      }),
      params(1, 60),
    );
  });

  it("the output of random specs type-checks under strict settings, and its types mean the spec", async () => {
    freshDir(root);
    const samples = fc.sample(spec, { numRuns: runs(40), seed: seedFor(2) });
    const entries: string[] = [];
    let assertions = 0;
    for (const [i, doc] of samples.entries()) {
      const dir = join(root, `s${i}`);
      try {
        const files = await generateFrom(doc, dir, i % 2 === 0 ? "number" : "bigint");
        await writeOutput(join(dir, "out"), files);
        entries.push(`s${i}/out/index.ts`);
        const oracle = typeOracle(
          doc.components.schemas,
          await allocatedSchemas({ input: join(dir, "spec.json"), output: join(dir, "out") }),
        );
        if (oracle.count > 0) {
          writeText(join(dir, "oracle.ts"), oracle.text);
          entries.push(`s${i}/oracle.ts`);
          assertions += oracle.count;
        }
      } catch (error) {
        if (!(error instanceof CodegenError)) throw error;
      }
    }
    expect(entries.length).toBeGreaterThan(samples.length / 2);
    expect(assertions, "the oracle must check something").toBeGreaterThan(samples.length);
    writeJson(join(root, "tsconfig.json"), {
      compilerOptions: { ...STRICT_OPTIONS, module: "NodeNext", moduleResolution: "NodeNext" },
      files: entries,
    });
    const result = await runTsc(["-p", join(root, "tsconfig.json")]);
    expect(result.output).toBe("");
  }, 120_000);
});

describe("random specs, Markdown reference", () => {
  it("never fails with an internal error, is deterministic, and every relative link resolves", async () => {
    freshDir(join(root, "docs"));
    const input = join(root, "docs", "spec.json");
    await fc.assert(
      fc.asyncProperty(spec, async (doc) => {
        writeJson(input, doc);
        try {
          const a = await generateDocs({ input, output: join(root, "docs", "out") });
          const b = await generateDocs({ input, output: join(root, "docs", "out") });
          expect(b).toEqual(a);
          expect(brokenLinks(new Map(a.map((f) => [f.path, f.content])))).toEqual([]);
        } catch (error) {
          if (!(error instanceof CodegenError)) throw error;
        }
      }),
      params(3, 40),
    );
  }, 120_000);
});
