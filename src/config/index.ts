import { isAbsolute, resolve, sep } from "node:path";
import { packageTemplatesDir } from "../emit/hbs/engine.js";
import type { ImportExtension } from "../emit/imports.js";
import { ConfigError } from "../util/errors.js";
import { isUrl } from "../util/url.js";
import type { JobConfig } from "./define.js";
import { type ConfigSource, validateJob } from "./schema.js";

export { type ConfigFile, defineConfig, type JobConfig } from "./define.js";
export { CONFIG_FILES, findConfig, loadConfig } from "./load.js";
export { type ConfigSource, configSchemaPath } from "./schema.js";

/** A job with every default applied and paths made absolute: the one context object stages read. */
export interface ResolvedJob {
  name: string;
  /** An absolute path, or an http(s) URL. */
  input: string;
  output: string;
  clientName: string | undefined;
  headers: Record<string, string>;
  baseUrl: string | undefined;
  int64: "number" | "bigint";
  idempotencyHeader: string | undefined;
  requestIdHeader: string | undefined;
  overlays: string[];
  importExtension: ImportExtension;
  /** The Markdown reference's folder, when the job writes one. */
  docs: string | undefined;
  /** Absolute; undefined means the spec's folder. */
  refRoot: string | undefined;
  templatesDir: string;
}

/**
 * Validates one job against the config schema and applies defaults; relative paths resolve against
 * `baseDir`. `source` says where the job came from, for messages (default: the library API).
 */
export function resolveJob(job: JobConfig, baseDir: string, source: ConfigSource = { kind: "api" }): ResolvedJob {
  validateJob(job, source);
  return applyDefaults(job, baseDir);
}

/** Applies defaults to a job already validated (with its whole config file). */
export function applyDefaults(job: JobConfig, baseDir: string): ResolvedJob {
  const path = (p: string): string => (isAbsolute(p) ? p : resolve(baseDir, p));
  const output = path(job.output);
  const docs = job.docs === undefined ? undefined : path(job.docs);
  if (docs !== undefined && (docs === output || docs.startsWith(output + sep) || output.startsWith(docs + sep))) {
    throw new ConfigError(
      `"docs" (${job.docs}) and "output" (${job.output}) must be separate folders, neither inside the other`,
      {
        hint: 'Codegen owns and replaces each folder whole: use sibling folders such as "generated/api" and "generated/api-docs".',
      },
    );
  }
  return {
    name: job.name ?? job.output,
    input: isUrl(job.input) ? job.input : path(job.input),
    output,
    clientName: job.clientName,
    headers: { ...job.headers },
    baseUrl: job.baseUrl,
    int64: job.int64 ?? "number",
    idempotencyHeader: job.idempotencyHeader,
    requestIdHeader: job.requestIdHeader,
    overlays: (job.overlays ?? []).map(path),
    importExtension: job.importExtension ?? ".js",
    docs,
    refRoot: job.refRoot === undefined ? undefined : path(job.refRoot),
    templatesDir: packageTemplatesDir(),
  };
}
