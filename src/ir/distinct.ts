import type { TypeExpr } from "./types.js";

/** The types without repeats (equal by their JSON), in order. */
export function distinctTypes(types: readonly TypeExpr[]): TypeExpr[] {
  const seen = new Set<string>();
  return types.filter((t) => {
    const key = JSON.stringify(t);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
