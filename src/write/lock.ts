import { hostname } from "node:os";
import { join } from "node:path";
import { OutputError } from "../util/errors.js";
import { errorCode, fsFailure, type WriteFs } from "./fs.js";
import { lockDraftName } from "./siblings.js";

/** What a lock file holds. */
interface LockInfo {
  tool: "codegen";
  pid: number;
  /** When the process started (ms since the epoch): tells this process from an earlier one with the same id. */
  started: number;
  host: string;
}

/** A held lock on one output folder. */
export interface Lock {
  release(): Promise<void>;
}

/** The lock file of an output folder `<parent>/<base>`: a sibling, so it survives the folder's replacement. */
export function lockPath(parent: string, base: string): string {
  return join(parent, `${base}.codegen-lock`);
}

/** True while a process with this id exists (on this machine). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === "EPERM";
  }
}

/**
 * Takes the lock of an output folder, so two runs never write into it at once. The lock is written in
 * full under a draft name and then linked into place (which fails if a lock exists), so a lock file
 * is never seen half-written. A lock left by a run that was killed (its process is gone) is taken
 * over; a live one is an OutputError.
 */
export async function acquireLock(fs: WriteFs, parent: string, base: string, shown: string): Promise<Lock> {
  const path = lockPath(parent, base);
  const mine: LockInfo = {
    tool: "codegen",
    pid: process.pid,
    started: Math.round(performance.timeOrigin),
    host: hostname(),
  };
  const draft = join(parent, lockDraftName(base));
  try {
    await fs.create(draft, lockText(mine));
  } catch (error) {
    throw fsFailure(error, "create the lock file", draft);
  }
  try {
    return await takeLock(fs, path, draft, mine, shown);
  } finally {
    await fs.unlink(draft).catch(() => undefined);
  }
}

async function takeLock(fs: WriteFs, path: string, draft: string, mine: LockInfo, shown: string): Promise<Lock> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.link(draft, path);
      return {
        async release() {
          // Only our own lock: never one another run has taken over meanwhile.
          const held = await fs.read(path, 4096).catch(() => undefined);
          if (held?.toString("utf8") === lockText(mine)) await fs.unlink(path).catch(() => undefined);
        },
      };
    } catch (error) {
      if (errorCode(error) !== "EEXIST" || attempt === 3) throw fsFailure(error, "create the lock file", path);
    }
    let held: Buffer;
    try {
      held = await fs.read(path, 4096);
    } catch (error) {
      if (errorCode(error) === "ENOENT") continue; // released meanwhile
      throw new OutputError(`${path} exists and is not a lock file of Codegen's`, {
        hint: `Codegen marks a run into ${shown} with that file; move it away.`,
        cause: error,
      });
    }
    const info = parseLock(held.toString("utf8"));
    if (info === undefined) {
      throw new OutputError(`${path} exists and is not a lock file of Codegen's`, {
        hint: `Codegen marks a run into ${shown} with that file; move it away.`,
      });
    }
    // Process ids are checked on this machine (a container sharing the folder has its own: a lock it
    // left may look live, and the hint says what to do). Our own id is ours only from our own start.
    const live = info.pid === mine.pid ? info.started === mine.started : processAlive(info.pid);
    if (live) {
      throw new OutputError(`Another Codegen run (process ${info.pid} on ${info.host}) is writing ${shown}`, {
        hint: `Wait for it to finish. If no Codegen run is active, delete ${path}.`,
      });
    }
    // Left by a killed run: take it over, unless another run has just done so.
    const again = await fs.read(path, 4096).catch(() => undefined);
    if (again?.equals(held)) await fs.unlink(path).catch(() => undefined);
  }
}

function lockText(info: LockInfo): string {
  return `${JSON.stringify(info)}\n`;
}

function parseLock(text: string): LockInfo | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockInfo> | null;
    if (value?.tool === "codegen" && Number.isInteger(value.pid) && typeof value.host === "string")
      return { started: 0, ...value } as LockInfo;
  } catch {
    return undefined;
  }
  return undefined;
}
