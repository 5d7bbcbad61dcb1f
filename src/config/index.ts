import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError } from "../util/errors.js";

/** One generation job as a user writes it (in `codegen.config.json` or through the API). */
export interface JobConfig {
  /** A label for messages; defaults to the output folder. */
  name?: string;
  /** Path of the spec file (JSON or YAML). */
  input: string;
  /** Folder the client is written to. */
  output: string;
  /** Prefix of the exported client type (`<clientName>Client`); defaults from the spec title. */
  clientName?: string;
  /** Headers every request sends by default. */
  headers?: Record<string, string>;
  /** Overrides the base URL taken from the spec's `servers`. */
  baseUrl?: string;
  /** OpenAPI Overlay 1.0 files applied, in order, to the spec before it is read. */
  overlays?: string[];
  /**
   * How `format: int64` integers are typed: `number` (default; values beyond 2^53 lose precision,
   * as with JSON.parse) or `bigint` (exact: the client reads and writes them as bigint).
   */
  int64?: "number" | "bigint";
  /**
   * The folder that `$ref`s to other files may read from (symlinks resolved); defaults to the
   * spec's own folder. Widen it when a spec references shared files beside it, e.g. `".."`.
   */
  refRoot?: string;
}

/** The config file: a list of jobs. */
export interface ConfigFile {
  jobs: JobConfig[];
}

/** A job with every default applied and paths made absolute: the one context object stages read. */
export interface ResolvedJob {
  name: string;
  input: string;
  output: string;
  clientName: string | undefined;
  headers: Record<string, string>;
  baseUrl: string | undefined;
  int64: "number" | "bigint";
  overlays: string[];
  /** Absolute; undefined means the spec's folder. */
  refRoot: string | undefined;
  templatesDir: string;
}

/** The default config file name, looked up in the working directory. */
export const CONFIG_FILE = "codegen.config.json";

/** The templates shipped with the package. */
export function defaultTemplatesDir(): string {
  // dist/config/index.js or src/config/index.ts -> <package>/templates
  return resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "templates");
}

/** Applies defaults to one job; relative paths resolve against `baseDir`. */
export function resolveJob(job: JobConfig, baseDir: string, where = "job"): ResolvedJob {
  if (typeof job.input !== "string" || job.input === "") throw new ConfigError(`${where}: "input" must be the path of a spec file`);
  if (typeof job.output !== "string" || job.output === "") throw new ConfigError(`${where}: "output" must be a folder path`);
  if (job.headers !== undefined && (typeof job.headers !== "object" || Object.values(job.headers).some((v) => typeof v !== "string"))) {
    throw new ConfigError(`${where}: "headers" must map header names to strings`);
  }
  if (job.clientName !== undefined && !/^[A-Z][A-Za-z0-9]*$/.test(job.clientName)) {
    throw new ConfigError(`${where}: "clientName" must be a PascalCase identifier (got ${JSON.stringify(job.clientName)})`);
  }
  if (job.int64 !== undefined && job.int64 !== "number" && job.int64 !== "bigint") {
    throw new ConfigError(`${where}: "int64" must be "number" or "bigint" (got ${JSON.stringify(job.int64)})`);
  }
  if (job.overlays !== undefined && (!Array.isArray(job.overlays) || job.overlays.some((o) => typeof o !== "string"))) {
    throw new ConfigError(`${where}: "overlays" must be a list of overlay file paths`);
  }
  if (job.refRoot !== undefined && (typeof job.refRoot !== "string" || job.refRoot === "")) {
    throw new ConfigError(`${where}: "refRoot" must be a folder path`);
  }
  const output = isAbsolute(job.output) ? job.output : resolve(baseDir, job.output);
  return {
    name: job.name ?? job.output,
    input: isAbsolute(job.input) ? job.input : resolve(baseDir, job.input),
    output,
    clientName: job.clientName,
    headers: { ...job.headers },
    baseUrl: job.baseUrl,
    int64: job.int64 ?? "number",
    overlays: (job.overlays ?? []).map((o) => (isAbsolute(o) ? o : resolve(baseDir, o))),
    refRoot: job.refRoot === undefined ? undefined : resolve(baseDir, job.refRoot),
    templatesDir: defaultTemplatesDir(),
  };
}

/** Reads and validates a config file; its relative paths resolve against its own folder. */
export async function loadConfig(path: string): Promise<ResolvedJob[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new ConfigError(`Config file not found: ${path}`, {
      hint: `Create ${CONFIG_FILE} with {"jobs": [{"input": "spec.yaml", "output": "generated/api"}]}, or run \`codegen generate --input <spec> --output <dir>\`.`,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`Config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const jobs = (parsed as Partial<ConfigFile> | null)?.jobs;
  if (!Array.isArray(jobs) || jobs.length === 0) {
    throw new ConfigError(`Config file ${path} needs a non-empty "jobs" array`);
  }
  return jobs.map((job: JobConfig, i) => resolveJob(job, dirname(path), `${path}: jobs[${i}]`));
}
