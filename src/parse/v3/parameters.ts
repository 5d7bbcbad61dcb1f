import type { Parameter, ParameterLocation, ParameterStyle, TypeExpr } from "../../ir/types.js";
import { joinPointer, SpecError } from "../../util/errors.js";
import { isObject, type ParseContext } from "../context.js";
import { deref, type Located } from "../located.js";
import { requestBodyKind } from "../media.js";
import { convertSchema, docBeside, schemaDoc } from "../schema/index.js";
import { operationDoc, warn } from "./support.js";

/** Parameter locations the client can send. */
export const LOCATIONS = new Set<ParameterLocation>(["path", "query", "header", "cookie"]);

/** Serialisation styles of OpenAPI 3. */
export const STYLES = new Set<ParameterStyle>([
  "form",
  "simple",
  "label",
  "matrix",
  "spaceDelimited",
  "pipeDelimited",
  "deepObject",
]);

/**
 * OpenAPI 3.2's `in: querystring`: the whole query string, described by one media type. Form
 * encoding (`application/x-www-form-urlencoded`) of an object is what a `form`, exploded query
 * parameter of that object sends (each property a `name=value` pair), so it becomes one; another
 * media type is left out, with a warning.
 */
function querystring(ctx: ParseContext, at: Located, p: Record<string, unknown>): Parameter | undefined {
  const [mediaType, media] = isObject(p.content) ? (Object.entries(p.content)[0] ?? []) : [];
  if (mediaType === undefined || !isObject(media) || requestBodyKind(mediaType) !== "form") {
    warn(
      ctx,
      `Query string parameter "${String(p.name)}" is left out: Codegen sends a whole query string only as application/x-www-form-urlencoded`,
      at.pointer,
      at.file,
    );
    return undefined;
  }
  const type = convertSchema(ctx, {
    value: media.schema,
    file: at.file,
    pointer: joinPointer(at.pointer, "content", mediaType, "schema"),
  });
  return {
    name: String(p.name),
    in: "query",
    required: p.required === true,
    type,
    style: "form",
    explode: true,
    allowReserved: false,
    json: false,
    doc: { ...docBeside(schemaDoc(media.schema), type), ...operationDoc(p) },
  };
}

/**
 * One parameter with its style and explode resolved (defaults per location); `content` makes it
 * a JSON parameter. Headers the client sets itself are left out, with a warning.
 */
export function convertParameter(ctx: ParseContext, raw: Located): Parameter | undefined {
  const at = deref(ctx, raw);
  const p = at.value;
  if (ctx.openapi === "3.2" && isObject(p) && p.in === "querystring" && typeof p.name === "string")
    return querystring(ctx, at, p);
  if (!isObject(p) || typeof p.name !== "string" || !LOCATIONS.has(p.in as ParameterLocation)) {
    throw new SpecError(
      "Invalid parameter: it needs a `name` and `in` (path, query, header or cookie)",
      { file: at.file, pointer: at.pointer },
      {
        hint: "Fix or remove the parameter.",
      },
    );
  }
  const location = p.in as ParameterLocation;
  // Content-type headers are set by the client itself.
  if (location === "header" && /^(accept|content-type|authorization)$/i.test(p.name)) {
    warn(
      ctx,
      `Header parameter "${p.name}" is left out: the client sets it (from the media types and the security schemes)`,
      at.pointer,
      at.file,
    );
    return undefined;
  }
  const defaultStyle: ParameterStyle = location === "query" || location === "cookie" ? "form" : "simple";
  const style = STYLES.has(p.style as ParameterStyle) ? (p.style as ParameterStyle) : defaultStyle;
  let type: TypeExpr = { kind: "unknown" };
  let json = false;
  if (p.schema !== undefined) {
    type = convertSchema(ctx, { value: p.schema, file: at.file, pointer: joinPointer(at.pointer, "schema") });
  } else if (isObject(p.content)) {
    const [mediaType, media] = Object.entries(p.content)[0] ?? [];
    if (mediaType !== undefined && isObject(media)) {
      type = convertSchema(ctx, {
        value: media.schema,
        file: at.file,
        pointer: joinPointer(at.pointer, "content", mediaType, "schema"),
      });
      json = requestBodyKind(mediaType) === "json";
    }
  }
  const doc = { ...docBeside(schemaDoc(p.schema), type), ...operationDoc(p) };
  if (p.example !== undefined) doc.examples = [p.example as never];
  return {
    name: p.name,
    in: location,
    required: location === "path" ? true : p.required === true,
    type,
    style,
    explode: typeof p.explode === "boolean" ? p.explode : style === "form",
    allowReserved: p.allowReserved === true,
    json,
    doc,
  };
}
