// Helpers of `npm run bench` (scripts/bench.mjs): peer installation, install footprints, timed runs
// of a CLI in a fresh process with its peak RSS, the type-check project of an output, and the
// result tables. Plain ESM with JSDoc types.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { cpus, freemem, release, tmpdir, totalmem } from "node:os";
import { join } from "node:path";

/**
 * The peers of `npm run bench`, pinned, installed together into .bench/ (gitignored; never project
 * dependencies): one list, so that neither bench's install removes the other's packages. The newest
 * releases that still run on Node 20 (the project's minimum): @hey-api/openapi-ts >= 0.96 and
 * orval >= 7.14 require Node 22; openai is the newest 4.x release. openapi-fetch, openai and
 * esbuild (which bundles the client programs) serve the SDK bench (scripts/bench-sdk.mjs).
 */
export const BENCH_PINS = Object.freeze({
  "@hey-api/openapi-ts": "0.95.0",
  orval: "7.13.2",
  "openapi-fetch": "0.17.0",
  openai: "4.104.0",
  esbuild: "0.28.2",
});

/** GNU time, which reports the peak RSS of the process it runs. */
export const GNU_TIME = "/usr/bin/time";

/**
 * @typedef {{ ok: true, ms: number, peakMB: number | null, files: number, bytes: number }
 *   | { ok: false, ms: number, peakMB: number | null, error: string }} RunResult
 */

/**
 * What the machine is, for the top of the report.
 * @returns {string}
 */
export function machineInfo() {
  const list = cpus();
  const model = list[0]?.model.trim() ?? "unknown CPU";
  const gb = (/** @type {number} */ n) => (n / 1024 ** 3).toFixed(1);
  return [
    `cpus: ${list.length} x ${model}`,
    `memory: ${gb(totalmem())} GB (${gb(freemem())} GB free)`,
    `node: ${process.version} (${process.platform}-${process.arch}, kernel ${release()})`,
  ].join("\n");
}

/**
 * Installed version of a package in a node_modules folder, or null.
 * @param {string} nodeModules
 * @param {string} name
 * @returns {string | null}
 */
export function installedVersion(nodeModules, name) {
  try {
    return JSON.parse(readFileSync(join(nodeModules, name, "package.json"), "utf8")).version ?? null;
  } catch {
    return null;
  }
}

/**
 * Makes sure the pinned peers are installed under `prefix` (npm install --prefix, no save);
 * returns null when they are, or the reason they are not.
 * @param {string} prefix
 * @param {Record<string, string>} pins package name -> exact version
 * @returns {string | null}
 */
export function ensurePeers(prefix, pins) {
  const nodeModules = join(prefix, "node_modules");
  const missing = Object.entries(pins).filter(([name, version]) => installedVersion(nodeModules, name) !== version);
  if (missing.length === 0) return null;
  const specs = Object.entries(pins).map(([name, version]) => `${name}@${version}`);
  process.stderr.write(`Installing ${specs.join(" ")} into ${prefix} (first use)...\n`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const result = spawnSync(npm, ["install", "--prefix", prefix, "--no-save", "--no-audit", "--no-fund", ...specs], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (result.status !== 0) return `npm install failed (exit ${result.status ?? result.signal})`;
  const still = Object.entries(pins).filter(([name, version]) => installedVersion(nodeModules, name) !== version);
  return still.length === 0 ? null : `not installed after npm install: ${still.map(([n]) => n).join(", ")}`;
}

/**
 * Strips ANSI colour codes.
 * @param {string} text
 * @returns {string}
 */
function plain(text) {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, "");
}

/**
 * The line of a failed tool's output that best says why: the first mentioning an error, else the
 * first non-empty line of stderr, else of stdout.
 * @param {string} stdout
 * @param {string} stderr
 * @returns {string}
 */
export function errorLine(stdout, stderr) {
  const lines = (/** @type {string} */ t) =>
    plain(t)
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== "");
  const all = [...lines(stderr), ...lines(stdout)];
  const hit = all.find((l) => /\berror\b|failed|cannot|unable|invalid/i.test(l) && !/^at /.test(l));
  const line = hit ?? lines(stderr)[0] ?? lines(stdout)[0] ?? "no output";
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}

/**
 * Files and bytes under a folder (recursive), or of a single file.
 * @param {string} path
 * @returns {{ files: number, bytes: number }}
 */
export function sizeOf(path) {
  if (!existsSync(path)) return { files: 0, bytes: 0 };
  const stat = statSync(path);
  if (stat.isFile()) return { files: 1, bytes: stat.size };
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}

/**
 * Runs a command once in a fresh process: wall time (spawn to exit) and peak RSS, via GNU time
 * when present (`-v`: "Maximum resident set size", the largest process of the tree), else by
 * polling /proc/<pid>/status VmHWM of the direct child.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, timeoutMs: number }} options
 * @returns {Promise<{ code: number | null, ms: number, peakMB: number | null, stdout: string, stderr: string, timedOut: boolean }>}
 */
export async function timedRun(command, args, options) {
  const useTime = existsSync(GNU_TIME);
  const scratch = await mkdtemp(join(tmpdir(), "codegen-bench-time-"));
  const timeFile = join(scratch, "time.txt");
  const [cmd, argv] = useTime ? [GNU_TIME, ["-v", "-o", timeFile, command, ...args]] : [command, args];
  const env = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", CI: "1" };
  const started = performance.now();
  const child = spawn(cmd, argv, { cwd: options.cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  /** @type {Buffer[]} */
  const out = [];
  /** @type {Buffer[]} */
  const err = [];
  child.stdout.on("data", (c) => out.push(c));
  child.stderr.on("data", (c) => err.push(c));
  let hwmKB = 0;
  const poll = useTime
    ? undefined
    : setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
          if (m) hwmKB = Math.max(hwmKB, Number(m[1]));
        } catch {
          // exited, or no /proc
        }
      }, 20);
  // Kills the process group we started (the tool may have children of its own).
  const killGroup = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    } catch {
      child.kill("SIGKILL");
    }
  };
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup();
  }, options.timeoutMs);
  // The child is detached (its own group), so Ctrl+C would not reach it: forward it.
  const onSigint = () => {
    killGroup();
    process.exit(130);
  };
  process.once("SIGINT", onSigint);
  const code = await new Promise((resolve) => {
    child.on("error", () => resolve(null));
    child.on("close", (c) => resolve(c));
  });
  const ms = performance.now() - started;
  clearTimeout(timer);
  process.off("SIGINT", onSigint);
  if (poll) clearInterval(poll);
  let peakKB = hwmKB || null;
  if (useTime) {
    const report = await readFile(timeFile, "utf8").catch(() => "");
    const m = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(report);
    peakKB = m ? Number(m[1]) : null;
  }
  await rm(scratch, { recursive: true, force: true });
  return {
    code: /** @type {number | null} */ (code),
    ms,
    peakMB: peakKB === null ? null : peakKB / 1024,
    stdout: Buffer.concat(out).toString("utf8"),
    stderr: Buffer.concat(err).toString("utf8"),
    timedOut,
  };
}

/**
 * Median of numbers (mean of the middle two for an even count).
 * @param {number[]} values
 * @returns {number}
 */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const at = (/** @type {number} */ i) => /** @type {number} */ (sorted[i]);
  return sorted.length % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

/**
 * Escapes a Markdown table cell.
 * @param {string} text
 * @returns {string}
 */
export function cell(text) {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

/**
 * Groups digits: 12345 -> "12,345".
 * @param {number} n
 * @returns {string}
 */
export function num(n) {
  return Math.round(n).toLocaleString("en-US");
}

/**
 * How a tool's output spells its relative imports decides the module resolution of its type check:
 * "NodeNext" when every relative specifier has a runtime extension (`./models.js`), "Bundler" when
 * any lacks one (`./models`), which NodeNext would reject (TS2835) though bundlers accept it.
 * @param {string} folder the output folder
 * @returns {"NodeNext" | "Bundler"}
 */
export function moduleResolutionOf(folder) {
  const specifier = /(?:\bfrom|\bimport)\s*\(?\s*["'](\.{1,2}\/[^"']*)["']/g;
  for (const file of tsFiles(folder)) {
    for (const m of readFileSync(file, "utf8").matchAll(specifier)) {
      if (!/\.(?:[cm]?js|json)$/.test(/** @type {string} */ (m[1]))) return "Bundler";
    }
  }
  return "NodeNext";
}

/**
 * The .ts files under a folder (recursive), node_modules excluded.
 * @param {string} folder
 * @returns {string[]}
 */
function tsFiles(folder) {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !join(e.parentPath, e.name).includes("/node_modules/"))
    .map((e) => join(e.parentPath, e.name));
}

/**
 * Renames the output's `.d.ts` files to `.ts` (when no such .ts exists): `skipLibCheck`, meant for
 * the runtime packages' declarations, would otherwise skip checking a declarations-only output
 * (openapi-typescript's schema.d.ts) altogether. A file of declarations is valid as a .ts file.
 * @param {string} folder
 */
export function declarationsAsSources(folder) {
  for (const file of tsFiles(folder)) {
    const source = file.replace(/\.d\.ts$/, ".ts");
    if (source !== file && !existsSync(source)) renameSync(file, source);
  }
}

/**
 * Writes the type-check project into an output folder: tsconfig.json (strict, noEmit,
 * skipLibCheck, ES2022 + DOM, no ambient `@types`, every .ts file) and package.json
 * `{"type":"module"}` (every tool's output is ESM; under NodeNext the .ts files would else be CJS).
 * @param {string} folder
 * @param {"NodeNext" | "Bundler"} resolution
 * @returns {string} the tsconfig path
 */
export function writeTscProject(folder, resolution) {
  const compilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: "ES2022",
    module: resolution === "Bundler" ? "ESNext" : "NodeNext",
    moduleResolution: resolution,
    lib: ["ES2022", "DOM"],
    types: [],
  };
  const tsconfig = join(folder, "tsconfig.json");
  writeFileSync(
    tsconfig,
    `${JSON.stringify({ compilerOptions, include: ["**/*.ts"], exclude: ["node_modules"] }, null, 2)}\n`,
  );
  writeFileSync(join(folder, "package.json"), '{ "type": "module" }\n');
  return tsconfig;
}

/**
 * The diagnostics of a `tsc --pretty false` run: their count and a summary by code, most frequent
 * first (`TS2769 ×3, TS2322`).
 * @param {string} output stdout + stderr of tsc
 * @returns {{ errors: number, codes: string }}
 */
export function tscErrors(output) {
  /** @type {Map<string, number>} */
  const byCode = new Map();
  for (const m of output.matchAll(/error (TS\d+):/g))
    byCode.set(/** @type {string} */ (m[1]), (byCode.get(/** @type {string} */ (m[1])) ?? 0) + 1);
  const errors = [...byCode.values()].reduce((a, b) => a + b, 0);
  const codes = [...byCode]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([code, n]) => (n > 1 ? `${code} ×${n}` : code))
    .join(", ");
  return { errors, codes: byCode.size > 3 ? `${codes}, …` : codes };
}

/**
 * Installs packages into a fresh project folder the way a user would (`npm install <specs>` in a
 * folder with only a package.json; the npm cache is used when it has what is needed). Returns null,
 * or why it failed.
 * @param {string} project the folder (created)
 * @param {string[]} specs npm install arguments: names with versions, or a tarball path
 * @returns {string | null}
 */
export function installFresh(project, specs) {
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, "package.json"), '{ "private": true, "type": "module" }\n');
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const result = spawnSync(npm, ["install", "--no-audit", "--no-fund", "--prefer-offline", ...specs], {
    cwd: project,
    encoding: "utf8",
  });
  return result.status === 0
    ? null
    : `npm install failed (exit ${result.status ?? result.signal}): ${errorLine(result.stdout ?? "", result.stderr ?? "")}`;
}

/**
 * The weight of a project's node_modules: disk usage as `du -sk` reports it (what `du -sh
 * node_modules` shows a user; the sum of file sizes when there is no `du`), and the number of
 * installed packages (package folders, nested node_modules included).
 * @param {string} project
 * @returns {{ bytes: number, packages: number }}
 */
export function installFootprint(project) {
  const nodeModules = join(project, "node_modules");
  const du = spawnSync("du", ["-sk", nodeModules], { encoding: "utf8" });
  const kb = du.status === 0 ? Number(/^(\d+)/.exec(du.stdout)?.[1]) : NaN;
  const bytes = Number.isFinite(kb) ? kb * 1024 : sizeOf(nodeModules).bytes;
  return { bytes, packages: countPackages(nodeModules) };
}

/**
 * Package folders in a node_modules folder, recursively through nested node_modules.
 * @param {string} nodeModules
 * @returns {number}
 */
function countPackages(nodeModules) {
  if (!existsSync(nodeModules)) return 0;
  let count = 0;
  for (const entry of readdirSync(nodeModules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
    const dirs = entry.name.startsWith("@")
      ? readdirSync(join(nodeModules, entry.name), { withFileTypes: true })
          .filter((e) => e.isDirectory())
          .map((e) => join(nodeModules, entry.name, e.name))
      : [join(nodeModules, entry.name)];
    for (const dir of dirs) {
      if (!existsSync(join(dir, "package.json"))) continue;
      count += 1 + countPackages(join(dir, "node_modules"));
    }
  }
  return count;
}
