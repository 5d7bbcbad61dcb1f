/**
 * Codegen's library API. `generate` plans and renders everything in memory and returns the files;
 * only `writeOutput` (and the CLI) touch the disk.
 */
import { basename } from "node:path";
import { resolveJob, type JobConfig, type ResolvedJob } from "./config/index.js";
import { emit, type GeneratedFile } from "./emit/index.js";
import { finishModel } from "./ir/index.js";
import type { ApiModel } from "./ir/types.js";
import { parseSpec } from "./parse/index.js";
import { pascalCase } from "./util/case.js";
import type { Warning } from "./util/errors.js";

export type { JobConfig, ResolvedJob, ConfigFile } from "./config/index.js";
export { loadConfig, resolveJob } from "./config/index.js";
export type { GeneratedFile } from "./emit/index.js";
export type * from "./ir/types.js";
export { CodegenError, ConfigError, SpecError, type SpecLocation, type Warning } from "./util/errors.js";
export { checkOutput, writeOutput, type CheckResult } from "./write/index.js";

/** Parses a spec into the IR, with names allocated. */
export async function buildModel(
  input: string,
  options: { reservedTypes?: string[]; overlays?: string[]; refRoot?: string } = {},
): Promise<ApiModel> {
  const { model } = await parseSpec(input, { overlays: options.overlays ?? [], refRoot: options.refRoot });
  return finishModel(model, { reservedTypes: options.reservedTypes ?? [] });
}

/** What `generate` reports besides the files. */
export interface GenerateHooks {
  /** Called for each thing in the spec that was read differently from what it says, or left out. */
  onWarning?(warning: Warning): void;
}

/** Generates a client in memory: the files (paths relative to the output folder), sorted. */
export async function generate(job: JobConfig | ResolvedJob, hooks: GenerateHooks = {}): Promise<GeneratedFile[]> {
  const resolved = "templatesDir" in job ? job : resolveJob(job, process.cwd());
  const { model, warnings } = await parseSpec(resolved.input, { overlays: resolved.overlays, refRoot: resolved.refRoot });
  const clientName = resolved.clientName ?? (pascalCase(model.title).replace(/^[0-9]+/, "") || "Api");
  finishModel(model, { reservedTypes: [`${clientName}Client`], warnings });
  for (const warning of warnings) hooks.onWarning?.(warning);
  return emit(model, {
    source: basename(resolved.input),
    clientName,
    headers: resolved.headers,
    baseUrl: resolved.baseUrl,
    int64: resolved.int64,
    templatesDir: resolved.templatesDir,
  });
}
