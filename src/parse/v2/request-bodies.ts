import { joinPointer } from "../../util/errors.js";
import { isObject } from "../context.js";
import { child, type Located, location } from "../located.js";
import { baseMediaType } from "../media.js";
import { schemaContent } from "./content.js";
import type { ConversionContext } from "./context.js";
import { type Json, put } from "./json.js";
import { collectionStyle, type OperationParameters, parameterSchema } from "./parameters.js";
import { convertSchema } from "./schemas.js";

/**
 * The 3.0 `requestBody` of an operation converted to `converted`: from its body parameter, else
 * from its form parameters, else none. `consumes` is the operation's list of media types.
 */
export function convertRequestBody(
  ctx: ConversionContext,
  params: OperationParameters,
  consumes: string[],
  converted: string,
): Json | undefined {
  if (params.body) return bodyRequest(ctx, params.body, consumes, converted);
  if (params.form.length > 0) return formRequest(ctx, params.form, consumes, converted);
  return undefined;
}

/** An `in: body` parameter as a request body with its schema under every consumed media type. */
function bodyRequest(ctx: ConversionContext, at: Located, consumes: string[], converted: string): Json {
  const p = at.value as Json;
  ctx.origins.set(converted, location(at));
  const schema = p.schema === undefined ? undefined : convertSchema(ctx, child(at, p.schema, "schema"));
  const content = schemaContent(ctx, at, schema, consumes, converted);
  const out: Json = {};
  if (typeof p.description === "string") out.description = p.description;
  out.required = p.required === true;
  out.content = content;
  return out;
}

/** `in: formData` parameters as one object schema: multipart with files (or when consumed), else urlencoded. */
function formRequest(ctx: ConversionContext, params: Located[], consumes: string[], converted: string): Json {
  const multipart =
    params.some((at) => (at.value as Json).type === "file") ||
    consumes.some((m) => baseMediaType(m) === "multipart/form-data");
  const mediaType = multipart ? "multipart/form-data" : "application/x-www-form-urlencoded";
  ctx.origins.set(converted, location(params[0] as Located));
  const schema = formSchema(ctx, params, joinPointer(converted, "content", mediaType, "schema"));
  const media: Json = { schema };
  const encoding = formEncoding(params);
  if (encoding) media.encoding = encoding;
  const content: Json = {};
  put(content, mediaType, media);
  return { required: schema.required !== undefined, content };
}

/**
 * The 3.0 `encoding` of form parameters: each array's `collectionFormat` (default `csv`, so
 * `a,b`; `multi` repeats the field) as the matching style; `undefined` when there is no array.
 */
function formEncoding(params: Located[]): Json | undefined {
  const encoding: Json = {};
  for (const at of params) {
    const p = at.value as Json;
    if (p.type === "array") put(encoding, p.name as string, collectionStyle("query", p.collectionFormat));
  }
  return Object.keys(encoding).length > 0 ? encoding : undefined;
}

/** The object schema of form parameters, converted to `converted`: one property each. */
function formSchema(ctx: ConversionContext, params: Located[], converted: string): Json {
  const properties: Json = {};
  const required: string[] = [];
  for (const at of params) {
    const p = at.value as Json;
    const name = p.name as string;
    ctx.origins.set(joinPointer(converted, "properties", name), location(at));
    const schema = parameterSchema(ctx, at);
    put(
      properties,
      name,
      typeof p.description === "string" && isObject(schema) ? { ...schema, description: p.description } : schema,
    );
    if (p.required === true) required.push(name);
  }
  const schema: Json = { type: "object", properties };
  if (required.length > 0) schema.required = required;
  return schema;
}
