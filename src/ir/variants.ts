import { typesReaching } from "./reach.js";
import type { NamedType } from "./types.js";

/**
 * The named types that need a request-side (`input`) or response-side (`output`) variant: those
 * with readOnly / writeOnly properties anywhere in their own expression, and every type that
 * refers to one of them.
 */
export function typesNeedingVariants(types: readonly NamedType[]): { input: Set<string>; output: Set<string> } {
  return {
    input: typesReaching(types, (_expr, property) => property?.readOnly === true),
    output: typesReaching(types, (_expr, property) => property?.writeOnly === true),
  };
}
