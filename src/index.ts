/**
 * Codegen's library API. `generate` plans and renders everything in memory and returns the files;
 * only `writeOutput` (and the CLI) touch the disk.
 */
import { basename } from "node:path";
import { type JobConfig, type ResolvedJob, resolveJob } from "./config/index.js";
import type { DiffReport } from "./diff/report.js";
import { indexExports } from "./emit/hbs/exports.js";
import { emit } from "./emit/index.js";
import { emitDocs } from "./emit/markdown/index.js";
import { type ClientModel, nameModel } from "./emit/ts/names.js";
import type { ApiModel } from "./ir/types.js";
import { parseSpec } from "./parse/index.js";
import { pascalCase } from "./util/case.js";
import type { Warning } from "./util/errors.js";
import type { GeneratedFile } from "./util/files.js";

export type { ConfigFile, JobConfig, ResolvedJob } from "./config/index.js";
export { defineConfig, findConfig, loadConfig, resolveJob } from "./config/index.js";
export { type ApiChange, atLeast, type ChangeKind, type DiffReport, type Severity } from "./diff/report.js";
export type { ImportExtension } from "./emit/imports.js";
export {
  type ClientGroup,
  type ClientModel,
  type ClientOperation,
  type ClientType,
  type ClientWebhook,
  nameModel,
} from "./emit/ts/names.js";
export type * from "./ir/types.js";
export { CodegenError, ConfigError, OutputError, SpecError, type SpecLocation, type Warning } from "./util/errors.js";
export type { GeneratedFile } from "./util/files.js";
export {
  type CheckResult,
  checkOutput,
  type WriteFs,
  type WriteOptions,
  writeOutput,
  writeOutputs,
} from "./write/index.js";

/** One side of a diff: a job without an output folder. */
export type DiffJob = Omit<JobConfig, "output">;

/**
 * Compares the clients generated from two specs: a breaking-change report in terms of the generated
 * TypeScript API, with a semver verdict. Loads ts-morph's project and checker only when called.
 */
export async function diffSpecs(oldJob: DiffJob, newJob: DiffJob, hooks: GenerateHooks = {}): Promise<DiffReport> {
  const [oldFiles, newFiles] = [
    await generate({ ...oldJob, output: "." }, hooks),
    await generate({ ...newJob, output: "." }, hooks),
  ];
  const { diffClients } = await import("./diff/index.js");
  return diffClients(oldFiles, newFiles);
}

/**
 * Parses a spec into the IR: the target-neutral model `generate` emits from (no names allocated;
 * `nameModel` gives the TypeScript client's).
 */
export async function buildModel(
  input: string,
  options: { overlays?: string[]; refRoot?: string } = {},
): Promise<ApiModel> {
  const { model } = await parseSpec(input, { overlays: options.overlays ?? [], refRoot: options.refRoot });
  return model;
}

/** What `generate` reports besides the files. */
export interface GenerateHooks {
  /** Called for each thing in the spec that was read differently from what it says, or left out. */
  onWarning?(warning: Warning): void;
  /** Called once the spec is read, with every file read: the spec, its `$ref`ed files, the overlays. */
  onSources?(files: readonly string[]): void;
}

/** A job's spec read into the IR and named for the TypeScript client, once for every target. */
async function prepare(
  job: JobConfig | ResolvedJob,
  hooks: GenerateHooks,
): Promise<{ resolved: ResolvedJob; model: ClientModel; clientName: string }> {
  const resolved = "templatesDir" in job ? job : resolveJob(job, process.cwd());
  const { model, warnings, sources } = await parseSpec(resolved.input, {
    overlays: resolved.overlays,
    refRoot: resolved.refRoot,
  });
  hooks.onSources?.(sources);
  const clientName = resolved.clientName ?? (pascalCase(model.title).replace(/^[0-9]+/, "") || "Api");
  const named = nameModel(model, {
    reservedTypes: [`${clientName}Client`],
    indexExports: indexExports(resolved.templatesDir),
  });
  for (const warning of [...warnings, ...named.warnings]) hooks.onWarning?.(warning);
  return { resolved, model: named.model, clientName };
}

function emitClient(resolved: ResolvedJob, model: ClientModel, clientName: string): GeneratedFile[] {
  return emit(model, {
    source: basename(resolved.input),
    clientName,
    headers: resolved.headers,
    baseUrl: resolved.baseUrl,
    int64: resolved.int64,
    idempotencyHeader: resolved.idempotencyHeader,
    requestIdHeader: resolved.requestIdHeader,
    templatesDir: resolved.templatesDir,
    importExtension: resolved.importExtension,
  });
}

function emitReference(resolved: ResolvedJob, model: ClientModel): GeneratedFile[] {
  return emitDocs(model, {
    source: basename(resolved.input),
    baseUrl: resolved.baseUrl,
    int64: resolved.int64,
    templatesDir: resolved.templatesDir,
  });
}

/** Generates a client in memory: the files (paths relative to the output folder), sorted. */
export async function generate(job: JobConfig | ResolvedJob, hooks: GenerateHooks = {}): Promise<GeneratedFile[]> {
  const { resolved, model, clientName } = await prepare(job, hooks);
  return emitClient(resolved, model, clientName);
}

/** Generates the Markdown API reference of a job's client in memory (paths relative to the docs folder), sorted. */
export async function generateDocs(job: JobConfig | ResolvedJob, hooks: GenerateHooks = {}): Promise<GeneratedFile[]> {
  const { resolved, model } = await prepare(job, hooks);
  return emitReference(resolved, model);
}

/** One output folder of a job and the files it must hold. */
export interface GeneratedOutput {
  /** The folder (absolute). */
  dir: string;
  files: GeneratedFile[];
}

/** Every output of a job from one reading of the spec: the client, then the docs when the job has a `docs` folder. */
export async function generateOutputs(
  job: JobConfig | ResolvedJob,
  hooks: GenerateHooks = {},
): Promise<GeneratedOutput[]> {
  const { resolved, model, clientName } = await prepare(job, hooks);
  const outputs: GeneratedOutput[] = [{ dir: resolved.output, files: emitClient(resolved, model, clientName) }];
  if (resolved.docs !== undefined) outputs.push({ dir: resolved.docs, files: emitReference(resolved, model) });
  return outputs;
}
