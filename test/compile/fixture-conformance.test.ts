/**
 * Type conformance of every fixture (test/fixtures/*.yaml|json) against openapi-typescript, as
 * conformance.test.ts does for the OpenAI spec: each component schema's generated type must be
 * mutually assignable with, and identical to, openapi-typescript's `components["schemas"][name]`.
 * This pins what the types mean (a required `$ref` is required, a nullable `$ref` accepts `null`),
 * where the golden files only pin their bytes.
 *
 * SKIPPED_FIXTURES lists whole fixtures openapi-typescript cannot read, ALLOW_LIST single schemas
 * whose types differ on purpose, each with the reason; an allow-listed schema that starts to
 * conform fails the test, so the list stays honest.
 *
 * Files: test/.tmp/fixture-conformance/<fixture>/{out/, openapi-typescript.ts, check.ts}.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { OpenAPI3 } from "openapi-typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { generate, writeOutput } from "../../src/index.js";
import { FIXTURE_OPTIONS } from "../fixtures/options.js";
import { statusKey } from "../helpers.js";
import {
  allocatedSchemas,
  type ConformanceResult,
  type ConformanceUnit,
  compareMany,
  type Fired,
  namedModel,
  noneFired,
  report,
  type SchemaRow,
  writeTheirs,
} from "./conformance-support.js";
import { freshDir, ROOT, runTsc, STRICT_OPTIONS, TIMEOUT_MS, TMP, writeJson, writeText } from "./support.js";

const FIXTURES = join(ROOT, "test", "fixtures");
const DIR = join(TMP, "fixture-conformance");

/** Fixtures openapi-typescript cannot read at all, with the reason. */
const SKIPPED_FIXTURES: Readonly<Record<string, string>> = {
  "swagger2.yaml": "Swagger 2.0: openapi-typescript reads only OpenAPI 3.x",
  "wire-swagger2.yaml": "Swagger 2.0: openapi-typescript reads only OpenAPI 3.x",
};

/**
 * Per fixture: schemas whose types must differ, with the reason. Only modelling choices that the
 * options and normalisations of conformance-support.ts cannot express; never a bug of ours.
 */
const ALLOW_LIST: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  "composition.yaml": {
    Cat: 'openapi-typescript narrows the discriminator (`petType: "cat"`) inside the mapped schema itself; Codegen narrows it in the union (`Cat & { petType: "cat" }`), so `Cat` stays usable alone',
    Dog: "as Cat (a bare-name mapping entry)",
    Shape:
      'a discriminator without a mapping: Codegen narrows each member by its schema name (`Circle & { kind: "Circle" }`), openapi-typescript leaves `kind: string`',
    Account:
      "readOnly: openapi-typescript adds the `readonly` modifier; Codegen splits the schema into `AccountInput`/`AccountOutput` instead",
  },
  "schemas-31.yaml": {
    Item: "openapi-typescript reads the `$defs` keyword as a property, and types `contentMediaType: image/png` as `string` where Codegen uses `Blob`",
  },
};

const fixtures = readdirSync(FIXTURES)
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .sort();
const checked = fixtures.filter((f) => !(f in SKIPPED_FIXTURES));

interface Prepared {
  specSchemas: string[];
  rows: SchemaRow[];
  fired: Fired;
}

const prepared = new Map<string, Prepared>();

/** One operation whose success responses are all JSON: our function's result type against theirs. */
interface OperationRow {
  fixture: string;
  operationId: string;
  fn: string;
}

/** Per fixture: operations whose success types must differ, with the reason. Keep it empty. */
const OPERATION_ALLOW_LIST: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  "composition.yaml": {
    updateAccount:
      "returns `AccountOutput` (no write-only properties) where openapi-typescript returns `Account`: see Account above",
  },
  "schemas-31.yaml": { listItems: "returns `Item[]`: `Item` itself is allow-listed above" },
  "openapi-32.yaml": {
    searchItems:
      "a QUERY operation (OpenAPI 3.2): openapi-typescript reads only the 3.0/3.1 methods and has no such operation",
  },
};

const operationRows: OperationRow[] = [];
let operationResult: { failures: Map<string, string>; unexpected: string[]; output: string } | undefined;
const results = new Map<string, ConformanceResult>();

beforeAll(async () => {
  freshDir(DIR);
  const units: ConformanceUnit[] = [];
  for (const fixture of checked) {
    const dir = join(DIR, fixture);
    const job = { input: join(FIXTURES, fixture), output: join(dir, "out"), ...FIXTURE_OPTIONS[fixture] };
    await writeOutput(job.output, await generate(job));
    const spec = parse(readFileSync(job.input, "utf8")) as OpenAPI3;
    const fired: Fired = noneFired();
    const specSchemas = Object.keys(spec.components?.schemas ?? {});
    await writeTheirs(dir, spec, fired, job);
    const rows = await allocatedSchemas(job);
    prepared.set(fixture, { specSchemas, rows, fired });
    // A fixture without component schemas has nothing to compare (its check.ts would be empty).
    if (rows.length > 0) units.push({ dir, models: join(dir, "out", "models.ts"), rows });
    for (const op of (await namedModel(job)).operations) {
      const successes = op.responses.filter((r) => statusKey(r.status).startsWith("2"));
      const allJson =
        successes.length > 0 &&
        successes.every((r) => r.contents.length > 0 && r.contents.every((c) => c.kind === "json"));
      if (allJson) operationRows.push({ fixture, operationId: op.operationId, fn: op.name });
    }
  }
  operationResult = await compareOperations();
  const compared = await compareMany(DIR, units);
  units.forEach((unit, i) =>
    results.set(checked.find((f) => join(DIR, f) === unit.dir) as string, compared[i] as ConformanceResult),
  );
}, TIMEOUT_MS * 2);

/**
 * The success type of every operation whose 2xx responses are all JSON: what our function's
 * promise resolves to must be identical to the union of openapi-typescript's 2xx JSON contents
 * (`operations[id]["responses"]`), so a response moved between success and error fails.
 */
async function compareOperations(): Promise<{ failures: Map<string, string>; unexpected: string[]; output: string }> {
  const lines = [
    "// Generated by test/compile/fixture-conformance.test.ts. Do not edit.",
    "type Identical<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;",
    "type Assert<T extends true> = T;",
    "type Success<O> = O extends { responses: infer R }",
    '  ? { [K in keyof R]: `${K & (string | number)}` extends `2${string}` ? (R[K] extends { content: { "application/json": infer T } } ? T : never) : never }[keyof R]',
    "  : never;",
  ];
  const at = new Map<number, string>();
  const fixturesUsed = [...new Set(operationRows.map((r) => r.fixture))];
  fixturesUsed.forEach((fixture, f) => {
    lines.push(`import type * as Ours${f} from "./${fixture}/out/index.js";`);
    lines.push(`import type { operations as Theirs${f} } from "./${fixture}/openapi-typescript.js";`);
  });
  operationRows.forEach((row, i) => {
    const f = fixturesUsed.indexOf(row.fixture);
    lines.push(
      `export type Op${i} = Assert<Identical<Awaited<ReturnType<typeof Ours${f}.${row.fn}>>, Success<Theirs${f}[${JSON.stringify(row.operationId)}]>>>;`,
    );
    at.set(lines.length, `${row.fixture}:${row.operationId}`);
  });
  writeText(join(DIR, "operations.ts"), `${lines.join("\n")}\n`);
  writeJson(join(DIR, "tsconfig.operations.json"), {
    compilerOptions: { ...STRICT_OPTIONS, module: "NodeNext", moduleResolution: "NodeNext" },
    files: ["./operations.ts"],
  });
  const result = await runTsc(["-p", join(DIR, "tsconfig.operations.json")]);
  const failures = new Map<string, string>();
  const unexpected: string[] = [];
  for (const d of result.diagnostics) {
    const key = d.file?.endsWith("fixture-conformance/operations.ts") ? at.get(d.line) : undefined;
    if (key === undefined) unexpected.push(d.text);
    else failures.set(key, d.text);
  }
  return { failures, unexpected, output: result.output };
}

describe("fixture conformance with openapi-typescript", () => {
  it("every JSON operation's success type matches openapi-typescript's, except the allow-list", () => {
    const { failures, unexpected, output } = operationResult as NonNullable<typeof operationResult>;
    expect(unexpected.join("\n"), `tsc errors outside the checks:\n${output}`).toBe("");
    expect(operationRows.length, "operations checked").toBeGreaterThan(5);
    const allowed = (key: string): boolean => {
      const [fixture = "", id = ""] = key.split(":");
      return OPERATION_ALLOW_LIST[fixture]?.[id] !== undefined;
    };
    const report = [...failures].filter(([key]) => !allowed(key));
    expect(
      report.map(([key]) => key),
      `operations whose success type differs:\n\n${report.map(([k, t]) => `${k}\n${t}`).join("\n\n")}`,
    ).toEqual([]);
    const stale = Object.entries(OPERATION_ALLOW_LIST)
      .flatMap(([fixture, ops]) => Object.keys(ops).map((id) => `${fixture}:${id}`))
      .filter((key) => !failures.has(key));
    expect(stale, "allow-listed operations that now conform").toEqual([]);
  });

  it("skips and allow-lists only fixtures that exist", () => {
    expect(Object.keys(SKIPPED_FIXTURES).filter((f) => !fixtures.includes(f))).toEqual([]);
    expect(Object.keys(ALLOW_LIST).filter((f) => !checked.includes(f))).toEqual([]);
  });

  it("covers the `$ref` fixtures (required, optional, nullable, arrays)", () => {
    expect(checked).toEqual(expect.arrayContaining(["refs.yaml", "refs-31.yaml"]));
    // refs.yaml writes `nullable` beside a `$ref` once: the normalisation is exercised.
    expect(prepared.get("refs.yaml")?.fired.nullableRef).toBeGreaterThan(0);
    expect(prepared.get("int64.yaml")?.fired.int64AsBigint).toBeGreaterThan(0);
  });

  describe.each(checked)("%s", (fixture) => {
    it("maps every component schema to one of our types", () => {
      const { rows, specSchemas } = prepared.get(fixture) as Prepared;
      expect(rows.map((r) => r.original).sort()).toEqual([...specSchemas].sort());
      const allowed = Object.keys(ALLOW_LIST[fixture] ?? {});
      expect(
        allowed.filter((name) => !specSchemas.includes(name)),
        "allow-listed schemas not in the spec",
      ).toEqual([]);
    });

    it("every schema type matches openapi-typescript's, except the allow-list", () => {
      const { failures, unexpected, output } = results.get(fixture) ?? {
        failures: new Map(),
        unexpected: [],
        output: "",
      };
      expect(unexpected.join("\n"), `tsc errors outside the checks:\n${output}`).toBe("");
      const allowed = ALLOW_LIST[fixture] ?? {};
      const { schemas, text } = report(failures, allowed);
      expect(schemas, `schemas that differ from openapi-typescript:\n\n${text}`).toEqual([]);
      expect(
        Object.keys(allowed).filter((schema) => !failures.has(schema)),
        "allow-listed schemas that now conform",
      ).toEqual([]);
    });
  });
});
