/**
 * Shared helpers of the compile tests: paths, scratch folders under `test/.tmp/` (gitignored), and
 * a runner for the native TypeScript 7 compiler (through `scripts/tsc.mjs`) whose output is parsed
 * into diagnostics.
 */
import { execFile } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { CONSUMER_OPTIONS } from "../../scripts/lib/corpus.mjs";

/** The repository root. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Scratch space of the tests (gitignored). */
export const TMP = join(ROOT, "test", ".tmp");

/** Per-test timeout of the compile tests. */
export const TIMEOUT_MS = 60_000;

/** Empties (or creates) a scratch folder and returns its path. */
export function freshDir(path: string): string {
  rmSync(path, { recursive: true, force: true });
  mkdirSync(path, { recursive: true });
  return path;
}

/** Writes a file, creating its folder. */
export function writeText(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** Writes `value` as pretty JSON. */
export function writeJson(path: string, value: unknown): void {
  writeText(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** A path as tsconfig wants it: relative to `from`, with forward slashes. */
export function configPath(from: string, to: string): string {
  const rel = relative(from, to).split(sep).join("/");
  return rel.startsWith(".") ? rel : `./${rel}`;
}

/**
 * Compiler options every type-check here shares: the consumer settings of the corpus check
 * (scripts/lib/corpus.mjs), with library files checked too.
 */
export const STRICT_OPTIONS = { ...CONSUMER_OPTIONS, skipLibCheck: false };

/** What a consumer's plain `tsconfig.json` has (one list, shared with the corpus check). */
export { PLAIN_OPTIONS } from "../../scripts/lib/corpus.mjs";

export interface Diagnostic {
  /** Path as tsc printed it (relative to the repository root), or undefined for global errors. */
  file: string | undefined;
  line: number;
  column: number;
  code: string;
  /** The whole message, continuation lines included. */
  text: string;
}

export interface TscResult {
  exitCode: number;
  /** Everything tsc printed (stdout and stderr). */
  output: string;
  diagnostics: Diagnostic[];
  /** Files of the program, when run with `--listFiles`. */
  files: string[];
}

const LOCATED = /^(.+)\((\d+),(\d+)\): error (TS\d+): /;
const GLOBAL = /^error (TS\d+): /;

/** Splits tsc's `--pretty false` output into diagnostics and, with `--listFiles`, program files. */
export function parseTscOutput(output: string): { diagnostics: Diagnostic[]; files: string[] } {
  const diagnostics: Diagnostic[] = [];
  const files: string[] = [];
  let current: Diagnostic | undefined;
  for (const line of output.split(/\r?\n/)) {
    const located = LOCATED.exec(line);
    const global = located ? null : GLOBAL.exec(line);
    if (located) {
      current = {
        file: located[1],
        line: Number(located[2]),
        column: Number(located[3]),
        code: located[4] as string,
        text: line,
      };
      diagnostics.push(current);
    } else if (global) {
      current = { file: undefined, line: 0, column: 0, code: global[1] as string, text: line };
      diagnostics.push(current);
    } else if (current && /^\s/.test(line)) {
      current.text += `\n${line}`;
    } else if (line.trim() !== "") {
      current = undefined;
      files.push(line.trim());
    }
  }
  return { diagnostics, files };
}

/** Runs the native tsc (`scripts/tsc.mjs`) from the repository root with plain, parseable output. */
export function runTsc(args: readonly string[]): Promise<TscResult> {
  const script = join(ROOT, "scripts", "tsc.mjs");
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [script, "--pretty", "false", ...args],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, timeout: TIMEOUT_MS },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") {
          reject(error);
          return;
        }
        const output = `${stdout}${stderr}`;
        resolve({ exitCode: error ? Number(error.code) : 0, output, ...parseTscOutput(output) });
      },
    );
  });
}
