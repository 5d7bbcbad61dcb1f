import { join } from "node:path";
import { OutputError } from "../util/errors.js";
import { errorCode, fsFailure, type WriteFs } from "./fs.js";
import { checkOwned, type OwnershipRules } from "./inspect.js";
import { processAlive } from "./lock.js";
import { findLockDrafts, findSiblings, type Sibling } from "./siblings.js";

/**
 * Cleans up after runs into `<parent>/<base>` that were killed; call it holding the lock.
 *
 * What a kill at each step of `acquireLock` + `replaceFolder` leaves, and what happens to it:
 * - taking the lock: a lock draft `<base>.codegen-lock-<pid>-*` -> removed.
 * - writing the new folder, or before the first rename: `<base>.codegen-new-*` (files possibly cut
 *   off) beside the untouched output -> removed.
 * - between the two renames: no output folder; the previous one in `<base>.codegen-old-*` and the
 *   new one in `-new-*` -> the swap is rolled back (the old copy moved back into place; the caller
 *   then writes the new output, and a failure from here on leaves the previous output), `-new-` removed.
 * - after the swap: `-old-*` beside the new output -> removed.
 * - before the lock is released: a lock of a dead process -> taken over by `acquireLock`.
 * Only folders that are provably Codegen's are touched: their name follows the pattern, their
 * process is gone, and everything in them is Codegen's (see `checkOwned`). Anything else is left alone.
 */
export async function recoverInterrupted(fs: WriteFs, parent: string, base: string): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(parent);
  } catch (error) {
    throw fsFailure(error, "list", parent);
  }
  // A draft lives only while its run takes the lock: a draft of a live process (this one too) is in use.
  for (const draft of findLockDrafts(base, names)) {
    if (!processAlive(draft.pid) && (await fs.lstat(join(parent, draft.name)).catch(() => undefined))?.isFile()) {
      await fs.unlink(join(parent, draft.name)).catch(() => undefined);
    }
  }
  // Only the lock holder (this run) writes siblings, so this process's own are left from earlier runs.
  const stale = findSiblings(base, names).filter((s) => s.pid === process.pid || !processAlive(s.pid));
  const output = join(parent, base);
  let present = await exists(fs, output);
  let restored: Sibling | undefined;
  if (!present) {
    for (const sibling of stale.filter((s) => s.role === "old").reverse()) {
      if (!(await isOwned(fs, join(parent, sibling.name), {}))) continue;
      try {
        await fs.rename(join(parent, sibling.name), output);
      } catch (error) {
        throw fsFailure(error, "restore the previous output from", join(parent, sibling.name));
      }
      restored = sibling;
      present = true;
      break;
    }
  }
  for (const sibling of stale) {
    if (sibling === restored) continue;
    const path = join(parent, sibling.name);
    if (!(await isOwned(fs, path, { allowCutOff: sibling.role === "new" }))) continue;
    try {
      await fs.removeTree(path);
    } catch (error) {
      throw fsFailure(error, "remove the leftover of an interrupted run", path, `Remove ${path} by hand.`);
    }
  }
}

async function exists(fs: WriteFs, path: string): Promise<boolean> {
  try {
    await fs.lstat(path);
    return true;
  } catch (error) {
    if (errorCode(error) === "ENOENT") return false;
    throw fsFailure(error, "inspect", path);
  }
}

/** True when `path` is a real folder (not a link) holding only Codegen's files. */
async function isOwned(fs: WriteFs, path: string, rules: OwnershipRules): Promise<boolean> {
  try {
    if (!(await fs.lstat(path)).isDirectory()) return false;
    await checkOwned(fs, path, path, rules);
    return true;
  } catch (error) {
    if (error instanceof OutputError || errorCode(error) === "ENOENT") return false;
    throw error;
  }
}
