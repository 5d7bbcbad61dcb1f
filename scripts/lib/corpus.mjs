// The corpus check behind `npm run corpus` (scripts/corpus.mjs), also used by `npm run bench`:
// find the specs, generate each client with the built library (dist/), check that every operation
// and every named schema of the spec made it into the model, write the client to a temporary
// folder and type-check it with the native tsc (scripts/tsc.mjs), at most `concurrency` at a time.
// The corpus lives outside the repository, so `npm test` never runs this.
// Plain ESM with JSDoc types so it runs under plain `node`; corpus.d.mts types it for TypeScript.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import jsYaml from "js-yaml";

/** The repository root. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Where the corpus lives by default, relative to the repository root. */
export const SPECS_RELATIVE = "../shared/specs";

/** The environment variable that names another corpus folder (relative to the working directory). */
export const SPECS_ENV = "CODEGEN_SPECS";

const SPEC_FILE = /\.(ya?ml|json)$/i;

/** Longest a single tsc run may take before it counts as failed. */
export const TSC_TIMEOUT_MS = 5 * 60_000;

/**
 * The strictest settings a consumer of a generated client may have: ES2022 + DOM only, no ambient
 * `@types/*`. The one list every type-check of generated output uses (here and test/compile).
 */
export const CONSUMER_OPTIONS = Object.freeze({
  target: "ES2022",
  lib: ["ES2022", "DOM"],
  types: [],
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noImplicitReturns: true,
  noFallthroughCasesInSwitch: true,
  noPropertyAccessFromIndexSignature: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  forceConsistentCasingInFileNames: true,
  noEmit: true,
});

/**
 * What a consumer's plain `tsconfig.json` has: `strict` and a bundler set-up, and otherwise the
 * compiler's defaults (`moduleDetection: "auto"`, so a file without imports or exports is a
 * script, not a module; no `verbatimModuleSyntax`, no `isolatedModules`).
 */
export const PLAIN_OPTIONS = Object.freeze({
  strict: true,
  target: "ES2022",
  lib: ["ES2022", "DOM"],
  types: [],
  module: "ESNext",
  moduleResolution: "bundler",
  noEmit: true,
});

/**
 * Compiler options of the corpus check: the consumer settings with NodeNext resolution. The output
 * folder also gets `{"type":"module"}` (the client is ESM).
 */
export const TSC_OPTIONS = Object.freeze({
  ...CONSUMER_OPTIONS,
  module: "NodeNext",
  moduleResolution: "NodeNext",
  skipLibCheck: true,
});

/**
 * The corpus folder (absolute): `given` (a command-line argument) or else `$CODEGEN_SPECS`, both
 * relative to the working directory, or else `../shared/specs` beside the repository. Throws when it
 * is missing: a silently empty corpus would pass.
 * @param {string | undefined} [given]
 * @returns {string}
 */
export function specsDir(given = undefined) {
  const chosen = given ?? (process.env[SPECS_ENV] || undefined);
  const dir = chosen === undefined ? resolve(ROOT, SPECS_RELATIVE) : resolve(chosen);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    const source =
      given !== undefined
        ? "the folder argument"
        : chosen !== undefined
          ? `$${SPECS_ENV}`
          : `the default, ${SPECS_RELATIVE} beside the repository ${ROOT}`;
    throw new Error(
      `Spec corpus folder not found: ${dir} (from ${source}). Pass a folder (npm run corpus -- <dir>) or set ${SPECS_ENV}.`,
    );
  }
  return dir;
}

/**
 * Spec file names in the corpus folder (sorted), optionally only those containing `only`.
 * Throws when nothing is left.
 * @param {string} dir
 * @param {{ only?: string | undefined }} [options]
 * @returns {string[]}
 */
export function listSpecs(dir, options = {}) {
  const all = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && SPEC_FILE.test(e.name))
    .map((e) => e.name)
    .sort();
  if (all.length === 0) throw new Error(`No *.yaml, *.yml or *.json spec in ${dir}`);
  const only = options.only;
  const picked = only ? all.filter((name) => name.toLowerCase().includes(only.toLowerCase())) : all;
  if (picked.length === 0) throw new Error(`No spec in ${dir} matches --only ${JSON.stringify(only)}`);
  return picked;
}

/**
 * The `openapi` / `swagger` version a spec declares, read from its text (no full parse).
 * @param {string} text
 * @returns {string}
 */
export function declaredVersion(text) {
  const json = /"(openapi|swagger)"\s*:\s*"([^"]+)"/.exec(text);
  const yaml = /^(openapi|swagger)\s*:\s*["']?([^"'\s#]+)/m.exec(text);
  const hit = text.trimStart().startsWith("{") ? (json ?? yaml) : (yaml ?? json);
  if (!hit) return "?";
  return `${hit[1] === "swagger" ? "Swagger" : "OpenAPI"} ${hit[2]}`;
}

/**
 * The built library (dist/index.js), so results reflect `npm run build`.
 * @returns {Promise<import("./corpus.d.mts").CodegenLibrary>}
 */
export async function loadLibrary() {
  const entry = join(ROOT, "dist", "index.js");
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  return import(pathToFileURL(entry).href);
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/**
 * What of the spec is missing from the model and the output: every operation (method of a path
 * item) must be a model operation, every named schema (`definitions` in 2.0, `components.schemas`
 * in 3.x) a model type with its original name, and `models.ts` must export at least one type per
 * named schema. Returns one line per problem (empty when complete).
 * @param {string} path the spec file (absolute)
 * @param {string} text its text
 * @param {{ operations: unknown[], types: { id: string, originalName?: string | undefined }[] }} model
 * @param {{ path: string, content: string }[]} files the generated files
 * @returns {string[]}
 */
export function coverageProblems(path, text, model, files) {
  const doc = /** @type {Record<string, any>} */ (
    path.toLowerCase().endsWith(".json") ? JSON.parse(text) : jsYaml.load(text)
  );
  const problems = [];
  let operations = 0;
  for (const item of Object.values(doc.paths ?? {})) {
    if (item !== null && typeof item === "object") operations += METHODS.filter((m) => m in item).length;
  }
  if (model.operations.length !== operations) {
    problems.push(`the spec has ${operations} operations, the model ${model.operations.length}`);
  }
  const schemas = Object.keys((doc.swagger !== undefined ? doc.definitions : doc.components?.schemas) ?? {});
  const byId = new Map(model.types.map((t) => [t.id, t]));
  const escapeToken = (/** @type {string} */ name) => name.replaceAll("~", "~0").replaceAll("/", "~1");
  const missing = schemas.filter(
    (name) => byId.get(`${path}#/components/schemas/${escapeToken(name)}`)?.originalName !== name,
  );
  if (missing.length > 0) {
    problems.push(
      `${missing.length} named schema(s) not a named type: ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", ..." : ""}`,
    );
  }
  const models = files.find((f) => f.path === "models.ts")?.content ?? "";
  const exported = models.match(/^export (type|interface) /gm)?.length ?? 0;
  if (exported < schemas.length)
    problems.push(`models.ts exports ${exported} types for ${schemas.length} named schemas`);
  return problems;
}

/**
 * First line of an error's message.
 * @param {unknown} error
 * @returns {string}
 */
export function firstLine(error) {
  const text = error instanceof Error ? `${error.message}` : String(error);
  return (text.split(/\r?\n/).find((l) => l.trim() !== "") ?? text).trim();
}

/**
 * Runs the native tsc (scripts/tsc.mjs) on a tsconfig; never rejects.
 * @param {string} tsconfig
 * @param {{ timeoutMs?: number }} [options]
 * @returns {Promise<{ exitCode: number, ms: number, output: string, errors: string[] }>}
 */
export function runTsc(tsconfig, options = {}) {
  const timeoutMs = options.timeoutMs ?? TSC_TIMEOUT_MS;
  const started = performance.now();
  return new Promise((done) => {
    // From the tsconfig's folder, so diagnostics name files relative to it (`client/...`).
    const child = spawn(process.execPath, [join(ROOT, "scripts", "tsc.mjs"), "-p", tsconfig, "--pretty", "false"], {
      cwd: dirname(tsconfig),
      stdio: ["ignore", "pipe", "pipe"],
    });
    /** @type {Buffer[]} */
    const chunks = [];
    child.stdout.on("data", (c) => chunks.push(c));
    child.stderr.on("data", (c) => chunks.push(c));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    const finish = (/** @type {number} */ exitCode, /** @type {string} */ extra) => {
      clearTimeout(timer);
      const output = Buffer.concat(chunks).toString("utf8") + extra;
      const errors = output.split(/\r?\n/).filter((l) => /error TS\d+/.test(l));
      if (exitCode !== 0 && errors.length === 0) {
        // tsc failed without a diagnostic (crash, time-out): still an error, with whatever it said.
        errors.push(`error TS0: tsc exited ${exitCode}: ${firstLine(output || "no output")}`);
      }
      done({ exitCode, ms: Math.round(performance.now() - started), output, errors });
    };
    child.on("error", (error) => finish(1, `\n${error.message}`));
    child.on("close", (code, signal) =>
      finish(code ?? 1, timedOut ? `\ntimed out after ${timeoutMs} ms` : signal ? `\nkilled by ${signal}` : ""),
    );
  });
}

/**
 * A limiter: at most `n` of the functions given to it run at once.
 * @param {number} n
 * @returns {<T>(fn: () => Promise<T>) => Promise<T>}
 */
export function limiter(n) {
  let active = 0;
  /** @type {(() => void)[]} */
  const queue = [];
  const next = () => {
    if (active >= n) return;
    const start = queue.shift();
    if (start) {
      active++;
      start();
    }
  };
  return (fn) =>
    new Promise((resolvePromise, reject) => {
      queue.push(() => {
        fn()
          .then(resolvePromise, reject)
          .finally(() => {
            active--;
            next();
          });
      });
      next();
    });
}

/** @typedef {import("./corpus.d.mts").SpecResult} SpecResult */

/**
 * Generates and type-checks every spec: generation one at a time in this process (so its timing is
 * clean), then tsc on at most `concurrency` outputs at a time. Everything is written under one
 * temporary folder in os.tmpdir(), removed at the end. Never rejects because of a spec.
 * @param {{ specs?: string[], only?: string, dir?: string, concurrency?: number,
 *   onResult?: (result: SpecResult) => void }} [options]
 * @returns {Promise<SpecResult[]>}
 */
export async function checkCorpus(options = {}) {
  const dir = options.dir ?? specsDir();
  const specs = options.specs ?? listSpecs(dir, { only: options.only });
  const lib = await loadLibrary();
  const temp = await mkdtemp(join(tmpdir(), "codegen-corpus-"));
  const limit = limiter(options.concurrency ?? 2);
  try {
    /** @type {{ result: SpecResult, work: string | null }[]} */
    const done = [];
    for (const [index, spec] of specs.entries()) {
      const work = join(temp, String(index));
      const { ok, result } = await generateOne(lib, join(dir, spec), work);
      if (!ok) options.onResult?.(result);
      done.push({ result, work: ok ? work : null });
    }
    // tsc only once all generation is done, so generation timings are undisturbed.
    await Promise.all(
      done.map(({ result, work }) =>
        work === null
          ? undefined
          : limit(async () => {
              // The strictest consumer settings, then a plain consumer's (bundler resolution, defaults).
              const strict = await runTsc(join(work, "tsconfig.json"));
              const plain = await runTsc(join(work, "tsconfig.plain.json"));
              const tsc = {
                ms: strict.ms,
                errors: [...strict.errors, ...plain.errors.map((e) => `(plain tsconfig) ${e}`)],
              };
              result.tscMs = tsc.ms;
              result.tscErrors = tsc.errors.length;
              result.errors = tsc.errors;
              result.status = tsc.errors.length === 0 && result.coverage.length === 0 ? "ok" : "FAIL";
              await rm(work, { recursive: true, force: true });
              options.onResult?.(result);
            }),
      ),
    );
    return done.map((d) => d.result);
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/**
 * Generates one client into `work/client` with a tsconfig beside it.
 * @param {import("./corpus.d.mts").CodegenLibrary} lib
 * @param {string} path
 * @param {string} work
 * @returns {Promise<{ ok: boolean, result: SpecResult }>}
 */
async function generateOne(lib, path, work) {
  /** @type {SpecResult} */
  const result = {
    spec: basename(path),
    specVersion: declaredVersion(readFileSync(path, "utf8")),
    operations: null,
    types: null,
    files: null,
    generateMs: null,
    tscMs: null,
    tscErrors: null,
    errors: [],
    coverage: [],
    error: null,
    status: "FAIL",
  };
  /** @type {{ path: string, content: string }[]} */
  let files = [];
  const started = performance.now();
  try {
    files = await lib.generate({ input: path, output: join(work, "client") });
    result.generateMs = Math.round(performance.now() - started);
    result.files = files.length;
    await mkdir(work, { recursive: true });
    await lib.writeOutput(join(work, "client"), files);
    await writeFile(join(work, "package.json"), `${JSON.stringify({ type: "module", private: true })}\n`);
    await writeFile(
      join(work, "tsconfig.json"),
      `${JSON.stringify({ compilerOptions: TSC_OPTIONS, include: ["client/**/*.ts"] }, null, 2)}\n`,
    );
    await writeFile(
      join(work, "tsconfig.plain.json"),
      `${JSON.stringify({ compilerOptions: PLAIN_OPTIONS, include: ["client/**/*.ts"] }, null, 2)}\n`,
    );
  } catch (error) {
    result.generateMs = Math.round(performance.now() - started);
    result.error = firstLine(error);
    return { ok: false, result };
  }
  // The IR's counts and completeness (a second, untimed parse).
  try {
    const model = await lib.buildModel(path);
    result.operations = model.operations.length;
    result.types = model.types.length;
    result.coverage = coverageProblems(path, readFileSync(path, "utf8"), model, files);
  } catch (error) {
    result.coverage = [`reading the model failed: ${firstLine(error)}`];
  }
  return { ok: true, result };
}

/**
 * Escapes a Markdown table cell.
 * @param {unknown} value
 * @returns {string}
 */
function cell(value) {
  if (value === null || value === undefined) return "–";
  return String(value).replaceAll("|", "\\|").replaceAll("\n", " ");
}

/**
 * Shortens a line for a table cell.
 * @param {string} text
 * @param {number} [max]
 * @returns {string}
 */
function clip(text, max = 180) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The results as a Markdown table.
 * @param {SpecResult[]} results
 * @returns {string}
 */
export function markdownTable(results) {
  const head = ["spec", "version", "ops", "types", "files", "gen ms", "tsc ms", "tsc errors", "status", "first error"];
  const rows = results.map((r) => [
    r.spec,
    r.specVersion,
    r.operations,
    r.types,
    r.files,
    r.generateMs,
    r.tscMs,
    r.tscErrors,
    r.status,
    r.error !== null
      ? `generation: ${clip(r.error)}`
      : r.coverage[0]
        ? `incomplete: ${clip(r.coverage[0])}`
        : r.errors[0]
          ? `\`${clip(r.errors[0]).replaceAll("`", "'")}\``
          : "",
  ]);
  const lines = [head, head.map(() => "---"), ...rows].map((row) => `| ${row.map(cell).join(" | ")} |`);
  return lines.join("\n");
}

/**
 * A failure message for one spec: the generation error, or the tsc errors (at most `max` lines).
 * @param {SpecResult} r
 * @param {number} [max]
 * @returns {string}
 */
export function failureReport(r, max = 25) {
  if (r.error !== null) return `${r.spec}: generation failed: ${r.error}`;
  const incomplete = r.coverage.map((line) => `${r.spec}: incomplete: ${line}\n`).join("");
  if (r.tscErrors === 0) return incomplete;
  /** @type {Map<string, number>} */
  const codes = new Map();
  for (const line of r.errors) {
    const code = /error (TS\d+)/.exec(line)?.[1] ?? "?";
    codes.set(code, (codes.get(code) ?? 0) + 1);
  }
  const byCode = [...codes]
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${code} x${n}`)
    .join(", ");
  const shown = r.errors.slice(0, max).join("\n");
  const more =
    r.errors.length > max ? `\n... and ${r.errors.length - max} more (npm run corpus -- --only ${r.spec} --json)` : "";
  return `${incomplete}${r.spec}: ${r.tscErrors} tsc error(s) in the generated client (${byCode}):\n${shown}${more}\n`;
}
