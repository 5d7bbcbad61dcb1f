import { relative } from "node:path";
import type { ResolvedJob } from "../config/index.js";
import { SpecError } from "../util/errors.js";
import { isUrl } from "../util/url.js";
import { type CheckResult, checkOutput, writeOutputs } from "../write/index.js";
import type { Io } from "./index.js";
import {
  createLocator,
  describeError,
  exitCodeOf,
  formatProblem,
  formatWarning,
  type Place,
  type Problem,
} from "./report.js";

/** What `--check` found: paths relative to the output folder (the docs folder's prefixed with its path). */
export type Differences = Omit<CheckResult, "ok">;

/** What one job did, for messages and for --json. */
export interface JobReport {
  readonly name: string;
  readonly input: string;
  readonly output: string;
  readonly status: "written" | "up-to-date" | "differs" | "failed";
  readonly exitCode: 0 | 1 | 2;
  readonly files?: number;
  readonly differences?: Differences;
  readonly warnings: { message: string; at: Place }[];
  readonly errors: Problem[];
  /** The files the job read (absolute paths or URLs): what --watch watches. */
  readonly sources: string[];
}

export interface RunFlags {
  readonly check: boolean;
  /** No progress or warnings on the terminal (errors still). */
  readonly quiet: boolean;
  /** No terminal output at all (--json prints the reports). */
  readonly silent: boolean;
  /** The command that writes the output, for the --check hint. */
  readonly update: string;
  /** Files besides the job's own sources that no output folder may hold (the config file). */
  readonly protect: readonly string[];
}

/** Runs one job (generate, then write or check); reports as it goes and returns what happened. */
export async function runJob(job: ResolvedJob, flags: RunFlags, io: Io): Promise<JobReport> {
  const started = performance.now();
  const locate = createLocator();
  const shown = relative(process.cwd(), job.output) || ".";
  const warnings: JobReport["warnings"] = [];
  let sources = [job.input, ...job.overlays];
  const base = {
    name: job.name,
    input: isUrl(job.input) ? job.input : relative(process.cwd(), job.input),
    output: shown,
  };
  try {
    // Loaded on first use, so --help, --version and usage errors do not pay for ts-morph.
    const { generateOutputs } = await import("../index.js");
    const outputs = await generateOutputs(job, {
      onWarning: (w) => {
        warnings.push({ message: w.message, at: locate(w.location) });
        if (!flags.quiet && !flags.silent) io.err(formatWarning(w, locate));
      },
      onSources: (read) => (sources = [...read]),
    });
    const count = outputs.reduce((n, o) => n + o.files.length, 0);
    const done = { ...base, files: count, warnings, errors: [], sources };
    const folder = (dir: string): string => relative(process.cwd(), dir) || ".";
    if (!flags.check) {
      // A folder holding anything the job read (spec, $ref files, overlays, config) is never replaced.
      await writeOutputs(outputs, { protect: [...sources.filter((s) => !isUrl(s)), ...flags.protect] });
      const ms = Math.round(performance.now() - started);
      if (!flags.quiet && !flags.silent)
        for (const { dir, files } of outputs) io.out(`${folder(dir)}: ${files.length} files written in ${ms} ms`);
      return { ...done, status: "written", exitCode: 0 };
    }
    const differences: Differences = { added: [], removed: [], changed: [], unexpected: [] };
    for (const { dir, files } of outputs) {
      const result = await checkOutput(dir, files);
      if (result.ok) {
        if (!flags.quiet && !flags.silent) io.out(`${folder(dir)}: up to date (${files.length} files)`);
        continue;
      }
      // Paths are relative to the job's output folder; the docs folder's are prefixed with its own path.
      const prefix = dir === job.output ? "" : `${folder(dir)}/`;
      differences.added.push(...result.added.map((p) => prefix + p));
      differences.removed.push(...result.removed.map((p) => prefix + p));
      differences.changed.push(...result.changed.map((c) => ({ ...c, path: prefix + c.path })));
      differences.unexpected.push(...result.unexpected.map((u) => ({ ...u, path: prefix + u.path })));
      if (!flags.silent) {
        io.err(`${folder(dir)}: not what the generator produces now; run \`${flags.update}\` to update it.`);
        for (const path of result.added) io.err(`  + ${path} (missing)`);
        for (const path of result.removed) io.err(`  - ${path} (not generated any more)`);
        for (const { path, line } of result.changed) io.err(`  ~ ${path} (differs from line ${line})`);
        for (const { path, kind } of result.unexpected)
          io.err(`  ! ${path} (${kind}; Codegen writes only folders and regular files)`);
      }
    }
    const differs =
      differences.added.length +
        differences.removed.length +
        differences.changed.length +
        differences.unexpected.length >
      0;
    if (!differs) return { ...done, status: "up-to-date", exitCode: 0 };
    return { ...done, status: "differs", exitCode: 1, differences };
  } catch (error) {
    const problem = describeError(error, locate);
    if (!flags.silent) io.err(formatProblem(problem));
    // A file that failed to parse is watched too, so that fixing it regenerates.
    if (error instanceof SpecError && !sources.includes(error.location.file))
      sources = [...sources, error.location.file];
    return { ...base, status: "failed", exitCode: exitCodeOf(error), warnings, errors: [problem], sources };
  }
}
