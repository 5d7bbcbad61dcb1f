/** The guard that makes a missing golden file fail instead of being written (test/golden/support.ts). */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freshDir, TMP, writeText } from "../compile/support.js";
import { expectGoldenFiles, missingGoldenFiles, snapshotUpdateMode } from "./support.js";

describe("golden file guard", () => {
  it("names the golden files that are missing, nested ones too", () => {
    const dir = freshDir(join(TMP, "golden-guard"));
    writeText(join(dir, "MANIFEST.txt"), "client.ts");
    writeText(join(dir, "api", "pets.ts"), "");
    expect(missingGoldenFiles(dir, ["MANIFEST.txt", "api/pets.ts", "api/owners.ts", "models.ts"])).toEqual([
      "api/owners.ts",
      "models.ts",
    ]);
  });

  it("fails on a missing golden file unless snapshots are updated with -u", () => {
    const dir = freshDir(join(TMP, "golden-guard-empty"));
    if (snapshotUpdateMode() === "all") {
      expect(() => expectGoldenFiles(dir, ["models.ts"])).not.toThrow();
    } else {
      expect(() => expectGoldenFiles(dir, ["models.ts"])).toThrow(/golden files missing.*-u/s);
    }
  });

  it("in CI, Vitest itself does not write new snapshots either", () => {
    // std-env's isCI (the `CI` variable among others) makes Vitest's default update mode "none".
    if (
      process.env.CI !== undefined &&
      process.env.CI !== "" &&
      process.env.CI !== "false" &&
      process.env.UPDATE_SNAPSHOT === undefined
    ) {
      expect(snapshotUpdateMode()).toBe("none");
    } else {
      expect(["all", "new", "none"]).toContain(snapshotUpdateMode());
    }
  });
});
