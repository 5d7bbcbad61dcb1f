#!/usr/bin/env node
import { existsSync } from "node:fs";
// The runtime core's own size and speed check (issue 8): not a test, numbers only.
//
//   node scripts/lean.mjs --size [--client generated/openai] [--breakdown]
//   node scripts/lean.mjs --speed [--client generated/openai] [--requests 20000] [--rounds 5]
//
// --size bundles, with esbuild (minified, ESM, browser platform), a program that creates a client
// with a base URL, an API key and a time-out and calls `listAssistants` once, and prints its size
// in bytes (and, with --breakdown, the bytes each runtime module adds). --speed starts a local
// HTTP server on 127.0.0.1 answering a small JSON list and times the same call against raw
// `fetch` of the same URL with the same headers, without a signal and with a time-out (the client's
// `timeoutMs` against `fetch` with `AbortSignal.timeout`), interleaved rounds, and prints the
// requests per second and the ratio. esbuild is not a project dependency: it is looked up in
// .bench/node_modules (gitignored), else ESBUILD_PATH; install it there with
// `npm i --prefix .bench esbuild`.
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { measureSize, PROGRAMS } from "./lib/size.mjs";
import { measureSpeed } from "./lib/speed.mjs";

const ROOT = resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    size: { type: "boolean", default: false },
    speed: { type: "boolean", default: false },
    breakdown: { type: "boolean", default: false },
    client: { type: "string", default: "generated/openai" },
    requests: { type: "string", default: "20000" },
    rounds: { type: "string", default: "5" },
  },
});
const client = resolve(ROOT, values.client);

const esbuild = loadEsbuild();
if (values.size || !values.speed) {
  console.log("esbuild --bundle --minify (ESM, browser), a client with base URL, API key and time-out:");
  for (const [name, contents] of Object.entries(PROGRAMS)) {
    const { bytes, modules } = await measureSize(esbuild, client, contents);
    console.log(`${String(bytes).padStart(7)} B  ${name}`);
    if (values.breakdown && name === Object.keys(PROGRAMS)[0]) {
      for (const [file, size] of modules) console.log(`  ${String(size).padStart(6)} B  ${file}`);
    }
  }
}
if (values.speed) {
  const report = await measureSpeed(esbuild, client, {
    requests: Number(values.requests),
    rounds: Number(values.rounds),
  });
  console.log(report);
}

/** esbuild from .bench/node_modules, else ESBUILD_PATH (a folder holding node_modules/esbuild). */
function loadEsbuild() {
  const places = [join(ROOT, ".bench"), process.env.ESBUILD_PATH].filter(Boolean);
  for (const place of places) {
    if (existsSync(join(place, "node_modules", "esbuild")))
      return createRequire(join(place, "package.json"))("esbuild");
  }
  console.error("esbuild not found: run `npm i --prefix .bench esbuild` (or set ESBUILD_PATH)");
  process.exit(2);
}
