import { join } from "node:path";
import { OutputError } from "../util/errors.js";
import { errorCode, fsFailure, type WriteFs } from "./fs.js";
import { checkOwned, type OwnershipRules } from "./inspect.js";
import { processAlive } from "./lock.js";
import { findLockDrafts, findSiblings, type Sibling } from "./siblings.js";

/**
 * Cleans up after runs into `<parent>/<base>` that were killed; call it holding the lock.
 *
 * A kill can leave: a `.codegen-new-*` folder (killed while writing, or before the swap), and during
 * the swap a `.codegen-old-*` folder (the previous output) with the output folder itself missing
 * (killed between the two renames) or already replaced (killed before the old copy was removed).
 * A missing output folder gets its previous copy back (the swap is rolled back; the caller then
 * writes the new output); then the leftovers are removed. Only folders that are provably Codegen's
 * are touched: their name follows the pattern, their process is gone, and everything in them is
 * Codegen's (see `checkOwned`). Anything else is left alone. Lock drafts of dead runs go too.
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
