/**
 * Golden files must exist before they are compared. Vitest's `toMatchFileSnapshot` writes a missing
 * snapshot and passes (unless it runs in CI, where std-env's `isCI` switches it to `update: "none"`),
 * so a deleted or never-committed golden file would silently turn into "whatever the generator makes
 * now". The golden tests therefore check, before comparing, that every file of the manifest is on
 * disk, everywhere except under `-u` (update mode "all"), the one way to accept new golden files.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";

/** Vitest's snapshot update mode of the running test: "all" (`-u`), "new" (local default) or "none" (CI). */
export function snapshotUpdateMode(): string {
  return (expect.getState().snapshotState as unknown as { snapshotUpdateState: string }).snapshotUpdateState;
}

/** The files of `paths` (relative, `/`-separated) that are missing from `dir`. */
export function missingGoldenFiles(dir: string, paths: readonly string[]): string[] {
  return paths.filter((path) => !existsSync(join(dir, ...path.split("/"))));
}

/** Fails when a golden file of `paths` is missing from `dir`, unless snapshots are being updated (`-u`). */
export function expectGoldenFiles(dir: string, paths: readonly string[]): void {
  if (snapshotUpdateMode() === "all") return;
  expect(
    missingGoldenFiles(dir, paths),
    `golden files missing in ${dir}: run \`npx vitest run test/golden -u\`, review and commit them`,
  ).toEqual([]);
}
