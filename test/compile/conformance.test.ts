/**
 * Type conformance against a third party: for every component schema of `spec/openai.yaml`, the
 * type we export from `generated/openai/models.ts` must match openapi-typescript's
 * `components["schemas"][name]`, checked three ways by the native tsc (strict):
 *
 * - `ours_to_theirs` / `theirs_to_ours`: assignability each way (tsc's message says what differs);
 * - `identical`: TypeScript's identity relation, which also catches what mutual assignability
 *   misses (a property optional on one side and absent on the other, `readonly`, ...).
 *
 * openapi-typescript is configured (and its input normalised) to model the spec the way Codegen
 * deliberately does; see OPENAPI_TS_OPTIONS and normaliseSpec. What still may differ is listed in
 * ALLOW_LIST, each entry with its reason; an allow-listed schema that starts to conform fails the
 * test, so the list stays honest. A real bug in our output must be fixed, never allow-listed.
 *
 * Files: test/.tmp/conformance/{openapi-typescript.ts, check.ts, tsconfig.json} (gitignored).
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import openapiTS, { astToString, type OpenAPI3, type OpenAPITSOptions } from "openapi-typescript";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildModel, loadConfig, nameModel, type ClientModel, type ResolvedJob } from "../../src/index.js";
import { pascalCase } from "../../src/util/case.js";
import { configPath, freshDir, ROOT, runTsc, STRICT_OPTIONS, TIMEOUT_MS, TMP, writeJson, writeText } from "./support.js";

const SPEC = join(ROOT, "spec", "openai.yaml");
const OUTPUT = join(ROOT, "generated", "openai");
const DIR = join(TMP, "conformance");

/**
 * Schemas whose types must differ between the two generators, with the reason. Keep it empty unless
 * the difference is a legitimate modelling choice that cannot be expressed through
 * OPENAPI_TS_OPTIONS or normaliseSpec.
 */
const ALLOW_LIST: Readonly<Record<string, string>> = {
  // (none: every difference found so far is a modelling choice normalised below)
};

type Check = "ours_to_theirs" | "theirs_to_ours" | "identical";

/** How many times each normalisation fired; each must still be needed (> 0), or be removed. */
const fired = { nullableRef: 0, binaryAsBlob: 0 };

const BLOB = ts.factory.createTypeReferenceNode("Blob");
const NULL = ts.factory.createLiteralTypeNode(ts.factory.createNull());

/**
 * openapi-typescript's settings, chosen to model the spec as Codegen does:
 * - `defaultNonNullable: false`: by default openapi-typescript makes a property with a `default`
 *   required (a response-side reading); Codegen keeps the spec's `required` list, since request
 *   bodies may omit defaulted properties.
 * - `emptyObjectsUnknown: true`: an object schema with no properties (OpenAI's `metadata`,
 *   `x-oaiTypeLabel: map`) is `Record<string, never>` by default, which no real value satisfies;
 *   Codegen types it `{ [key: string]: unknown }`.
 * - `transform` binary -> `Blob`: openapi-typescript types `format: binary` as `string` and
 *   documents this very transform for `Blob`; Codegen uploads `Blob`s.
 * - `additionalProperties` stays `false` (its default): objects without `additionalProperties` are
 *   closed on both sides.
 */
const OPENAPI_TS_OPTIONS: OpenAPITSOptions = {
  silent: true,
  defaultNonNullable: false,
  emptyObjectsUnknown: true,
  transform(schema) {
    if (schema.format !== "binary") return undefined;
    fired.binaryAsBlob++;
    return schema.nullable === true ? ts.factory.createUnionTypeNode([BLOB, NULL]) : BLOB;
  },
};

/**
 * In OpenAPI 3.0, `$ref` ignores its siblings, so openapi-typescript drops `nullable: true` written
 * beside a `$ref` (OpenAI does this for `truncation_strategy`, `tool_choice`, `response_format`).
 * Codegen honours it on purpose (src/parse/schema.ts), as the API does return `null` there. To
 * compare the rest of those schemas, `{ $ref, nullable: true }` becomes the 3.0-conformant
 * `{ allOf: [{ $ref }], nullable: true }`, which openapi-typescript reads as `T | null`.
 */
function normaliseSpec(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) normaliseSpec(item);
  } else if (node !== null && typeof node === "object") {
    const object = node as Record<string, unknown>;
    if (typeof object.$ref === "string" && object.nullable === true) {
      object.allOf = [{ $ref: object.$ref }];
      delete object.$ref;
      fired.nullableRef++;
    }
    for (const value of Object.values(object)) normaliseSpec(value);
  }
}

interface SchemaRow {
  /** The schema's name in the spec. */
  original: string;
  /** Our exported type name. */
  ours: string;
}

/** Component schemas of the IR, by id (`…#/components/schemas/<name>`), with our allocated names. */
function componentSchemas(model: ClientModel): SchemaRow[] {
  const rows: SchemaRow[] = [];
  for (const type of model.types) {
    const match = /#\/components\/schemas\/([^/]+)$/.exec(type.id);
    if (!match) continue;
    const original = (match[1] as string).replaceAll("~1", "/").replaceAll("~0", "~");
    expect(type.originalName, `IR type ${type.id}`).toBe(original);
    rows.push({ original, ours: type.name });
  }
  return rows;
}

/** check.ts, and which schema and check each of its lines is. */
function checkFile(rows: SchemaRow[]): { text: string; lines: Map<number, { schema: string; check: Check }> } {
  const header = [
    "// Generated by test/compile/conformance.test.ts. Do not edit.",
    `import type * as Ours from "${configPath(DIR, join(OUTPUT, "models.js"))}";`,
    `import type { components } from "./openapi-typescript.js";`,
    "",
    `type Theirs = components["schemas"];`,
    "type Identical<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;",
    "type Assert<T extends true> = T;",
    "",
  ];
  const out = [...header];
  const lines = new Map<number, { schema: string; check: Check }>();
  const add = (schema: string, check: Check, line: string): void => {
    out.push(line);
    lines.set(out.length, { schema, check });
  };
  rows.forEach(({ original, ours }, i) => {
    const theirs = `Theirs[${JSON.stringify(original)}]`;
    out.push(`// ${original}`);
    add(original, "ours_to_theirs", `export function check${i}_ours_to_theirs(v: Ours.${ours}): ${theirs} { return v; }`);
    add(original, "theirs_to_ours", `export function check${i}_theirs_to_ours(v: ${theirs}): Ours.${ours} { return v; }`);
    add(original, "identical", `export type Check${i}_identical = Assert<Identical<Ours.${ours}, ${theirs}>>;`);
  });
  return { text: `${out.join("\n")}\n`, lines };
}

describe("conformance of generated/openai/models.ts with openapi-typescript", () => {
  let job: ResolvedJob;
  let rows: SchemaRow[];
  let specSchemas: string[];

  beforeAll(async () => {
    freshDir(DIR);
    const jobs = await loadConfig(join(ROOT, "codegen.config.json"));
    const found = jobs.find((j) => resolve(j.output) === OUTPUT && resolve(j.input) === SPEC);
    if (!found) throw new Error("codegen.config.json has no job generating generated/openai from spec/openai.yaml");
    job = found;

    const spec = parse(readFileSync(SPEC, "utf8")) as OpenAPI3;
    specSchemas = Object.keys(spec.components?.schemas ?? {});
    normaliseSpec(spec);
    writeText(join(DIR, "openapi-typescript.ts"), astToString(await openapiTS(spec, OPENAPI_TS_OPTIONS)));

    // The names `generate` allocates: it reserves `<clientName>Client` the same way.
    const title = (await buildModel(job.input)).title;
    const clientName = job.clientName ?? (pascalCase(title).replace(/^[0-9]+/, "") || "Api");
    rows = componentSchemas(nameModel(await buildModel(job.input), { reservedTypes: [`${clientName}Client`] }).model);
  }, TIMEOUT_MS);

  it("maps every component schema of the spec to one of our types", () => {
    expect(rows.map((r) => r.original).sort()).toEqual([...specSchemas].sort());
    expect(Object.keys(ALLOW_LIST).filter((name) => !specSchemas.includes(name)), "allow-listed schemas not in the spec").toEqual([]);
  });

  it("needs every normalisation it applies", () => {
    expect(fired.nullableRef, "no `$ref` + `nullable` left: drop normaliseSpec").toBeGreaterThan(0);
    expect(fired.binaryAsBlob, "no `format: binary` left: drop the transform").toBeGreaterThan(0);
  });

  it(
    "every schema type matches openapi-typescript's, except the allow-list",
    async () => {
      const { text, lines } = checkFile(rows);
      writeText(join(DIR, "check.ts"), text);
      const tsconfig = join(DIR, "tsconfig.json");
      writeJson(tsconfig, {
        compilerOptions: { ...STRICT_OPTIONS, module: "NodeNext", moduleResolution: "NodeNext" },
        files: ["./check.ts"],
      });
      const result = await runTsc(["-p", tsconfig]);

      const checkTs = join(DIR, "check.ts");
      const failures = new Map<string, { check: Check; text: string }[]>();
      const unexpected: string[] = [];
      for (const d of result.diagnostics) {
        const at = d.file !== undefined && resolve(ROOT, d.file) === checkTs ? lines.get(d.line) : undefined;
        if (!at) {
          unexpected.push(d.text);
          continue;
        }
        failures.set(at.schema, [...(failures.get(at.schema) ?? []), { check: at.check, text: d.text }]);
      }

      // Errors anywhere else (openapi-typescript's file, a missing export, ...) are failures as such.
      expect(unexpected.join("\n"), `tsc errors outside the checks:\n${result.output}`).toBe("");

      const notAllowed = [...failures].filter(([schema]) => !(schema in ALLOW_LIST));
      const report = notAllowed
        .map(([schema, fails]) => `${schema} [${fails.map((f) => f.check).join(", ")}]\n${fails.map((f) => f.text).join("\n")}`)
        .join("\n\n");
      expect(notAllowed.map(([schema]) => schema), `schemas that differ from openapi-typescript:\n\n${report}`).toEqual([]);

      const nowConforming = Object.keys(ALLOW_LIST).filter((schema) => !failures.has(schema));
      expect(nowConforming, "allow-listed schemas that now conform: remove them from ALLOW_LIST").toEqual([]);
      expect(result.exitCode === 0, result.output).toBe(failures.size === 0);
    },
    TIMEOUT_MS,
  );
});
