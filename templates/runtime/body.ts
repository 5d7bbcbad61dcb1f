import type { RequestSpec } from "./client.js";
import { stringifyJson } from "./json.js";
import { formUrlEncoded, isBlob, multipartFormData } from "./serialize.js";

/** An encoded body and its content type; `undefined` lets fetch choose (multipart boundary). */
export interface EncodedBody {
  /** What fetch sends. */
  body: BodyInit;
  /** The `content-type` header to send, if any. */
  contentType: string | undefined;
}

/** Encodes `spec.body` as `spec.bodyType` says (else as its content type implies); `undefined` for no body. */
export function encodeBody(spec: RequestSpec): EncodedBody | undefined {
  const { body, contentType } = spec;
  if (body === undefined) return undefined;
  switch (spec.bodyType ?? bodyTypeOf(contentType)) {
    case "json":
      return { body: stringifyJson(body), contentType: contentType ?? "application/json" };
    case "text":
      return { body: String(body), contentType: contentType ?? "text/plain" };
    case "form":
      return { body: formUrlEncoded(body, spec.encoding), contentType: contentType ?? "application/x-www-form-urlencoded" };
    case "multipart":
      return { body: multipartFormData(body, spec.encoding), contentType: undefined };
    case "binary":
      return { body: binaryBody(body), contentType: binaryContentType(body, contentType) };
  }
}

/** The encoding a media type implies, for requests that name only the media type. */
export function bodyTypeOf(contentType: string | undefined): NonNullable<RequestSpec["bodyType"]> {
  const base = (contentType ?? "application/json").split(";")[0]?.trim().toLowerCase() ?? "";
  if (base === "application/json" || base.endsWith("+json") || base.endsWith("/json")) return "json";
  if (base.startsWith("multipart/")) return "multipart";
  if (base === "application/x-www-form-urlencoded") return "form";
  if (base.startsWith("text/")) return "text";
  return "binary";
}

/** A binary body as fetch takes it; anything else is a caller's mistake. */
function binaryBody(body: unknown): BodyInit {
  if (isBlob(body) || body instanceof ArrayBuffer || ArrayBuffer.isView(body) || isReadableStream(body)) return body as BodyInit;
  if (typeof body === "string") return body;
  throw new TypeError("A binary body must be a Blob, ArrayBuffer, typed array, ReadableStream or string");
}

/** The spec's media type, unless it is a wildcard such as `image/*`: then the Blob's own type. */
function binaryContentType(body: unknown, contentType: string | undefined): string {
  if (contentType && !contentType.includes("*")) return contentType;
  return (isBlob(body) && body.type) || "application/octet-stream";
}

/** Whether `value` is a `ReadableStream` (a body that can be read only once), where streams exist. */
export function isReadableStream(value: unknown): value is ReadableStream {
  return typeof ReadableStream !== "undefined" && value instanceof ReadableStream;
}
