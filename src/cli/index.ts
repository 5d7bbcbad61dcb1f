import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { CONFIG_FILE, loadConfig, resolveJob, type ResolvedJob } from "../config/index.js";
import { lineFinder } from "../parse/index.js";
import { CodegenError, SpecError, type SpecLocation, type Warning } from "../util/errors.js";
import { checkOutput, writeOutput } from "../write/index.js";
import { watchJobs } from "./watch.js";

const HELP = `codegen: a typed, dependency-free TypeScript client from an OpenAPI spec

Usage:
  codegen [--config <file>] [--check]        run every job in ${CONFIG_FILE}
  codegen generate --input <spec> --output <dir> [--client-name <Name>] [--header "Name: value"]... [--base-url <url>] [--int64 number|bigint] [--overlay <file>]... [--ref-root <dir>] [--check]

Options:
  --check          do not write; exit 1 (with a summary) if the output folder differs from what would be generated
  -w, --watch      after generating, regenerate whenever a spec file (or a file next to it) changes; Ctrl-C stops
  --ref-root <dir> folder that $refs to other files may read (default: the spec's folder)
  --config <file>  config file (default: ./${CONFIG_FILE})
  --quiet          print only errors
  -h, --help       show this help
  -v, --version    show the version

Exit codes: 0 success, 1 generation failed or --check found differences, 2 bad command line or config.`;

/** Output channels, injectable for tests. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
}

const consoleIo: Io = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

/** Runs the CLI; returns the exit code. Never throws. */
export async function main(argv: string[], io: Io = consoleIo): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        input: { type: "string", short: "i" },
        output: { type: "string", short: "o" },
        "client-name": { type: "string" },
        header: { type: "string", multiple: true },
        "base-url": { type: "string" },
        int64: { type: "string" },
        overlay: { type: "string", multiple: true },
        "ref-root": { type: "string" },
        config: { type: "string", short: "c" },
        check: { type: "boolean" },
        watch: { type: "boolean", short: "w" },
        quiet: { type: "boolean", short: "q" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (error) {
    io.err(`codegen: ${(error as Error).message}\nRun \`codegen --help\` for usage.`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (values.version) {
    io.out(packageVersion());
    return 0;
  }
  if (values.watch && values.check) {
    io.err("codegen: --watch and --check do not go together");
    return 2;
  }
  const command = positionals[0];
  if (positionals.length > 1 || (command !== undefined && command !== "generate")) {
    io.err(`codegen: unknown command "${positionals.join(" ")}"\nRun \`codegen --help\` for usage.`);
    return 2;
  }

  let jobs: ResolvedJob[];
  try {
    if (command === "generate") {
      if (!values.input || !values.output) {
        io.err("codegen generate: --input <spec> and --output <dir> are required");
        return 2;
      }
      const headers: Record<string, string> = {};
      for (const header of values.header ?? []) {
        const colon = header.indexOf(":");
        if (colon <= 0) {
          io.err(`codegen: --header must look like "Name: value" (got "${header}")`);
          return 2;
        }
        headers[header.slice(0, colon).trim()] = header.slice(colon + 1).trim();
      }
      const job = { input: values.input, output: values.output, headers };
      jobs = [
        resolveJob(
          {
            ...job,
            ...(values["client-name"] ? { clientName: values["client-name"] } : {}),
            ...(values["base-url"] ? { baseUrl: values["base-url"] } : {}),
            ...(values.int64 ? { int64: values.int64 as "number" | "bigint" } : {}),
            ...(values.overlay ? { overlays: values.overlay } : {}),
            ...(values["ref-root"] ? { refRoot: values["ref-root"] } : {}),
          },
          process.cwd(),
          "command line",
        ),
      ];
    } else {
      jobs = await loadConfig(resolve(values.config ?? CONFIG_FILE));
    }
  } catch (error) {
    io.err(formatError(error));
    return 2;
  }

  const run = async (job: ResolvedJob): Promise<boolean> => runJob(job, { check: values.check === true, quiet: values.quiet === true }, io);
  let failed = false;
  for (const job of jobs) if (!(await run(job))) failed = true;
  if (values.watch) {
    await watchJobs(jobs, run, io);
    return 0;
  }
  return failed ? 1 : 0;
}

/** Runs one job (generate, then write or check); reports and returns whether it succeeded. */
async function runJob(job: ResolvedJob, flags: { check: boolean; quiet: boolean }, io: Io): Promise<boolean> {
  const started = performance.now();
  try {
    // Loaded on first use, so --help, --version and usage errors do not pay for ts-morph.
    const { generate } = await import("../index.js");
    const locate = createLocator();
    const files = await generate(job, { onWarning: (w) => !flags.quiet && io.err(formatWarning(w, locate)) });
    const shown = relative(process.cwd(), job.output) || ".";
    if (!flags.check) {
      await writeOutput(job.output, files);
      const ms = Math.round(performance.now() - started);
      if (!flags.quiet) io.out(`${shown}: ${files.length} files written in ${ms} ms`);
      return true;
    }
    const result = await checkOutput(job.output, files);
    if (result.ok) {
      if (!flags.quiet) io.out(`${shown}: up to date (${files.length} files)`);
      return true;
    }
    io.err(`${shown}: not what the generator produces now; run \`npx codegen\` to update it.`);
    for (const path of result.added) io.err(`  + ${path} (missing)`);
    for (const path of result.removed) io.err(`  - ${path} (not generated any more)`);
    for (const { path, line } of result.changed) io.err(`  ~ ${path} (differs from line ${line})`);
    return false;
  } catch (error) {
    io.err(formatError(error, createLocator()));
    return false;
  }
}

/** Turns spec locations into `file:line at #/pointer`; each file is read and parsed at most once. */
export type Locator = (location: SpecLocation) => string;

/** A locator for one CLI run. */
export function createLocator(): Locator {
  const finders = new Map<string, (pointer: string) => number | undefined>();
  return ({ file, pointer }) => {
    let find = finders.get(file);
    if (!find) {
      let text = "";
      try {
        text = readFileSync(file, "utf8");
      } catch {
        text = "";
      }
      find = lineFinder(text);
      finders.set(file, find);
    }
    const line = find(pointer);
    return `${relative(process.cwd(), file) || file}${line ? `:${line}` : ""} at #${pointer}`;
  };
}

/** A warning for the user, with its place in the spec. */
export function formatWarning(warning: Warning, locate: Locator = createLocator()): string {
  return `warning: ${warning.message}\n  in ${locate(warning.location)}`;
}

/** A message for the user: what went wrong, where (file, JSON pointer, line), and what to do. */
export function formatError(error: unknown, locate: Locator = createLocator()): string {
  if (error instanceof SpecError) {
    return `error: ${error.message}\n  in ${locate(error.location)}${error.hint ? `\n  hint: ${error.hint}` : ""}`;
  }
  if (error instanceof CodegenError) {
    return `error: ${error.message}${error.hint ? `\n  hint: ${error.hint}` : ""}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `error: internal error: ${message}\n  This is a bug in Codegen; please report it with the spec that triggers it.`;
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

