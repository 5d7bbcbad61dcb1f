#!/usr/bin/env node
// `node scripts/bench-sse.mjs [MB] [path/to/sse.ts]`: times the runtime's server-sent-events parser
// (templates/runtime/sse.ts, or another version of it to compare) on one event of MB megabytes
// (default 30) delivered in 64 KiB chunks, and prints the milliseconds. Not a test: a number, no
// verdict. The parser is compiled with TypeScript's transpileModule into a temporary file.
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";

const megabytes = Number(process.argv[2] ?? 30);
const source = readFileSync(process.argv[3] ?? new URL("../templates/runtime/sse.ts", import.meta.url), "utf8");
const js = ts.transpileModule(source, {
  compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
}).outputText;
const dir = await mkdtemp(join(tmpdir(), "bench-sse-"));
try {
  await writeFile(join(dir, "sse.mjs"), js);
  const { parseServerSentEvents } = await import(pathToFileURL(join(dir, "sse.mjs")).href);
  const bytes = new TextEncoder().encode(`data: ${"x".repeat(megabytes * 1024 * 1024)}\n\n`);
  const chunk = 64 * 1024;
  const stream = new ReadableStream({
    start(controller) {
      for (let at = 0; at < bytes.length; at += chunk) controller.enqueue(bytes.subarray(at, at + chunk));
      controller.close();
    },
  });
  const started = performance.now();
  let length = 0;
  for await (const event of parseServerSentEvents(stream)) length += event.data.length;
  const ms = performance.now() - started;
  console.log(
    `one ${megabytes} MB event in ${Math.ceil(bytes.length / chunk)} chunks: ${ms.toFixed(0)} ms (${length} characters of data)`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
