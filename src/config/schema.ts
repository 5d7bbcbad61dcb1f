/**
 * The config's JSON Schema (`schema/codegen.config.schema.json`, shipped for editors) is the one
 * definition of what a config may say: Ajv checks configs against it, and its errors become
 * messages here, with a "did you mean" for unknown keys.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { ErrorObject, ValidateFunction } from "ajv";
import leven from "leven";
import { lineFinder } from "../parse/index.js";
import { ConfigError } from "../util/errors.js";
import { builtValidators } from "../util/validators.js";

/** Where a job or config came from: the library API, the command line, or a config file. */
export type ConfigSource = { kind: "api" } | { kind: "cli" } | { kind: "file"; file: string; text?: string };

/** The config file flags that set a job's fields on the command line. */
const FLAGS: Record<string, string> = {
  input: "--input",
  output: "--output",
  clientName: "--client-name",
  headers: "--header",
  baseUrl: "--base-url",
  int64: "--int64",
  overlays: "--overlay",
  importExtension: "--import-extension",
  docs: "--docs",
  refRoot: "--ref-root",
};

/** Absolute path of the config JSON Schema shipped with the package. */
export function configSchemaPath(): string {
  // dist/config/schema.js or src/config/schema.ts -> <package>/schema/...
  return resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "schema", "codegen.config.schema.json");
}

/** Ajv with the config schema added; `source: true` keeps the code for the build's standalone output. */
export function compileConfigSchema(options: { source?: boolean } = {}): {
  ajv: import("ajv").Ajv;
  refs: { file: string; job: string };
} {
  const schema = JSON.parse(readFileSync(configSchemaPath(), "utf8")) as { $id: string };
  // Ajv (CommonJS) is required on first use: --help and --version do not load it.
  const { Ajv } = createRequire(import.meta.url)("ajv") as typeof import("ajv");
  // The schema is ours and checked by a test: not validating it against the meta-schema saves compile time.
  const ajv = new Ajv({
    allErrors: true,
    verbose: true,
    strict: true,
    validateSchema: false,
    code: { source: options.source === true },
  });
  ajv.addKeyword({ keyword: "x-message", schemaType: "string" });
  ajv.addSchema(schema);
  return { ajv, refs: { file: schema.$id, job: `${schema.$id}#/definitions/job` } };
}

/** The validator of the whole file or of one job: built (dist/validators/config.cjs), else compiled now. */
function compile(part: "file" | "job"): ValidateFunction {
  const built = builtValidators("config") as Record<"file" | "job", ValidateFunction> | undefined;
  if (built) return built[part];
  const { ajv, refs } = compileConfigSchema();
  const validate = ajv.getSchema(refs[part]);
  if (!validate) throw new Error("config schema: missing definition");
  return validate;
}

/** Throws a ConfigError listing every way `value` breaks the config file schema. */
export function validateConfigFile(value: unknown, source: ConfigSource & { kind: "file" }): void {
  const validate = compile("file");
  if (!validate(value)) throw configError(validate.errors ?? [], source);
}

/** Throws a ConfigError listing every way `job` breaks the job schema. */
export function validateJob(job: unknown, source: ConfigSource): void {
  const validate = compile("job");
  if (!validate(job)) throw configError(validate.errors ?? [], source);
}

function configError(errors: ErrorObject[], source: ConfigSource): ConfigError {
  const lines = [...new Set(errors.map((e) => describe(e, source)))];
  const what =
    source.kind === "cli"
      ? "Bad command line"
      : source.kind === "api"
        ? "Bad job config"
        : `Config file ${shown(source.file)} is not valid`;
  const hint =
    source.kind === "file"
      ? `See the "Config reference" in Codegen's README; editors complete the keys with "$schema": "${schemaHint(source.file)}".`
      : undefined;
  return new ConfigError(`${what}:\n  ${lines.join("\n  ")}`, hint ? { hint } : {});
}

function describe(error: ErrorObject, source: ConfigSource): string {
  const segments = error.instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
  const place = where(segments, source);
  const extra =
    error.keyword === "additionalProperties"
      ? `/${(error.params as { additionalProperty: string }).additionalProperty.replaceAll("~", "~0").replaceAll("/", "~1")}`
      : "";
  const line =
    source.kind === "file" && source.text !== undefined
      ? lineFinder(source.text)(error.instancePath + extra)
      : undefined;
  const at = `${place}${line ? ` (line ${line})` : ""}`;
  const got = ` (got ${JSON.stringify(error.data)})`;
  const custom = (error.parentSchema as { "x-message"?: string } | undefined)?.["x-message"];
  switch (error.keyword) {
    case "additionalProperties": {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      return `${at}: unknown key ${JSON.stringify(key)}${didYouMean(key, known)}`;
    }
    case "required": {
      const key = (error.params as { missingProperty: string }).missingProperty;
      const flag = source.kind === "cli" ? FLAGS[key] : undefined;
      return flag ? `${flag} is required` : `${at}: ${JSON.stringify(key)} is missing`;
    }
    case "type":
      return `${at} must be ${article((error.params as { type: string }).type)}${got}`;
    case "enum":
      return `${at} must be ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(" or ")}${got}`;
    case "minItems":
      return `${at} must not be empty`;
    case "minLength":
      return `${at} must not be empty`;
    default:
      return `${at} ${custom ?? error.message ?? "is not valid"}${got}`;
  }
}

/** `"clientName"` / `jobs[0].clientName` / `--client-name`, for messages. */
function where(segments: string[], source: ConfigSource): string {
  if (source.kind === "cli") return (segments[0] === undefined ? undefined : FLAGS[segments[0]]) ?? "the command line";
  let out = "";
  for (const segment of segments) out += /^\d+$/.test(segment) ? `[${segment}]` : `${out === "" ? "" : "."}${segment}`;
  if (out === "") return "the config";
  return source.kind === "file" || segments.length !== 1 ? out : JSON.stringify(out);
}

/** `; did you mean "clientName"?` when a known key is close, else the list of known keys. */
export function didYouMean(word: string, known: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = leven(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  if (best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3)))
    return `; did you mean ${JSON.stringify(best)}?`;
  return known.length > 0 ? ` (known keys: ${known.join(", ")})` : "";
}

function article(type: string): string {
  return type === "object" || type === "array" || type === "integer" ? `an ${type}` : `a ${type}`;
}

function shown(file: string): string {
  return relative(process.cwd(), file) || file;
}

function schemaHint(configFile: string): string {
  const path = relative(dirname(configFile), configSchemaPath()).replaceAll("\\", "/");
  return path.startsWith(".") ? path : `./${path}`;
}
