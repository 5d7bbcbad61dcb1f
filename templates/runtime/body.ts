import { describe, isBinaryInput, isBlob, nameOf, toBodyInit, toFile } from "./files.js";
import { stringifyJson } from "./json.js";
import { type BodyEncoding, formUrlEncoded, multipartFormData } from "./serialize.js";

export { isReadableStream } from "./files.js";

/** An encoded body and its content type; `undefined` lets fetch choose (multipart boundary). */
export interface EncodedBody {
  /** What fetch sends. */
  body: BodyInit;
  /** The `content-type` header to send, if any. */
  contentType: string | undefined;
}

/**
 * Encodes a request body (`RequestSpec.encode`): generated code passes the encoder of its media
 * type, so a bundle holds only the encoders it uses. `contentType` is the media type to send when
 * it is not the encoder's default; `encoding` says how form and multipart properties are encoded.
 */
export type BodyEncoder = (
  body: unknown,
  contentType: string | undefined,
  encoding: BodyEncoding | undefined,
) => EncodedBody | Promise<EncodedBody>;

/** JSON (`bigint` values as exact numbers). */
export const encodeJson: BodyEncoder = (body, contentType) => ({
  body: stringifyJson(body),
  contentType: contentType ?? "application/json",
});

/** Text. */
export const encodeText: BodyEncoder = (body, contentType) => ({
  body: String(body),
  contentType: contentType ?? "text/plain",
});

/** `application/x-www-form-urlencoded`. */
export const encodeForm: BodyEncoder = (body, contentType, encoding) => ({
  body: formUrlEncoded(body, encoding),
  contentType: contentType ?? "application/x-www-form-urlencoded",
});

/** `multipart/form-data`; fetch sets the content type with its boundary. */
export const encodeMultipart: BodyEncoder = async (body, _contentType, encoding) => ({
  body: multipartFormData(await withFileParts(body), encoding),
  contentType: undefined,
});

/** Binary data (see {@link BinaryInput}) or a string. */
export const encodeBinary: BodyEncoder = (body, contentType) => ({
  body: binaryBody(body),
  contentType: binaryContentType(body, contentType),
});

/** By the media type (`contentType`, default JSON): for operations that accept several. */
export const encodeBody: BodyEncoder = (body, contentType, encoding) =>
  ENCODERS[bodyTypeOf(contentType)](body, contentType, encoding);

const ENCODERS: Readonly<Record<ReturnType<typeof bodyTypeOf>, BodyEncoder>> = {
  json: encodeJson,
  text: encodeText,
  form: encodeForm,
  multipart: encodeMultipart,
  binary: encodeBinary,
};

/** The encoding a media type implies, for requests that name only the media type. */
export function bodyTypeOf(contentType: string | undefined): "json" | "multipart" | "form" | "binary" | "text" {
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
