import type { NamedType, Property, TypeExpr } from "./types.js";

/**
 * Calls `visit` for every sub-expression of a type, not following refs; object members come with
 * the property they type.
 */
export function walkType(
  expr: TypeExpr,
  visit: (expr: TypeExpr, property?: Property) => void,
  property?: Property,
): void {
  visit(expr, property);
  switch (expr.kind) {
    case "array":
      walkType(expr.items, visit);
      return;
    case "tuple":
      for (const item of expr.items) walkType(item, visit);
      if (expr.rest) walkType(expr.rest, visit);
      return;
    case "union":
    case "intersection":
      for (const member of expr.members) walkType(member, visit);
      return;
    case "object":
      for (const p of expr.properties) walkType(p.type, visit, p);
      if (expr.additional) walkType(expr.additional, visit);
      return;
    default:
      return;
  }
}

/**
 * The ids of the named types that hold an expression for which `test` is true, in their own
 * expression or through any type they refer to (recursion included).
 */
export function typesReaching(
  types: readonly NamedType[],
  test: (expr: TypeExpr, property?: Property) => boolean,
): Set<string> {
  const reaching = new Set<string>();
  const refs = new Map<string, string[]>();
  for (const named of types) {
    const found: string[] = [];
    let hit = false;
    walkType(named.type, (expr, property) => {
      if (expr.kind === "ref") found.push(expr.target);
      if (test(expr, property)) hit = true;
    });
    refs.set(named.id, found);
    if (hit) reaching.add(named.id);
  }
  // Propagate to referrers until nothing changes.
  for (let changed = true; changed; ) {
    changed = false;
    for (const named of types) {
      if (!reaching.has(named.id) && (refs.get(named.id) ?? []).some((id) => reaching.has(id))) {
        reaching.add(named.id);
        changed = true;
      }
    }
  }
  return reaching;
}
