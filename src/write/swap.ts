import { dirname, join } from "node:path";
import { fsFailure, type WriteFs } from "./fs.js";
import { swapNames } from "./siblings.js";

/** A file to put into the new folder: its path relative to it (`/`-separated) and its content. */
export interface NewFile {
  path: string;
  content: string | Buffer;
}

/**
 * Replaces the folder `<parent>/<base>` (or creates it) with exactly `files`, atomically as far as a
 * reader can tell: everything is written into a fresh sibling folder, then two renames swap it in.
 * A failure leaves the previous folder in place; a kill leaves state that `recoverInterrupted` repairs.
 * Call it holding the lock, with the previous folder checked to be Codegen's own.
 */
export async function replaceFolder(
  fs: WriteFs,
  parent: string,
  base: string,
  existed: boolean,
  files: readonly NewFile[],
): Promise<void> {
  const output = join(parent, base);
  const names = swapNames(base);
  const temp = join(parent, names.temp);
  const old = join(parent, names.old);
  try {
    await fs.mkdir(temp, { recursive: false });
  } catch (error) {
    throw fsFailure(error, "create the folder", temp);
  }
  try {
    const made = new Set<string>([temp]);
    for (const file of files) {
      const target = join(temp, file.path);
      const folder = dirname(target);
      if (!made.has(folder)) {
        await fs.mkdir(folder, { recursive: true }).catch((error: unknown) => {
          throw fsFailure(error, "create the folder", folder);
        });
        made.add(folder);
      }
      await fs.create(target, file.content).catch((error: unknown) => {
        throw fsFailure(error, "write", target);
      });
    }
    if (existed) {
      await fs.rename(output, old).catch((error: unknown) => {
        throw fsFailure(error, "move aside the previous output", output);
      });
    }
    try {
      await fs.rename(temp, output);
    } catch (error) {
      if (existed) {
        await fs.rename(old, output).catch((again: unknown) => {
          throw fsFailure(
            again,
            "move the previous output back from",
            old,
            `It is safe in ${old}; the next run moves it back.`,
          );
        });
      }
      throw fsFailure(error, "move the new output into place at", output);
    }
  } finally {
    await fs.removeTree(temp).catch(() => undefined);
  }
  // The new output is in place; a failure here only leaves the old copy for the next run to remove.
  if (existed) await fs.removeTree(old).catch(() => undefined);
}
