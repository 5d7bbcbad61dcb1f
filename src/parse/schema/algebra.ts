/** Building blocks of type expressions: literals, flattened unions and intersections. */
import type { TypeExpr } from "../../ir/types.js";

/** A literal type for an enum/const value; undefined for values that have no literal type. */
export function literalOf(value: unknown): TypeExpr | undefined {
  if (value === null) return { kind: "null" };
  if (typeof value === "string" || typeof value === "boolean") return { kind: "literal", value };
  if (typeof value === "number" && Number.isFinite(value)) return { kind: "literal", value };
  return undefined;
}

/** A union, flattened and de-duplicated; a single member stands alone. */
export function union(members: readonly TypeExpr[]): TypeExpr {
  const flat: TypeExpr[] = [];
  const seen = new Set<string>();
  for (const m of members.flatMap((m) => (m.kind === "union" && !m.discriminator ? m.members : [m]))) {
    if (m.kind === "unknown") return { kind: "unknown" };
    const key = typeKey(m);
    if (!seen.has(key)) {
      seen.add(key);
      flat.push(m);
    }
  }
  if (flat.length === 1) return flat[0] as TypeExpr;
  if (flat.length === 0) return { kind: "never" };
  return { kind: "union", members: flat };
}

/** A cheap identity key for de-duplication (structural only for composite types). */
function typeKey(t: TypeExpr): string {
  switch (t.kind) {
    case "ref":
      return `r:${t.target}`;
    case "literal":
      return `l:${typeof t.value}:${String(t.value)}`;
    case "array":
    case "tuple":
    case "object":
    case "union":
    case "intersection":
      return JSON.stringify(t);
    default:
      return t.kind;
  }
}

/** An intersection, flattened; `unknown` members vanish; a single member stands alone. */
export function intersection(members: TypeExpr[]): TypeExpr {
  const flat = members
    .flatMap((m) => (m.kind === "intersection" ? m.members : [m]))
    .filter((m) => m.kind !== "unknown");
  if (flat.length === 0) return { kind: "unknown" };
  if (flat.length === 1) return flat[0] as TypeExpr;
  return { kind: "intersection", members: flat };
}
