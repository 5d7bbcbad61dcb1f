import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { lineFinder } from "../parse/index.js";
import { CodegenError, ConfigError, SpecError, type SpecLocation, type Warning } from "../util/errors.js";
import { isUrl } from "../util/url.js";

/** A place in a spec for the user: the file as shown, line and column where known, and the JSON pointer. */
export interface Place {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly pointer: string;
}

/** A warning or error as `--json` prints it. */
export interface Problem {
  readonly message: string;
  readonly hint?: string;
  readonly at?: Place;
}

/** Turns spec locations into places; each file is read and parsed at most once per locator. */
export type Locator = (location: SpecLocation) => Place;

/** A locator for one CLI run. */
export function createLocator(): Locator {
  const finders = new Map<string, (pointer: string) => number | undefined>();
  return ({ file, pointer, position }) => {
    const shown = isUrl(file) ? file : relative(process.cwd(), file) || file;
    if (position) return { file: shown, line: position.line, column: position.column, pointer };
    let find = finders.get(file);
    if (!find) {
      let text = "";
      try {
        text = isUrl(file) ? "" : readFileSync(file, "utf8");
      } catch {
        text = "";
      }
      find = lineFinder(text);
      finders.set(file, find);
    }
    const line = find(pointer);
    return { file: shown, ...(line ? { line } : {}), pointer };
  };
}

/** `spec.yaml:12:3 at #/paths/~1a`. */
export function formatPlace(place: Place): string {
  const line = place.line ? `:${place.line}${place.column ? `:${place.column}` : ""}` : "";
  return `${place.file}${line} at #${place.pointer}`;
}

/** A warning for the user, with its place in the spec. */
export function formatWarning(warning: Warning, locate: Locator = createLocator()): string {
  return `warning: ${warning.message}\n  in ${formatPlace(locate(warning.location))}`;
}

/** What went wrong, where, and what to do: for messages and for --json. */
export function describeError(error: unknown, locate: Locator = createLocator()): Problem {
  if (error instanceof SpecError) return { message: error.message, ...hint(error), at: locate(error.location) };
  if (error instanceof CodegenError) return { message: error.message, ...hint(error) };
  const message = error instanceof Error ? error.message : String(error);
  return {
    message: `internal error: ${message}`,
    hint: "This is a bug in Codegen; please report it with the spec that triggers it.",
  };
}

/** A message for the user: what went wrong, where (file, line, JSON pointer), and what to do. */
export function formatError(error: unknown, locate: Locator = createLocator()): string {
  return formatProblem(describeError(error, locate));
}

export function formatProblem(problem: Problem): string {
  return `error: ${problem.message}${problem.at ? `\n  in ${formatPlace(problem.at)}` : ""}${problem.hint ? `\n  hint: ${problem.hint}` : ""}`;
}

/** The exit code for an error: 2 for the command line or config (including an input that cannot be read), else 1. */
export function exitCodeOf(error: unknown): 1 | 2 {
  return error instanceof ConfigError ? 2 : 1;
}

function hint(error: CodegenError): { hint?: string } {
  return error.hint === undefined ? {} : { hint: error.hint };
}
