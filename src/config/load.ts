import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname, extname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { jsonSyntaxPosition } from "../parse/index.js";
import { ConfigError } from "../util/errors.js";
import type { ConfigFile, JobConfig } from "./define.js";
import { applyDefaults, type ResolvedJob } from "./index.js";
import { validateConfigFile } from "./schema.js";

/** The config file names looked up in the working directory, in this order. */
export const CONFIG_FILES = [
  "codegen.config.ts",
  "codegen.config.mts",
  "codegen.config.js",
  "codegen.config.mjs",
  "codegen.config.json",
] as const;

/** The config file in `dir`: its path, or undefined when there is none. Two of them are an error. */
export function findConfig(dir: string): string | undefined {
  const found = CONFIG_FILES.filter((name) => existsSync(join(dir, name)));
  if (found.length > 1) {
    throw new ConfigError(`Several config files in ${relative(process.cwd(), dir) || "."}: ${found.join(", ")}`, {
      hint: "Keep one of them (or choose one with --config <file>).",
    });
  }
  return found[0] === undefined ? undefined : join(dir, found[0]);
}

/**
 * Reads and validates a config file (JSON, or TypeScript/JavaScript exporting `defineConfig({...})`
 * as default); its relative paths resolve against its own folder.
 */
export async function loadConfig(path: string): Promise<ResolvedJob[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new ConfigError(`Config file not found: ${path}`, {
      hint: "Run `codegen init` to write a starter codegen.config.json, or `codegen generate <spec> <dir>`.",
    });
  }
  const value = extname(path).toLowerCase() === ".json" ? parseJson(path, text) : await importModule(path);
  const source = { kind: "file" as const, file: path, ...(extname(path).toLowerCase() === ".json" ? { text } : {}) };
  validateConfigFile(value, source);
  return (value as ConfigFile).jobs.map((job: JobConfig) => applyDefaults(job, dirname(path)));
}

function parseJson(path: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const { line, column } = jsonSyntaxPosition(text, error as Error);
    throw new ConfigError(
      `Config file ${basename(path)} is not valid JSON at line ${line}, column ${column}: ${(error as Error).message}`,
    );
  }
}

/** Loads a TS/JS config with jiti (TypeScript without a build step); its default export is the config. */
async function importModule(path: string): Promise<unknown> {
  try {
    const { createJiti } = await import("jiti");
    // No module or file cache: --watch reloads an edited config, and nothing is written to disk.
    const jiti = createJiti(pathToFileURL(path).href, { moduleCache: false, fsCache: false, interopDefault: true });
    return await jiti.import(path, { default: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new ConfigError(`Config file ${basename(path)} failed to load: ${message}`, {
      hint: "A TypeScript or JavaScript config exports its config as default: `export default defineConfig({ jobs: [...] })`.",
    });
  }
}
