import type { Discriminator, TypeExpr } from "../../ir/types.js";
import { joinPointer, SpecError } from "../../util/errors.js";
import { isObject, locationKey, type ParseContext } from "../context.js";
import type { Located } from "../located.js";
import { union } from "./algebra.js";
import { namedRef } from "./index.js";

/**
 * A schema that extends (through allOf) a parent with a `discriminator` but no oneOf/anyOf gets its
 * discriminator property pinned to the values naming it: the parent's mapping entries that point
 * at it, else its own schema name. Narrowing then works on the child type.
 */
export function inheritedDiscriminator(ctx: ParseContext, allOf: unknown[], at: Located): TypeExpr | undefined {
  for (const [i, member] of allOf.entries()) {
    if (!isObject(member) || typeof member.$ref !== "string") continue;
    const parent = ctx.resolver.resolve(member.$ref, at.file, joinPointer(at.pointer, "allOf", i, "$ref"));
    const value = parent.value;
    if (!isObject(value) || !isObject(value.discriminator) || typeof value.discriminator.propertyName !== "string")
      continue;
    if (Array.isArray(value.oneOf) || Array.isArray(value.anyOf)) continue;
    const self = locationKey(at.file, at.pointer);
    const values: string[] = [];
    if (isObject(value.discriminator.mapping)) {
      for (const [key, ref] of Object.entries(value.discriminator.mapping)) {
        if (typeof ref !== "string") continue;
        const target = ref.startsWith("#") || ref.includes("/") ? ref : `#/components/schemas/${ref}`;
        const resolved = resolveMapping(ctx, target, {
          file: parent.file,
          pointer: joinPointer(parent.pointer, "discriminator", "mapping", key),
        });
        if (resolved && locationKey(resolved.file, resolved.pointer) === self) values.push(key);
      }
    }
    if (values.length === 0) {
      const own = /^\/components\/schemas\/([^/]+)$/.exec(at.pointer)?.[1];
      if (own === undefined) continue;
      values.push(own.replaceAll("~1", "/").replaceAll("~0", "~"));
    }
    const type = union(values.map((v) => ({ kind: "literal", value: v }) as TypeExpr));
    return { kind: "object", properties: [{ name: value.discriminator.propertyName, type, required: true, doc: {} }] };
  }
  return undefined;
}

/** Reads `discriminator` (propertyName and mapping; mapping values are refs or schema names). */
export function convertDiscriminator(ctx: ParseContext, value: unknown, at: Located): Discriminator | undefined {
  if (!isObject(value) || typeof value.propertyName !== "string") return undefined;
  const mapping: { value: string; target: string }[] = [];
  if (isObject(value.mapping)) {
    for (const [key, ref] of Object.entries(value.mapping)) {
      if (typeof ref !== "string") continue;
      const isRef = ref.startsWith("#") || ref.includes("/") || /\.(json|ya?ml)(#|$)/i.test(ref);
      const target = isRef ? ref : `#/components/schemas/${ref}`;
      const resolved = resolveMapping(ctx, target, {
        file: at.file,
        pointer: joinPointer(at.pointer, "discriminator", "mapping", key),
      });
      if (!resolved) continue;
      const named = namedRef(ctx, resolved);
      if (named.kind === "ref") mapping.push({ value: key, target: named.target });
    }
  }
  return { property: value.propertyName, mapping };
}

/**
 * The discriminator of a union with its mapping settled: every member that names a schema has a
 * value, its mapping entries or else its schema name (OpenAPI's implicit mapping).
 */
export function settleMapping(
  ctx: ParseContext,
  discriminator: Discriminator,
  members: readonly TypeExpr[],
): Discriminator {
  const mapping = [...discriminator.mapping];
  for (const member of members) {
    if (member.kind !== "ref" || mapping.some((entry) => entry.target === member.target)) continue;
    const named = ctx.named.get(member.target);
    if (named) mapping.push({ value: named.originalName, target: member.target });
  }
  return { ...discriminator, mapping };
}

/**
 * Resolves one mapping entry. One that points to nothing only costs narrowing on that value, so it
 * is left out with a warning instead of failing the whole generation.
 */
function resolveMapping(
  ctx: ParseContext,
  target: string,
  entry: { file: string; pointer: string },
): Located | undefined {
  try {
    return ctx.resolver.resolve(target, entry.file, entry.pointer);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    const message = `Discriminator mapping entry left out: ${error.message}`;
    const known = ctx.warnings.some(
      (w) => w.message === message && w.location.file === entry.file && w.location.pointer === entry.pointer,
    );
    if (!known) ctx.warnings.push({ message, location: entry });
    return undefined;
  }
}
