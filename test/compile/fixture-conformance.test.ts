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
import {
  allocatedSchemas,
  compareMany,
  type ConformanceResult,
  type ConformanceUnit,
  type Fired,
  noneFired,
  report,
  type SchemaRow,
  writeTheirs,
} from "./conformance-support.js";
import { freshDir, ROOT, TIMEOUT_MS, TMP } from "./support.js";

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
    Cat: "openapi-typescript narrows the discriminator (`petType: \"cat\"`) inside the mapped schema itself; Codegen narrows it in the union (`Cat & { petType: \"cat\" }`), so `Cat` stays usable alone",
    Dog: "as Cat (a bare-name mapping entry)",
    Shape: "a discriminator without a mapping: Codegen narrows each member by its schema name (`Circle & { kind: \"Circle\" }`), openapi-typescript leaves `kind: string`",
    Account: "readOnly: openapi-typescript adds the `readonly` modifier; Codegen splits the schema into `AccountInput`/`AccountOutput` instead",
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
  }
  const compared = await compareMany(DIR, units);
  units.forEach((unit, i) => results.set(checked.find((f) => join(DIR, f) === unit.dir) as string, compared[i] as ConformanceResult));
}, TIMEOUT_MS * 2);

describe("fixture conformance with openapi-typescript", () => {
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
      expect(allowed.filter((name) => !specSchemas.includes(name)), "allow-listed schemas not in the spec").toEqual([]);
    });

    it("every schema type matches openapi-typescript's, except the allow-list", () => {
      const { failures, unexpected, output } = results.get(fixture) ?? { failures: new Map(), unexpected: [], output: "" };
      expect(unexpected.join("\n"), `tsc errors outside the checks:\n${output}`).toBe("");
      const allowed = ALLOW_LIST[fixture] ?? {};
      const { schemas, text } = report(failures, allowed);
      expect(schemas, `schemas that differ from openapi-typescript:\n\n${text}`).toEqual([]);
      expect(Object.keys(allowed).filter((schema) => !failures.has(schema)), "allow-listed schemas that now conform").toEqual([]);
    });
  });
});
