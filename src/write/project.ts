import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ConfigError } from "../util/errors.js";

/** Writes a new file; refuses (ConfigError) to replace one that exists. */
export async function writeNewFile(path: string, content: string): Promise<void> {
  try {
    await writeFile(path, content, { flag: "wx" });
  } catch (error) {
    if ((error as { code?: string }).code === "EEXIST")
      throw new ConfigError(`${path} already exists; nothing was written`);
    throw error;
  }
}

/**
 * Adds `"<name>": "<command>"` to the scripts of the package.json in `dir`, keeping its indentation.
 * Returns what happened; a script of that name is never replaced.
 */
export async function addPackageScript(
  dir: string,
  name: string,
  command: string,
): Promise<"added" | "exists" | "no-package"> {
  const path = join(dir, "package.json");
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return "no-package";
  }
  let pkg: { scripts?: Record<string, string> };
  try {
    pkg = JSON.parse(text) as typeof pkg;
  } catch (error) {
    throw new ConfigError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (pkg.scripts?.[name] !== undefined) return "exists";
  pkg.scripts = { ...pkg.scripts, [name]: command };
  const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? "  ";
  await writeFile(path, `${JSON.stringify(pkg, null, indent)}\n`);
  return "added";
}
