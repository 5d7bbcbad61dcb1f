import type { Discriminator, Doc, JsonValue, NamedType, Property, TypeExpr } from "../ir/types.js";
import { SpecError, joinPointer, splitPointer } from "../util/errors.js";
import { isObject, locationKey, type ParseContext } from "./context.js";

/** A schema value together with where it was found. */
export interface SchemaAt {
  readonly value: unknown;
  readonly file: string;
  readonly pointer: string;
}

const CONSTRAINTS = [
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "pattern",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
] as const;

const PRIMITIVE_TYPES = new Set(["string", "number", "integer", "boolean", "null", "array", "object", "file"]);

/**
 * Registers the schema at a location as a named type (once) and returns a reference to it.
 * Registration happens before conversion, so recursive schemas terminate.
 */
export function namedRef(ctx: ParseContext, at: SchemaAt, originalName?: string): TypeExpr {
  const id = locationKey(at.file, at.pointer);
  if (!ctx.named.has(id)) {
    const named: NamedType = {
      id,
      originalName: originalName ?? nameFromPointer(at.pointer),
      name: "",
      type: { kind: "unknown" },
      doc: {},
    };
    ctx.named.set(id, named);
    ctx.types.push(named);
    named.type = convertSchema(ctx, at);
    named.doc = schemaDoc(at.value);
  }
  return { kind: "ref", target: id };
}

/** A readable name for a schema that lives at a pointer (the last meaningful segment). */
export function nameFromPointer(pointer: string): string {
  const structural = new Set(["schema", "items", "properties", "content", "additionalProperties", "allOf", "oneOf", "anyOf"]);
  const segments = splitPointer(pointer).filter((s) => !structural.has(s) && !/^\d+$/.test(s) && !s.includes("/"));
  return segments.at(-1) ?? "Schema";
}

/** Documentation of a schema for JSDoc. */
export function schemaDoc(schema: unknown): Doc {
  if (!isObject(schema)) return {};
  const doc: Doc = {};
  if (typeof schema.title === "string") doc.title = schema.title;
  if (typeof schema.description === "string") doc.description = schema.description;
  if (schema.deprecated === true) doc.deprecated = true;
  if (schema.default !== undefined) doc.default = schema.default as JsonValue;
  const examples: JsonValue[] = [];
  if (schema.example !== undefined) examples.push(schema.example as JsonValue);
  if (Array.isArray(schema.examples)) examples.push(...(schema.examples as JsonValue[]));
  if (examples.length > 0) doc.examples = examples;
  if (typeof schema.format === "string") doc.format = schema.format;
  const constraints: [string, string][] = [];
  for (const key of CONSTRAINTS) {
    const v = schema[key];
    if (v !== undefined && typeof v !== "object") constraints.push([key, String(v)]);
  }
  if (constraints.length > 0) doc.constraints = constraints;
  return doc;
}

/** Converts a schema object (or reference) into a type expression. */
export function convertSchema(ctx: ParseContext, at: SchemaAt): TypeExpr {
  const schema = at.value;
  if (schema === true || schema === undefined) return { kind: "unknown" };
  if (schema === false) return { kind: "never" };
  if (!isObject(schema)) {
    throw new SpecError("Expected a schema object", { file: at.file, pointer: at.pointer }, {
      hint: "A schema must be an object (or, in OpenAPI 3.1, a boolean).",
    });
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

function child(at: SchemaAt, value: unknown, ...segments: (string | number)[]): SchemaAt {
  return { value, file: at.file, pointer: joinPointer(at.pointer, ...segments) };
}

function convertBody(ctx: ParseContext, schema: Record<string, unknown>, at: SchemaAt): TypeExpr {
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
      parts.push(members.kind === "union" && discriminator ? { ...members, discriminator } : members);
    }
  }
  if (parts.length === 0) return { kind: "unknown" };
  return intersection(parts);
}

/**
 * A schema that extends (through allOf) a parent with a `discriminator` but no oneOf/anyOf gets its
 * discriminator property pinned to the values naming it: the parent's mapping entries that point
 * at it, else its own schema name. Narrowing then works on the child type.
 */
function inheritedDiscriminator(ctx: ParseContext, allOf: unknown[], at: SchemaAt): TypeExpr | undefined {
  for (const [i, member] of allOf.entries()) {
    if (!isObject(member) || typeof member.$ref !== "string") continue;
    const parent = ctx.resolver.resolve(member.$ref, at.file, joinPointer(at.pointer, "allOf", i, "$ref"));
    const value = parent.value;
    if (!isObject(value) || !isObject(value.discriminator) || typeof value.discriminator.propertyName !== "string") continue;
    if (Array.isArray(value.oneOf) || Array.isArray(value.anyOf)) continue;
    const self = locationKey(at.file, at.pointer);
    const values: string[] = [];
    if (isObject(value.discriminator.mapping)) {
      for (const [key, ref] of Object.entries(value.discriminator.mapping)) {
        if (typeof ref !== "string") continue;
        const target = ref.startsWith("#") || ref.includes("/") ? ref : `#/components/schemas/${ref}`;
        const resolved = ctx.resolver.resolve(target, parent.file, joinPointer(parent.pointer, "discriminator", "mapping", key));
        if (locationKey(resolved.file, resolved.pointer) === self) values.push(key);
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
function convertDiscriminator(ctx: ParseContext, value: unknown, at: SchemaAt): Discriminator | undefined {
  if (!isObject(value) || typeof value.propertyName !== "string") return undefined;
  const mapping: Discriminator["mapping"] = [];
  if (isObject(value.mapping)) {
    for (const [key, ref] of Object.entries(value.mapping)) {
      if (typeof ref !== "string") continue;
      const isRef = ref.startsWith("#") || ref.includes("/") || /\.(json|ya?ml)(#|$)/i.test(ref);
      const target = isRef ? ref : `#/components/schemas/${ref}`;
      const resolved = ctx.resolver.resolve(target, at.file, joinPointer(at.pointer, "discriminator", "mapping", key));
      const named = namedRef(ctx, resolved);
      if (named.kind === "ref") mapping.push({ value: key, target: named.target });
    }
  }
  return { property: value.propertyName, mapping };
}

/** The part of a schema described by `type` and the type-specific keywords. */
function convertTyped(ctx: ParseContext, schema: Record<string, unknown>, at: SchemaAt): TypeExpr | undefined {
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
    const bareObject = declared === "object" && !isObject(schema.properties) && schema.additionalProperties === undefined;
    if (composed && bareObject) return undefined;
    return convertOfType(ctx, schema, at, declared);
  }
  if (isObject(schema.properties) || schema.additionalProperties !== undefined) {
    return convertOfType(ctx, schema, at, "object");
  }
  if (schema.items !== undefined || Array.isArray(schema.prefixItems)) return convertOfType(ctx, schema, at, "array");
  return composed ? undefined : { kind: "unknown" };
}

function convertOfType(ctx: ParseContext, schema: Record<string, unknown>, at: SchemaAt, type: string): TypeExpr {
  switch (type) {
    case "string":
      return schema.format === "binary" || (ctx.dialect === "3.1" && isBinaryContent(schema))
        ? { kind: "blob" }
        : { kind: "string" };
    case "file":
      return { kind: "blob" };
    case "integer":
      return schema.format === "int64" || schema.format === "uint64" ? { kind: "integer", int64: true } : { kind: "integer" };
    case "number":
      return { kind: "number" };
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

function isBinaryContent(schema: Record<string, unknown>): boolean {
  return (
    typeof schema.contentMediaType === "string" &&
    schema.contentEncoding === undefined &&
    !/^(text\/|application\/(json|xml))/i.test(schema.contentMediaType)
  );
}

function convertArray(ctx: ParseContext, schema: Record<string, unknown>, at: SchemaAt): TypeExpr {
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

function convertObject(ctx: ParseContext, schema: Record<string, unknown>, at: SchemaAt): TypeExpr {
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r) => typeof r === "string") : []);
  const properties: Property[] = [];
  if (isObject(schema.properties)) {
    for (const [name, value] of Object.entries(schema.properties)) {
      const propAt = child(at, value, "properties", name);
      const property: Property = {
        name,
        type: convertSchema(ctx, propAt),
        required: required.has(name),
        doc: schemaDoc(value),
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

/** A literal type for an enum/const value; undefined for values that have no literal type. */
export function literalOf(value: unknown): TypeExpr | undefined {
  if (value === null) return { kind: "null" };
  if (typeof value === "string" || typeof value === "boolean") return { kind: "literal", value };
  if (typeof value === "number" && Number.isFinite(value)) return { kind: "literal", value };
  return undefined;
}

/** A union, flattened and de-duplicated; a single member stands alone. */
export function union(members: TypeExpr[]): TypeExpr {
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
