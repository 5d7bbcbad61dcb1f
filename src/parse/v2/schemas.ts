import { joinPointer, splitPointer } from "../../util/errors.js";
import { isObject } from "../context.js";
import { child, type Located } from "../located.js";
import { nameFromPointer } from "../schema/index.js";
import { type ConversionContext, rootAt } from "./context.js";
import { type Json, mapEntries, put } from "./json.js";

/**
 * Converts `definitions` into the future `components.schemas`, under the same names (reserved
 * before any other schema is copied in, so copies never take them).
 */
export function convertDefinitions(ctx: ConversionContext): Json {
  const definitions = isObject(ctx.root.definitions) ? ctx.root.definitions : {};
  for (const name of Object.keys(definitions)) ctx.takenNames.add(name);
  const out: Json = {};
  for (const [name, value] of Object.entries(definitions)) {
    const pointer = joinPointer("/definitions", name);
    ctx.origins.set(joinPointer("/components/schemas", name), { file: ctx.file, pointer });
    put(out, name, convertSchema(ctx, rootAt(ctx, value, pointer)));
  }
  return out;
}

/**
 * A 2.0 schema as a 3.0 schema: same shape, with `$ref`s rewritten, `x-nullable` as `nullable`,
 * `type: file` as a binary string and a string `discriminator` as `{ propertyName }`. Only
 * schema-valued keywords are walked, so a `$ref` inside an example or enum value is left alone.
 */
export function convertSchema(ctx: ConversionContext, at: Located): unknown {
  const s = at.value;
  if (!isObject(s)) return s;
  const out: Json = {};
  for (const [key, value] of Object.entries(s)) convertKeyword(ctx, at, out, key, value);
  return out;
}

/** Keywords whose value is a schema, a list of schemas or a map of schemas. */
const SUBSCHEMA_KEYWORDS = new Set([
  "properties",
  "patternProperties",
  "items",
  "additionalProperties",
  "additionalItems",
  "not",
  "allOf",
  "anyOf",
  "oneOf",
]);

/** Adds one keyword of the schema at `at` to `out`, converted. */
function convertKeyword(ctx: ConversionContext, at: Located, out: Json, key: string, value: unknown): void {
  if (convertTypeKeyword(out, key, value)) return;
  if (key === "$ref") out.$ref = typeof value === "string" ? schemaRef(ctx, value, at) : value;
  else if (key === "discriminator")
    out.discriminator = typeof value === "string" ? { propertyName: value } : discriminator(ctx, value, at);
  else if (SUBSCHEMA_KEYWORDS.has(key)) out[key] = convertSubschemas(ctx, at, key, value);
  else put(out, key, value);
}

/** The value of a schema-valued keyword, each schema in it converted. */
function convertSubschemas(ctx: ConversionContext, at: Located, key: string, value: unknown): unknown {
  const sub = (v: unknown, ...segments: (string | number)[]): unknown =>
    convertSchema(ctx, child(at, v, key, ...segments));
  switch (key) {
    case "properties":
    case "patternProperties":
      return isObject(value) ? mapEntries(value, (v, name) => sub(v, name)) : value;
    case "items":
      return Array.isArray(value) ? value.map((v, i) => sub(v, i)) : sub(value);
    case "allOf":
    case "anyOf":
    case "oneOf":
      return Array.isArray(value) ? value.map((v, i) => sub(v, i)) : value;
    default:
      // additionalProperties, additionalItems, not
      return sub(value);
  }
}

/**
 * The 2.0 type keywords shared by schemas and parameter `items`: `x-nullable: true` becomes
 * `nullable`, and `type: file` a binary string (a `format` beside it is dropped). Adds `key` to
 * `out` and returns true if it is one of them; returns false otherwise.
 */
export function convertTypeKeyword(out: Json, key: string, value: unknown): boolean {
  switch (key) {
    case "x-nullable":
      if (value === true) out.nullable = true;
      return true;
    case "type":
      if (value === "file") {
        out.type = "string";
        out.format = "binary";
      } else {
        out.type = value;
      }
      return true;
    case "format":
      // Only `type: file` can have set `format` before this keyword is read.
      if (!Object.hasOwn(out, "format")) out.format = value;
      return true;
    default:
      return false;
  }
}

/** A (non-standard in 2.0) 3.0-style discriminator object: `mapping` refs rewritten like `$ref`s. */
function discriminator(ctx: ConversionContext, value: unknown, at: Located): unknown {
  if (!isObject(value) || !isObject(value.mapping)) return value;
  const mappingAt = child(at, value.mapping, "discriminator", "mapping");
  const mapping = mapEntries(value.mapping, (target, key) =>
    looksLikeRef(target) ? schemaRef(ctx, target, child(mappingAt, target, key), "") : target,
  );
  return { ...value, mapping };
}

/** Whether a discriminator `mapping` value is a reference rather than a bare schema name. */
function looksLikeRef(target: unknown): target is string {
  return (
    typeof target === "string" &&
    (target.startsWith("#") || target.includes("/") || /\.(json|ya?ml)(#|$)/i.test(target))
  );
}

/**
 * The converted document's reference for a schema `$ref` written at `at` (in its `key`, or at
 * `at` itself when `key` is empty): `#/definitions/X` of the root file becomes
 * `#/components/schemas/X`; any other target is copied into `components.schemas`.
 */
function schemaRef(ctx: ConversionContext, ref: string, at: Located, key = "$ref"): string {
  const target = ctx.resolver.resolve(ref, at.file, key === "" ? at.pointer : joinPointer(at.pointer, key));
  const segments = splitPointer(target.pointer);
  if (target.file === ctx.file && segments[0] === "definitions" && segments.length > 1) {
    return `#${joinPointer("/components/schemas", ...segments.slice(1))}`;
  }
  return `#${joinPointer("/components/schemas", hoistSchema(ctx, target, segments))}`;
}

/** Copies a schema found outside `definitions` into `components.schemas`; returns its key there. */
function hoistSchema(ctx: ConversionContext, target: Located, segments: string[]): string {
  const pointer = joinPointer("", ...segments);
  const key = `${target.file}#${pointer}`;
  const known = ctx.hoistedNames.get(key);
  if (known !== undefined) return known;
  const name = allocateSchemaName(ctx, nameFromPointer(pointer));
  ctx.hoistedNames.set(key, name);
  ctx.origins.set(joinPointer("/components/schemas", name), { file: target.file, pointer });
  put(ctx.hoisted, name, {}); // placeholder: keeps discovery order and ends recursion
  put(ctx.hoisted, name, convertSchema(ctx, { value: target.value, file: target.file, pointer }));
  return name;
}

/** `base`, or `base2`, `base3`… : the first name not yet in `components.schemas`, now taken. */
function allocateSchemaName(ctx: ConversionContext, base: string): string {
  let name = base;
  for (let n = 2; ctx.takenNames.has(name); n++) name = `${base}${n}`;
  ctx.takenNames.add(name);
  return name;
}
