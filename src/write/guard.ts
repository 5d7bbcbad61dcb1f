import { homedir } from "node:os";
import { dirname, resolve, sep } from "node:path";
import { OutputError } from "../util/errors.js";
import type { WriteFs } from "./fs.js";

/** True when `folder` is `path` or one of its ancestors. */
export function contains(folder: string, path: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/** The real path of `path` (links resolved); for a path that does not exist, of its nearest existing ancestor. */
async function realOrResolved(fs: WriteFs, path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    return await fs.realpath(absolute);
  } catch {
    const parent = dirname(absolute);
    if (parent === absolute) return absolute;
    return `${await realOrResolved(fs, parent)}${sep}${absolute.slice(parent.length).replace(/^[\\/]+/, "")}`;
  }
}

/**
 * Refuses outputs that must never be replaced as a whole: a folder holding the spec, an overlay or the
 * config (`protect`), always. `output` is the real path of an existing folder.
 */
export async function refuseProtected(
  fs: WriteFs,
  output: string,
  shown: string,
  protect: readonly string[],
): Promise<void> {
  for (const path of protect) {
    const real = await realOrResolved(fs, path);
    if (contains(output, real)) {
      throw new OutputError(`Output folder ${shown} contains ${path}, one of this run's inputs`, {
        hint: "Codegen replaces its output folder as a whole; write the client into a folder of its own, such as generated/<api>.",
      });
    }
  }
}

/**
 * The reason an existing folder is too dangerous to replace unless it is already Codegen's own output:
 * the home folder, the working folder, or a folder containing either. Undefined when it is none of them.
 */
export async function dangerOf(fs: WriteFs, output: string): Promise<string | undefined> {
  const places: [string, string][] = [
    [homedir(), "your home folder"],
    [process.cwd(), "the current folder"],
  ];
  for (const [path, name] of places) {
    const real = await realOrResolved(fs, path);
    if (real === output) return `is ${name}`;
    if (contains(output, real)) return `contains ${name}`;
  }
  return undefined;
}
