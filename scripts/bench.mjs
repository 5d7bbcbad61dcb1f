#!/usr/bin/env node
// `npm run bench`: first, install and start-up: each tool (Codegen from its `npm pack` tarball, each
// peer by its pinned version) installed into its own fresh project as a user would (`npm install`),
// the size of that node_modules (`du -sk`) and its package count, and the whole-process wall time of
// `<tool> --version` and of generating a small spec (oai-petstore-expanded.yaml) with that install.
// Then it times Codegen's CLI (whole client, fresh `node` process per run) on the largest
// corpus specs beside peers in the same run, and prints per spec a Markdown table: median and min
// wall time, peak RSS, and the ratio to Codegen's median. Then, per spec, a second table: each tool's
// output (from one extra, untimed generation) type-checked with the native tsc (scripts/tsc.mjs):
// median and min wall time of `tsc -p`, its error count, and the ratio to Codegen's. Not a test:
// numbers, no verdicts.
//
//   node scripts/bench.mjs [--runs N] [--tsc-runs N] [--only <spec substring>] [--timeout <seconds>]
//                          [--startup-only | --no-startup] [--no-sdk] [--requests N]
//   node scripts/bench.mjs --sdk-only [options of scripts/bench-sdk.mjs]
//
// Last, it runs the SDK bench (scripts/bench-sdk.mjs: bundle size and per-request throughput of a
// listAssistants program with Codegen's client and its peers), passing `--runs` and `--requests`
// when given; `--no-sdk` (or `--startup-only`) skips it, `--sdk-only` runs only it, with its
// own options (see `node scripts/bench-sdk.mjs --help`).
//
// The type check: one tsconfig.json in the output folder (strict, noEmit, skipLibCheck, ES2022 +
// DOM, `types: []`, every .ts file) plus package.json {"type":"module"}. Module resolution is
// detected from the output: NodeNext when its relative imports carry `.js`, Bundler (module ESNext)
// when any is extensionless. A declarations-only output (openapi-typescript's schema.d.ts) is renamed
// to .ts, or skipLibCheck would skip it. `.bench/node_modules` is symlinked next to the output so
// imports of a peer's runtime packages resolve. `--tsc-runs 0` skips the type check.
//
// Peers: openapi-typescript (a project dependency; types only), and @hey-api/openapi-ts and orval,
// which are NOT project dependencies: pinned versions are installed into .bench/ (gitignored) on
// first use. Runs are interleaved (run 1 of every tool, then run 2, ...) so drift in the machine's
// state hits all tools alike. A tool that fails on a spec is shown as FAIL with its first error
// line and not run again on that spec. `npm run bench` builds first: the CLI runs from dist/.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  BENCH_PINS,
  cell,
  declarationsAsSources,
  ensurePeers,
  errorLine,
  GNU_TIME,
  installedVersion,
  installFootprint,
  installFresh,
  machineInfo,
  median,
  moduleResolutionOf,
  num,
  sizeOf,
  timedRun,
  tscErrors,
  writeTscProject,
} from "./lib/bench.mjs";
import { parseSdkArgs, SDK_USAGE } from "./lib/bench-sdk.mjs";
import { declaredVersion, ROOT, specsDir } from "./lib/corpus.mjs";

/** The largest specs of the corpus. */
const SPECS = ["stripe-spec3-2023-09.yaml", "openai-latest.yaml", "box-openapi.json"];

/** The small corpus spec of the start-up measurement. */
const SMALL_SPEC = "oai-petstore-expanded.yaml";

/** Pinned peers installed into .bench/ (with the SDK bench's: see BENCH_PINS). */
const PINS = BENCH_PINS;
const BENCH_DIR = join(ROOT, ".bench");

const SDK_BENCH = fileURLToPath(new URL("./bench-sdk.mjs", import.meta.url));
if (process.argv.includes("--sdk-only")) {
  const sdk = spawnSync(process.execPath, [SDK_BENCH, ...process.argv.slice(2)], { stdio: "inherit" });
  process.exit(sdk.status ?? 1);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      runs: { type: "string" },
      "tsc-runs": { type: "string", default: "3" },
      only: { type: "string" },
      timeout: { type: "string", default: "180" },
      "startup-only": { type: "boolean" },
      "no-startup": { type: "boolean" },
      "no-sdk": { type: "boolean" },
      requests: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  }));
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
if (values.help) {
  console.log(
    "Usage: node scripts/bench.mjs [--runs N] [--tsc-runs N] [--only <spec substring>] [--timeout <seconds>] [--startup-only | --no-startup] [--no-sdk] [--requests N]\n" +
      "       node scripts/bench.mjs --sdk-only [SDK bench options]\n" +
      "  (npm run bench -- <options>). Last, the SDK bench runs (given --runs and --requests pass to it); --no-sdk or --startup-only skip it.\n\n" +
      `SDK bench, alone:\n${SDK_USAGE}`,
  );
  process.exit(0);
}
const runs = Number(values.runs ?? "5");
const tscRuns = Number(values["tsc-runs"]);
const timeoutMs = Number(values.timeout) * 1000;
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(tscRuns) || tscRuns < 0 || !(timeoutMs > 0)) {
  console.error(
    "bench: --runs must be a positive integer, --tsc-runs a non-negative integer and --timeout a positive number of seconds",
  );
  process.exit(2);
}

// The SDK bench gets --runs (its rounds) and --requests only when given: its defaults differ.
const sdkArgs = [
  ...(values.runs === undefined ? [] : ["--runs", values.runs]),
  ...(values.requests === undefined ? [] : ["--requests", values.requests]),
];
try {
  parseSdkArgs(sdkArgs); // a bad --requests fails now, not after the generator bench
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}

let specs;
let smallSpec;
try {
  const dir = specsDir();
  smallSpec = join(dir, SMALL_SPEC);
  if (!existsSync(smallSpec)) throw new Error(`missing spec: ${smallSpec}`);
  specs = SPECS.filter((s) => !values.only || s.includes(values.only)).map((name) => join(dir, name));
  const missing = specs.filter((p) => !existsSync(p));
  if (missing.length > 0) throw new Error(`missing spec(s): ${missing.join(", ")}`);
  if (specs.length === 0)
    throw new Error(`no benchmark spec matches --only ${JSON.stringify(values.only)} (${SPECS.join(", ")})`);
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
 * A tool: `pkg` is its npm name, `with` what a user installs beside it; `prepare` gives the arguments
 * of `node` that generate `spec` into `work`, running `bin` (default: the bench's own install of the
 * tool, in the repository or .bench/).
 * @typedef {{ name: string, pkg: string, with?: string[], version: string, what: string, unavailable?: string,
 *   prepare: (spec: string, work: string, bin?: string) => Promise<{ args: string[], output: string }> }} Tool
 */

const node = process.execPath;
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));

/** @type {Tool[]} */
const tools = [
  {
    name: "Codegen",
    pkg: pkg.name,
    version: pkg.version,
    what: "client: types, functions, runtime",
    prepare: async (spec, work, bin = join(ROOT, "bin", "codegen.js")) => ({
      args: [bin, "generate", "-i", spec, "-o", join(work, "out")],
      output: join(work, "out"),
    }),
  },
  {
    name: "openapi-typescript",
    pkg: "openapi-typescript",
    version: installedVersion(join(ROOT, "node_modules"), "openapi-typescript") ?? "?",
    what: "types only",
    prepare: async (spec, work, bin = binOf(ROOT, "openapi-typescript")) => ({
      args: [bin, spec, "-o", join(work, "schema.d.ts")],
      output: join(work, "schema.d.ts"),
    }),
  },
  {
    name: "@hey-api/openapi-ts",
    pkg: "@hey-api/openapi-ts",
    // Its peer dependency `typescript` (>=5.5.3) would resolve to TypeScript 7, whose package has no
    // compiler API: 0.95 then fails at start-up. Users install TypeScript 5 beside it.
    with: [`typescript@${installedVersion(join(ROOT, "node_modules"), "typescript") ?? "5"}`],
    version: PINS["@hey-api/openapi-ts"],
    what: "client-fetch + typescript + sdk",
    prepare: async (spec, work, bin = binOf(BENCH_DIR, "@hey-api/openapi-ts")) => {
      const config = join(work, "openapi-ts.config.mjs");
      const options = {
        input: spec,
        output: { path: join(work, "out") },
        plugins: ["@hey-api/client-fetch", "@hey-api/typescript", "@hey-api/sdk"],
        logs: { file: false },
      };
      await writeFile(config, `export default ${JSON.stringify(options, null, 2)};\n`);
      return { args: [bin, "-f", config], output: join(work, "out") };
    },
  },
  {
    name: "orval",
    pkg: "orval",
    version: PINS.orval,
    what: "fetch client, one file",
    prepare: async (spec, work, bin = binOf(BENCH_DIR, "orval")) => {
      const config = join(work, "orval.config.cjs");
      const options = {
        api: {
          input: { target: spec },
          output: { target: join(work, "out", "api.ts"), client: "fetch", mode: "single" },
        },
      };
      await writeFile(config, `module.exports = ${JSON.stringify(options, null, 2)};\n`);
      return { args: [bin, "--config", config], output: join(work, "out") };
    },
  },
];

console.log("# Codegen benchmark\n");
console.log(machineInfo());
console.log(
  `peak RSS: ${existsSync(GNU_TIME) ? `${GNU_TIME} -v (largest process of the tool's tree)` : "/proc/<pid>/status VmHWM (the tool's main process)"}`,
);
console.log(`runs: ${runs} per tool and spec, one at a time, interleaved; time-out ${timeoutMs / 1000} s per run`);
const TSC = join(ROOT, "scripts", "tsc.mjs");
if (tscRuns > 0 && !values["startup-only"]) {
  const floor = await tscFloor();
  console.log(
    `type check: ${tscRuns} run${tscRuns === 1 ? "" : "s"} of \`node scripts/tsc.mjs -p\` (typescript-native ${installedVersion(join(ROOT, "node_modules"), "typescript-native") ?? "?"}) per tool and spec, interleaved; ` +
      `start-up floor (one empty file): ${floor === null ? "?" : `${num(floor)} ms`}`,
  );
}

const installError = ensurePeers(BENCH_DIR, PINS);
for (const tool of tools) {
  if (installError && tool.name in PINS) tool.unavailable = installError;
}
console.log("\n| tool | version | generates |\n| --- | --- | --- |");
for (const t of tools) console.log(`| ${t.name} | ${t.version} | ${t.what} |`);

let codegenFailed = false;
const benchStart = performance.now();
if (!values["no-startup"]) await installAndStartup(smallSpec);
for (const spec of values["startup-only"] ? [] : specs) {
  const name = spec.slice(spec.lastIndexOf("/") + 1);
  /** @type {Map<string, GenStat>} */
  const stats = new Map(
    tools.map((t) => [t.name, { times: [], peaks: [], ...(t.unavailable ? { error: t.unavailable } : {}) }]),
  );
  for (let run = 1; run <= runs; run++) {
    for (const tool of tools) {
      const s = /** @type {GenStat} */ (stats.get(tool.name));
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

  printGeneration(name, spec, stats);
  if (tscRuns > 0) printTypeCheck(await typeCheck(spec, name, stats));
}
console.log(
  `\nvs Codegen = tool median / Codegen median (above 1: slower than Codegen); size vs Codegen = install size / Codegen's. Total bench time ${((performance.now() - benchStart) / 1000).toFixed(0)} s.`,
);
let sdkFailed = false;
if (!values["no-sdk"] && !values["startup-only"]) {
  console.log("");
  const sdk = spawnSync(node, [SDK_BENCH, ...sdkArgs], { stdio: "inherit" });
  sdkFailed = sdk.status !== 0;
}
process.exitCode = codegenFailed || sdkFailed ? 1 : 0;

/**
 * Install weight and start-up time. Each tool goes into its own fresh project in os.tmpdir():
 * Codegen as the tarball `npm pack` makes of this repository, a peer by its pinned version (with
 * whatever npm adds, peer dependencies included). Then, `runs` times each, interleaved: the
 * whole-process wall time of `node <bin> --version` and of generating `spec` with that install.
 * @param {string} spec
 */
async function installAndStartup(spec) {
  const temp = await mkdtemp(join(tmpdir(), "codegen-bench-install-"));
  try {
    /** @type {Map<string, { project: string, bin?: string, bytes?: number, packages?: number, error?: string,
     *   version: number[], generate: number[], peaks: number[] }>} */
    const stats = new Map();
    const packed = spawnSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", temp], {
      cwd: ROOT,
      encoding: "utf8",
    });
    const tarball = packed.status === 0 ? join(temp, JSON.parse(packed.stdout)[0].filename) : null;
    for (const [index, tool] of tools.entries()) {
      const project = join(temp, String(index));
      /** @type {{ project: string, bin?: string, bytes?: number, packages?: number, error?: string, version: number[], generate: number[], peaks: number[] }} */
      const s = { project, version: [], generate: [], peaks: [] };
      stats.set(tool.name, s);
      const what = tool.name === "Codegen" ? tarball : `${tool.pkg}@${tool.version}`;
      if (what === null) {
        s.error = `npm pack failed: ${errorLine(packed.stdout, packed.stderr)}`;
        continue;
      }
      process.stderr.write(
        `installing ${[tool.name === "Codegen" ? basename(what) : what, ...(tool.with ?? [])].join(" ")} into a fresh project...\n`,
      );
      const error = installFresh(project, [what, ...(tool.with ?? [])]);
      if (error !== null) {
        s.error = error;
        continue;
      }
      Object.assign(s, installFootprint(project));
      try {
        s.bin = binOf(project, tool.pkg);
      } catch (e) {
        s.error = e instanceof Error ? e.message : String(e);
      }
    }
    for (let run = 1; run <= runs; run++) {
      for (const tool of tools) {
        const s = /** @type {NonNullable<ReturnType<typeof stats.get>>} */ (stats.get(tool.name));
        if (s.error !== undefined || s.bin === undefined) continue;
        const v = await timedRun(node, [s.bin, "--version"], { cwd: s.project, timeoutMs });
        if (v.code !== 0) {
          s.error = `--version: exit ${v.code}: ${errorLine(v.stdout, v.stderr)}`;
          continue;
        }
        s.version.push(v.ms);
        const work = await mkdtemp(join(tmpdir(), "codegen-bench-"));
        try {
          const { args, output } = await tool.prepare(spec, work, s.bin);
          const g = await timedRun(node, args, { cwd: work, timeoutMs });
          if (g.code !== 0 || sizeOf(output).files === 0)
            s.error = `generation: exit ${g.code}: ${errorLine(g.stdout, g.stderr)}`;
          else {
            s.generate.push(g.ms);
            if (g.peakMB !== null) s.peaks.push(g.peakMB);
          }
        } finally {
          await rm(work, { recursive: true, force: true });
        }
        process.stderr.write(
          `start-up run ${run}/${runs} ${tool.name}: ${s.error ?? `--version ${Math.round(v.ms)} ms, ${SMALL_SPEC} ${Math.round(s.generate.at(-1) ?? 0)} ms`}\n`,
        );
      }
    }
    const base = stats.get("Codegen");
    const baseBytes = base?.bytes;
    console.log(
      `\n## Install and start-up (fresh project per tool; ${SMALL_SPEC}, ${num(statSync(spec).size / 1024)} KB)\n`,
    );
    console.log(
      "| tool | install MiB (du) | packages | size vs Codegen | `--version` median ms | generate median ms | min ms | peak MB |",
    );
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const tool of tools) {
      const s = /** @type {NonNullable<ReturnType<typeof stats.get>>} */ (stats.get(tool.name));
      const size = s.bytes === undefined ? "" : (s.bytes / 1024 ** 2).toFixed(1);
      const ratio = s.bytes === undefined || baseBytes === undefined ? "–" : `${(s.bytes / baseBytes).toFixed(1)}×`;
      if (s.error !== undefined || s.generate.length === 0) {
        console.log(
          `| ${tool.name} | ${size} | ${s.packages ?? ""} | ${ratio} | FAIL | | | ${cell(s.error ?? "no run")} |`,
        );
        continue;
      }
      const peak = s.peaks.length > 0 ? Math.max(...s.peaks).toFixed(0) : "?";
      console.log(
        `| ${tool.name} | ${size} | ${s.packages} | ${ratio} | ${num(median(s.version))} | ${num(median(s.generate))} | ${num(Math.min(...s.generate))} | ${peak} |`,
      );
    }
    if (base?.error !== undefined || base?.generate.length === 0) codegenFailed = true;
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/**
 * @typedef {{ times: number[], peaks: number[], error?: string, files?: number, bytes?: number }} GenStat
 * @typedef {{ times: number[], peaks: number[], error?: string, tsconfig?: string, resolution?: "NodeNext" | "Bundler",
 *   errors?: number, codes?: string }} TscStat
 */

/**
 * The generation table of a spec.
 * @param {string} name
 * @param {string} spec
 * @param {Map<string, GenStat>} stats
 */
function printGeneration(name, spec, stats) {
  const kb = Math.round(statSync(spec).size / 1024);
  const base = stats.get("Codegen");
  const baseMedian = base && base.error === undefined && base.times.length > 0 ? median(base.times) : null;
  if (baseMedian === null) codegenFailed = true;
  console.log(`\n## ${name} (${declaredVersion(readFileSync(spec, "utf8"))}, ${num(kb)} KB)\n`);
  console.log("| tool | median ms | min ms | peak MB | vs Codegen | output |");
  console.log("| --- | ---: | ---: | ---: | ---: | --- |");
  for (const tool of tools) {
    const s = /** @type {GenStat} */ (stats.get(tool.name));
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

/**
 * Type-checks each tool's output of a spec: one extra, untimed generation per tool into a fresh
 * folder, the tsc project written into it, then `tscRuns` timed tsc runs per tool, interleaved.
 * @param {string} spec
 * @param {string} name the spec's file name, for progress lines
 * @param {Map<string, GenStat>} generation tools that failed to generate are not checked
 * @returns {Promise<Map<string, TscStat>>}
 */
async function typeCheck(spec, name, generation) {
  /** @type {Map<string, TscStat>} */
  const stats = new Map();
  /** @type {string[]} */
  const works = [];
  try {
    for (const tool of tools) {
      /** @type {TscStat} */
      const t = { times: [], peaks: [] };
      stats.set(tool.name, t);
      if (generation.get(tool.name)?.error !== undefined) {
        t.error = "not checked: generation failed";
        continue;
      }
      const work = await mkdtemp(join(tmpdir(), "codegen-bench-tsc-"));
      works.push(work);
      try {
        const { args, output } = await tool.prepare(spec, work);
        const r = await timedRun(node, args, { cwd: work, timeoutMs });
        if (r.timedOut || r.code !== 0 || sizeOf(output).files === 0) {
          t.error = `generation for the check failed: ${r.timedOut ? "timed out" : errorLine(r.stdout, r.stderr)}`;
          continue;
        }
        const folder = statSync(output).isFile() ? dirname(output) : output;
        declarationsAsSources(folder);
        t.resolution = moduleResolutionOf(folder);
        t.tsconfig = writeTscProject(folder, t.resolution);
        // Last, so the scans above never walk into it: peers' runtime packages resolve from here.
        if (existsSync(join(BENCH_DIR, "node_modules")))
          await symlink(join(BENCH_DIR, "node_modules"), join(work, "node_modules"), "dir");
      } catch (error) {
        t.error = `bench could not prepare it: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    for (let run = 1; run <= tscRuns; run++) {
      for (const tool of tools) {
        const t = /** @type {TscStat} */ (stats.get(tool.name));
        if (t.error !== undefined || t.tsconfig === undefined) continue;
        const r = await timedRun(node, [TSC, "-p", t.tsconfig, "--pretty", "false"], {
          cwd: dirname(t.tsconfig),
          timeoutMs,
        });
        const { errors, codes } = tscErrors(`${r.stdout}\n${r.stderr}`);
        if (r.timedOut) t.error = `tsc timed out after ${timeoutMs / 1000} s`;
        else if (r.code !== 0 && errors === 0) t.error = `tsc exit ${r.code}: ${errorLine(r.stdout, r.stderr)}`;
        else {
          t.times.push(r.ms);
          if (r.peakMB !== null) t.peaks.push(r.peakMB);
          t.errors = errors;
          t.codes = codes;
        }
        process.stderr.write(
          `${name} tsc run ${run}/${tscRuns} ${tool.name}: ${t.error ?? `${Math.round(r.ms)} ms, ${errors} errors`}\n`,
        );
      }
    }
  } finally {
    await Promise.all(works.map((w) => rm(w, { recursive: true, force: true })));
  }
  return stats;
}

/**
 * The type-check table of a spec.
 * @param {Map<string, TscStat>} stats
 */
function printTypeCheck(stats) {
  const base = stats.get("Codegen");
  const baseMedian = base && base.error === undefined && base.times.length > 0 ? median(base.times) : null;
  console.log("\nType check of the output (`tsc -p`, wall time):\n");
  console.log("| tool | tsc median ms | min ms | peak MB | errors | vs Codegen | resolution |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
  for (const tool of tools) {
    const t = /** @type {TscStat} */ (stats.get(tool.name));
    if (t.error !== undefined || t.times.length === 0) {
      console.log(`| ${tool.name} | FAIL | | | | | ${cell(t.error ?? "no run")} |`);
      continue;
    }
    const med = median(t.times);
    const ratio = baseMedian === null ? "–" : `${(med / baseMedian).toFixed(2)}×`;
    const peak = t.peaks.length > 0 ? Math.max(...t.peaks).toFixed(0) : "?";
    const errors = t.errors ? `${t.errors} (${cell(t.codes ?? "")})` : "0";
    console.log(
      `| ${tool.name} | ${num(med)} | ${num(Math.min(...t.times))} | ${peak} | ${errors} | ${ratio} | ${t.resolution} |`,
    );
  }
}

/**
 * Median wall time of tsc on a project of one empty file: the start-up cost inside every type-check
 * time (two `node` processes and the native compiler's own start), or null when it fails.
 * @returns {Promise<number | null>}
 */
async function tscFloor() {
  const work = await mkdtemp(join(tmpdir(), "codegen-bench-tsc-"));
  try {
    await writeFile(join(work, "empty.ts"), "export {};\n");
    const tsconfig = writeTscProject(work, "NodeNext");
    /** @type {number[]} */
    const times = [];
    for (let run = 0; run < tscRuns; run++) {
      const r = await timedRun(node, [TSC, "-p", tsconfig, "--pretty", "false"], { cwd: work, timeoutMs });
      if (r.code !== 0) return null;
      times.push(r.ms);
    }
    return median(times);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
