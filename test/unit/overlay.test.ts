import { describe, expect, it } from "vitest";
import { applyOverlays } from "../../src/parse/overlay.js";
import { SpecError } from "../../src/util/errors.js";
import { tempFiles } from "../helpers.js";

const spec = {
  openapi: "3.0.3",
  info: { title: "T", version: "1" },
  paths: { "/pets": { get: { operationId: "listPets", tags: ["pets"] }, delete: { operationId: "purge" } } },
};

async function overlay(actions: unknown[], document: unknown = spec) {
  const { dir, cleanup } = await tempFiles({
    "o.yaml": { overlay: "1.0.0", info: { title: "o", version: "1" }, actions },
  });
  try {
    return await applyOverlays(document, [`${dir}/o.yaml`]);
  } finally {
    await cleanup();
  }
}

describe("OpenAPI Overlay", () => {
  it("merges updates into objects, appends to arrays, removes nodes, in order, on a copy", async () => {
    const { document, warnings } = await overlay([
      { target: "$.info", update: { description: "Added", "x-owner": { team: "a" } } },
      { target: "$.paths['/pets'].get", update: { "x-pagination": { cursor: "after" } } },
      { target: "$.paths['/pets'].get.tags", update: "animals" },
      { target: "$.paths['/pets'].delete", remove: true },
    ]);
    expect(document).toEqual({
      openapi: "3.0.3",
      info: { title: "T", version: "1", description: "Added", "x-owner": { team: "a" } },
      paths: {
        "/pets": { get: { operationId: "listPets", tags: ["pets", "animals"], "x-pagination": { cursor: "after" } } },
      },
    });
    expect(warnings).toEqual([]);
    expect(spec.paths["/pets"].delete).toBeDefined();
  });

  it("removes several array items at once", async () => {
    const { document } = await overlay([{ target: "$.list[?@ > 1]", remove: true }], { list: [1, 2, 3, 1] });
    expect(document).toEqual({ list: [1, 1] });
  });

  it("warns about a target that matches nothing", async () => {
    const { warnings } = await overlay([{ target: "$.paths['/nope']", update: { x: 1 } }]);
    expect(warnings.map((w) => [w.message, w.location.pointer])).toEqual([
      ["Overlay target $.paths['/nope'] matches nothing", "/actions/0/target"],
    ]);
  });

  it.each<[string, unknown[], RegExp]>([
    ["a target that is not JSONPath", [{ target: "paths", update: {} }], /Invalid JSONPath "paths": Expected "\$"/],
    ["an action with neither update nor remove", [{ target: "$.info" }], /needs `update` or `remove: true`/],
    ["an action without a target", [{ update: {} }], /needs a `target`/],
  ])("fails clearly on %s", async (_name, actions, message) => {
    await expect(overlay(actions)).rejects.toThrowError(message);
    await expect(overlay(actions)).rejects.toBeInstanceOf(SpecError);
  });

  it("refuses a file that is not an overlay", async () => {
    const { dir, cleanup } = await tempFiles({ "o.json": { openapi: "3.0.0" } });
    await expect(applyOverlays(spec, [`${dir}/o.json`])).rejects.toThrowError(/Not an OpenAPI Overlay 1.x document/);
    await cleanup();
  });
});
