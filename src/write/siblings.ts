import { randomBytes } from "node:crypto";

/**
 * The folders a run keeps next to its output folder `<base>` while it replaces it:
 * `<base>.codegen-new-<pid>-<ms>-<random>` (the new output, being written) and
 * `<base>.codegen-old-<...>` (the previous output, between the two renames of the swap).
 */
export interface SwapNames {
  temp: string;
  old: string;
}

/** Fresh sibling names for one run. */
export function swapNames(base: string): SwapNames {
  const stamp = `${process.pid}-${Date.now()}-${randomBytes(4).toString("hex")}`;
  return { temp: `${base}.codegen-new-${stamp}`, old: `${base}.codegen-old-${stamp}` };
}

/** A sibling left by some run (this version's names, and the older `<pid>-<ms>` ones). */
export interface Sibling {
  name: string;
  role: "new" | "old";
  pid: number;
  time: number;
}

/** The swap siblings of `<base>` among the names of its parent folder, oldest first. */
export function findSiblings(base: string, names: readonly string[]): Sibling[] {
  const pattern = new RegExp(`^${escapeRegExp(base)}\\.codegen-(new|old)-(\\d+)-(\\d+)(?:-[0-9a-f]+)?$`);
  const found: Sibling[] = [];
  for (const name of names) {
    const match = pattern.exec(name);
    if (match) found.push({ name, role: match[1] as "new" | "old", pid: Number(match[2]), time: Number(match[3]) });
  }
  return found.sort((a, b) => a.time - b.time || a.pid - b.pid || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The name a run writes its lock under before linking it into place as `<base>.codegen-lock`. */
export function lockDraftName(base: string): string {
  return `${base}.codegen-lock-${process.pid}-${randomBytes(4).toString("hex")}`;
}

/** Lock drafts of `<base>` among the names of its parent folder (a run killed while taking the lock leaves one). */
export function findLockDrafts(base: string, names: readonly string[]): { name: string; pid: number }[] {
  const pattern = new RegExp(`^${escapeRegExp(base)}\\.codegen-lock-(\\d+)-[0-9a-f]+$`);
  return names.flatMap((name) => {
    const match = pattern.exec(name);
    return match ? [{ name, pid: Number(match[1]) }] : [];
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
