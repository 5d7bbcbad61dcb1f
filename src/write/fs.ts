import { constants, type Stats } from "node:fs";
import * as fsp from "node:fs/promises";
import { OutputError } from "../util/errors.js";

/**
 * The file-system calls the writer makes, and nothing else. Tests pass their own to simulate what a
 * real disk will not do on demand (a folder even root cannot list, a kill between two renames).
 */
export interface WriteFs {
  lstat(path: string): Promise<Stats>;
  /** The names in a folder. */
  readdir(path: string): Promise<string[]>;
  /** At most `limit` bytes from the start of a regular file; never follows a link, never blocks on a FIFO. */
  read(path: string, limit?: number): Promise<Buffer>;
  realpath(path: string): Promise<string>;
  mkdir(path: string, options: { recursive: boolean }): Promise<void>;
  /** Creates a new file; fails when anything (a file, a link) already has the name. */
  create(path: string, content: string | Buffer): Promise<void>;
  /** A second name for a file; fails when anything already has the new name. */
  link(existing: string, name: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Removes a folder and everything in it; links are removed, never followed. */
  removeTree(path: string): Promise<void>;
  unlink(path: string): Promise<void>;
}

const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** The real file system. */
export const nodeFs: WriteFs = {
  lstat: (path) => fsp.lstat(path),
  readdir: (path) => fsp.readdir(path),
  async read(path, limit = Number.POSITIVE_INFINITY) {
    const handle = await fsp.open(path, READ_FLAGS);
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) throw Object.assign(new Error(`${path} is not a regular file`), { code: "EINVAL" });
      const size = Math.min(stats.size, limit);
      const buffer = Buffer.alloc(size);
      let offset = 0;
      while (offset < size) {
        const { bytesRead } = await handle.read(buffer, offset, size - offset, offset);
        if (bytesRead === 0) break;
        offset += bytesRead;
      }
      return buffer.subarray(0, offset);
    } finally {
      await handle.close();
    }
  },
  realpath: (path) => fsp.realpath(path),
  async mkdir(path, options) {
    await fsp.mkdir(path, options);
  },
  create: (path, content) => fsp.writeFile(path, content, { flag: "wx" }),
  link: (existing, name) => fsp.link(existing, name),
  rename: (from, to) => fsp.rename(from, to),
  removeTree: (path) => fsp.rm(path, { recursive: true, force: true }),
  unlink: (path) => fsp.unlink(path),
};

/** The error code of a failed file-system call (`ENOENT`, `EACCES`, ...), if any. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

const REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOENT: "it does not exist",
  ENOTDIR: "a part of the path is not a folder",
  EISDIR: "it is a folder",
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is exhausted",
  EROFS: "the file system is read-only",
  ENAMETOOLONG: "the name is too long for the file system",
  EBUSY: "it is busy (a mount point?)",
  EXDEV: "it is on another file system (a mount point?)",
  ELOOP: "it is a symbolic link",
  EMFILE: "too many open files",
  EIO: "an input/output error",
};

/** An OutputError for a failed file-system call: what Codegen tried, on which path, and why it failed. */
export function fsFailure(error: unknown, action: string, path: string, hint?: string): OutputError {
  const code = errorCode(error);
  const reason = (code && REASONS[code]) ?? (error instanceof Error ? error.message : String(error));
  return new OutputError(`Cannot ${action} ${path}: ${reason}${code ? ` (${code})` : ""}`, {
    hint: hint ?? "Nothing in the output folder was changed. Fix the cause, or choose another output folder.",
    cause: error,
  });
}
