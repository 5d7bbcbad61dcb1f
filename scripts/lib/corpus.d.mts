// Types of corpus.mjs (plain JS so `node scripts/corpus.mjs` needs no build), for TypeScript importers.

/** What the corpus check uses of the built library (dist/index.js). */
export interface CodegenLibrary {
  generate(job: { input: string; output: string }): Promise<{ path: string; content: string }[]>;
  writeOutput(dir: string, files: { path: string; content: string }[]): Promise<void>;
  buildModel(input: string): Promise<{ operations: unknown[]; types: unknown[] }>;
}

/** The outcome for one spec. Numbers are null when that step did not run. */
export interface SpecResult {
  /** File name in the corpus folder. */
  spec: string;
  /** "OpenAPI 3.1.0", "Swagger 2.0", or "?". */
  specVersion: string;
  operations: number | null;
  types: number | null;
  files: number | null;
  generateMs: number | null;
  tscMs: number | null;
  tscErrors: number | null;
  /** Every `error TS` line tsc printed. */
  errors: string[];
  /** What of the spec is missing from the model or output (coverageProblems); empty when complete. */
  coverage: string[];
  /** First line of the generation error, when generation failed. */
  error: string | null;
  status: "ok" | "FAIL";
}

export const ROOT: string;
export const SPECS_RELATIVE: string;
export const SPECS_ENV: string;
export const TSC_TIMEOUT_MS: number;
export const CONSUMER_OPTIONS: Readonly<Record<string, unknown>>;
export const TSC_OPTIONS: Readonly<Record<string, unknown>>;
export const PLAIN_OPTIONS: Readonly<Record<string, unknown>>;
export function specsDir(given?: string): string;
export function coverageProblems(
  path: string,
  text: string,
  model: { operations: unknown[]; types: { id: string; originalName?: string | undefined }[] },
  files: { path: string; content: string }[],
): string[];
export function listSpecs(dir: string, options?: { only?: string | undefined }): string[];
export function declaredVersion(text: string): string;
export function loadLibrary(): Promise<CodegenLibrary>;
export function firstLine(error: unknown): string;
export function runTsc(
  tsconfig: string,
  options?: { timeoutMs?: number },
): Promise<{ exitCode: number; ms: number; output: string; errors: string[] }>;
export function limiter(n: number): <T>(fn: () => Promise<T>) => Promise<T>;
export function checkCorpus(options?: {
  specs?: string[];
  only?: string;
  dir?: string;
  concurrency?: number;
  onResult?: (result: SpecResult) => void;
}): Promise<SpecResult[]>;
export function markdownTable(results: SpecResult[]): string;
export function failureReport(result: SpecResult, max?: number): string;
