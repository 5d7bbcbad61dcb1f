/**
 * The type-conformance check shared by conformance.test.ts (the OpenAI spec) and
 * fixture-conformance.test.ts (every fixture): the types we export from a generated `models.ts`
 * must match openapi-typescript's `components["schemas"][name]`, checked three ways by the native
 * tsc (strict):
 *
 * - `ours_to_theirs` / `theirs_to_ours`: assignability each way (tsc's message says what differs);
 * - `identical`: TypeScript's identity relation, which also catches what mutual assignability
 *   misses (a property optional on one side and absent on the other, `readonly`, ...).
 *
 * openapi-typescript is configured (and its input normalised) to model the spec the way Codegen
 * deliberately does; see openapiTsOptions and normaliseSpec.
 */
import { join, resolve } from "node:path";
import openapiTS, { astToString, type OpenAPI3, type OpenAPITSOptions } from "openapi-typescript";
import ts from "typescript";
import { buildModel, type ClientModel, type JobConfig, nameModel, type ResolvedJob } from "../../src/index.js";
import { pascalCase } from "../../src/util/case.js";
import { configPath, ROOT, runTsc, STRICT_OPTIONS, writeJson, writeText } from "./support.js";

export type Check = "ours_to_theirs" | "theirs_to_ours" | "identical";

/** How many times each normalisation fired, so that a test can insist each one is still needed. */
export interface Fired {
  nullableRef: number;
  binaryAsBlob: number;
  int64AsBigint: number;
  mappingName: number;
}

/** A Fired with every count at 0. */
export function noneFired(): Fired {
  return { nullableRef: 0, binaryAsBlob: 0, int64AsBigint: 0, mappingName: 0 };
}

const BLOB = ts.factory.createTypeReferenceNode("Blob");
const BIGINT = ts.factory.createKeywordTypeNode(ts.SyntaxKind.BigIntKeyword);
const NULL = ts.factory.createLiteralTypeNode(ts.factory.createNull());

/** `T`, or `T | null` for a 3.0 `nullable: true` schema or a 3.1 `type` list with `"null"`. */
function maybeNull(schema: { nullable?: boolean; type?: unknown }, node: ts.TypeNode): ts.TypeNode {
  const nullable = schema.nullable === true || (Array.isArray(schema.type) && schema.type.includes("null"));
  return nullable ? ts.factory.createUnionTypeNode([node, NULL]) : node;
}

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
 * - `transform` int64 -> `bigint`, only for a job generated with `int64: "bigint"`.
 * - `additionalProperties` stays `false` (its default): objects without `additionalProperties` are
 *   closed on both sides.
 */
export function openapiTsOptions(fired: Fired, job: Pick<JobConfig, "int64"> = {}): OpenAPITSOptions {
  return {
    silent: true,
    defaultNonNullable: false,
    emptyObjectsUnknown: true,
    transform(schema) {
      if (schema.format === "binary") {
        fired.binaryAsBlob++;
        return maybeNull(schema, BLOB);
      }
      if (job.int64 === "bigint" && schema.format === "int64") {
        fired.int64AsBigint++;
        return maybeNull(schema, BIGINT);
      }
      return undefined;
    },
  };
}

/**
 * In OpenAPI 3.0, `$ref` ignores its siblings, so openapi-typescript drops `nullable: true` written
 * beside a `$ref` (OpenAI does this for `truncation_strategy`, `tool_choice`, `response_format`).
 * Codegen honours it on purpose (src/parse/schema.ts), as the API does return `null` there. To
 * compare the rest of those schemas, `{ $ref, nullable: true }` becomes the 3.0-conformant
 * `{ allOf: [{ $ref }], nullable: true }`, which openapi-typescript reads as `T | null`.
 *
 * A discriminator mapping value may be a bare schema name (`dog: Dog`), which openapi-typescript's
 * bundler cannot resolve; it becomes the reference `#/components/schemas/Dog` it stands for.
 */
export function normaliseSpec(node: unknown, fired: Fired): void {
  if (Array.isArray(node)) {
    for (const item of node) normaliseSpec(item, fired);
  } else if (node !== null && typeof node === "object") {
    const object = node as Record<string, unknown>;
    if (typeof object.$ref === "string" && object.nullable === true) {
      object.allOf = [{ $ref: object.$ref }];
      delete object.$ref;
      fired.nullableRef++;
    }
    const mapping = (object.discriminator as { mapping?: Record<string, unknown> } | undefined)?.mapping;
    for (const [key, value] of Object.entries(mapping ?? {})) {
      if (typeof value !== "string" || value.includes("/") || value.includes("#") || mapping === undefined) continue;
      mapping[key] = `#/components/schemas/${value}`;
      fired.mappingName++;
    }
    for (const value of Object.values(object)) normaliseSpec(value, fired);
  }
}

export interface SchemaRow {
  /** The schema's name in the spec. */
  original: string;
  /** Our exported type name. */
  ours: string;
}

/** Component schemas of the IR, by id (`…#/components/schemas/<name>`), with our allocated names. */
export function componentSchemas(model: ClientModel): SchemaRow[] {
  const rows: SchemaRow[] = [];
  for (const type of model.types) {
    const match = /#\/components\/schemas\/([^/]+)$/.exec(type.id);
    if (!match) continue;
    const original = (match[1] as string).replaceAll("~1", "/").replaceAll("~0", "~");
    if (type.originalName !== original) throw new Error(`IR type ${type.id} has originalName ${type.originalName}`);
    rows.push({ original, ours: type.name });
  }
  return rows;
}

/** The component schemas with the type names `generate` allocates (it reserves `<clientName>Client`). */
export async function allocatedSchemas(job: JobConfig | ResolvedJob): Promise<SchemaRow[]> {
  return componentSchemas(await namedModel(job));
}

/** The IR with the TypeScript names `generate` gives it (it reserves `<clientName>Client`). */
export async function namedModel(job: JobConfig | ResolvedJob): Promise<ClientModel> {
  const model = await buildModel(job.input);
  const clientName = job.clientName ?? (pascalCase(model.title).replace(/^[0-9]+/, "") || "Api");
  return nameModel(model, { reservedTypes: [`${clientName}Client`] }).model;
}

/** Writes openapi-typescript's reading of `spec` (normalised in place) to `<dir>/openapi-typescript.ts`. */
export async function writeTheirs(
  dir: string,
  spec: OpenAPI3,
  fired: Fired,
  job: Pick<JobConfig, "int64"> = {},
): Promise<void> {
  normaliseSpec(spec, fired);
  writeText(join(dir, "openapi-typescript.ts"), astToString(await openapiTS(spec, openapiTsOptions(fired, job))));
}

/** check.ts, and which schema and check each of its lines is. */
function checkFile(
  dir: string,
  models: string,
  rows: SchemaRow[],
): { text: string; lines: Map<number, { schema: string; check: Check }> } {
  const header = [
    "// Generated by test/compile/conformance-support.ts. Do not edit.",
    `import type * as Ours from "${configPath(dir, models.replace(/\.ts$/, ".js"))}";`,
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
    add(
      original,
      "ours_to_theirs",
      `export function check${i}_ours_to_theirs(v: Ours.${ours}): ${theirs} { return v; }`,
    );
    add(
      original,
      "theirs_to_ours",
      `export function check${i}_theirs_to_ours(v: ${theirs}): Ours.${ours} { return v; }`,
    );
    add(original, "identical", `export type Check${i}_identical = Assert<Identical<Ours.${ours}, ${theirs}>>;`);
  });
  return { text: `${out.join("\n")}\n`, lines };
}

export interface ConformanceResult {
  /** Schemas that differ, with the checks that failed and tsc's messages. */
  failures: Map<string, { check: Check; text: string }[]>;
  /** tsc errors outside the checks (openapi-typescript's file, a missing export, ...). */
  unexpected: string[];
  exitCode: number;
  output: string;
}

/** One comparison: our `models` file against `<dir>/openapi-typescript.ts`, for `rows`. */
export interface ConformanceUnit {
  dir: string;
  models: string;
  rows: SchemaRow[];
}

/**
 * Writes `<dir>/check.ts` for each unit, compiles them all in one strict tsc run (tsconfig in
 * `root`), and sorts tsc's diagnostics by unit and schema; errors outside the checks go to the
 * `unexpected` of the unit whose folder holds the file (of the first unit when none does).
 */
export async function compareMany(root: string, units: readonly ConformanceUnit[]): Promise<ConformanceResult[]> {
  const checks = units.map((unit) => {
    const { text, lines } = checkFile(unit.dir, unit.models, unit.rows);
    const path = join(unit.dir, "check.ts");
    writeText(path, text);
    return { path, lines };
  });
  const tsconfig = join(root, "tsconfig.json");
  writeJson(tsconfig, {
    compilerOptions: { ...STRICT_OPTIONS, module: "NodeNext", moduleResolution: "NodeNext" },
    files: checks.map((c) => configPath(root, c.path)),
  });
  const result = await runTsc(["-p", tsconfig]);
  const results: ConformanceResult[] = units.map(() => ({
    failures: new Map(),
    unexpected: [],
    exitCode: result.exitCode,
    output: result.output,
  }));
  for (const d of result.diagnostics) {
    const file = d.file === undefined ? undefined : resolve(ROOT, d.file);
    const index = checks.findIndex((c) => c.path === file);
    const at = index >= 0 ? checks[index]?.lines.get(d.line) : undefined;
    if (!at) {
      const owner = file === undefined ? -1 : units.findIndex((u) => file.startsWith(`${u.dir}/`));
      results[Math.max(owner, 0)]?.unexpected.push(d.text);
      continue;
    }
    const failures = (results[index] as ConformanceResult).failures;
    failures.set(at.schema, [...(failures.get(at.schema) ?? []), { check: at.check, text: d.text }]);
  }
  return results;
}

/** compareMany for a single unit, with the tsconfig in its own folder. */
export async function compareTypes(dir: string, models: string, rows: SchemaRow[]): Promise<ConformanceResult> {
  const [result] = await compareMany(dir, [{ dir, models, rows }]);
  return result as ConformanceResult;
}

/** A readable report of the failures not in `allowed`. */
export function report(
  failures: ConformanceResult["failures"],
  allowed: Readonly<Record<string, string>>,
): { schemas: string[]; text: string } {
  const notAllowed = [...failures].filter(([schema]) => !(schema in allowed));
  const text = notAllowed
    .map(
      ([schema, fails]) =>
        `${schema} [${fails.map((f) => f.check).join(", ")}]\n${fails.map((f) => f.text).join("\n")}`,
    )
    .join("\n\n");
  return { schemas: notAllowed.map(([schema]) => schema), text };
}
