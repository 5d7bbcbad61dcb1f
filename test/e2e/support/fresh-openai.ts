/**
 * The OpenAI client generated fresh from spec/openai.yaml by the current generator (the job in
 * codegen.config.json), for the end-to-end tests: they run against what the generator makes now,
 * not only against the committed generated/openai (test/golden/generated.test.ts checks that the
 * two are equal). Typed through the committed copy's declarations.
 *
 * Each Vitest worker writes its own folder, test/.tmp/e2e-fresh/pool-<id>, rewritten by every test
 * file that loads this module (files of one worker run one after another).
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type * as Committed from "../../../generated/openai/index.js";
import { generate, loadConfig, writeOutput } from "../../../src/index.js";
import { ROOT, TMP } from "../../compile/support.js";

/** The module type of a generated OpenAI client. */
export type OpenAIModule = typeof Committed;

/** Where this worker's fresh client is written. */
export const FRESH_DIR = join(TMP, "e2e-fresh", `pool-${process.env.VITEST_POOL_ID ?? process.pid}`);

/** Generates the OpenAI client into FRESH_DIR and imports its index. */
export async function freshOpenAI(): Promise<OpenAIModule> {
  const jobs = await loadConfig(join(ROOT, "codegen.config.json"));
  const job = jobs.find((j) => j.name === "openai");
  if (!job) throw new Error("codegen.config.json has no job named openai");
  rmSync(FRESH_DIR, { recursive: true, force: true });
  await writeOutput(FRESH_DIR, await generate(job));
  return (await import(pathToFileURL(join(FRESH_DIR, "index.ts")).href)) as OpenAIModule;
}

/** The fresh client module. */
export const openai: OpenAIModule = await freshOpenAI();
