/**
 * Type conformance against a third party: for every component schema of `spec/openai.yaml`, the
 * type we export from the OpenAI client's `models.ts`, generated fresh (test/golden/generated.test.ts
 * checks that generated/openai equals a fresh generation), must match openapi-typescript's
 * `components["schemas"][name]` (mutual assignability and identity, see conformance-support.ts).
 * What still may differ is listed in ALLOW_LIST, each entry with its reason; an allow-listed schema
 * that starts to conform fails the test, so the list stays honest. A real bug in our output must be
 * fixed, never allow-listed. fixture-conformance.test.ts runs the same check over every fixture.
 *
 * Files: test/.tmp/conformance/{out/, openapi-typescript.ts, check.ts, tsconfig.json} (gitignored).
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { OpenAPI3 } from "openapi-typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { generate, loadConfig, type ResolvedJob, writeOutput } from "../../src/index.js";
import {
  allocatedSchemas,
  compareTypes,
  type Fired,
  noneFired,
  report,
  type SchemaRow,
  writeTheirs,
} from "./conformance-support.js";
import { freshDir, ROOT, TIMEOUT_MS, TMP } from "./support.js";

const SPEC = join(ROOT, "spec", "openai.yaml");
const OUTPUT = join(ROOT, "generated", "openai");
const DIR = join(TMP, "conformance");

/**
 * Schemas whose types must differ between the two generators, with the reason. Keep it empty unless
 * the difference is a legitimate modelling choice that cannot be expressed through the options or
 * the normalisation of conformance-support.ts.
 */
const ALLOW_LIST: Readonly<Record<string, string>> = {
  // (none: every difference found so far is a modelling choice normalised in conformance-support.ts)
};

/** How many times each normalisation fired; each must still be needed (> 0), or be removed. */
const fired: Fired = noneFired();

describe("conformance of the OpenAI client's models.ts (generated fresh) with openapi-typescript", () => {
  let job: ResolvedJob;
  let rows: SchemaRow[];
  let specSchemas: string[];

  beforeAll(async () => {
    freshDir(DIR);
    const jobs = await loadConfig(join(ROOT, "codegen.config.json"));
    const found = jobs.find((j) => resolve(j.output) === OUTPUT && resolve(j.input) === SPEC);
    if (!found) throw new Error("codegen.config.json has no job generating generated/openai from spec/openai.yaml");
    job = found;
    await writeOutput(join(DIR, "out"), await generate(job));

    const spec = parse(readFileSync(SPEC, "utf8")) as OpenAPI3;
    specSchemas = Object.keys(spec.components?.schemas ?? {});
    await writeTheirs(DIR, spec, fired, job);
    rows = await allocatedSchemas(job);
  }, TIMEOUT_MS);

  it("maps every component schema of the spec to one of our types", () => {
    expect(rows.map((r) => r.original).sort()).toEqual([...specSchemas].sort());
    expect(
      Object.keys(ALLOW_LIST).filter((name) => !specSchemas.includes(name)),
      "allow-listed schemas not in the spec",
    ).toEqual([]);
  });

  it("needs every normalisation it applies", () => {
    expect(fired.nullableRef, "no `$ref` + `nullable` left: drop normaliseSpec").toBeGreaterThan(0);
    expect(fired.binaryAsBlob, "no `format: binary` left: drop the transform").toBeGreaterThan(0);
  });

  it(
    "every schema type matches openapi-typescript's, except the allow-list",
    async () => {
      const { failures, unexpected, exitCode, output } = await compareTypes(DIR, join(DIR, "out", "models.ts"), rows);
      // Errors anywhere else (openapi-typescript's file, a missing export, ...) are failures as such.
      expect(unexpected.join("\n"), `tsc errors outside the checks:\n${output}`).toBe("");
      const { schemas, text } = report(failures, ALLOW_LIST);
      expect(schemas, `schemas that differ from openapi-typescript:\n\n${text}`).toEqual([]);
      const nowConforming = Object.keys(ALLOW_LIST).filter((schema) => !failures.has(schema));
      expect(nowConforming, "allow-listed schemas that now conform: remove them from ALLOW_LIST").toEqual([]);
      expect(exitCode === 0, output).toBe(failures.size === 0);
    },
    TIMEOUT_MS,
  );
});
