#!/usr/bin/env node
// `npm run corpus`: the corpus check. Generates a client for every spec in the corpus folder with
// the built library (dist/; `npm run corpus` builds first), checks that every operation and named
// schema made it in, type-checks each client with the native tsc under the strictest consumer
// settings (at most 2 at a time) and prints a Markdown table. Exit code 1 when any spec fails to
// generate, is incomplete or has a tsc error; 2 for a bad command line or a missing folder.
// The corpus lives outside the repository (default ../shared/specs), so `npm test` does not run it.
//
//   node scripts/corpus.mjs [<specs-folder>] [--only <substring>] [--json] [--concurrency <n>]
//   (the folder: the argument, else $CODEGEN_SPECS, else ../shared/specs beside the repository)
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { checkCorpus, failureReport, listSpecs, markdownTable, specsDir } from "./lib/corpus.mjs";

const USAGE = "Usage: node scripts/corpus.mjs [<specs-folder>] [--only <substring>] [--json] [--concurrency <n>]";
let values;
let positionals;
try {
  ({ values, positionals } = parseArgs({
    allowPositionals: true,
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
  console.log(USAGE);
  process.exit(0);
}
if (positionals.length > 1) {
  console.error(`corpus: one specs folder at most\n${USAGE}`);
  process.exit(2);
}
const concurrency = Number(values.concurrency ?? 2);
if (!Number.isInteger(concurrency) || concurrency < 1) {
  console.error("corpus: --concurrency must be a positive integer");
  process.exit(2);
}

let dir;
let specs;
try {
  dir = specsDir(positionals[0]);
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
        (r.error !== null
          ? ` (generation: ${r.error})`
          : ` (${r.tscErrors} tsc errors, ${r.tscMs} ms${r.coverage.length > 0 ? `; incomplete: ${r.coverage.join("; ")}` : ""})`) +
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
for (const r of failed) process.stderr.write(`\n${failureReport(r)}`);
process.exitCode = failed.length > 0 ? 1 : 0;
