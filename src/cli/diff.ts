/**
 * `codegen diff <old-spec> <new-spec>`: argument parsing, output and exit code of the
 * breaking-change report. The comparison itself is `diffSpecs` (src/diff), loaded on first use.
 */
import { parseArgs } from "node:util";
import type { DiffReport, Severity } from "../diff/report.js";
import { createLocator, formatError, formatWarning, type Io } from "./index.js";

export const DIFF_HELP = `codegen diff: what changed between the clients generated from two specs, as a semver verdict

Usage:
  codegen diff <old-spec> <new-spec> [--json] [--fail-on major|minor|patch] [--quiet]

Options:
  --json              print the report as JSON ({ old, new, verdict, summary, changes })
  --fail-on <level>   exit 1 when the verdict is at least this level (for CI), e.g. --fail-on major
  --quiet             leave out the spec warnings

Breaking (major): removed or renamed functions and types, new required parameters or properties,
inputs that accept less (narrowed), outputs that may return more (widened). Minor: additions,
inputs that accept more, outputs that return less. Patch: documentation only.

Exit codes: 0 report printed, 1 a spec could not be read or --fail-on was reached, 2 bad command line.`;

const LEVELS: readonly Severity[] = ["major", "minor", "patch"];

/** Runs `codegen diff`; returns the exit code. Never throws. */
export async function diffCommand(argv: string[], io: Io): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: "boolean" },
        "fail-on": { type: "string" },
        quiet: { type: "boolean", short: "q" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    io.err(`codegen diff: ${(error as Error).message}\nRun \`codegen diff --help\` for usage.`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    io.out(DIFF_HELP);
    return 0;
  }
  const [oldSpec, newSpec] = positionals;
  if (positionals.length !== 2 || oldSpec === undefined || newSpec === undefined) {
    io.err("codegen diff: give exactly two specs, the old one and the new one\nRun `codegen diff --help` for usage.");
    return 2;
  }
  const failOn = values["fail-on"];
  if (failOn !== undefined && !LEVELS.includes(failOn as Severity)) {
    io.err(`codegen diff: --fail-on must be major, minor or patch (got "${failOn}")`);
    return 2;
  }

  let report: DiffReport;
  try {
    const { atLeast, diffSpecs } = await import("../index.js");
    const locate = createLocator();
    report = await diffSpecs(
      { input: oldSpec },
      { input: newSpec },
      { onWarning: (w) => !values.quiet && io.err(formatWarning(w, locate)) },
    );
    if (values.json)
      io.out(
        JSON.stringify(
          { old: oldSpec, new: newSpec, verdict: report.verdict, summary: summary(report), changes: report.changes },
          null,
          2,
        ),
      );
    else io.out(formatReport(oldSpec, newSpec, report));
    return failOn !== undefined && atLeast(report.verdict, failOn as Severity) ? 1 : 0;
  } catch (error) {
    io.err(formatError(error, createLocator()));
    return 1;
  }
}

function summary(report: DiffReport): Record<Severity, number> {
  const counts: Record<Severity, number> = { major: 0, minor: 0, patch: 0 };
  for (const change of report.changes) counts[change.severity]++;
  return counts;
}

const HEADINGS: Record<Severity, string> = {
  major: "Breaking changes (major)",
  minor: "Compatible changes (minor)",
  patch: "Documentation and behind-the-types changes (patch)",
};

/** The readable report: changes grouped by severity, one per line, then the verdict. */
export function formatReport(oldSpec: string, newSpec: string, report: DiffReport): string {
  const counts = summary(report);
  const lines = [`${oldSpec} -> ${newSpec}: ${counts.major} breaking, ${counts.minor} minor, ${counts.patch} patch`];
  for (const level of LEVELS) {
    const changes = report.changes.filter((c) => c.severity === level);
    if (changes.length === 0) continue;
    lines.push("", `${HEADINGS[level]}:`);
    for (const change of changes) lines.push(`  ${change.kind.padEnd(15)} ${change.path}: ${change.reason}`);
  }
  if (report.changes.length === 0) lines.push("", "The generated API is the same.");
  lines.push("", `verdict: ${report.verdict}`);
  return lines.join("\n");
}
