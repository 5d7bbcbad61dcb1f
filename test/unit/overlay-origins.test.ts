/**
 * A problem in a value an overlay added is reported in the overlay (file, JSON pointer of the
 * action's `update`, so the CLI shows its line), not at a spec pointer naming text the spec file
 * does not have; problems in the spec's own text stay in the spec.
 */
import { describe, expect, it } from "vitest";
import { generate } from "../../src/index.js";
import { OverlayOrigins } from "../../src/parse/overlay.js";
import { SpecError } from "../../src/util/errors.js";
import { spec3, tempFiles } from "../helpers.js";

const ok = { "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } } };

async function failure(spec: object, overlay: string): Promise<SpecError> {
  const { dir, cleanup } = await tempFiles({ "spec.json": spec, "o.yaml": overlay });
  try {
    await generate({ input: `${dir}/spec.json`, output: `${dir}/out`, overlays: [`${dir}/o.yaml`] });
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return error as SpecError;
  } finally {
    await cleanup();
  }
  throw new Error("generation did not fail");
}

const overlay = (target: string, update: string) =>
  [
    "overlay: 1.0.0",
    "info: { title: t, version: 1.0.0 }",
    "actions:",
    `  - target: "${target}"`,
    "    update:",
    update,
    "",
  ].join("\n");

describe("overlay origins", () => {
  it("an extension an overlay merged into an operation: the error is in the overlay's update", async () => {
    const spec = spec3({ paths: { "/a": { get: { operationId: "a", responses: ok } } } });
    const error = await failure(spec, overlay("$.paths['/a'].get", "      x-codegen-pagination: { style: sideways }"));
    expect(error.location.file).toMatch(/o\.yaml$/);
    expect(error.location.pointer).toBe("/actions/0/update/x-codegen-pagination/style");
  });

  it("an extension an overlay merged into the root", async () => {
    const error = await failure(spec3({}), overlay("$", "      x-codegen-client: { requestIdHeader: 7 }"));
    expect(error.location).toMatchObject({ pointer: "/actions/0/update/x-codegen-client/requestIdHeader" });
    expect(error.location.file).toMatch(/o\.yaml$/);
  });

  it("the spec's own text in a node an overlay touched stays in the spec", async () => {
    const spec = spec3({ extra: { "x-codegen-client": { requestIdHeader: 7 } } });
    const error = await failure(spec, overlay("$.info", "      description: added"));
    expect(error.location).toMatchObject({ pointer: "/x-codegen-client/requestIdHeader" });
    expect(error.location.file).toMatch(/spec\.json$/);
  });

  it("maps replaced values, appended array items and the last writer", () => {
    const origins = new OverlayOrigins();
    const doc = "/s.json";
    origins.add({ target: "/tags/2", keys: undefined, from: { file: "/o1.yaml", pointer: "/actions/0/update" } });
    origins.add({ target: "/info", keys: new Set(["x-a"]), from: { file: "/o1.yaml", pointer: "/actions/1/update" } });
    origins.add({ target: "/info", keys: new Set(["x-a"]), from: { file: "/o2.yaml", pointer: "/actions/0/update" } });
    expect(origins.original({ file: doc, pointer: "/tags/2/name" }, doc)).toEqual({
      file: "/o1.yaml",
      pointer: "/actions/0/update/name",
    });
    expect(origins.original({ file: doc, pointer: "/tags/1/name" }, doc)).toEqual({
      file: doc,
      pointer: "/tags/1/name",
    });
    expect(origins.original({ file: doc, pointer: "/info/x-a/b" }, doc)).toEqual({
      file: "/o2.yaml",
      pointer: "/actions/0/update/x-a/b",
    });
    expect(origins.original({ file: doc, pointer: "/info/title" }, doc)).toEqual({ file: doc, pointer: "/info/title" });
    expect(origins.original({ file: "/other.yaml", pointer: "/tags/2" }, doc)).toEqual({
      file: "/other.yaml",
      pointer: "/tags/2",
    });
  });
});
