#!/usr/bin/env node
// `node scripts/diff-corpus.mjs`: `codegen diff` on real specs of ../shared/specs with the built
// library (dist/, so run `npm run build` first). Not part of `npm test` (a fresh clone has no corpus).
//
// 1. Each spec against itself: the report must be empty with verdict patch (no false positives).
// 2. The OpenAI Assistants v1 spec against the latest OpenAI spec, both ways: changes known from the
//    two specs must be reported, and what one way adds the other way removes.
// Prints the time of each diff. Exit code 1 when a check fails.
//
//   node scripts/diff-corpus.mjs [--only <substring>] [--skip-self] [--specs <dir>]
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { diffSpecs } from "../dist/index.js";
import { listSpecs, specsDir } from "./lib/corpus.mjs";

const { values } = parseArgs({
  options: { only: { type: "string" }, "skip-self": { type: "boolean" }, specs: { type: "string" } },
});
const dir = values.specs ? resolve(values.specs) : specsDir();
const failures = [];
const check = (ok, message) => {
  if (!ok) failures.push(message);
};

async function timed(oldSpec, newSpec) {
  const started = performance.now();
  const report = await diffSpecs({ input: join(dir, oldSpec) }, { input: join(dir, newSpec) });
  const ms = Math.round(performance.now() - started);
  const count = (s) => report.changes.filter((c) => c.severity === s).length;
  console.log(
    `${oldSpec} -> ${newSpec}: ${report.verdict} (${count("major")} major, ${count("minor")} minor, ${count("patch")} patch) in ${ms} ms`,
  );
  return report;
}

if (!values["skip-self"]) {
  for (const spec of listSpecs(dir, { only: values.only })) {
    const report = await timed(spec, spec);
    check(
      report.verdict === "patch" && report.changes.length === 0,
      `${spec} against itself: ${report.changes.length} changes (${JSON.stringify(report.changes.slice(0, 3))})`,
    );
  }
}

const OLD = "openai-2024-assistants-v1.yaml";
const NEW = "openai-latest.yaml";
if (values.only === undefined || OLD.includes(values.only) || NEW.includes(values.only)) {
  const forward = await timed(OLD, NEW);
  const has = (report, severity, kind, path, reason) =>
    report.changes.some(
      (c) =>
        c.severity === severity &&
        c.kind === kind &&
        c.path === path &&
        (reason === undefined || c.reason.includes(reason)),
    );
  check(forward.verdict === "major", `${OLD} -> ${NEW}: verdict ${forward.verdict}, expected major`);
  // Known from the two specs: v2 of the Assistants API dropped assistant files, added the
  // "incomplete" run status, and replaced the retrieval tool with file_search.
  check(
    has(forward, "major", "removed", "createAssistantFile", "POST /assistants/{assistant_id}/files"),
    "createAssistantFile not reported removed",
  );
  check(
    has(forward, "major", "widened", "(await getRun()).status", "'incomplete'"),
    "getRun().status not reported widened by 'incomplete'",
  );
  check(
    has(forward, "major", "narrowed", "createAssistant(params.body.tools[])", "AssistantToolsRetrieval"),
    "createAssistant tools not reported narrowed",
  );
  check(
    has(forward, "minor", "widened", "createAssistant(params.body.tools[])", "AssistantToolsFileSearch"),
    "createAssistant tools not reported widened",
  );

  const backward = await timed(NEW, OLD);
  const added = forward.changes.filter((c) => c.kind === "added" && c.path === c.symbol).map((c) => c.symbol);
  const removedBack = new Set(
    backward.changes.filter((c) => c.kind === "removed" && c.path === c.symbol).map((c) => c.symbol),
  );
  const missing = added.filter((name) => !removedBack.has(name));
  check(missing.length === 0, `added ${NEW} but not removed going back: ${missing.slice(0, 5).join(", ")}`);
}

for (const failure of failures) console.error(`FAIL ${failure}`);
console.log(
  failures.length === 0 ? "diff corpus: all checks passed" : `diff corpus: ${failures.length} check(s) failed`,
);
process.exit(failures.length === 0 ? 0 : 1);
