import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { CONFIG_FILES, findConfig, type JobConfig, loadConfig, type ResolvedJob, resolveJob } from "../config/index.js";
import { ConfigError } from "../util/errors.js";
import { type Args, parseCommandLine } from "./args.js";
import { helpText } from "./help.js";
import { init } from "./init.js";
import { describeError, exitCodeOf, formatProblem } from "./report.js";
import { type JobReport, runJob } from "./run.js";
import { watchJobs } from "./watch.js";

export { createLocator, formatError, formatWarning, type Locator } from "./report.js";

/** Output channels, injectable for tests. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
}

const consoleIo: Io = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

/** Runs the CLI; returns the exit code. Never throws. */
export async function main(argv: string[], io: Io = consoleIo): Promise<number> {
  if (argv[0] === "diff") return (await import("./diff.js")).diffCommand(argv.slice(1), io);
  const self = invokedAs();
  const json = argv.includes("--json");
  let args: Args;
  try {
    args = parseCommandLine(argv);
    if (args.values.help) {
      io.out(helpText());
      return 0;
    }
    if (args.values.version) {
      io.out(packageVersion());
      return 0;
    }
    if (args.command === "init") {
      await init(args, io, self);
      return 0;
    }
  } catch (error) {
    return fail(error, io, json, self);
  }
  return runJobs(args, argv, io, self);
}

/** Runs the jobs of the config or the command line; with --watch, keeps running them. */
async function runJobs(args: Args, argv: string[], io: Io, self: string): Promise<number> {
  const { check = false, watch = false, json = false, quiet = false } = args.values;
  let jobs: ResolvedJob[];
  let configFile: string | undefined;
  try {
    if (watch && check) throw new ConfigError("--watch and --check do not go together");
    if (watch && json) throw new ConfigError("--watch and --json do not go together");
    if (args.command === "generate") jobs = [jobFromCommandLine(args, self)];
    else ({ jobs, configFile } = await jobsFromConfig(args, self));
  } catch (error) {
    return fail(error, io, json, self);
  }
  const update = [self, ...argv.filter((a) => a !== "--check" && a !== "--json").map(quote)].join(" ");
  const flags = { check, quiet, silent: json, update, protect: configFile === undefined ? [] : [configFile] };
  const reports = new Map<ResolvedJob, JobReport>();
  for (const job of jobs) reports.set(job, await runJob(job, flags, io));
  const exitCode = Math.max(0, ...[...reports.values()].map((r) => r.exitCode));
  if (json)
    io.out(
      JSON.stringify(
        { ok: exitCode === 0, exitCode, jobs: [...reports.values()].map(({ sources: _, ...r }) => r), errors: [] },
        null,
        2,
      ),
    );
  if (!watch) return exitCode;
  const watched = await watchJobs(
    {
      jobs: () => jobs.map((job) => ({ job, sources: reports.get(job)?.sources ?? [job.input, ...job.overlays] })),
      run: async (batch) => {
        for (const job of batch) reports.set(job, await runJob(job, flags, io));
      },
      ...(configFile
        ? {
            config: {
              file: configFile,
              reload: async () => {
                try {
                  jobs = await loadConfig(configFile as string);
                } catch (error) {
                  io.err(formatProblem(describeError(error)));
                }
              },
            },
          }
        : {}),
    },
    io,
  );
  return watched ? 0 : exitCode;
}

/** `codegen generate <spec> <out>` (or `--input`/`--output`) and the job flags. */
function jobFromCommandLine(args: Args, self: string): ResolvedJob {
  const { values, operands } = args;
  const [specOperand, outOperand, extra] = operands;
  if (extra !== undefined)
    throw new ConfigError(`unexpected argument "${extra}"`, { hint: `Usage: ${self} generate <spec> <out> [options]` });
  if (values.input !== undefined && specOperand !== undefined)
    throw new ConfigError(`the spec is given twice: --input ${values.input} and "${specOperand}"`);
  if (values.output !== undefined && outOperand !== undefined)
    throw new ConfigError(`the output folder is given twice: --output ${values.output} and "${outOperand}"`);
  const input = values.input ?? specOperand;
  const output = values.output ?? outOperand;
  if (input === undefined || output === undefined) {
    throw new ConfigError(`missing the ${input === undefined ? "spec" : "output folder"}`, {
      hint: `Usage: ${self} generate <spec> <out> [options]`,
    });
  }
  const headers: Record<string, string> = {};
  for (const header of values.header ?? []) {
    const colon = header.indexOf(":");
    if (colon <= 0) throw new ConfigError(`--header must look like "Name: value" (got "${header}")`);
    headers[header.slice(0, colon).trim()] = header.slice(colon + 1).trim();
  }
  const job: JobConfig = {
    input,
    output,
    headers,
    ...(values["client-name"] !== undefined ? { clientName: values["client-name"] } : {}),
    ...(values["base-url"] !== undefined ? { baseUrl: values["base-url"] } : {}),
    ...(values.int64 !== undefined ? { int64: values.int64 as "number" | "bigint" } : {}),
    ...(values.overlay ? { overlays: values.overlay } : {}),
    ...(values.docs !== undefined ? { docs: values.docs } : {}),
    ...(values["ref-root"] !== undefined ? { refRoot: values["ref-root"] } : {}),
    ...(values["import-extension"] !== undefined
      ? { importExtension: values["import-extension"] as ".js" | ".ts" | "" }
      : {}),
  };
  return resolveJob(job, process.cwd(), { kind: "cli" });
}

/** The jobs of `--config <file>` or of the config file in the working directory. */
async function jobsFromConfig(args: Args, self: string): Promise<{ jobs: ResolvedJob[]; configFile: string }> {
  if (args.operands[0] !== undefined) throw new ConfigError(`unexpected argument "${args.operands[0]}"`);
  const configFile = args.values.config !== undefined ? resolve(args.values.config) : findConfig(process.cwd());
  if (configFile === undefined) {
    throw new ConfigError(`Config file not found: none of ${CONFIG_FILES.join(", ")} in ${process.cwd()}`, {
      hint: `Run \`${self} init\` to write one, or \`${self} generate <spec> <out>\` for a single job.`,
    });
  }
  return { jobs: await loadConfig(configFile), configFile };
}

/** Reports an error that stopped the run before any job (or `init`); returns its exit code. */
function fail(error: unknown, io: Io, json: boolean, self: string): number {
  const problem = describeError(error);
  const exitCode = exitCodeOf(error);
  if (json) {
    io.out(JSON.stringify({ ok: false, exitCode, jobs: [], errors: [problem] }, null, 2));
  } else {
    const usage = exitCode === 2 && !problem.hint && !(error instanceof ConfigError && error.message.includes("\n"));
    io.err(
      `${self}: ${formatProblem(problem).replace(/^error: /, "")}${usage ? `\nRun \`${self} --help\` for usage.` : ""}`,
    );
  }
  return exitCode;
}

/** `npx codegen` when run through npx (npm exec), else `codegen`: what hints tell the user to run. */
function invokedAs(): string {
  return process.env.npm_command === "exec" ? "npx codegen" : "codegen";
}

/** Quotes a command-line argument for a POSIX shell, when it needs it. */
function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`;
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}
