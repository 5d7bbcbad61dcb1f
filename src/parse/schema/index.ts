/**
 * Schema objects (and references) into IR type expressions. One entry: `convertSchema`; named
 * types are registered through `namedRef`. Documentation, type algebra and discriminators live
 * beside this file.
 */
import type { NamedType, Property, TypeExpr } from "../../ir/types.js";
import { joinPointer, SpecError, splitPointer } from "../../util/errors.js";
import { isObject, locationKey, type ParseContext } from "../context.js";
import type { Draft } from "../draft.js";
import { child, type Located } from "../located.js";
import { intersection, literalOf, union } from "./algebra.js";
import { convertDiscriminator, inheritedDiscriminator, settleMapping } from "./discriminator.js";
import { docBeside, schemaDoc } from "./doc.js";

export { intersection, literalOf, union } from "./algebra.js";
export { docBeside, schemaDoc } from "./doc.js";

const PRIMITIVE_TYPES = new Set(["string", "number", "integer", "boolean", "null", "array", "object", "file"]);

/**
 * Registers the schema at a location as a named type (once) and returns a reference to it.
 * Registration happens before conversion, so recursive schemas terminate.
 */
export function namedRef(ctx: ParseContext, at: Located, originalName?: string): TypeExpr {
  const id = locationKey(at.file, at.pointer);
  if (!ctx.named.has(id)) {
    const named: Draft<NamedType> = {
      id,
      originalName: originalName ?? nameFromPointer(at.pointer),
      type: { kind: "unknown" },
      doc: {},
    };
    ctx.named.set(id, named);
    ctx.types.push(named);
    named.type = convertSchema(ctx, at);
    named.doc = docBeside(schemaDoc(at.value), named.type);
  }
  return { kind: "ref", target: id };
}

/** A readable name for a schema that lives at a pointer (the last meaningful segment). */
export function nameFromPointer(pointer: string): string {
  const structural = new Set([
    "schema",
    "items",
    "properties",
    "content",
    "additionalProperties",
    "allOf",
    "oneOf",
    "anyOf",
  ]);
  const segments = splitPointer(pointer).filter((s) => !structural.has(s) && !/^\d+$/.test(s) && !s.includes("/"));
  return segments.at(-1) ?? "Schema";
}

/** Converts a schema object (or reference) into a type expression. */
export function convertSchema(ctx: ParseContext, at: Located): TypeExpr {
  const schema = at.value;
  if (schema === true || schema === undefined) return { kind: "unknown" };
  if (schema === false) return { kind: "never" };
  if (!isObject(schema)) {
    throw new SpecError(
      "Expected a schema object",
      { file: at.file, pointer: at.pointer },
      {
        hint: "A schema must be an object (or, in OpenAPI 3.1, a boolean).",
      },
    );
  }
  if (typeof schema.$ref === "string") {
    const target = ctx.resolver.resolve(schema.$ref, at.file, joinPointer(at.pointer, "$ref"));
    const ref = namedRef(ctx, target);
    // 3.0 ignores siblings of $ref, but `nullable` beside it is common in the wild and honoured.
    return schema.nullable === true ? union([ref, { kind: "null" }]) : ref;
  }
  const type = convertBody(ctx, schema, at);
  // `x-nullable` (go-swagger, NSwag) is the common pre-3.0 spelling of `nullable`.
  const nullable = schema.nullable === true || schema["x-nullable"] === true;
  return nullable ? union([type, { kind: "null" }]) : type;
}

function convertBody(ctx: ParseContext, schema: Record<string, unknown>, at: Located): TypeExpr {
  if (schema.const !== undefined) return literalOf(schema.const) ?? { kind: "unknown" };
  if (Array.isArray(schema.enum)) {
    const literals = schema.enum.map(literalOf);
    if (literals.every((l): l is TypeExpr => l !== undefined) && literals.length > 0) {
      return union(literals);
    }
  }
  const parts: TypeExpr[] = [];
  const own = convertTyped(ctx, schema, at);
  if (own) parts.push(own);
  if (Array.isArray(schema.allOf)) {
    parts.push(...schema.allOf.map((s, i) => convertSchema(ctx, child(at, s, "allOf", i))));
    const pinned = inheritedDiscriminator(ctx, schema.allOf, at);
    if (pinned) parts.push(pinned);
  }
  for (const key of ["oneOf", "anyOf"] as const) {
    const list = schema[key];
    if (Array.isArray(list) && list.length > 0) {
      const members = union(list.map((s, i) => convertSchema(ctx, child(at, s, key, i))));
      const discriminator = convertDiscriminator(ctx, schema.discriminator, at);
      parts.push(
        members.kind === "union" && discriminator
          ? { ...members, discriminator: settleMapping(ctx, discriminator, members.members) }
          : members,
      );
    }
  }
  if (parts.length === 0) return { kind: "unknown" };
  return intersection(parts);
}

/** The part of a schema described by `type` and the type-specific keywords. */
function convertTyped(ctx: ParseContext, schema: Record<string, unknown>, at: Located): TypeExpr | undefined {
  const declared = schema.type;
  if (Array.isArray(declared)) {
    const types = declared.filter((t): t is string => typeof t === "string" && PRIMITIVE_TYPES.has(t));
    if (types.length === 0) return { kind: "unknown" };
    return union(types.map((t) => convertOfType(ctx, schema, at, t)));
  }
  const composed = Array.isArray(schema.allOf) || Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf);
  if (typeof declared === "string") {
    if (!PRIMITIVE_TYPES.has(declared)) return { kind: "unknown" };
    // `type: object` beside allOf/oneOf/anyOf adds nothing unless it declares properties itself.
    const bareObject =
      declared === "object" && !isObject(schema.properties) && schema.additionalProperties === undefined;
    if (composed && bareObject) return undefined;
    return convertOfType(ctx, schema, at, declared);
  }
  if (isObject(schema.properties) || schema.additionalProperties !== undefined) {
    return convertOfType(ctx, schema, at, "object");
  }
  if (schema.items !== undefined || Array.isArray(schema.prefixItems)) return convertOfType(ctx, schema, at, "array");
  return composed ? undefined : { kind: "unknown" };
}

function convertOfType(ctx: ParseContext, schema: Record<string, unknown>, at: Located, type: string): TypeExpr {
  switch (type) {
    case "string":
      return schema.format === "binary" || (ctx.dialect === "3.1" && isBinaryContent(schema))
        ? { kind: "blob" }
        : withFormat({ kind: "string" }, schema.format);
    case "file":
      return { kind: "blob" };
    case "integer":
      return withFormat(
        schema.format === "int64" || schema.format === "uint64"
          ? { kind: "integer" as const, int64: true as const }
          : { kind: "integer" as const },
        schema.format,
      );
    case "number":
      return withFormat({ kind: "number" }, schema.format);
    case "boolean":
      return { kind: "boolean" };
    case "null":
      return { kind: "null" };
    case "array":
      return convertArray(ctx, schema, at);
    default:
      return convertObject(ctx, schema, at);
  }
}

/** A string, number or integer type with the schema's `format`, when it gives one. */
function withFormat<T extends { kind: "string" | "number" | "integer" }>(type: T, format: unknown): T {
  return typeof format === "string" ? { ...type, format } : type;
}

function isBinaryContent(schema: Record<string, unknown>): boolean {
  return (
    typeof schema.contentMediaType === "string" &&
    schema.contentEncoding === undefined &&
    !/^(text\/|application\/(json|xml))/i.test(schema.contentMediaType)
  );
}

function convertArray(ctx: ParseContext, schema: Record<string, unknown>, at: Located): TypeExpr {
  if (Array.isArray(schema.prefixItems)) {
    const items = schema.prefixItems.map((s, i) => convertSchema(ctx, child(at, s, "prefixItems", i)));
    const rest = schema.items === false ? undefined : convertSchema(ctx, child(at, schema.items, "items"));
    return rest ? { kind: "tuple", items, rest } : { kind: "tuple", items };
  }
  if (Array.isArray(schema.items)) {
    // JSON Schema draft 4 tuple form.
    return { kind: "tuple", items: schema.items.map((s, i) => convertSchema(ctx, child(at, s, "items", i))) };
  }
  return { kind: "array", items: convertSchema(ctx, child(at, schema.items, "items")) };
}

function convertObject(ctx: ParseContext, schema: Record<string, unknown>, at: Located): TypeExpr {
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r) => typeof r === "string") : []);
  const properties: Property[] = [];
  if (isObject(schema.properties)) {
    for (const [name, value] of Object.entries(schema.properties)) {
      const propAt = child(at, value, "properties", name);
      const type = convertSchema(ctx, propAt);
      const property: Draft<Property> = {
        name,
        type,
        required: required.has(name),
        doc: docBeside(schemaDoc(value), type),
      };
      if (isObject(value) && value.readOnly === true) property.readOnly = true;
      if (isObject(value) && value.writeOnly === true) property.writeOnly = true;
      properties.push(property);
    }
  }
  const extra = schema.additionalProperties;
  const patterns = isObject(schema.patternProperties) ? Object.entries(schema.patternProperties) : [];
  let additional: TypeExpr | undefined;
  if (extra === true || isObject(extra)) {
    additional = convertSchema(ctx, child(at, extra, "additionalProperties"));
  } else if (patterns.length > 0) {
    additional = union(patterns.map(([p, s]) => convertSchema(ctx, child(at, s, "patternProperties", p))));
  } else if (extra === undefined && properties.length === 0) {
    additional = { kind: "unknown" };
  }
  return additional ? { kind: "object", properties, additional } : { kind: "object", properties };
}
