/**
 * The seed and size of the property tests. `FC_SEED` (or `PROPERTY_SEED`) fixes the seed, else a
 * random one is drawn; either way it is printed with the command that reproduces the run.
 * `FC_RUNS` scales the number of runs (a factor, default 1, sized for 2 cores and ~40 s). Each
 * property derives its own seed from the base one, so one seed reproduces the whole file.
 */
import type fc from "fast-check";

function fromEnv(): number | undefined {
  const text = process.env.FC_SEED ?? process.env.PROPERTY_SEED;
  if (text === undefined || text.trim() === "") return undefined;
  const seed = Number(text);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, not ${JSON.stringify(text)}`);
  return seed | 0;
}

/** The base seed of this run. */
export const SEED: number = fromEnv() ?? (Math.random() * 0x7fffffff) | 0;

const factor = Number(process.env.FC_RUNS ?? "1");

/** `runs` scaled by `FC_RUNS` (at least 1). */
export function runs(base: number): number {
  return Math.max(1, Math.round(base * (Number.isFinite(factor) && factor > 0 ? factor : 1)));
}

/** The seed of one property: the base seed plus a fixed offset, so properties do not share samples. */
export function seedFor(offset: number): number {
  return (SEED + offset) | 0;
}

/** Logs the seed and how to reproduce a run of `file`. */
export function logSeed(file: string): void {
  console.log(`property seed ${SEED} (reproduce: FC_SEED=${SEED} npx vitest run ${file})`);
}

/** fast-check parameters for one property. */
export function params(offset: number, numRuns: number): fc.Parameters<unknown> {
  return { seed: seedFor(offset), numRuns: runs(numRuns) };
}
