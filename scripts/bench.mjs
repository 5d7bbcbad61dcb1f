#!/usr/bin/env node
// `npm run bench`: times Codegen's CLI (whole client, fresh `node` process per run) on the largest
// corpus specs beside peers in the same run, and prints one Markdown table per spec: median and
// min wall time, peak RSS, and the ratio to Codegen's median. Not a test: numbers, no verdicts.
//
//   node scripts/bench.mjs [--runs N] [--only <spec substring>] [--timeout <seconds>]
//
// Peers: openapi-typescript (a project dependency; types only), and @hey-api/openapi-ts and orval,
// which are NOT project dependencies: pinned versions are installed into .bench/ (gitignored) on
// first use. Runs are interleaved (run 1 of every tool, then run 2, ...) so drift in the machine's
// state hits all tools alike. A tool that fails on a spec is shown as FAIL with its first error
// line and not run again on that spec. Build first (`npm run build`): the CLI runs from dist/.
import { existsSync, readFileSync, statSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { cell, ensurePeers, errorLine, GNU_TIME, installedVersion, machineInfo, median, num, sizeOf, timedRun } from "./lib/bench.mjs";
import { declaredVersion, ROOT, specsDir } from "./lib/corpus.mjs";

/** The largest specs of the corpus. */
const SPECS = ["stripe-spec3-2023-09.yaml", "openai-latest.yaml", "box-openapi.json"];

/**
 * Pinned peers installed into .bench/: the newest releases that still run on Node 20 (the
 * project's minimum); @hey-api/openapi-ts >= 0.96 and orval >= 7.14 require Node 22.
 */
const PINS = { "@hey-api/openapi-ts": "0.95.0", orval: "7.13.2" };
const BENCH_DIR = join(ROOT, ".bench");

let values;
try {
  ({ values } = parseArgs({
    options: {
      runs: { type: "string", default: "5" },
      only: { type: "string" },
      timeout: { type: "string", default: "180" },
      help: { type: "boolean", short: "h" },
    },
  }));
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
if (values.help) {
  console.log("Usage: node scripts/bench.mjs [--runs N] [--only <spec substring>] [--timeout <seconds>]");
  process.exit(0);
}
const runs = Number(values.runs);
const timeoutMs = Number(values.timeout) * 1000;
if (!Number.isInteger(runs) || runs < 1 || !(timeoutMs > 0)) {
  console.error("bench: --runs must be a positive integer and --timeout a positive number of seconds");
  process.exit(2);
}

let specs;
try {
  const dir = specsDir();
  specs = SPECS.filter((s) => !values.only || s.includes(values.only)).map((name) => join(dir, name));
  const missing = specs.filter((p) => !existsSync(p));
  if (missing.length > 0) throw new Error(`missing spec(s): ${missing.join(", ")}`);
  if (specs.length === 0) throw new Error(`no benchmark spec matches --only ${JSON.stringify(values.only)} (${SPECS.join(", ")})`);
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
if (!existsSync(join(ROOT, "dist", "cli", "index.js"))) {
  console.error("bench: dist/ is missing: run `npm run build` first");
  process.exit(2);
}

/**
 * The bin script of an installed package.
 * @param {string} from a folder whose node_modules holds the package
 * @param {string} name
 * @returns {string}
 */
function binOf(from, name) {
  // Read directly: some packages (orval) do not export ./package.json, so require.resolve fails.
  const manifestPath = join(from, "node_modules", name, "package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  const bin = typeof manifest.bin === "string" ? manifest.bin : Object.values(manifest.bin ?? {})[0];
  if (typeof bin !== "string") throw new Error(`${name} has no bin`);
  return join(dirname(manifestPath), bin);
}

/**
 * @typedef {{ name: string, version: string, what: string, unavailable?: string,
 *   prepare: (spec: string, work: string) => Promise<{ args: string[], output: string }> }} Tool
 */

const node = process.execPath;
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));

/** @type {Tool[]} */
const tools = [
  {
    name: "Codegen",
    version: pkg.version,
    what: "client: types, functions, runtime",
    prepare: async (spec, work) => ({
      args: [join(ROOT, "bin", "codegen.js"), "generate", "-i", spec, "-o", join(work, "out")],
      output: join(work, "out"),
    }),
  },
  {
    name: "openapi-typescript",
    version: installedVersion(join(ROOT, "node_modules"), "openapi-typescript") ?? "?",
    what: "types only",
    prepare: async (spec, work) => ({
      args: [binOf(ROOT, "openapi-typescript"), spec, "-o", join(work, "schema.d.ts")],
      output: join(work, "schema.d.ts"),
    }),
  },
  {
    name: "@hey-api/openapi-ts",
    version: PINS["@hey-api/openapi-ts"],
    what: "client-fetch + typescript + sdk",
    prepare: async (spec, work) => {
      const config = join(work, "openapi-ts.config.mjs");
      const options = {
        input: spec,
        output: { path: join(work, "out") },
        plugins: ["@hey-api/client-fetch", "@hey-api/typescript", "@hey-api/sdk"],
        logs: { file: false },
      };
      await writeFile(config, `export default ${JSON.stringify(options, null, 2)};\n`);
      return { args: [binOf(BENCH_DIR, "@hey-api/openapi-ts"), "-f", config], output: join(work, "out") };
    },
  },
  {
    name: "orval",
    version: PINS.orval,
    what: "fetch client, one file",
    prepare: async (spec, work) => {
      const config = join(work, "orval.config.cjs");
      const options = { api: { input: { target: spec }, output: { target: join(work, "out", "api.ts"), client: "fetch", mode: "single" } } };
      await writeFile(config, `module.exports = ${JSON.stringify(options, null, 2)};\n`);
      return { args: [binOf(BENCH_DIR, "orval"), "--config", config], output: join(work, "out") };
    },
  },
];

console.log("# Codegen benchmark\n");
console.log(machineInfo());
console.log(`peak RSS: ${existsSync(GNU_TIME) ? `${GNU_TIME} -v (largest process of the tool's tree)` : "/proc/<pid>/status VmHWM (the tool's main process)"}`);
console.log(`runs: ${runs} per tool and spec, one at a time, interleaved; time-out ${timeoutMs / 1000} s per run`);

const installError = ensurePeers(BENCH_DIR, PINS);
for (const tool of tools) {
  if (installError && tool.name in PINS) tool.unavailable = installError;
}
console.log("\n| tool | version | generates |\n| --- | --- | --- |");
for (const t of tools) console.log(`| ${t.name} | ${t.version} | ${t.what} |`);

let codegenFailed = false;
const benchStart = performance.now();
for (const spec of specs) {
  const name = spec.slice(spec.lastIndexOf("/") + 1);
  const kb = Math.round(statSync(spec).size / 1024);
  /** @type {Map<string, { times: number[], peaks: number[], error?: string, files?: number, bytes?: number }>} */
  const stats = new Map(tools.map((t) => [t.name, { times: [], peaks: [], ...(t.unavailable ? { error: t.unavailable } : {}) }]));
  for (let run = 1; run <= runs; run++) {
    for (const tool of tools) {
      const s = /** @type {NonNullable<ReturnType<typeof stats.get>>} */ (stats.get(tool.name));
      if (s.error !== undefined) continue;
      const work = await mkdtemp(join(tmpdir(), "codegen-bench-"));
      try {
        const { args, output } = await tool.prepare(spec, work);
        const r = await timedRun(node, args, { cwd: work, timeoutMs });
        const size = sizeOf(output);
        if (r.timedOut) s.error = `timed out after ${timeoutMs / 1000} s`;
        else if (r.code !== 0) s.error = `exit ${r.code}: ${errorLine(r.stdout, r.stderr)}`;
        else if (size.files === 0) s.error = `exit 0 but no output: ${errorLine(r.stdout, r.stderr)}`;
        else {
          s.times.push(r.ms);
          if (r.peakMB !== null) s.peaks.push(r.peakMB);
          s.files = size.files;
          s.bytes = size.bytes;
        }
        process.stderr.write(`${name} run ${run}/${runs} ${tool.name}: ${s.error ?? `${Math.round(r.ms)} ms`}\n`);
      } catch (error) {
        s.error = `bench could not run it: ${error instanceof Error ? error.message : String(error)}`;
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    }
  }

  const base = stats.get("Codegen");
  const baseMedian = base && base.error === undefined && base.times.length > 0 ? median(base.times) : null;
  if (baseMedian === null) codegenFailed = true;
  console.log(`\n## ${name} (${declaredVersion(readFileSync(spec, "utf8"))}, ${num(kb)} KB)\n`);
  console.log("| tool | median ms | min ms | peak MB | vs Codegen | output |");
  console.log("| --- | ---: | ---: | ---: | ---: | --- |");
  for (const tool of tools) {
    const s = /** @type {NonNullable<ReturnType<typeof stats.get>>} */ (stats.get(tool.name));
    if (s.error !== undefined) {
      console.log(`| ${tool.name} | FAIL | | | | ${cell(s.error)} |`);
      continue;
    }
    const med = median(s.times);
    const ratio = baseMedian === null ? "–" : `${(med / baseMedian).toFixed(2)}×`;
    const peak = s.peaks.length > 0 ? Math.max(...s.peaks).toFixed(0) : "?";
    const output = `${s.files} file${s.files === 1 ? "" : "s"}, ${num((s.bytes ?? 0) / 1024)} KB`;
    console.log(`| ${tool.name} | ${num(med)} | ${num(Math.min(...s.times))} | ${peak} | ${ratio} | ${output} |`);
  }
}
console.log(`\nvs Codegen = tool median / Codegen median (above 1: slower than Codegen). Total bench time ${((performance.now() - benchStart) / 1000).toFixed(0)} s.`);
process.exitCode = codegenFailed ? 1 : 0;
