import type { NamedType, TypeExpr } from "../../ir/types.js";
import type { SpecLocation, Warning } from "../../util/errors.js";
import type { ClientType } from "./names.js";

/**
 * Breaks cycles of type aliases that TypeScript cannot express: a named type that reaches itself
 * through refs, unions and intersections only (`A = A | string`, `A = B; B = A`) without an object,
 * array or tuple in between. The ref that closes such a cycle becomes `unknown`: the schema
 * describes no narrower type anyway. Cycles through objects and arrays are fine and kept. Each
 * broken reference is reported as a warning at the schema that holds it. Another target may express
 * such cycles, so this is the TypeScript emitter's pass, not the IR's. Returns new types.
 */
export function breakAliasCycles(input: readonly ClientType[]): { types: ClientType[]; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const types = input.map((t) => ({ ...t }));
  const byId = new Map(types.map((t) => [t.id, t]));
  const edges = new Map(types.map((t) => [t.id, immediateRefs(t.type)]));

  const reaches = (from: string, to: string): boolean => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (id === to) return true;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(edges.get(id) ?? []));
    }
    return false;
  };

  for (const named of types) {
    for (const target of [...(edges.get(named.id) ?? [])]) {
      if (!reaches(target, named.id)) continue;
      named.type = replaceImmediate(named.type, target);
      edges.set(named.id, immediateRefs(named.type));
      const other = byId.get(target);
      warnings.push({
        message: `Type ${named.name} refers to itself through ${other === named ? "itself" : (other?.name ?? target)} without an object or array in between; that reference is typed as \`unknown\``,
        location: locationOf(named),
      });
    }
  }
  return { types, warnings };
}

/** The spec location of a named type, from its id (`file#pointer`, see parse/context locationKey). */
function locationOf(named: NamedType): SpecLocation {
  const split = named.id.indexOf("#/");
  const at = split === -1 ? named.id.lastIndexOf("#") : split;
  return at === -1 ? { file: named.id, pointer: "" } : { file: named.id.slice(0, at), pointer: named.id.slice(at + 1) };
}

/** Refs in positions TypeScript resolves eagerly: the top, and union/intersection members. */
function immediateRefs(expr: TypeExpr): string[] {
  switch (expr.kind) {
    case "ref":
      return [expr.target];
    case "union":
    case "intersection":
      return [...new Set(expr.members.flatMap(immediateRefs))];
    default:
      return [];
  }
}

function replaceImmediate(expr: TypeExpr, target: string): TypeExpr {
  switch (expr.kind) {
    case "ref":
      return expr.target === target ? { kind: "unknown" } : expr;
    case "union":
    case "intersection":
      return { ...expr, members: expr.members.map((m) => replaceImmediate(m, target)) };
    default:
      return expr;
  }
}
