import type {
  Doc,
  EncodingStyle,
  PropertyEncoding,
  RequestBody,
  RequestBodyContent,
  ResponseContent,
  TypeExpr,
} from "../../ir/types.js";
import { joinPointer } from "../../util/errors.js";
import { isObject, type ParseContext } from "../context.js";
import type { Draft } from "../draft.js";
import { deref, type Located } from "../located.js";
import { baseMediaType, requestBodyKind, responseKind } from "../media.js";
import { chosenBody, parseStatus, type ResponseDraft } from "../responses.js";
import { convertSchema } from "../schema/index.js";
import { isBinarySchema, warn } from "./support.js";

/** The request body of an operation: one content entry per media type, with its encoding. */
export function convertRequestBody(ctx: ParseContext, opAt: Located): RequestBody | undefined {
  const op = opAt.value as Record<string, unknown>;
  if (op.requestBody === undefined) return undefined;
  const at = deref(ctx, { value: op.requestBody, file: opAt.file, pointer: joinPointer(opAt.pointer, "requestBody") });
  const body = at.value;
  if (!isObject(body) || !isObject(body.content)) return undefined;
  const contents: RequestBodyContent[] = [];
  for (const [mediaType, media] of Object.entries(body.content)) {
    if (!isObject(media)) continue;
    const schemaAt = {
      value: media.schema,
      file: at.file,
      pointer: joinPointer(at.pointer, "content", mediaType, "schema"),
    };
    let kind = requestBodyKind(mediaType);
    // A wildcard media type with a structured schema is JSON in practice (e.g. Kubernetes' `*/*`).
    const wildcard = /^(\*\/\*|application\/\*)$/.test(baseMediaType(mediaType));
    if (kind === "binary" && wildcard && media.schema !== undefined && !isBinarySchema(media.schema)) kind = "json";
    let type: TypeExpr;
    if (kind === "binary") type = { kind: "blob" };
    else if (kind === "text") type = { kind: "string" };
    else type = convertSchema(ctx, schemaAt);
    const encodingAt = {
      value: media.encoding,
      file: at.file,
      pointer: joinPointer(at.pointer, "content", mediaType, "encoding"),
    };
    const encoding = kind === "multipart" || kind === "form" ? convertEncoding(ctx, encodingAt) : [];
    contents.push({ mediaType: wildcard && kind === "json" ? "application/json" : mediaType, kind, type, encoding });
  }
  const chosen = chosenBody(contents);
  if (chosen === undefined) return undefined;
  const doc: Draft<Doc> = {};
  if (typeof body.description === "string") doc.description = body.description;
  return { required: body.required === true, contents, chosen, doc };
}

const ENCODING_STYLES = new Set<EncodingStyle>(["form", "spaceDelimited", "pipeDelimited", "deepObject"]);

/**
 * The `encoding` map of a form or multipart media type: each property's part content type and
 * declared `style`/`explode` (resolved together: explode defaults to true for `form` only). An
 * unknown style is left out with a warning.
 */
function convertEncoding(ctx: ParseContext, at: Located): PropertyEncoding[] {
  if (!isObject(at.value)) return [];
  const out: PropertyEncoding[] = [];
  for (const [property, enc] of Object.entries(at.value)) {
    if (!isObject(enc)) continue;
    const entry: Draft<PropertyEncoding> = { property };
    if (typeof enc.contentType === "string") entry.contentType = enc.contentType;
    const known = ENCODING_STYLES.has(enc.style as EncodingStyle);
    if (enc.style !== undefined && !known) {
      warn(
        ctx,
        `Encoding style ${JSON.stringify(enc.style)} of "${property}" is not one of form, spaceDelimited, pipeDelimited, deepObject; the property is encoded by default`,
        joinPointer(at.pointer, property, "style"),
        at.file,
      );
    }
    if (known || typeof enc.explode === "boolean") {
      const style = known ? (enc.style as EncodingStyle) : "form";
      entry.style = style;
      entry.explode = typeof enc.explode === "boolean" ? enc.explode : style === "form";
    }
    if (entry.contentType !== undefined || entry.style !== undefined) out.push(entry);
  }
  return out;
}

/** The responses of an operation, by status code, each with its content per media type. */
export function convertResponses(ctx: ParseContext, opAt: Located): ResponseDraft[] {
  const op = opAt.value as Record<string, unknown>;
  if (!isObject(op.responses)) return [];
  const out: ResponseDraft[] = [];
  for (const [key, raw] of Object.entries(op.responses)) {
    if (key.startsWith("x-")) continue;
    const pointer = joinPointer(opAt.pointer, "responses", key);
    const status = parseStatus(key);
    if (status === undefined) {
      ctx.warnings.push({
        message: `response key "${key}" is not a status code (100-599), a range (1XX-5XX) or "default"; the response is left out`,
        location: { file: opAt.file, pointer },
      });
      continue;
    }
    const at = deref(ctx, { value: raw, file: opAt.file, pointer });
    const r = at.value;
    if (!isObject(r)) continue;
    const contents: ResponseContent[] = [];
    if (isObject(r.content)) {
      for (const [mediaType, media] of Object.entries(r.content)) {
        if (!isObject(media)) continue;
        const schemaAt = {
          value: media.schema,
          file: at.file,
          pointer: joinPointer(at.pointer, "content", mediaType, "schema"),
        };
        contents.push(convertResponseContent(ctx, mediaType, schemaAt));
      }
    }
    const response: Draft<ResponseDraft> = { status, contents };
    if (typeof r.description === "string") response.description = r.description;
    out.push(response);
  }
  return out;
}

/** One response media type: how it is read (JSON, text, blob, event stream) and its type. */
export function convertResponseContent(ctx: ParseContext, mediaType: string, schemaAt: Located): ResponseContent {
  let kind = responseKind(mediaType);
  const base = baseMediaType(mediaType);
  const schema = schemaAt.value;
  // `*/*` and friends are usually JSON in practice unless the schema says bytes.
  if (
    kind === "blob" &&
    (base === "*/*" || base === "application/*") &&
    schema !== undefined &&
    !isBinarySchema(schema)
  )
    kind = "json";
  switch (kind) {
    case "blob":
      return { mediaType, kind, type: { kind: "blob" } };
    case "text":
      return { mediaType, kind, type: { kind: "string" } };
    case "sse":
      return { mediaType, kind, type: schema === undefined ? { kind: "string" } : convertSchema(ctx, schemaAt) };
    default:
      return { mediaType, kind, type: convertSchema(ctx, schemaAt) };
  }
}
