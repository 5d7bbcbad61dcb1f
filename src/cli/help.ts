import { OPTIONS } from "./args.js";

/** The usage lines; the README's CLI section repeats them (a test checks). */
export const USAGE = [
  "codegen [--config <file>] [--check | --watch] [--json]        run every job of the config file",
  "codegen generate <spec> <out> [options]                       one job from the command line",
  "codegen init [<spec> [<out>]] [--typescript]                  write a starter config and a `codegen` npm script",
  "codegen diff <old-spec> <new-spec> [--json] [--fail-on <level>]  breaking-change report (codegen diff --help)",
  "codegen --help | --version",
];

/** The exit codes; the README repeats this line (a test checks). */
export const EXIT_CODES =
  "Exit codes: 0 success; 1 generation failed or --check found differences; 2 bad command line or config (unknown flag, missing or unreadable spec, invalid config).";

/** The help text, built from the option table. */
export function helpText(): string {
  const rows = Object.entries(OPTIONS).map(([name, o]) => {
    const flag = `${"short" in o ? `-${o.short}, ` : "    "}--${name}${"arg" in o ? ` ${o.arg}` : ""}`;
    return `  ${flag.padEnd(30)}${o.help}`;
  });
  return [
    "codegen: a typed, dependency-free TypeScript client from an OpenAPI spec",
    "",
    "Usage:",
    ...USAGE.map((line) => `  ${line}`),
    "",
    "Options:",
    ...rows,
    "",
    EXIT_CODES,
  ].join("\n");
}
