import { describe, expect, it } from "vitest";
import { generate } from "../../src/index.js";
import { spec3, tempFiles } from "../helpers.js";

/** Every name an API module binds at its top level: its imports and its own declarations. */
function topLevelBindings(source: string): string[] {
  const names: string[] = [];
  for (const m of source.matchAll(/^import (?:type )?\{([^}]*)\} from/gm)) {
    names.push(...(m[1] as string).split(",").map((s) => s.trim().replace(/^type /, "")).filter(Boolean));
  }
  for (const m of source.matchAll(/^export (?:async )?(?:function\*?|type|interface|const) ([A-Za-z_$][\w$]*)/gm)) names.push(m[1] as string);
  return names;
}

const int64Body = { type: "object", properties: { id: { type: "integer", format: "int64" } } };

describe("names the emitter binds itself", () => {
  it("an operation or schema never takes a name an API module imports (int64Plans, ApiPromise)", async () => {
    const spec = spec3({
      schemas: { ApiPromise: int64Body },
      paths: {
        "/plans": {
          get: {
            operationId: "int64Plans",
            responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/ApiPromise" } } } } },
          },
        },
      },
    });
    const { dir, cleanup } = await tempFiles({ "spec.json": spec });
    try {
      const files = await generate({ input: `${dir}/spec.json`, output: `${dir}/out`, int64: "bigint" });
      const api = files.find((f) => f.path.startsWith("api/"));
      expect(api).toBeDefined();
      const bindings = topLevelBindings(api?.content ?? "");
      expect(bindings).toContain("int64Plans");
      expect(bindings).toContain("ApiPromise");
      expect(bindings.filter((name, i) => bindings.indexOf(name) !== i)).toEqual([]);
    } finally {
      await cleanup();
    }
  });
});
