// Per-request throughput of a generated client against raw fetch (scripts/lean.mjs --speed).
import { fork } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { median } from "./bench.mjs";

/** The local server, in a child process so it does not share the client's event loop. */
const SERVER = `
import { createServer } from "node:http";
const body = JSON.stringify({ object: "list", data: [{ id: "asst_1", object: "assistant", created_at: 1, name: "a", model: "gpt-4", tools: [], file_ids: [], metadata: {} }], first_id: "asst_1", last_id: "asst_1", has_more: false });
const server = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json", "x-request-id": "req_1" }).end(body));
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.send(server.address().port));
`;

/** The client side: the generated client, bundled by esbuild, with its functions exposed. */
const CLIENT = `
export { createClient, listAssistants } from "./index.js";
`;

/**
 * Times `requests` calls (16 in flight) of each variant, `rounds` times interleaved, and returns a
 * Markdown table of the median requests per second and the ratio to raw fetch with the same signal.
 * @param {typeof import("esbuild")} esbuild
 * @param {string} clientDir
 * @param {{ requests: number, rounds: number }} options
 * @returns {Promise<string>}
 */
export async function measureSpeed(esbuild, clientDir, { requests, rounds }) {
  const dir = await mkdtemp(join(tmpdir(), "codegen-speed-"));
  const serverFile = join(dir, "server.mjs");
  await writeFile(serverFile, SERVER);
  const bundle = join(dir, "client.mjs");
  await esbuild.build({
    stdin: { contents: CLIENT, resolveDir: clientDir, sourcefile: "speed-entry.ts", loader: "ts" },
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outfile: bundle,
    logLevel: "silent",
  });
  const child = fork(serverFile, { stdio: ["ignore", "ignore", "inherit", "ipc"] });
  try {
    const port = await new Promise((resolve) => child.once("message", resolve));
    const baseUrl = `http://127.0.0.1:${port}/v1`;
    const { createClient, listAssistants } = await import(pathToFileURL(bundle).href);
    const apiKey = "sk-test";
    const plain = createClient({ baseUrl, apiKey });
    const timed = createClient({ baseUrl, apiKey, timeoutMs: 30_000 });
    // The fetch call the client makes: same URL, method, headers and redirect mode.
    const headers = { "OpenAI-Beta": "assistants=v1", authorization: `Bearer ${apiKey}`, accept: "application/json" };
    const raw = async (/** @type {AbortSignal | undefined} */ signal) => {
      /** @type {RequestInit} */
      const init = { method: "GET", headers, redirect: "manual" };
      if (signal) init.signal = signal;
      const response = await fetch(`${baseUrl}/assistants`, init);
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    };
    // The cheapest time-out by hand: a controller and a timer cleared once the body is read.
    const rawTimed = async (/** @type {number} */ ms) => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), ms);
      try {
        return await raw(controller.signal);
      } finally {
        clearTimeout(timer);
      }
    };
    /** @type {[string, () => Promise<unknown>][]} */
    const variants = [
      ["raw fetch, no signal", () => raw(undefined)],
      ["Codegen, no time-out", () => listAssistants(plain)],
      ["raw fetch, AbortController + 30 s timer", () => rawTimed(30_000)],
      ["Codegen, timeoutMs 30 s", () => listAssistants(timed)],
    ];
    /** @type {Map<string, { rps: number, cpuUs: number }[]>} */
    const results = new Map(variants.map(([name]) => [name, []]));
    for (const [, call] of variants) await run(call, 500); // warm-up
    for (let round = 0; round < rounds; round++) {
      // Every other round in reverse order, so that neither side always runs first.
      const order = round % 2 === 0 ? variants : [...variants].reverse();
      for (const [name, call] of order) results.get(name)?.push(await run(call, requests));
    }
    const of = (/** @type {string | undefined} */ name, /** @type {"rps" | "cpuUs"} */ key) =>
      median((results.get(name ?? "") ?? []).map((result) => result[key]));
    const lines = [
      `${requests} requests x ${rounds} rounds (alternating order), 16 in flight, node ${process.version}`,
      "CPU: this process's user + system time per call (the client side only; the server is another process),",
      "less disturbed by other load than req/s; CPU ratio: raw / variant (1.00x: no more CPU than raw fetch).",
      "| variant | req/s (median) | ratio | CPU µs / call (median) | CPU ratio |",
      "|---|---:|---:|---:|---:|",
    ];
    for (let i = 0; i < variants.length; i += 2) {
      const [baseName] = variants[i] ?? [];
      const [ownName] = variants[i + 1] ?? [];
      const [base, own] = [of(baseName, "rps"), of(ownName, "rps")];
      const [baseCpu, ownCpu] = [of(baseName, "cpuUs"), of(ownName, "cpuUs")];
      lines.push(
        `| ${baseName} | ${base.toFixed(0)} | 1.00x | ${baseCpu.toFixed(1)} | 1.00x |`,
        `| ${ownName} | ${own.toFixed(0)} | ${(own / base).toFixed(2)}x | ${ownCpu.toFixed(1)} | ${(baseCpu / ownCpu).toFixed(2)}x |`,
      );
    }
    lines.push("", await overhead(createClient, listAssistants));
    return lines.join("\n");
  } finally {
    child.kill();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Requests per second of `count` calls, 16 at a time, and this process's CPU time per call in µs. */
async function run(/** @type {() => Promise<unknown>} */ call, /** @type {number} */ count) {
  let next = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const worker = async () => {
    while (next++ < count) await call();
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  const used = process.cpuUsage(cpu);
  return { rps: count / ((performance.now() - started) / 1000), cpuUs: (used.user + used.system) / count };
}

/**
 * The client's own CPU time per call, without a network: `fetch` is a function answering a ready
 * Response, so what differs from raw fetch is the client's work (and the signal's, with a time-out).
 * Median of 5 rounds of 20000 calls, as a Markdown table.
 */
async function overhead(/** @type {any} */ createClient, /** @type {any} */ listAssistants) {
  const body = JSON.stringify({ object: "list", data: [{ id: "asst_1" }], has_more: false });
  const fakeFetch = async () => new Response(body, { headers: { "content-type": "application/json" } });
  const headers = { "OpenAI-Beta": "assistants=v1", authorization: "Bearer sk", accept: "application/json" };
  const raw = async (/** @type {AbortSignal | undefined} */ signal) => {
    /** @type {RequestInit} */
    const init = { method: "GET", headers, redirect: "manual" };
    if (signal) init.signal = signal;
    const response = await fakeFetch();
    if (!response.ok) throw new Error(String(response.status));
    return response.json();
  };
  const rawTimed = async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 30_000);
    try {
      return await raw(controller.signal);
    } finally {
      clearTimeout(timer);
    }
  };
  const plain = createClient({ baseUrl: "http://127.0.0.1/v1", apiKey: "sk", fetch: fakeFetch });
  const timed = createClient({ baseUrl: "http://127.0.0.1/v1", apiKey: "sk", fetch: fakeFetch, timeoutMs: 30_000 });
  /** @type {[string, () => Promise<unknown>][]} */
  const variants = [
    ["raw, no signal", () => raw(undefined)],
    ["Codegen, no time-out", () => listAssistants(plain)],
    ["raw, AbortController + timer", rawTimed],
    ["Codegen, timeoutMs", () => listAssistants(timed)],
    ["raw, AbortSignal.timeout", () => raw(AbortSignal.timeout(30_000))],
  ];
  const cpu = async (/** @type {() => Promise<unknown>} */ call, /** @type {number} */ n) => {
    const start = process.cpuUsage();
    for (let i = 0; i < n; i++) await call();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / n;
  };
  for (const [, call] of variants) await cpu(call, 5000);
  /** @type {Map<string, number[]>} */
  const times = new Map(variants.map(([name]) => [name, []]));
  for (let round = 0; round < 5; round++)
    for (const [name, call] of variants) times.get(name)?.push(await cpu(call, 20_000));
  const lines = [
    "CPU per call with a fake fetch (no network), median of 5 x 20000:",
    "| variant | µs CPU / call |",
    "|---|---:|",
  ];
  for (const [name, xs] of times) lines.push(`| ${name} | ${[...xs].sort((a, b) => a - b)[2]?.toFixed(1)} |`);
  return lines.join("\n");
}
