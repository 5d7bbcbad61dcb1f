import type { BodyKind, ResponseKind } from "../ir/types.js";

/** The media type without parameters, lower-cased (`application/json; charset=utf-8` -> `application/json`). */
export function baseMediaType(mediaType: string): string {
  return (mediaType.split(";")[0] ?? "").trim().toLowerCase();
}

/** True for JSON media types: application/json, any `+json` suffix, `*\/json`, json-patch etc. */
export function isJsonMediaType(mediaType: string): boolean {
  const base = baseMediaType(mediaType);
  return base === "application/json" || base.endsWith("+json") || base.endsWith("/json") || base === "*/*json";
}

/** How a request body of this media type is sent. */
export function requestBodyKind(mediaType: string): BodyKind {
  const base = baseMediaType(mediaType);
  if (isJsonMediaType(base)) return "json";
  if (base === "multipart/form-data" || base.startsWith("multipart/")) return "multipart";
  if (base === "application/x-www-form-urlencoded") return "form";
  if (base.startsWith("text/")) return "text";
  return "binary";
}

/** Media types of a stream of JSON values, one a line (JSON Lines, NDJSON, RFC 7464 JSON text sequences). */
const JSON_LINES = new Set([
  "application/jsonl",
  "application/x-jsonl",
  "application/jsonlines",
  "application/x-jsonlines",
  "application/x-ndjson",
  "application/ndjson",
  "application/json-seq",
]);

/** How a response body of this media type is read. */
export function responseKind(mediaType: string): ResponseKind {
  const base = baseMediaType(mediaType);
  if (base === "text/event-stream") return "sse";
  if (JSON_LINES.has(base)) return "jsonl";
  if (isJsonMediaType(base)) return "json";
  if (base.startsWith("text/") || base === "application/xml" || base.endsWith("+xml")) return "text";
  return "blob";
}
