/**
 * What a config says, and `defineConfig` to type it. Kept free of imports: a TypeScript config
 * imports it (`codegen-openapi-client/config`) without loading the generator.
 */

/** One generation job as a user writes it (in `codegen.config.*` or through the API). */
export interface JobConfig {
  /** A label for messages; defaults to the output folder. */
  name?: string;
  /** The spec: a JSON or YAML file, or an http(s) URL. */
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
   * How relative imports in the generated files end: `.js` (default; Node ESM and tsc emit), `.ts`
   * (Deno, or TypeScript with `allowImportingTsExtensions`) or `""` (bundlers, `moduleResolution: bundler`).
   */
  importExtension?: ".js" | ".ts" | "";
  /**
   * The header that carries an idempotency key (e.g. Stripe's `Idempotency-Key`): the client then
   * sends a random key with every POST/PATCH call, the same on each retry, and retries such calls
   * even where the first try may have been processed.
   */
  idempotencyHeader?: string;
  /**
   * The response header that carries the server's request id, when it is not `x-request-id` or
   * `request-id` (errors and `.withResponse()` report it as `requestId`).
   */
  requestIdHeader?: string;
  /** Folder the Markdown API reference is written to (owned by Codegen, like `output`); none when absent. */
  docs?: string;
  /**
   * The folder that `$ref`s to other files may read from (symlinks resolved); defaults to the
   * spec's own folder. Widen it when a spec references shared files beside it, e.g. `".."`.
   */
  refRoot?: string;
}

/** The config file: a list of jobs. */
export interface ConfigFile {
  /** The JSON Schema of the file (JSON configs only; for editors). */
  $schema?: string;
  jobs: JobConfig[];
}

/**
 * Types a config written in TypeScript or JavaScript (`codegen.config.ts`):
 * `export default defineConfig({ jobs: [...] })`. Returns its argument.
 */
export function defineConfig(config: ConfigFile): ConfigFile {
  return config;
}
