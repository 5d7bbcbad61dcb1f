import type { NamedType, TypeExpr } from "./types.js";

/** Which side of the wire drops a property: requests drop readOnly ones, responses writeOnly ones. */
export type Side = "input" | "output";

/**
 * The named types that need a request-side (`input`) or response-side (`output`) variant: those
 * with readOnly / writeOnly properties anywhere in their own expression, and every type that
 * refers to one of them. Returned as id sets, in no particular order.
 */
export function typesNeedingVariants(types: NamedType[]): Record<Side, Set<string>> {
  const refs = new Map<string, string[]>();
  const result: Record<Side, Set<string>> = { input: new Set(), output: new Set() };
  for (const named of types) {
    const found: string[] = [];
    const flags = { readOnly: false, writeOnly: false };
    scan(named.type, found, flags);
    refs.set(named.id, found);
    if (flags.readOnly) result.input.add(named.id);
    if (flags.writeOnly) result.output.add(named.id);
  }
  // Propagate to referrers until nothing changes.
  for (const side of ["input", "output"] as const) {
    const set = result[side];
    let changed = true;
    while (changed) {
      changed = false;
      for (const named of types) {
        if (set.has(named.id)) continue;
        if ((refs.get(named.id) ?? []).some((id) => set.has(id))) {
          set.add(named.id);
          changed = true;
        }
      }
    }
  }
  return result;
}

function scan(expr: TypeExpr, refs: string[], flags: { readOnly: boolean; writeOnly: boolean }): void {
  switch (expr.kind) {
    case "ref":
      refs.push(expr.target);
      return;
    case "array":
      scan(expr.items, refs, flags);
      return;
    case "tuple":
      for (const item of expr.items) scan(item, refs, flags);
      if (expr.rest) scan(expr.rest, refs, flags);
      return;
    case "union":
    case "intersection":
      for (const member of expr.members) scan(member, refs, flags);
      return;
    case "object":
      for (const property of expr.properties) {
        if (property.readOnly) flags.readOnly = true;
        if (property.writeOnly) flags.writeOnly = true;
        scan(property.type, refs, flags);
      }
      if (expr.additional) scan(expr.additional, refs, flags);
      return;
    default:
      return;
  }
}
