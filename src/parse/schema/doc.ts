import type { Constraints, Doc, JsonValue, Scalar, TypeExpr } from "../../ir/types.js";
import { isObject } from "../context.js";
import type { Draft } from "../draft.js";

/** The validation keywords the IR keeps, in the order documentation shows them. */
const CONSTRAINTS: readonly (keyof Constraints)[] = [
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
];

/**
 * The documentation of a schema beside the type it converted to: its `format` is left out of the
 * Doc when the type carries it (a string, number or integer type), so the type is its one source.
 */
export function docBeside(doc: Doc, type: TypeExpr): Doc {
  if (doc.format === undefined || !("format" in type) || type.format !== doc.format) return doc;
  const { format: _, ...rest } = doc;
  return rest;
}

/** Documentation of a schema for JSDoc. */
export function schemaDoc(schema: unknown): Doc {
  if (!isObject(schema)) return {};
  const doc: Draft<Doc> = {};
  if (typeof schema.title === "string") doc.title = schema.title;
  if (typeof schema.description === "string") doc.description = schema.description;
  if (schema.deprecated === true) doc.deprecated = true;
  if (schema.default !== undefined) doc.default = schema.default as JsonValue;
  const examples: JsonValue[] = [];
  if (schema.example !== undefined) examples.push(schema.example as JsonValue);
  if (Array.isArray(schema.examples)) examples.push(...(schema.examples as JsonValue[]));
  if (examples.length > 0) doc.examples = examples;
  if (typeof schema.format === "string") doc.format = schema.format;
  const constraints: Draft<Constraints> = {};
  for (const key of CONSTRAINTS) {
    const v = schema[key];
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") constraints[key] = v as Scalar;
  }
  if (Object.keys(constraints).length > 0) doc.constraints = constraints;
  return doc;
}
