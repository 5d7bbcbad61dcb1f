/**
 * What Codegen's extensions share when they read the IR an operation already has: a header name's
 * syntax, the type of the success JSON body, references followed, and a declared property.
 */
import type { Operation, Property, TypeExpr } from "../../ir/types.js";
import type { ParseContext } from "../context.js";

/** A header name: an HTTP token (RFC 9110). */
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** The type of the first success response read as JSON (what the plain function returns), if any. */
export function successJson(op: Pick<Operation, "responses">): TypeExpr | undefined {
  return op.responses.find((r) => r.role === "success" && r.chosen?.kind === "json")?.chosen?.type;
}

/** `type` with references followed (and a lone non-null member of a nullable union taken). */
export function resolveType(ctx: ParseContext, type: TypeExpr): TypeExpr {
  let current = type;
  for (let depth = 0; depth < 64; depth++) {
    if (current.kind === "ref") {
      const target = ctx.named.get(current.target);
      if (!target) return { kind: "unknown" };
      current = target.type;
    } else if (current.kind === "union") {
      const members = current.members.filter((m) => m.kind !== "null");
      if (members.length !== 1) return current;
      current = members[0] as TypeExpr;
    } else {
      return current;
    }
  }
  return { kind: "unknown" };
}

/** The property `name` an object type declares (through references and allOf), never through additional properties. */
export function declaredProperty(ctx: ParseContext, type: TypeExpr, name: string, depth = 0): Property | undefined {
  if (depth > 16) return undefined;
  const resolved = resolveType(ctx, type);
  if (resolved.kind === "object") return resolved.properties.find((p) => p.name === name);
  if (resolved.kind === "intersection") {
    for (const member of resolved.members) {
      const found = declaredProperty(ctx, member, name, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}
