import type { RequestSpec } from "./client.js";
import { describe, isBinaryInput, isBlob, nameOf, toBodyInit, toFile } from "./files.js";
import { stringifyJson } from "./json.js";
import { formUrlEncoded, multipartFormData } from "./serialize.js";

export { isReadableStream } from "./files.js";

/** An encoded body and its content type; `undefined` lets fetch choose (multipart boundary). */
export interface EncodedBody {
  /** What fetch sends. */
  body: BodyInit;
  /** The `content-type` header to send, if any. */
  contentType: string | undefined;
}

/** Encodes `spec.body` as `spec.bodyType` says (else as its content type implies); `undefined` for no body. */
export async function encodeBody(spec: RequestSpec): Promise<EncodedBody | undefined> {
  const { body, contentType } = spec;
  if (body === undefined) return undefined;
  switch (spec.bodyType ?? bodyTypeOf(contentType)) {
    case "json":
      return { body: stringifyJson(body), contentType: contentType ?? "application/json" };
    case "text":
      return { body: String(body), contentType: contentType ?? "text/plain" };
    case "form":
      return {
        body: formUrlEncoded(body, spec.encoding),
        contentType: contentType ?? "application/x-www-form-urlencoded",
      };
    case "multipart":
      return { body: multipartFormData(await withFileParts(body), spec.encoding), contentType: undefined };
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
  if (isBinaryInput(body)) return toBodyInit(body);
  if (typeof body === "string") return body;
  throw new TypeError(
    `A binary body must be a Blob, File, ArrayBuffer, Uint8Array (or Buffer), ReadableStream, async iterable of bytes (Node stream) or string, got ${describe(body)}`,
  );
}

/**
 * A multipart body with its binary values turned into named files: bytes, Buffers and streams
 * would otherwise be sent as text, and a bare Blob would be named `blob` (APIs such as OpenAI's
 * tell the file type from the name's extension). Other values are left to the multipart encoder.
 */
async function withFileParts(body: unknown): Promise<unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body) || body instanceof FormData) return body;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    out[name] = Array.isArray(value)
      ? await Promise.all(value.map((item: unknown) => asFilePart(item, name)))
      : await asFilePart(value, name);
  }
  return out;
}

async function asFilePart(value: unknown, field: string): Promise<unknown> {
  if (!isBinaryInput(value) || (isBlob(value) && nameOf(value) !== undefined)) return value;
  return toFile(value, nameOf(value) ?? defaultFileName(field, isBlob(value) ? value.type : ""));
}

/** `<field>.<extension>` with the extension of a media type where it is a plain subtype (`image/png` -> `.png`). */
function defaultFileName(field: string, type: string): string {
  const subtype = /^[a-z]+\/([a-z0-9]+)$/i.exec(type.split(";")[0]?.trim() ?? "")?.[1]?.toLowerCase();
  const extension = subtype === "plain" ? "txt" : subtype === "mpeg" ? "mp3" : subtype;
  return extension ? `${field}.${extension}` : field;
}

/** The spec's media type, unless it is a wildcard such as `image/*`: then the Blob's own type. */
function binaryContentType(body: unknown, contentType: string | undefined): string {
  if (contentType && !contentType.includes("*")) return contentType;
  return (isBlob(body) && body.type) || "application/octet-stream";
}
