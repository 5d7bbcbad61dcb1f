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
import { convertSchema, literalOf, union } from "../schema/index.js";
import { isBinarySchema, warn } from "./support.js";

/** The request body of an operation: one content entry per media type, with its encoding. */
export function convertRequestBody(ctx: ParseContext, opAt: Located): RequestBody | undefined {
  const op = opAt.value as Record<string, unknown>;
  if (op.requestBody === undefined) return undefined;
  const at = deref(ctx, { value: op.requestBody, file: opAt.file, pointer: joinPointer(opAt.pointer, "requestBody") });
  const body = at.value;
  if (!isObject(body) || !isObject(body.content)) return undefined;
  const contents: RequestBodyContent[] = [];
  for (const [mediaType, raw] of Object.entries(body.content)) {
    // A media type object may be a reference (OpenAPI 3.2's components/mediaTypes).
    const mediaAt = deref(ctx, { value: raw, file: at.file, pointer: joinPointer(at.pointer, "content", mediaType) });
    const media = mediaAt.value;
    if (!isObject(media)) continue;
    const schemaAt = { value: media.schema, file: mediaAt.file, pointer: joinPointer(mediaAt.pointer, "schema") };
    let kind = requestBodyKind(mediaType);
    // A wildcard media type with a structured schema is JSON in practice (e.g. Kubernetes' `*/*`).
    const wildcard = /^(\*\/\*|application\/\*)$/.test(baseMediaType(mediaType));
    if (kind === "binary" && wildcard && media.schema !== undefined && !isBinarySchema(media.schema)) kind = "json";
    let type: TypeExpr;
    if (kind === "binary") type = { kind: "blob" };
    else if (kind === "text") type = { kind: "string" };
    else type = convertSchema(ctx, schemaAt);
    const encodingAt = { value: media.encoding, file: mediaAt.file, pointer: joinPointer(mediaAt.pointer, "encoding") };
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
      for (const [mediaType, raw] of Object.entries(r.content)) {
        const mediaAt = deref(ctx, {
          value: raw,
          file: at.file,
          pointer: joinPointer(at.pointer, "content", mediaType),
        });
        if (!isObject(mediaAt.value)) continue;
        const schemaAt = {
          value: mediaAt.value.schema,
          file: mediaAt.file,
          pointer: joinPointer(mediaAt.pointer, "schema"),
        };
        const itemAt = {
          value: mediaAt.value.itemSchema,
          file: mediaAt.file,
          pointer: joinPointer(mediaAt.pointer, "itemSchema"),
        };
        contents.push(convertResponseContent(ctx, mediaType, schemaAt, itemAt));
      }
    }
    const response: Draft<ResponseDraft> = { status, contents };
    if (typeof r.description === "string") response.description = r.description;
    out.push(response);
  }
  return out;
}

/**
 * One response media type: how it is read (JSON, text, blob, event stream) and its type; an event
 * stream's type is that of one event's data, from OpenAPI 3.2's `itemSchema` where given.
 */
export function convertResponseContent(
  ctx: ParseContext,
  mediaType: string,
  schemaAt: Located,
  itemAt?: Located,
): ResponseContent {
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
    case "jsonl": {
      // One JSON value a line: OpenAPI 3.2's itemSchema, else (before 3.2) the schema of one value.
      const typed = itemAt?.value !== undefined ? itemAt : schema !== undefined ? schemaAt : undefined;
      return { mediaType, kind, type: typed ? convertSchema(ctx, typed) : { kind: "unknown" } };
    }
    case "sse": {
      if (itemAt?.value !== undefined)
        return { mediaType, kind, type: eventItemType(ctx, itemAt) ?? { kind: "string" } };
      return { mediaType, kind, type: schema === undefined ? { kind: "string" } : convertSchema(ctx, schemaAt) };
    }
    default:
      return { mediaType, kind, type: convertSchema(ctx, schemaAt) };
  }
}

/** One event of an OpenAPI 3.2 `itemSchema`: its names (from `event`) and its data's type. */
interface EventItem {
  readonly names: readonly string[] | undefined;
  readonly data: TypeExpr;
}

/**
 * The event type of an OpenAPI 3.2 `text/event-stream` `itemSchema`, in the IR's terms: the item
 * is the frame (`event`, `data`, `id`, `retry`), and `data` a string whose `contentSchema` (JSON)
 * is the parsed data. Items that all name their events (`event` a `const` or `enum`) become
 * `{ event, data }` objects, the named framing; otherwise the data types. Undefined when some
 * item's data has no `contentSchema` (its data stays text).
 */
function eventItemType(ctx: ParseContext, itemAt: Located): TypeExpr | undefined {
  const items = eventItems(ctx, itemAt, 0);
  if (items === undefined || items.length === 0) return undefined;
  const named = items.every((item) => item.names !== undefined);
  const types = items.map(
    (item): TypeExpr =>
      named
        ? {
            kind: "object",
            properties: [
              {
                name: "event",
                type: union((item.names ?? []).flatMap((name) => literalOf(name) ?? [])),
                required: true,
                doc: {},
              },
              { name: "data", type: item.data, required: true, doc: {} },
            ],
          }
        : item.data,
  );
  return union(types);
}

function eventItems(ctx: ParseContext, raw: Located, depth: number): EventItem[] | undefined {
  if (depth > 16) return undefined;
  const at = deref(ctx, raw);
  const schema = at.value;
  if (!isObject(schema)) return undefined;
  for (const keyword of ["oneOf", "anyOf"] as const) {
    const members = schema[keyword];
    if (!Array.isArray(members)) continue;
    const out: EventItem[] = [];
    for (const [i, member] of members.entries()) {
      const items = eventItems(
        ctx,
        { value: member, file: at.file, pointer: joinPointer(at.pointer, keyword, String(i)) },
        depth + 1,
      );
      if (items === undefined) return undefined;
      out.push(...items);
    }
    return out;
  }
  const properties = isObject(schema.properties) ? schema.properties : undefined;
  if (properties?.data === undefined) return undefined;
  const dataAt = deref(ctx, {
    value: properties.data,
    file: at.file,
    pointer: joinPointer(at.pointer, "properties", "data"),
  });
  const data = dataAt.value;
  if (!isObject(data) || data.contentSchema === undefined) return undefined;
  if (typeof data.contentMediaType === "string" && requestBodyKind(data.contentMediaType) !== "json") return undefined;
  const type = convertSchema(ctx, {
    value: data.contentSchema,
    file: dataAt.file,
    pointer: joinPointer(dataAt.pointer, "contentSchema"),
  });
  return [
    {
      names: eventNames(ctx, {
        value: properties.event,
        file: at.file,
        pointer: joinPointer(at.pointer, "properties", "event"),
      }),
      data: type,
    },
  ];
}

/** The event names an item's `event` property allows (`const` or `enum` of strings); undefined for any. */
function eventNames(ctx: ParseContext, raw: Located): string[] | undefined {
  if (raw.value === undefined) return undefined;
  const event = deref(ctx, raw).value;
  if (!isObject(event)) return undefined;
  if (typeof event.const === "string") return [event.const];
  if (Array.isArray(event.enum) && event.enum.length > 0 && event.enum.every((v) => typeof v === "string"))
    return event.enum as string[];
  return undefined;
}
