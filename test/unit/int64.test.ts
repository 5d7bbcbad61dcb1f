import { describe, expect, it } from "vitest";
import { Int64Planner } from "../../src/emit/ts/int64.js";
import { writeType } from "../../src/emit/ts/type-printer.js";
import { render } from "../../src/emit/ts/writer.js";
import { modelOf, spec3 } from "../helpers.js";

const schemas = {
  Node: {
    type: "object",
    properties: {
      id: { type: "integer", format: "int64" },
      small: { type: "integer", format: "int32" },
      children: { type: "array", items: { $ref: "#/components/schemas/Node" } },
    },
  },
  Page: {
    type: "object",
    properties: { items: { type: "array", items: { $ref: "#/components/schemas/Node" } }, total: { type: "integer" } },
  },
  Plain: { type: "object", properties: { name: { type: "string" } } },
  Counts: { type: "object", additionalProperties: { type: "integer", format: "int64" } },
};

describe("int64 as bigint", () => {
  const model = modelOf(spec3({ schemas }));
  const byId = new Map(model.types.map((t) => [t.id, t]));
  const planner = new Int64Planner(byId);

  it("plans every named type that reaches an int64, by name, recursion included", () => {
    expect(planner.registry()).toEqual([
      ["Node", { p: { id: 1, children: { a: "Node" } } }],
      ["Page", { p: { items: { a: "Node" } } }],
      ["Counts", { m: 1 }],
    ]);
  });

  it("has no plan for types without int64", () => {
    expect(planner.planOf({ kind: "ref", target: model.types[2]!.id })).toBeUndefined();
    expect(planner.planOf({ kind: "integer" })).toBeUndefined();
  });

  it("types int64 as bigint only when asked", () => {
    const node = model.types[0]!;
    const print = (int64: "number" | "bigint") =>
      render((w) =>
        writeType(w, node.type, {
          nameOf: (id) => byId.get(id)?.name ?? "?",
          lookup: (id) => byId.get(id),
          use: () => {},
          usage: "model",
          int64,
        }),
      )
        .replace(/\s+/g, " ")
        .trim();
    expect(print("bigint")).toContain("id?: bigint;");
    expect(print("bigint")).toContain("small?: number;");
    expect(print("number")).toContain("id?: number;");
  });
});
