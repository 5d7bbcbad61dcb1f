#!/usr/bin/env node
// The SDK bench (`npm run bench -- --sdk-only`, or `node scripts/bench-sdk.mjs`; `npm run bench`
// runs it last): what a program that creates an OpenAI client and calls listAssistants costs, with
// Codegen's client (`generated/openai` of the working tree, or the folder `--client` names, through
// its public exports `createClient` and `listAssistants` only), openapi-fetch (with openapi-typescript's types),
// @hey-api/openapi-ts (its fetch client, generated from spec/openai.yaml) and the official `openai`
// SDK, beside a hand-written `fetch` call. Not a test: numbers, no verdicts.
//
// 1. Bundle size: each program (TypeScript) bundled by esbuild (bundle, minify, ESM, platform
//    browser, target es2022, no legal comments): minified bytes and gzip (level 9) bytes, and what
//    the program configures (base URL, bearer auth, time-out) and gets (typed errors, retries).
// 2. Throughput: a local keep-alive server on 127.0.0.1 (its own process) answers listAssistants;
//    each client program, bundled for Node, runs in its own `node` process (scripts/lib/
//    bench-sdk-runner.mjs), warmed up once. In each of `--runs` rounds every client in turn times
//    `--requests` calls one after another, then every client in turn as many with `--concurrency`
//    in flight; the order rotates each round. Short batches, finely interleaved, so that changes in
//    the (shared) machine's load hit every client alike.
//    Reported: median requests/s, and the ratio to the raw `fetch` call (same URL, headers and JSON
//    parse) with no signal and with `AbortSignal.timeout(60_000)`, measured in the same rounds (the
//    median of per-round ratios), and the client process's CPU time per call (user + system), which
//    other load on the machine disturbs less than wall time. Each client's "same call" baseline is
//    the one matching whether it creates a signal per call.
//    Same process: those ratios compare two processes, which differ (heap, JIT, scheduling) by
//    more than the few percent between a client and the raw call. So each client's process also
//    loads its same-call raw program (scripts/lib/bench-sdk-runner.mjs `paired`), and the batches
//    above are reused: in each, right after the client's timed calls (before them in odd rounds),
//    the process times as many raw calls with as many in flight. Reported per client and calls in
//    flight: the median per-round ratio client / raw of req/s and raw / client of CPU per call, and
//    both CPU µs per call: the client's own cost on a real fetch, its allocations included. Reusing
//    the batches (rather than new ones) keeps the default run about a quarter longer than without
//    the pairing; the raw programs' own processes are not paired.
// 3. Own work per call: wall-time throughput on a loaded machine spreads far more than the 1-3 %
//    between clients, so each client's own code is also measured apart from the network: each
//    program runs again in a process of its own (scripts/lib/bench-sdk-runner.mjs `stub`), its
//    client given a stub `fetch` (stubFetch in scripts/lib/bench-sdk.mjs) that answers every call at
//    once with a new `Response` of the server's page, which the client still reads and parses. In
//    each of `--runs` rounds every client in turn times `--own-calls` calls one after another (the
//    order rotating); reported: CPU and wall µs per call (medians over rounds), own work (the median
//    per-round difference from the same-call raw baseline, also given the stub) and the throughput
//    ratio it implies, real / (real + own work), real being the raw baseline's client CPU per call
//    against the server in this run. `--own-only` prints this table alone: no sizes, and of the
//    throughput part only the raw baselines' one-at-a-time batches, for the real fetch cost.
//
// Peers are pinned (BENCH_PINS in scripts/lib/bench.mjs) and installed into .bench/ on first use.
import { fork, spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import ts from "typescript";
import { BENCH_PINS, cell, ensurePeers, errorLine, installedVersion, machineInfo, median, num } from "./lib/bench.mjs";
import { derivedRatio, medianOf, pairedDifference, pairedRatio, parseSdkArgs, SDK_USAGE } from "./lib/bench-sdk.mjs";
import { ROOT } from "./lib/corpus.mjs";

const BENCH_DIR = join(ROOT, ".bench");
const NODE_MODULES = join(BENCH_DIR, "node_modules");
const SPEC = join(ROOT, "spec", "openai.yaml");
const RUNNER = join(ROOT, "scripts", "lib", "bench-sdk-runner.mjs");
const SERVER = join(ROOT, "scripts", "lib", "bench-sdk-server.mjs");
const API_KEY = "sk-bench-0000";
/** The time-out every program that has one sets, and the signal baseline's. */
const TIMEOUT_MS = 60_000;

/** @type {import("./lib/bench-sdk.mjs").SdkArgs} */
let args;
try {
  args = parseSdkArgs(process.argv.slice(2));
} catch (error) {
  console.error(`bench-sdk: ${error instanceof Error ? error.message : String(error)}\n${SDK_USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(SDK_USAGE);
  process.exit(0);
}
/** The Codegen client measured: a generated folder whose index.ts exports createClient and listAssistants. */
const CODEGEN_DIR = resolve(args.client ?? join(ROOT, "generated", "openai"));
const CODEGEN_INDEX = join(CODEGEN_DIR, "index.ts");
if (!existsSync(CODEGEN_INDEX)) {
  console.error(
    `bench-sdk: ${CODEGEN_INDEX} is missing: ${args.client === undefined ? "run `npx codegen` first" : "--client must name a generated client folder"}`,
  );
  process.exit(2);
}
const codegenVersion = args.client === undefined ? "(working tree)" : `(${relative(ROOT, CODEGEN_DIR) || "."})`;

/**
 * A client program: `source` is a TypeScript module exporting `makeCall(baseUrl, apiKey, fetchImpl?)`,
 * which creates the client once (its fetch `fetchImpl` when given: the own-work part's stub) and
 * returns a function that calls listAssistants once and resolves to the assistants read. `size`
 * programs are also bundled for the size table, with `features`. `baseline` says which fetch call it
 * makes: with a signal per call or none. `own: false` leaves it out of the own-work part (where it
 * would be the same program as another).
 * @typedef {{ name: string, version: string, source: string, size: boolean, baseline: "none" | "signal",
 *   own?: false, features?: { baseUrl: string, auth: string, errors: string, timeout: string, retries: string },
 *   error?: string }} Program
 */

/**
 * A program's figures by round (null: none that round): requests/s, and its process's CPU µs per
 * call (user + system).
 * @typedef {{ rps: (number | null)[], cpu: (number | null)[] }} Rounds
 */

/**
 * A program's timed part: by round, one at a time (sequential) and with calls in flight
 * (concurrent); `error` once it failed. `raw`: with the in-process pairing, its same-call raw
 * fetch's batches in the same process, by round (empty without it).
 * @typedef {{ error?: string, sequential: Rounds, concurrent: Rounds,
 *   raw: { sequential: Rounds, concurrent: Rounds } }} Stats
 */

const codegenOptions = clientOptionNames(CODEGEN_INDEX);
const codegenTimeout = codegenOptions.has("timeoutMs");
const codegenImport = JSON.stringify(join(CODEGEN_DIR, "index.js"));
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));

console.log("# SDK bench: a program that creates a client and calls listAssistants\n");
console.log(machineInfo());

const installError = ensurePeers(BENCH_DIR, BENCH_PINS);
if (installError !== null) {
  console.error(`bench-sdk: the peers could not be installed: ${installError}`);
  process.exit(1);
}
/** @type {typeof import("esbuild")} */
const esbuild = await import(pathToFileURL(join(NODE_MODULES, "esbuild", "lib", "main.js")).href);

// Programs live in a scratch folder inside .bench/, so that their imports of the peers resolve.
const work = await mkdtemp(join(BENCH_DIR, "sdk-"));
/** @type {import("node:child_process").ChildProcess | undefined} */
let server;
try {
  const heyApiError = generateHeyApi(join(work, "hey-api"));
  const pathsError = generatePaths(join(work, "openai-paths.d.ts"));

  /** @type {Program[]} */
  const programs = [
    {
      name: "fetch",
      version: `Node ${process.version}`,
      size: false,
      baseline: "none",
      source: fetchSource(false),
    },
    {
      name: "fetch + signal",
      version: `Node ${process.version}`,
      size: true,
      baseline: "signal",
      source: fetchSource(true),
      features: {
        baseUrl: "by hand",
        auth: "by hand (header)",
        errors: "none (a status check)",
        timeout: `\`AbortSignal.timeout(${TIMEOUT_MS})\` per call`,
        retries: "none",
      },
    },
    {
      name: "Codegen",
      version: `${pkg.version} ${codegenVersion}`,
      size: true,
      baseline: codegenTimeout ? "signal" : "none",
      source: codegenSource(codegenTimeout ? `timeoutMs: ${TIMEOUT_MS}` : null),
      features: {
        baseUrl: "`baseUrl`",
        auth: "`apiKey` (the spec's bearer scheme)",
        errors: "error classes by status, thrown",
        timeout: codegenTimeout ? `\`timeoutMs: ${TIMEOUT_MS}\`` : "no `timeoutMs` option: not set",
        retries: codegenOptions.has("maxRetries") ? "`maxRetries` (default)" : "no `maxRetries` option",
      },
    },
    ...(codegenTimeout
      ? [
          /** @type {Program} */ ({
            name: "Codegen, `timeoutMs: 0`",
            version: `${pkg.version} ${codegenVersion}`,
            size: false,
            baseline: "none",
            source: codegenSource("timeoutMs: 0"),
          }),
        ]
      : []),
    {
      name: "openapi-fetch",
      version: `${BENCH_PINS["openapi-fetch"]} (types: openapi-typescript ${installedVersion(join(ROOT, "node_modules"), "openapi-typescript") ?? "?"})`,
      size: true,
      baseline: "none",
      source: openapiFetchSource(),
      features: {
        baseUrl: "`baseUrl`",
        auth: "by hand (`headers`)",
        errors: "returned `{ error }`, typed from the spec's error responses",
        timeout: "no option (a `signal` per call by hand): not set",
        retries: "none",
      },
      ...(pathsError === null ? {} : { error: pathsError }),
    },
    {
      name: "@hey-api/openapi-ts",
      version: `${BENCH_PINS["@hey-api/openapi-ts"]} (@hey-api/client-fetch, bundled)`,
      size: true,
      baseline: "none",
      source: heyApiSource(),
      features: {
        baseUrl: "`baseUrl`",
        auth: "`auth` (the spec's bearer scheme)",
        errors: "returned `{ error }` (thrown with `throwOnError`), typed from the spec's error responses",
        timeout: "no option (a `signal` per call by hand): not set",
        retries: "none",
      },
      ...(heyApiError === null ? {} : { error: heyApiError }),
    },
    {
      name: "openai (official SDK)",
      version: BENCH_PINS.openai,
      size: true,
      baseline: "signal",
      source: officialSource(false),
      features: {
        baseUrl: "`baseURL`",
        auth: "`apiKey`",
        errors: "error classes by status, thrown",
        timeout: `\`timeout: ${TIMEOUT_MS}\``,
        retries: "`maxRetries` (default 2)",
      },
    },
    {
      name: "openai, `fetch: globalThis.fetch`",
      version: BENCH_PINS.openai,
      size: false,
      // Given the stub fetch, it is the official SDK's program above.
      own: false,
      baseline: "signal",
      source: officialSource(true),
    },
  ];
  for (const p of programs) {
    await writeFile(join(work, `${slug(p.name)}.ts`), p.source);
    if (p.size) await writeFile(join(work, `${slug(p.name)}.size.ts`), sizeEntry(p));
  }
  typeCheck(programs);

  if (!args.ownOnly) await printSizes(programs);
  if (!args.sizeOnly) {
    const baseUrl = `http://127.0.0.1:${await startServer()}/v1`;
    const bundles = await bundleForNode(programs);
    /** @type {Map<string, Stats>} */
    let real;
    if (args.ownOnly) {
      // The raw calls alone, one at a time: their CPU per call is the real fetch cost.
      const raw = programs.filter((p) => p.name === "fetch" || p.name === "fetch + signal");
      real = await measure(raw, bundles, baseUrl, {
        stub: false,
        paired: false,
        requests: args.requests,
        concurrency: 0,
      });
    } else {
      real = await measure(programs, bundles, baseUrl, {
        stub: false,
        paired: true,
        requests: args.requests,
        concurrency: args.concurrency,
      });
      printThroughput(programs, real);
      printPaired(programs, real);
    }
    const ownPrograms = programs.filter((p) => p.own !== false);
    const own = await measure(ownPrograms, bundles, baseUrl, {
      stub: true,
      paired: false,
      requests: args.ownCalls,
      concurrency: 0,
    });
    printOwnWork(ownPrograms, own, real);
  }
} finally {
  server?.kill();
  if (args.keep) console.error(`bench-sdk: kept ${work}`);
  else await rm(work, { recursive: true, force: true });
}

/**
 * The program of the size table: the client program's `makeCall`, called once.
 * @param {Program} p
 * @returns {string}
 */
function sizeEntry(p) {
  return `import { makeCall } from "./${slug(p.name)}.js";

const call = makeCall("https://api.openai.com/v1", "sk-example");
console.log(await call());
`;
}

/**
 * Type-checks the programs (all of them, with what they import) with the native tsc (scripts/tsc.mjs):
 * strict, Bundler resolution, ES2022 + DOM, skipLibCheck; prints the error count in the programs
 * and in the code they import (the clients' own), with the programs' first errors.
 * @param {Program[]} programs
 */
function typeCheck(programs) {
  const files = programs
    .filter((p) => p.error === undefined)
    .flatMap((p) => [`${slug(p.name)}.ts`, ...(p.size ? [`${slug(p.name)}.size.ts`] : [])]);
  const compilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: "ES2022",
    module: "ESNext",
    moduleResolution: "Bundler",
    lib: ["ES2022", "DOM", "DOM.Iterable"],
    types: [],
  };
  writeFileSync(join(work, "tsconfig.json"), `${JSON.stringify({ compilerOptions, files }, null, 2)}\n`);
  const r = spawnSync(process.execPath, [join(ROOT, "scripts", "tsc.mjs"), "-p", work, "--pretty", "false"], {
    cwd: work,
    encoding: "utf8",
  });
  const errors = `${r.stdout}\n${r.stderr}`.split("\n").filter((l) => /: error TS\d+:/.test(l));
  const own = errors.filter((l) => files.some((f) => l.startsWith(`${f}(`)));
  console.log(
    `\nType check of the programs (native tsc: strict, Bundler resolution, ES2022 + DOM, skipLibCheck): ${own.length} error${own.length === 1 ? "" : "s"} in the programs, ` +
      `${errors.length - own.length} in the code they import${r.status !== 0 && errors.length === 0 ? ` (tsc exit ${r.status}: ${errorLine(r.stdout, r.stderr)})` : ""}.`,
  );
  for (const line of own.slice(0, 5)) console.log(`- ${cell(line)}`);
}

/**
 * The bundle-size table.
 * @param {Program[]} programs
 */
async function printSizes(programs) {
  /** @type {Map<string, { min: number, gzip: number } | { error: string }>} */
  const sizes = new Map();
  /** @type {[string, number][]} Codegen's bundle by source file */
  let codegenInputs = [];
  for (const p of programs.filter((p) => p.size)) {
    if (p.error !== undefined) {
      sizes.set(p.name, { error: p.error });
      continue;
    }
    const entry = join(work, `${slug(p.name)}.size.ts`);
    try {
      const result = await esbuild.build({
        entryPoints: [entry],
        bundle: true,
        minify: true,
        format: "esm",
        platform: "browser",
        target: "es2022",
        legalComments: "none",
        write: false,
        metafile: true,
        logLevel: "silent",
      });
      if (p.name === "Codegen") codegenInputs = bytesBySource(result.metafile);
      const code = /** @type {{ contents: Uint8Array }} */ (result.outputFiles[0]).contents;
      sizes.set(p.name, { min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength });
    } catch (error) {
      sizes.set(p.name, { error: firstLine(error) });
    }
  }
  const base = sizes.get("Codegen");
  console.log(
    `\n## Bundle size\n\nesbuild ${esbuild.version}: bundle, minify, format esm, platform browser, target es2022, legal comments none; gzip level 9. ` +
      "The program creates a client and calls listAssistants once (`console.log` of the result).\n",
  );
  console.log(
    "| program | version | minified B | gzip B | vs Codegen (min) | base URL | auth | typed errors | time-out | retries |",
  );
  console.log("| --- | --- | ---: | ---: | ---: | --- | --- | --- | --- | --- |");
  for (const p of programs.filter((p) => p.size)) {
    const s = sizes.get(p.name);
    const f = /** @type {NonNullable<Program["features"]>} */ (p.features);
    const features = [f.baseUrl, f.auth, f.errors, f.timeout, f.retries].map(cell).join(" | ");
    if (s === undefined || "error" in s) {
      console.log(`| ${cell(p.name)} | ${cell(p.version)} | FAIL | | | ${features} |`);
      console.log(`|  |  | ${cell(s?.error ?? "not built")} | | | | | | | |`);
      continue;
    }
    const ratio = base !== undefined && "min" in base ? `${(s.min / base.min).toFixed(2)}×` : "–";
    console.log(`| ${cell(p.name)} | ${cell(p.version)} | ${num(s.min)} | ${num(s.gzip)} | ${ratio} | ${features} |`);
  }
  if (codegenInputs.length > 0) {
    const shown = codegenInputs.slice(0, 12).map(([file, bytes]) => `\`${file}\` ${num(bytes)}`);
    const rest = codegenInputs.slice(12).reduce((sum, [, bytes]) => sum + bytes, 0);
    console.log(
      `\nCodegen's minified bundle by source file (bytes of the output, before gzip): ${shown.join(", ")}${rest > 0 ? `, ${codegenInputs.length - 12} more ${num(rest)}` : ""}.`,
    );
  }
}

/**
 * The bytes each source file contributes to a bundle, largest first, named relative to the Codegen
 * client's folder (others relative to the working directory); files that contribute none are left out.
 * @param {import("esbuild").Metafile} metafile
 * @returns {[string, number][]}
 */
function bytesBySource(metafile) {
  const output = Object.values(metafile.outputs)[0];
  if (output === undefined) return [];
  const client = `${relative(process.cwd(), CODEGEN_DIR)}/`;
  return Object.entries(output.inputs)
    .filter(([file, input]) => input.bytesInOutput > 0 && !file.includes(".bench/"))
    .map(
      ([file, input]) =>
        /** @type {[string, number]} */ ([
          file.startsWith(client) ? file.slice(client.length) : file,
          input.bytesInOutput,
        ]),
    )
    .sort((a, b) => b[1] - a[1]);
}

/**
 * Every program bundled for Node (esbuild, not minified), each to a file in the scratch folder.
 * @param {Program[]} programs
 * @returns {Promise<Map<string, { bundle: string } | { error: string }>>} by program name
 */
async function bundleForNode(programs) {
  /** @type {Map<string, { bundle: string } | { error: string }>} */
  const bundles = new Map();
  for (const p of programs) {
    if (p.error !== undefined) {
      bundles.set(p.name, { error: p.error });
      continue;
    }
    const bundle = join(work, `${slug(p.name)}.node.mjs`);
    try {
      await esbuild.build({
        entryPoints: [join(work, `${slug(p.name)}.ts`)],
        outfile: bundle,
        bundle: true,
        format: "esm",
        platform: "node",
        target: "node20",
        logLevel: "silent",
        // CommonJS dependencies (node-fetch in the official SDK's Node shims) call require().
        banner: {
          js: 'import { createRequire as __benchRequire } from "node:module"; const require = __benchRequire(import.meta.url);',
        },
      });
      bundles.set(p.name, { bundle });
    } catch (error) {
      bundles.set(p.name, { error: `esbuild: ${firstLine(error)}` });
    }
  }
  return bundles;
}

/**
 * Times the programs in `args.runs` interleaved rounds: one runner process per program (each
 * started and warmed up in turn; with `stub`, its client gets the stub fetch), then in each round
 * every program in turn times `requests` calls one at a time, then (when `concurrency` > 0) every
 * program in turn as many with `concurrency` in flight. The order rotates each round. With
 * `paired`, the process of each program that is not a raw baseline also loads its same-call raw
 * fetch program and, in each batch, times as many raw calls right after the client's (before them
 * in odd rounds), into the program's `raw`.
 * @param {Program[]} programs
 * @param {Map<string, { bundle: string } | { error: string }>} bundles
 * @param {string} baseUrl
 * @param {{ stub: boolean, paired: boolean, requests: number, concurrency: number }} plan
 * @returns {Promise<Map<string, Stats>>} by program name
 */
async function measure(programs, bundles, baseUrl, { stub, paired, requests, concurrency }) {
  /** @type {Map<string, Stats>} */
  const stats = new Map();
  /** @type {Map<string, import("node:child_process").ChildProcess>} */
  const runners = new Map();
  const part = stub ? "own work" : "throughput";
  try {
    for (const p of programs) {
      /** @type {Stats} */
      const s = {
        sequential: { rps: [], cpu: [] },
        concurrent: { rps: [], cpu: [] },
        raw: { sequential: { rps: [], cpu: [] }, concurrent: { rps: [], cpu: [] } },
      };
      stats.set(p.name, s);
      const built = bundles.get(p.name) ?? { error: "not built" };
      if ("error" in built) {
        s.error = built.error;
        continue;
      }
      // The same-call raw program, for the pairing (none for the raw programs themselves).
      const raw = paired && p.name !== sameCall(p) ? bundles.get(sameCall(p)) : undefined;
      const mode = stub ? ["stub"] : raw !== undefined && "bundle" in raw ? ["paired", raw.bundle] : [];
      const child = fork(RUNNER, [built.bundle, baseUrl, API_KEY, String(args.warmup), ...mode], {
        stdio: ["ignore", "ignore", "inherit", "ipc"],
      });
      runners.set(p.name, child);
      const answer = await ask(child, undefined).catch((error) => ({ error: firstLine(error) }));
      if ("error" in answer) s.error = `${answer.error}`;
      const pairedWith = mode[0] === "paired" ? `, and as many of ${sameCall(p)} in the same process` : "";
      process.stderr.write(
        `${part}, ${p.name}: ${s.error ?? `ready (${num(args.warmup)} warm-up calls${pairedWith})`}\n`,
      );
    }
    const modes = /** @type {const} */ ([
      ["sequential", 1],
      ["concurrent", concurrency],
    ]).filter(([, inFlight]) => inFlight > 0);
    for (let run = 0; run < args.runs; run++) {
      // Rotate the order so that no client always runs first (or right after another).
      const order = programs.map((_, i) => /** @type {Program} */ (programs[(i + run) % programs.length]));
      /** @type {string[]} */
      const progress = [];
      for (const [key, inFlight] of modes) {
        for (const p of order) {
          const s = /** @type {Stats} */ (stats.get(p.name));
          const child = runners.get(p.name);
          if (s.error !== undefined || child === undefined) continue;
          // With the pairing, the raw calls go first in odd rounds: neither place favours either.
          const answer = await ask(child, { requests, concurrency: inFlight, rawFirst: run % 2 === 1 }).catch(
            (error) => ({ error: firstLine(error) }),
          );
          if ("rps" in answer && typeof answer.rps === "number") {
            s[key].rps[run] = answer.rps;
            s[key].cpu[run] = answer.cpuUs;
            if (answer.raw !== undefined) {
              s.raw[key].rps[run] = answer.raw.rps;
              s.raw[key].cpu[run] = answer.raw.cpuUs;
            }
            const figure = stub
              ? `${us(answer.cpuUs)} µs`
              : `${num(answer.rps)}${answer.raw === undefined ? "" : ` (raw ${num(answer.raw.rps)})`}`;
            progress.push(`${p.name}${key === "concurrent" ? ` ×${inFlight}` : ""} ${figure}`);
          } else {
            s.error = `round ${run + 1}: ${"error" in answer ? answer.error : JSON.stringify(answer)}`;
            progress.push(`${p.name}: ${s.error}`);
          }
        }
      }
      process.stderr.write(
        `${part} round ${run + 1}/${args.runs} (${stub ? "CPU per call" : "req/s"}): ${progress.join(", ")}\n`,
      );
    }
  } finally {
    for (const child of runners.values()) if (child.connected) child.disconnect();
  }
  return stats;
}

/**
 * The throughput tables.
 * @param {Program[]} programs
 * @param {Map<string, Stats>} stats by program name, from `measure` against the server
 */
function printThroughput(programs, stats) {
  const none = stats.get("fetch");
  const signal = stats.get("fetch + signal");
  const rounds = `${args.runs} round${args.runs === 1 ? "" : "s"}`;
  console.log(
    [
      "\n## Throughput\n",
      "listAssistants against a local keep-alive server (127.0.0.1, its own process; about 1 KB of JSON per answer).\n",
      `- Each client runs in its own \`node\` process (its program bundled by esbuild for Node, not minified), warmed up with ${num(args.warmup)} calls.`,
      `- ${rounds}: in each, every client in turn makes 10 untimed calls, then ${num(args.requests)} timed calls one at a time` +
        `${args.concurrency > 0 ? `; then every client in turn the same with ${args.concurrency} calls in flight` : ""}. The order rotates each round.`,
      "- req/s: median over rounds; min–max: their spread.",
      "- vs fetch, vs fetch + signal: the median over rounds of the per-round ratio of req/s to the raw `fetch` call (same URL, headers and JSON parse) " +
        `without a signal, and with \`AbortSignal.timeout(${TIMEOUT_MS})\`. same call: the baseline that makes the client's kind of fetch call (a signal per call, or none).`,
      "- client CPU µs/call: user + system time of the client's process per call, median over rounds (less sensitive than wall time to other load on the machine). " +
        "CPU: same call / client: the median per-round ratio of the same-call baseline's CPU per call to the client's (above 1: less CPU than the baseline).",
    ].join("\n"),
  );
  for (const [key, label] of /** @type {const} */ ([
    ["sequential", "One call at a time"],
    ["concurrent", `${args.concurrency} calls in flight`],
  ])) {
    if (key === "concurrent" && args.concurrency === 0) continue;
    console.log(`\n${label}:\n`);
    console.log(
      "| client | version | req/s | min–max | vs fetch | vs fetch + signal | same call | vs same call | client CPU µs/call | CPU: same call / client |",
    );
    console.log("| --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |");
    for (const p of programs) {
      const s = /** @type {Stats} */ (stats.get(p.name));
      const rps = s[key].rps.filter((v) => typeof v === "number");
      const cpu = s[key].cpu.filter((v) => typeof v === "number");
      if (s.error !== undefined || rps.length === 0) {
        console.log(`| ${cell(p.name)} | ${cell(p.version)} | FAIL | | | | | | | ${cell(s.error ?? "no round")} |`);
        continue;
      }
      const same = p.baseline === "signal" ? signal : none;
      const speed = (/** @type {Stats | undefined} */ b) =>
        times(b === undefined || b.error !== undefined ? null : pairedRatio(s[key].rps, b[key].rps));
      const cpuSpeed = same === undefined || same.error !== undefined ? null : pairedRatio(same[key].cpu, s[key].cpu);
      console.log(
        `| ${cell(p.name)} | ${cell(p.version)} | ${num(median(rps))} | ${num(Math.min(...rps))}–${num(Math.max(...rps))} | ` +
          `${speed(none)} | ${speed(signal)} | ${sameCall(p)} | ${speed(same)} | ` +
          `${cpu.length > 0 ? num(median(cpu)) : "?"} | ${times(cpuSpeed)} |`,
      );
    }
  }
}

/**
 * The in-process pairing's table: each client beside its same-call raw fetch timed in the same
 * process, batch by batch, one at a time and with calls in flight (the raw programs are left out).
 * @param {Program[]} programs
 * @param {Map<string, Stats>} stats by program name, from `measure` against the server with `paired`
 */
function printPaired(programs, stats) {
  console.log(
    [
      "\n### Same process: client against its same-call raw fetch\n",
      "Each client's process above also runs the same-call raw `fetch` program: in every batch it times, right after the client's calls " +
        "(right before them in every other round), as many raw calls with as many in flight, after 10 untimed ones. " +
        "In the same process there is no difference between processes in heap, JIT or scheduling to blur a few percent: what remains is the client's own cost " +
        "on a real fetch, its allocations (and the garbage collection they cause) included, which the own-work part's stub fetch hides.\n",
      "- req/s: client / raw: the median over rounds of the per-round ratio of the client's req/s to the raw call's in its process; " +
        "CPU: raw / client: the same for CPU per call, raw over client (above 1: less CPU than the raw call).",
      "- client, raw CPU µs/call: the process's user + system time per call in the client's batches and in the raw call's, median over rounds; " +
        "client − raw: the median per-round difference.",
    ].join("\n"),
  );
  console.log(
    "\n| client | same call | in flight | req/s: client / raw | CPU: raw / client | client CPU µs/call | raw CPU µs/call | client − raw CPU µs |",
  );
  console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  const modes = /** @type {const} */ ([
    ["sequential", 1],
    ["concurrent", args.concurrency],
  ]).filter(([, inFlight]) => inFlight > 0);
  for (const [key, inFlight] of modes) {
    for (const p of programs) {
      if (p.name === sameCall(p)) continue;
      const s = /** @type {Stats} */ (stats.get(p.name));
      const client = s[key];
      const raw = s.raw[key];
      const rawCpu = medianOf(raw.cpu);
      if (s.error !== undefined || rawCpu === null) {
        const why = s.error ?? `no raw figures (${sameCall(p)} did not build)`;
        console.log(`| ${cell(p.name)} | ${sameCall(p)} | ${inFlight} | FAIL | | | | ${cell(why)} |`);
        continue;
      }
      const difference = pairedDifference(client.cpu, raw.cpu);
      console.log(
        `| ${cell(p.name)} | ${sameCall(p)} | ${inFlight} | ${times(pairedRatio(client.rps, raw.rps), 3)} | ` +
          `${times(pairedRatio(raw.cpu, client.cpu), 3)} | ${us(medianOf(client.cpu))} | ${us(rawCpu)} | ` +
          `${difference === null ? "–" : signedUs(difference)} |`,
      );
    }
  }
}

/**
 * The own-work table: each client's CPU and wall time per call with the stub fetch, beyond the
 * same-call raw fetch baseline's, and the throughput ratio that implies at the real fetch's cost.
 * @param {Program[]} programs
 * @param {Map<string, Stats>} own by program name, from `measure` with the stub
 * @param {Map<string, Stats>} real by program name, from `measure` against the server (at least the raw calls)
 */
function printOwnWork(programs, own, real) {
  /** Wall µs per call by round, from req/s. */
  const wall = (/** @type {Rounds} */ r) => r.rps.map((v) => (typeof v === "number" && v > 0 ? 1e6 / v : null));
  const rounds = `${args.runs} round${args.runs === 1 ? "" : "s"}`;
  console.log(
    [
      "\n## Own work per call\n",
      "Each client's own code per listAssistants call, apart from the network: its `fetch` is a stub that answers at once with a new `Response` of the server's page " +
        "(the same JSON, `content-type: application/json`, `x-request-id`), which the client still reads and parses. " +
        "Why: on a loaded machine the throughput part's wall time spreads far more than the 1–3 % between clients; with the stub, calls are CPU-bound and " +
        "short, and a process's CPU time is little disturbed by other load, so the client's own code is what is measured.\n",
      `- Each client in its own \`node\` process (not the throughput part's: one kind of fetch per process), warmed up with ${num(args.warmup)} calls; ` +
        `${rounds}: in each, every client in turn makes 10 untimed calls, then ${num(args.ownCalls)} timed calls one after another. The order rotates each round.`,
      "- CPU µs/call: user + system time of the process per call; wall µs/call: elapsed time per call; both the median over rounds. " +
        "The official SDK's program with `fetch: globalThis.fetch` is left out: given the stub, it is the same program.",
      "- own work: what a call costs beyond the same-call raw `fetch` baseline (the hand-written call of the throughput part, to the stub): " +
        "the median over rounds of the per-round difference, CPU and wall (negative: less than the baseline).",
      "- real fetch CPU µs: the same-call baseline's client CPU per call against the local server, one at a time, in this run" +
        `${args.ownOnly ? ` (${rounds} of ${num(args.requests)} calls, the raw calls alone)` : " (the throughput table's)"}.`,
      "- derived vs same call: real / (real + own work CPU), the throughput ratio to the raw call that the client's own work implies when calls are CPU-bound.",
    ].join("\n"),
  );
  console.log(
    "\n| client | same call | CPU µs/call | wall µs/call | own work CPU µs | own work wall µs | real fetch CPU µs | derived vs same call |",
  );
  console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const p of programs) {
    const s = /** @type {Stats} */ (own.get(p.name));
    const cpu = medianOf(s.sequential.cpu);
    if (s.error !== undefined || cpu === null) {
      console.log(`| ${cell(p.name)} | ${sameCall(p)} | FAIL | | | | | ${cell(s.error ?? "no round")} |`);
      continue;
    }
    const baselineName = sameCall(p);
    const baseline = own.get(baselineName);
    const isBaseline = p.name === baselineName;
    const usable = baseline !== undefined && baseline.error === undefined;
    const ownCpu = usable ? pairedDifference(s.sequential.cpu, baseline.sequential.cpu) : null;
    const ownWall = usable ? pairedDifference(wall(s.sequential), wall(baseline.sequential)) : null;
    const realStats = real.get(baselineName);
    const realCpu =
      realStats === undefined || realStats.error !== undefined ? null : medianOf(realStats.sequential.cpu);
    const signed = (/** @type {number | null} */ v) => (v === null ? "–" : isBaseline ? "(baseline)" : signedUs(v));
    console.log(
      `| ${cell(p.name)} | ${baselineName} | ${us(cpu)} | ${us(medianOf(wall(s.sequential)))} | ${signed(ownCpu)} | ${signed(ownWall)} | ` +
        `${realCpu === null ? "?" : us(realCpu)} | ${times(derivedRatio(realCpu, ownCpu), 3)} |`,
    );
  }
}

/**
 * The name of a program's same-call baseline: the raw fetch call with a signal per call, or without.
 * @param {Program} p
 * @returns {string}
 */
function sameCall(p) {
  return p.baseline === "signal" ? "fetch + signal" : "fetch";
}

/**
 * A ratio as `1.23×`, or `–`.
 * @param {number | null} r
 * @param {number} [digits] after the point (default 2)
 * @returns {string}
 */
function times(r, digits = 2) {
  return r === null ? "–" : `${r.toFixed(digits)}×`;
}

/**
 * Microseconds with one decimal, or `–`.
 * @param {number | null} n
 * @returns {string}
 */
function us(n) {
  return n === null ? "–" : n.toFixed(1);
}

/**
 * Microseconds with one decimal and a sign: `+1.5`, `−0.3`.
 * @param {number} n
 * @returns {string}
 */
function signedUs(n) {
  return `${n < 0 ? "−" : "+"}${Math.abs(n).toFixed(1)}`;
}

/**
 * Sends a message to a runner (none: waits for its first) and resolves to its answer; rejects when
 * it exits first.
 * @param {import("node:child_process").ChildProcess} child
 * @param {object | undefined} message
 * @returns {Promise<{ rps: number, cpuUs: number, raw?: { rps: number, cpuUs: number } } | { ready: true } | { error: string }>}
 */
function ask(child, message) {
  return new Promise((resolve, reject) => {
    const onExit = (/** @type {number | null} */ code) => {
      child.off("message", onMessage);
      reject(new Error(`the runner exited (${code})`));
    };
    const onMessage = (/** @type {any} */ answer) => {
      child.off("exit", onExit);
      resolve(answer);
    };
    child.once("message", onMessage);
    child.once("exit", onExit);
    if (message !== undefined) child.send(message);
  });
}

/**
 * Starts the local server (scripts/lib/bench-sdk-server.mjs) and resolves to its port.
 * @returns {Promise<number>}
 */
function startServer() {
  const child = spawn(process.execPath, [SERVER, API_KEY], { stdio: ["ignore", "pipe", "inherit"] });
  server = child;
  return new Promise((resolve, reject) => {
    let out = "";
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`the bench server exited (${code})`)));
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const line = out.split("\n");
      if (line.length > 1) resolve(Number(line[0]));
    });
  });
}

/**
 * The names of the options `createClient` of a generated client takes (the properties of its
 * first parameter's type), read with the TypeScript compiler from the client's index.ts, so the
 * Codegen program passes only options the client has.
 * @param {string} index
 * @returns {Set<string>}
 */
function clientOptionNames(index) {
  const program = ts.createProgram([index], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(index);
  const module = source && checker.getSymbolAtLocation(source);
  if (!source || !module) return new Set();
  const exported = checker.getExportsOfModule(module).find((s) => s.name === "createClient");
  if (!exported) return new Set();
  const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
  const parameter = checker.getTypeOfSymbolAtLocation(symbol, source).getCallSignatures()[0]?.parameters[0];
  if (!parameter) return new Set();
  const type = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(parameter, source));
  return new Set(checker.getPropertiesOfType(type).map((p) => p.name));
}

/**
 * Generates @hey-api/openapi-ts's fetch client of the spec into `out`; null, or why it failed.
 * @param {string} out
 * @returns {string | null}
 */
function generateHeyApi(out) {
  const bin = join(NODE_MODULES, "@hey-api", "openapi-ts", "bin", "run.js");
  const config = `${out}.config.mjs`;
  const options = {
    input: SPEC,
    output: { path: out },
    plugins: ["@hey-api/client-fetch", "@hey-api/typescript", "@hey-api/sdk"],
    logs: { file: false },
  };
  writeFileSync(config, `export default ${JSON.stringify(options, null, 2)};\n`);
  return run([bin, "-f", config], "@hey-api/openapi-ts");
}

/**
 * Generates openapi-typescript's `paths` type of the spec (openapi-fetch's types); null, or why it failed.
 * @param {string} file
 * @returns {string | null}
 */
function generatePaths(file) {
  const bin = join(ROOT, "node_modules", "openapi-typescript", "bin", "cli.js");
  return run([bin, SPEC, "-o", file], "openapi-typescript");
}

/**
 * Runs `node` with arguments in the scratch folder; null, or the first error line of a failure.
 * @param {string[]} argv
 * @param {string} what
 * @returns {string | null}
 */
function run(argv, what) {
  const r = spawnSync(process.execPath, argv, {
    cwd: work,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", CI: "1" },
  });
  return r.status === 0 ? null : `${what}: exit ${r.status ?? r.signal}: ${errorLine(r.stdout, r.stderr)}`;
}

/**
 * The hand-written fetch call: the same URL, headers and JSON parse as the clients, with or
 * without a time-out signal; to `fetchImpl` when given, else to the global fetch.
 * @param {boolean} withSignal
 * @returns {string}
 */
function fetchSource(withSignal) {
  return `export function makeCall(baseUrl: string, apiKey: string, fetchImpl?: typeof fetch): () => Promise<unknown[]> {
  const url = \`\${baseUrl}/assistants\`;
  const headers = { Authorization: \`Bearer \${apiKey}\`, Accept: "application/json" };
  const fetchFn = fetchImpl ?? globalThis.fetch;
  return async () => {
    const response = await fetchFn(url, { headers${withSignal ? `, signal: AbortSignal.timeout(${TIMEOUT_MS})` : ""} });
    if (!response.ok) throw new Error(\`listAssistants: HTTP \${response.status}\`);
    const page = (await response.json()) as { data: unknown[] };
    return page.data;
  };
}
`;
}

/**
 * Codegen's program: `createClient({ baseUrl, apiKey, ...extra, fetch })` and `listAssistants(client)`.
 * A client without the `fetch` option (an older one, through --client) throws when given one, so
 * its own-work row fails instead of measuring the network.
 * @param {string | null} extra more options, e.g. `timeoutMs: 60000`
 * @returns {string}
 */
function codegenSource(extra) {
  const hasFetch = codegenOptions.has("fetch");
  const guard = hasFetch ? "" : '  if (fetchImpl !== undefined) throw new Error("createClient has no fetch option");\n';
  return `import { createClient, listAssistants } from ${codegenImport};

export function makeCall(baseUrl: string, apiKey: string, fetchImpl?: typeof fetch): () => Promise<unknown[]> {
${guard}  const client = createClient({ baseUrl, apiKey${extra === null ? "" : `, ${extra}`}${hasFetch ? ", fetch: fetchImpl" : ""} });
  return async () => (await listAssistants(client)).data;
}
`;
}

/** @returns {string} openapi-fetch's program (its `fetch` option: undefined is the global fetch) */
function openapiFetchSource() {
  return `import createClient from "openapi-fetch";
import type { paths } from "./openai-paths.js";

export function makeCall(baseUrl: string, apiKey: string, fetchImpl?: typeof fetch): () => Promise<unknown[]> {
  const client = createClient<paths>({ baseUrl, headers: { Authorization: \`Bearer \${apiKey}\` }, fetch: fetchImpl });
  return async () => {
    const { data, error } = await client.GET("/assistants");
    if (data === undefined) throw new Error("listAssistants failed", { cause: error });
    return data.data;
  };
}
`;
}

/**
 * @returns {string} @hey-api/openapi-ts's program (the generated default client, configured; its
 * config's `fetch`: undefined is the global fetch)
 */
function heyApiSource() {
  return `import { client } from "./hey-api/client.gen.js";
import { listAssistants } from "./hey-api/sdk.gen.js";

export function makeCall(baseUrl: string, apiKey: string, fetchImpl?: typeof fetch): () => Promise<unknown[]> {
  client.setConfig({ baseUrl, auth: apiKey, fetch: fetchImpl });
  return async () => {
    const { data, error } = await listAssistants();
    if (data === undefined) throw new Error("listAssistants failed", { cause: error });
    return data.data;
  };
}
`;
}

/**
 * The official SDK's program, with its default fetch (on Node: node-fetch) or the global one; the
 * `fetch` option `fetchImpl` when given (undefined is the default).
 * @param {boolean} globalFetch
 * @returns {string}
 */
function officialSource(globalFetch) {
  return `import OpenAI from "openai";

export function makeCall(baseUrl: string, apiKey: string, fetchImpl?: typeof fetch): () => Promise<unknown[]> {
  const client = new OpenAI({ baseURL: baseUrl, apiKey, timeout: ${TIMEOUT_MS}, fetch: fetchImpl${globalFetch ? " ?? globalThis.fetch" : ""} });
  return async () => (await client.beta.assistants.list()).data;
}
`;
}

/**
 * A file name for a program.
 * @param {string} name
 * @returns {string}
 */
function slug(name) {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/**
 * The first line of an error's message.
 * @param {unknown} error
 * @returns {string}
 */
function firstLine(error) {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n").find((l) => l.trim() !== "") ?? message;
}
