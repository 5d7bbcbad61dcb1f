#!/usr/bin/env node
// `npm run corpus`: generates a client for every spec in ../shared/specs with the built library
// (dist/, so run `npm run build` first), type-checks each with the native tsc (at most 2 at a time)
// and prints a Markdown table. Exit code 1 when any spec fails to generate or has tsc errors.
//
//   node scripts/corpus.mjs [--only <substring>] [--json] [--concurrency <n>]
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { checkCorpus, listSpecs, markdownTable, specsDir } from "./lib/corpus.mjs";

let values;
try {
  ({ values } = parseArgs({
    options: {
      only: { type: "string" },
      json: { type: "boolean" },
      concurrency: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  }));
} catch (error) {
  console.error(`corpus: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
if (values.help) {
  console.log("Usage: node scripts/corpus.mjs [--only <substring>] [--json] [--concurrency <n>]");
  process.exit(0);
}
const concurrency = Number(values.concurrency ?? 2);
if (!Number.isInteger(concurrency) || concurrency < 1) {
  console.error("corpus: --concurrency must be a positive integer");
  process.exit(2);
}

let dir;
let specs;
try {
  dir = specsDir();
  specs = listSpecs(dir, { only: values.only });
} catch (error) {
  console.error(`corpus: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}

const started = performance.now();
const results = await checkCorpus({
  dir,
  specs,
  concurrency,
  onResult: (r) =>
    process.stderr.write(
      `${r.status === "ok" ? "ok  " : "FAIL"} ${r.spec}` +
        (r.error !== null ? ` (generation: ${r.error})` : ` (${r.tscErrors} tsc errors, ${r.tscMs} ms)`) +
        "\n",
    ),
});
const totalMs = Math.round(performance.now() - started);
const failed = results.filter((r) => r.status !== "ok");

if (values.json) {
  const machine = { cpus: cpus().length, node: process.version, platform: `${process.platform}-${process.arch}` };
  console.log(JSON.stringify({ machine, specsDir: dir, totalMs, failed: failed.map((r) => r.spec), results }, null, 2));
} else {
  console.log(`\nSpec corpus: ${dir}\n`);
  console.log(markdownTable(results));
  console.log(
    `\n${results.length} spec(s), ${results.length - failed.length} ok, ${failed.length} failed; ` +
      `total ${(totalMs / 1000).toFixed(1)} s (tsc ${concurrency} at a time)`,
  );
}
process.exitCode = failed.length > 0 ? 1 : 0;
