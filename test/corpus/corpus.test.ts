/**
 * The spec corpus (`../shared/specs`, relative to the repository root): every spec must generate a
 * client (with the built library in dist/, fresh from `pretest`) that type-checks with zero errors
 * under the strictest consumer settings (scripts/lib/corpus.mjs: TSC_OPTIONS). Same logic as
 * `npm run corpus`, which prints the timings table.
 *
 * All of it is tested, not a subset: the whole corpus (20 specs, 13 MiB, the largest 4 MiB) takes
 * about 10-15 s on the 2-core CI machine (generation one spec at a time, then tsc 2 at a time),
 * well inside the ~3 minute budget. The check runs once in `beforeAll`; each spec is its own `it`
 * whose failure message is the generation error or the tsc errors.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { checkCorpus, failureReport, listSpecs, specsDir, type SpecResult } from "../../scripts/lib/corpus.mjs";

// Throws (failing the file loudly) when the corpus folder is missing or empty.
const dir = specsDir();
const specs = listSpecs(dir);

describe(`spec corpus (${specs.length} specs in ${dir})`, () => {
  const results = new Map<string, SpecResult>();

  beforeAll(async () => {
    for (const result of await checkCorpus({ dir, specs, concurrency: 2 })) results.set(result.spec, result);
  }, 5 * 60_000);

  it.each(specs)("%s generates a client that type-checks with zero tsc errors", (spec) => {
    const result = results.get(spec);
    expect(result, `no result for ${spec}`).toBeDefined();
    if (!result) return;
    expect(result.error, failureReport(result)).toBeNull();
    expect(result.tscErrors, failureReport(result)).toBe(0);
  });
});
