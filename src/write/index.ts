/**
 * The only code that touches disk. `writeOutput` replaces an output folder as a whole, and only one
 * that is Codegen's own; `checkOutput` compares without changing anything.
 */
import { basename, dirname, join, resolve } from "node:path";
import { OutputError } from "../util/errors.js";
import type { GeneratedFile } from "../util/files.js";
import { errorCode, fsFailure, nodeFs, type WriteFs } from "./fs.js";
import { dangerOf, refuseProtected } from "./guard.js";
import { checkOwned, KEPT_FILE, KIND_NAMES, type Ownership, walk } from "./inspect.js";
import { acquireLock, type Lock } from "./lock.js";
import { recoverInterrupted } from "./recover.js";
import { replaceFolder } from "./swap.js";

export type { WriteFs } from "./fs.js";
export { GENERATED_MARKDOWN_MARKER, GENERATED_MARKER } from "./inspect.js";

/** Options of `writeOutput` and `checkOutput`. */
export interface WriteOptions {
  /** Files that must never end up inside the output folder (the spec, overlays, the config): such a folder is refused. */
  protect?: readonly string[];
  /** The file-system calls to make; a seam for tests. */
  fs?: WriteFs;
}

/**
 * Writes the files into `dir`, replacing what is there, so that nothing of the user's is ever lost:
 * - refused (OutputError, nothing changed): a path that exists and is not a folder, a link, the
 *   file-system root, a folder holding a `protect`ed file; the home or working folder (or one
 *   containing them) unless it is already Codegen's output; a folder holding anything Codegen did not
 *   write (files without the marker, links, FIFOs, ...) or anything it cannot list or read.
 *   `.gitkeep` files are allowed and carried over.
 * - atomic: the new folder is written beside the old one and swapped in with two renames; a run that
 *   was killed is repaired by the next one (see `recoverInterrupted`).
 * - exclusive: a lock file beside the folder keeps two runs from writing it at once.
 */
export async function writeOutput(
  dir: string,
  files: readonly GeneratedFile[],
  options: WriteOptions = {},
): Promise<void> {
  await writeOutputs([{ dir, files }], options);
}

/**
 * Writes several output folders (a client and its docs) as `writeOutput` does: every folder is
 * locked and checked (it may be replaced, and is Codegen's own) before any is written, and the locks
 * are held until the last is written, so no other run can change a folder between its check and its
 * replacement.
 */
export async function writeOutputs(
  outputs: readonly { dir: string; files: readonly GeneratedFile[] }[],
  options: WriteOptions = {},
): Promise<void> {
  const fs = options.fs ?? nodeFs;
  for (const { files } of outputs) checkPaths(files);
  const targets: Target[] = [];
  try {
    for (const { dir, files } of outputs) targets.push(await prepare(fs, dir, files));
    const checked: { target: Target; existed: boolean; kept: Ownership["kept"] }[] = [];
    for (const target of targets) {
      await recoverInterrupted(fs, target.parent, target.base);
      const existed = await locate(fs, target.output, target.shown);
      const { kept } = existed
        ? await checkReplaceable(fs, target.output, target.shown, options.protect ?? [])
        : { kept: [] };
      checked.push({ target, existed, kept });
    }
    for (const { target, existed, kept } of checked) {
      await replaceFolder(fs, target.parent, target.base, existed, [...target.files, ...kept]);
    }
  } finally {
    for (const target of targets.reverse()) await target.lock.release();
  }
}

/** One output folder being written: where it is, and its lock. */
interface Target {
  readonly shown: string;
  /** The real parent folder (links resolved) and the folder's name in it. */
  readonly parent: string;
  readonly base: string;
  readonly output: string;
  readonly files: readonly GeneratedFile[];
  readonly lock: Lock;
}

/** Finds an output folder's real place, creating its parent, and takes its lock. */
async function prepare(fs: WriteFs, shown: string, files: readonly GeneratedFile[]): Promise<Target> {
  const absolute = resolve(shown);
  await locate(fs, absolute, shown);
  const parent = dirname(absolute);
  try {
    await fs.mkdir(parent, { recursive: true });
  } catch (error) {
    throw fsFailure(error, "create the folder", parent);
  }
  let realParent: string;
  try {
    realParent = await fs.realpath(parent);
  } catch (error) {
    throw fsFailure(error, "resolve", parent);
  }
  const base = basename(absolute);
  const lock = await acquireLock(fs, realParent, base, shown);
  return { shown, parent: realParent, base, output: join(realParent, base), files, lock };
}

/**
 * Where the output folder stands: false when it does not exist yet, true for a real folder; an
 * OutputError for anything else (a file, a link, the root, a path through a file).
 */
async function locate(fs: WriteFs, absolute: string, shown: string): Promise<boolean> {
  if (dirname(absolute) === absolute) {
    throw new OutputError(`Output folder ${shown} is the root of the file system`, {
      hint: "Choose a folder of its own, such as generated/<api>.",
    });
  }
  let kind: string;
  try {
    const stats = await fs.lstat(absolute);
    if (stats.isDirectory()) return true;
    kind = stats.isSymbolicLink() ? "a symbolic link" : stats.isFile() ? "a file" : "not a folder";
  } catch (error) {
    const code = errorCode(error);
    if (code === "ENOENT") return false;
    if (code === "ENOTDIR") {
      throw new OutputError(`Output folder ${shown} cannot be created: a part of its path is a file`, {
        hint: "Choose another output folder.",
      });
    }
    throw fsFailure(error, "inspect", shown);
  }
  throw new OutputError(
    `Output path ${shown} exists and is ${kind === "not a folder" ? kind : `${kind}, not a folder`}`,
    {
      hint:
        kind === "a symbolic link"
          ? "Codegen replaces its output folder as a whole and never writes through a link: give the real folder's path."
          : "--output names the folder Codegen writes the client into (and replaces as a whole); choose a folder, such as generated/<api>.",
    },
  );
}

/** Checks that an existing output folder may be replaced; returns what it holds. */
async function checkReplaceable(
  fs: WriteFs,
  output: string,
  shown: string,
  protect: readonly string[],
): Promise<Ownership> {
  await refuseProtected(fs, output, shown, protect);
  const danger = await dangerOf(fs, output);
  let owned: Ownership;
  try {
    owned = await checkOwned(fs, output, shown);
  } catch (error) {
    if (danger === undefined || !(error instanceof OutputError)) throw error;
    owned = { generated: [], kept: [] };
  }
  if (danger !== undefined && owned.generated.length === 0) {
    throw new OutputError(`Output folder ${shown} ${danger}, and is not a folder Codegen generated`, {
      hint: "Codegen replaces its output folder as a whole; write the client into a folder of its own, such as generated/<api>.",
    });
  }
  return owned;
}

/** Generated paths must stay inside the output folder: relative, normalised, no `..`. A failure is a bug. */
function checkPaths(files: readonly GeneratedFile[]): void {
  const seen = new Set<string>();
  for (const { path } of files) {
    const segments = path.split("/");
    const bad = segments.some(
      (s) => s === "" || s === "." || s === ".." || /[\\\0:]/.test(s) || Buffer.byteLength(s) > 255,
    );
    if (bad || seen.has(path.toLowerCase()) || basename(path) === KEPT_FILE) {
      throw new Error(`Refusing to write generated file ${JSON.stringify(path)}: not a safe, unique relative path`);
    }
    seen.add(path.toLowerCase());
  }
}

/** The difference between generated files and a folder on disk. */
export interface CheckResult {
  ok: boolean;
  added: string[];
  removed: string[];
  changed: { path: string; line: number }[];
  /** Entries Codegen never writes (links, FIFOs, ...): `writeOutput` would refuse the folder. */
  unexpected: { path: string; kind: string }[];
}

/** Compares generated files with a folder (what `--check` reports). Reads only; never changes anything. */
export async function checkOutput(
  dir: string,
  files: readonly GeneratedFile[],
  options: WriteOptions = {},
): Promise<CheckResult> {
  const fs = options.fs ?? nodeFs;
  const absolute = resolve(dir);
  const result: CheckResult = { ok: true, added: [], removed: [], changed: [], unexpected: [] };
  const onDisk = new Set<string>();
  if (await locate(fs, absolute, dir)) {
    await walk(fs, absolute, dir, async ({ path, kind }) => {
      if (kind === "file" && basename(path) !== KEPT_FILE) onDisk.add(path);
      else if (kind !== "folder" && kind !== "file") result.unexpected.push({ path, kind: KIND_NAMES[kind] });
    });
  }
  const blocked = new Set(result.unexpected.map((u) => u.path));
  for (const file of files) {
    if (blocked.has(file.path)) continue;
    if (!onDisk.has(file.path)) {
      result.added.push(file.path);
      continue;
    }
    onDisk.delete(file.path);
    let current: string;
    try {
      current = (await fs.read(join(absolute, file.path))).toString("utf8");
    } catch (error) {
      throw fsFailure(
        error,
        "read",
        `${dir}/${file.path}`,
        "Fix the permissions so that --check can compare the file.",
      );
    }
    if (current !== file.content)
      result.changed.push({ path: file.path, line: firstDifferentLine(current, file.content) });
  }
  result.removed = [...onDisk].sort();
  result.ok =
    result.added.length === 0 &&
    result.removed.length === 0 &&
    result.changed.length === 0 &&
    result.unexpected.length === 0;
  return result;
}

function firstDifferentLine(a: string, b: string): number {
  const left = a.split("\n");
  const right = b.split("\n");
  for (let i = 0; i < Math.max(left.length, right.length); i++) if (left[i] !== right[i]) return i + 1;
  return 1;
}

export { addPackageScript, writeNewFile } from "./project.js";
