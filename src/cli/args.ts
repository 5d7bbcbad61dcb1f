import { parseArgs } from "node:util";
import { didYouMean } from "../config/schema.js";
import { ConfigError } from "../util/errors.js";

/** The commands; `run` (no command word) runs the config's jobs. */
export const COMMANDS = ["generate", "init"] as const;
export type Command = "run" | (typeof COMMANDS)[number];

interface OptionSpec {
  readonly type: "string" | "boolean";
  readonly short?: string;
  readonly multiple?: boolean;
  /** Argument placeholder in help, for string options. */
  readonly arg?: string;
  readonly help: string;
  /** The commands that accept it. */
  readonly commands: readonly Command[];
}

/** Every option: the one table that parsing, help text and the README check read. */
export const OPTIONS = {
  input: {
    type: "string",
    short: "i",
    arg: "<spec>",
    help: "the spec: a JSON/YAML file or an http(s) URL (or the first argument)",
    commands: ["generate", "init"],
  },
  output: {
    type: "string",
    short: "o",
    arg: "<dir>",
    help: "the output folder (or the second argument)",
    commands: ["generate", "init"],
  },
  "client-name": {
    type: "string",
    arg: "<Name>",
    help: "PascalCase prefix of the client type (<Name>Client)",
    commands: ["generate"],
  },
  header: {
    type: "string",
    multiple: true,
    arg: '"Name: value"',
    help: "a header every request sends (repeatable)",
    commands: ["generate"],
  },
  "base-url": {
    type: "string",
    arg: "<url>",
    help: "overrides the base URL from the spec's servers",
    commands: ["generate"],
  },
  int64: {
    type: "string",
    arg: "number|bigint",
    help: "how format: int64 integers are typed (default number)",
    commands: ["generate"],
  },
  overlay: {
    type: "string",
    multiple: true,
    arg: "<file>",
    help: "an OpenAPI Overlay 1.0 file applied first (repeatable)",
    commands: ["generate"],
  },
  "ref-root": {
    type: "string",
    arg: "<dir>",
    help: "the folder $refs to other files may read (default: the spec's folder)",
    commands: ["generate"],
  },
  docs: {
    type: "string",
    arg: "<dir>",
    help: 'also write a Markdown API reference of the client into <dir> (a job\'s "docs" in the config)',
    commands: ["generate"],
  },
  "import-extension": {
    type: "string",
    arg: '.js|.ts|""',
    help: 'how relative imports in the output end (default .js; .ts for Deno, "" for bundlers)',
    commands: ["generate"],
  },
  config: {
    type: "string",
    short: "c",
    arg: "<file>",
    help: "the config file (default: codegen.config.{ts,mts,js,mjs,json} here)",
    commands: ["run"],
  },
  check: {
    type: "boolean",
    help: "write nothing; exit 1 with a summary if the output differs from what would be generated",
    commands: ["run", "generate"],
  },
  watch: {
    type: "boolean",
    short: "w",
    help: "regenerate when a file the job read (spec, $refs, overlays, config) changes; Ctrl-C stops",
    commands: ["run", "generate"],
  },
  json: {
    type: "boolean",
    help: "print one JSON summary (jobs, files, warnings, errors) on stdout instead of messages",
    commands: ["run", "generate"],
  },
  typescript: {
    type: "boolean",
    help: "init: write codegen.config.ts (with defineConfig) instead of codegen.config.json",
    commands: ["init"],
  },
  quiet: { type: "boolean", short: "q", help: "print only errors", commands: ["run", "generate", "init"] },
  help: { type: "boolean", short: "h", help: "show this help", commands: ["run", "generate", "init"] },
  version: { type: "boolean", short: "v", help: "show the version", commands: ["run", "generate", "init"] },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTIONS;
type Values = {
  -readonly [K in OptionName]?: (typeof OPTIONS)[K]["type"] extends "boolean"
    ? boolean
    : (typeof OPTIONS)[K] extends { multiple: true }
      ? string[]
      : string;
};

/** A parsed command line. */
export interface Args {
  readonly command: Command;
  readonly values: Values;
  /** Positional arguments after the command word. */
  readonly operands: string[];
}

/** Parses argv; throws ConfigError (exit 2) with a message and, for typos, a suggestion. */
export function parseCommandLine(argv: string[]): Args {
  const options = Object.fromEntries(
    Object.entries(OPTIONS).map(([name, o]) => [
      name,
      {
        type: o.type,
        ...("short" in o ? { short: o.short } : {}),
        ...("multiple" in o ? { multiple: o.multiple } : {}),
      },
    ]),
  );
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw usageError(error as Error & { code?: string });
  }
  const [first, ...operands] = parsed.positionals;
  let command: Command = "run";
  if (first !== undefined) {
    if (!(COMMANDS as readonly string[]).includes(first)) {
      throw new ConfigError(
        `unknown command "${first}"${didYouMean(first, COMMANDS).replace(" (known keys:", " (commands:")}`,
      );
    }
    command = first as Command;
  }
  const values = parsed.values as Values;
  for (const token of parsed.tokens) {
    if (token.kind !== "option") continue;
    const spec: OptionSpec = OPTIONS[token.name as OptionName];
    if (!spec.commands.includes(command)) {
      const goes = spec.commands
        .map((c) => (c === "run" ? "`codegen` (the config's jobs)" : `\`codegen ${c}\``))
        .join(" and ");
      throw new ConfigError(`${token.rawName} only goes with ${goes}`);
    }
  }
  return { command, values, operands };
}

function usageError(error: Error & { code?: string }): ConfigError {
  const flag = /'(-[^',]*)/.exec(error.message)?.[1];
  const long = /--[\w-]+/.exec(error.message)?.[0] ?? flag;
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && flag !== undefined) {
    const known = Object.keys(OPTIONS).map((name) => `--${name}`);
    return new ConfigError(`unknown option ${flag}${didYouMean(flag, known).replace(" (known keys:", " (options:")}`);
  }
  if (error.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && long !== undefined) {
    if (error.message.includes("does not take")) return new ConfigError(`${long} takes no value`);
    if (error.message.includes("ambiguous"))
      return new ConfigError(
        `${long} needs a value (it is followed by another option; write ${long}=<value> if the value starts with "-")`,
      );
    return new ConfigError(`${long} needs a value`);
  }
  return new ConfigError(error.message.split("\n")[0] ?? error.message);
}
