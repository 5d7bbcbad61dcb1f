import { relative } from "node:path";
import type { ResolvedJob } from "../config/index.js";
import { SpecError } from "../util/errors.js";
import { isUrl } from "../util/url.js";
import { checkOutput, writeOutput } from "../write/index.js";
import type { Io } from "./index.js";
import { createLocator, describeError, exitCodeOf, formatProblem, formatWarning, type Place, type Problem } from "./report.js";

/** What one job did, for messages and for --json. */
export interface JobReport {
  readonly name: string;
  readonly input: string;
  readonly output: string;
  readonly status: "written" | "up-to-date" | "differs" | "failed";
  readonly exitCode: 0 | 1 | 2;
  readonly files?: number;
  readonly differences?: { added: string[]; removed: string[]; changed: { path: string; line: number }[] };
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
  const base = { name: job.name, input: isUrl(job.input) ? job.input : relative(process.cwd(), job.input), output: shown };
  try {
    // Loaded on first use, so --help, --version and usage errors do not pay for ts-morph.
    const { generate } = await import("../index.js");
    const files = await generate(job, {
      onWarning: (w) => {
        warnings.push({ message: w.message, at: locate(w.location) });
        if (!flags.quiet && !flags.silent) io.err(formatWarning(w, locate));
      },
      onSources: (read) => (sources = [...read]),
    });
    const done = { ...base, files: files.length, warnings, errors: [], sources };
    if (!flags.check) {
      // A folder holding anything the job read (spec, $ref files, overlays, config) is never replaced.
      await writeOutput(job.output, files, { protect: [...sources.filter((s) => !isUrl(s)), ...flags.protect] });
      const ms = Math.round(performance.now() - started);
      if (!flags.quiet && !flags.silent) io.out(`${shown}: ${files.length} files written in ${ms} ms`);
      return { ...done, status: "written", exitCode: 0 };
    }
    const result = await checkOutput(job.output, files);
    if (result.ok) {
      if (!flags.quiet && !flags.silent) io.out(`${shown}: up to date (${files.length} files)`);
      return { ...done, status: "up-to-date", exitCode: 0 };
    }
    if (!flags.silent) {
      io.err(`${shown}: not what the generator produces now; run \`${flags.update}\` to update it.`);
      for (const path of result.added) io.err(`  + ${path} (missing)`);
      for (const path of result.removed) io.err(`  - ${path} (not generated any more)`);
      for (const { path, line } of result.changed) io.err(`  ~ ${path} (differs from line ${line})`);
      for (const { path, kind } of result.unexpected) io.err(`  ! ${path} (${kind}; Codegen writes only folders and regular files)`);
    }
    const differences = { added: result.added, removed: result.removed, changed: result.changed, unexpected: result.unexpected };
    return { ...done, status: "differs", exitCode: 1, differences };
  } catch (error) {
    const problem = describeError(error, locate);
    if (!flags.silent) io.err(formatProblem(problem));
    // A file that failed to parse is watched too, so that fixing it regenerates.
    if (error instanceof SpecError && !sources.includes(error.location.file)) sources = [...sources, error.location.file];
    return { ...base, status: "failed", exitCode: exitCodeOf(error), warnings, errors: [problem], sources };
  }
}
