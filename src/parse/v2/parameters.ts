import { joinPointer, SpecError } from "../../util/errors.js";
import { isObject } from "../context.js";
import { child, deref, type Located, location } from "../located.js";
import type { ConversionContext } from "./context.js";
import type { Json } from "./json.js";
import { convertSchema, convertTypeKeyword } from "./schemas.js";

/** An operation's parameters (refs followed), by where they go in 3.0. */
export interface OperationParameters {
  /** Path, query and header parameters (and invalid ones, passed through). */
  readonly plain: Located[];
  readonly body: Located | undefined;
  readonly form: Located[];
}

/** A parameter with the `name` and `in` that every valid parameter has. */
type NamedParameter = Json & { name: string; in: string };

function isNamedParameter(value: unknown): value is NamedParameter {
  return isObject(value) && typeof value.name === "string" && typeof value.in === "string";
}

/**
 * Path-level parameters then operation-level ones (refs followed), an operation-level parameter
 * replacing the path-level one with the same name and location; split into body, form and plain.
 */
export function operationParameters(ctx: ConversionContext, itemAt: Located, opAt: Located): OperationParameters {
  return splitParameters(mergeParameters(ctx, [itemAt, opAt]));
}

/** The `parameters` of each owner in turn, a later one replacing an earlier one with the same key. */
function mergeParameters(ctx: ConversionContext, owners: Located[]): Located[] {
  const merged = new Map<string, Located>();
  let invalid = 0;
  for (const owner of owners) {
    const list = (owner.value as Json).parameters;
    if (!Array.isArray(list)) continue;
    let bodyHere: Located | undefined;
    list.forEach((raw, i) => {
      const at = deref(ctx, child(owner, raw, "parameters", i));
      const p = at.value;
      if (!isNamedParameter(p)) {
        // Passed through as is: the 3.x reader reports it (at this location).
        merged.set(`#invalid${invalid++}`, at);
        return;
      }
      if (p.in === "body") {
        if (bodyHere) {
          throw new SpecError("An operation can have only one `in: body` parameter", location(at), {
            hint: "Merge the body parameters into one schema.",
          });
        }
        bodyHere = at;
      }
      // There is one body whatever its name: an operation-level one replaces a path-level one.
      merged.set(p.in === "body" ? "body" : `${p.in}:${p.name}`, at);
    });
  }
  return [...merged.values()];
}

/** Splits merged parameters into body, form and plain ones; an operation cannot have both of the first two. */
function splitParameters(merged: Located[]): OperationParameters {
  const plain: Located[] = [];
  const form: Located[] = [];
  let body: Located | undefined;
  for (const at of merged) {
    // Only named parameters are body/form ones; the rest go to the 3.x reader, which reports them.
    const named = isObject(at.value) && typeof at.value.name === "string";
    const where = named ? (at.value as Record<string, unknown>).in : undefined;
    if (where === "body") body = at;
    else if (where === "formData") form.push(at);
    else plain.push(at);
  }
  if (body && form[0]) {
    throw new SpecError("An operation cannot have both `in: body` and `in: formData` parameters", location(form[0]), {
      hint: "Use either one body parameter or form parameters.",
    });
  }
  return { plain, body, form };
}

/** The 3.0 `parameters` of the operation converted to `converted`, recording their origins. */
export function convertParameters(ctx: ConversionContext, plain: Located[], converted: string): unknown[] {
  return plain.map((at, i) => {
    const pointer = joinPointer(converted, "parameters", i);
    ctx.origins.set(pointer, location(at));
    ctx.origins.set(joinPointer(pointer, "schema"), location(at));
    return convertParameter(ctx, at);
  });
}

/** A 2.0 path/query/header parameter as a 3.0 parameter with a `schema`. */
function convertParameter(ctx: ConversionContext, at: Located): unknown {
  const p = at.value;
  if (!isNamedParameter(p)) return p;
  const out: Json = { name: p.name, in: p.in };
  if (typeof p.description === "string") out.description = p.description;
  if (p.required !== undefined) out.required = p.required;
  if (p.deprecated !== undefined) out.deprecated = p.deprecated;
  if (p.allowEmptyValue !== undefined) out.allowEmptyValue = p.allowEmptyValue;
  if (p.type === "array") Object.assign(out, collectionStyle(p.in, p.collectionFormat));
  out.schema = parameterSchema(ctx, at);
  return out;
}

/** The schema of a non-body parameter: its type keywords (or a non-standard `schema`). */
export function parameterSchema(ctx: ConversionContext, at: Located): unknown {
  const p = at.value as Json;
  if (p.type === undefined && p.schema !== undefined) return convertSchema(ctx, child(at, p.schema, "schema"));
  return itemsSchema(ctx, at);
}

/** Keywords of a 2.0 non-body parameter (and of its `items`) that belong in a 3.0 `schema`. */
const PARAMETER_SCHEMA_KEYS = new Set([
  "type",
  "format",
  "items",
  "default",
  "maximum",
  "exclusiveMaximum",
  "minimum",
  "exclusiveMinimum",
  "maxLength",
  "minLength",
  "pattern",
  "maxItems",
  "minItems",
  "uniqueItems",
  "enum",
  "multipleOf",
  "x-nullable",
]);

/** Type keywords of a parameter or an `items` object (which nest), as a schema. */
function itemsSchema(ctx: ConversionContext, at: Located): Json {
  const value = at.value;
  if (!isObject(value)) return {};
  if (typeof value.$ref === "string") return convertSchema(ctx, at) as Json;
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    if (!PARAMETER_SCHEMA_KEYS.has(key)) continue;
    if (key === "items") out.items = itemsSchema(ctx, child(at, v, "items"));
    else if (!convertTypeKeyword(out, key, v)) out[key] = v;
  }
  return out;
}

/** 3.0 `style`/`explode` of a 2.0 array parameter's `collectionFormat` (default `csv`); form parameters take the query ones. */
export function collectionStyle(where: string, format: unknown): { style: string; explode: boolean } {
  if (where !== "query") {
    // Path and header values are comma-separated in 3.0; ssv/pipes/multi have no 3.0 equivalent there.
    return { style: "simple", explode: false };
  }
  switch (format) {
    case "multi":
      return { style: "form", explode: true };
    case "ssv":
      return { style: "spaceDelimited", explode: false };
    case "pipes":
      return { style: "pipeDelimited", explode: false };
    default:
      // csv, and tsv which has no 3.0 equivalent: sent comma-separated.
      return { style: "form", explode: false };
  }
}
