import type { AuthParts } from "./auth.js";
import { type EncodedBody, isReadableStream } from "./body.js";
import type { ClientOptions, HttpMethod, RequestOptions, RequestSpec } from "./client.js";
import { serializeCookies, serializeHeader } from "./serialize.js";

/** The `accept` header for each response type, unless one is given. */
const ACCEPT: Record<RequestSpec["responseType"], string> = {
  json: "application/json",
  sse: "text/event-stream",
  text: "*/*",
  blob: "*/*",
  void: "*/*",
};

/**
 * Merges headers, later sources winning: client defaults, credentials, header parameters, the
 * body's content type, then the request options. Cookies from every source are joined into one
 * `cookie` header (browsers do not let scripts set it).
 */
export function buildHeaders(sources: {
  options: Readonly<ClientOptions>;
  spec: RequestSpec;
  auth: AuthParts;
  body: EncodedBody | undefined;
  requestOptions: RequestOptions;
}): Headers {
  const { options, spec, auth, body, requestOptions } = sources;
  const headers = new Headers(options.headers);
  setAll(headers, auth.headers);
  for (const [name, value] of Object.entries(spec.headers ?? {})) {
    const text = serializeHeader(name, value, spec.styles);
    if (text !== undefined) headers.set(name, text);
  }
  const cookies = [headers.get("cookie"), ...serializeCookies({ ...auth.cookies, ...spec.cookies }, spec.styles)];
  const cookie = cookies.filter((part) => part).join("; ");
  if (cookie) headers.set("cookie", cookie);
  if (body?.contentType) headers.set("content-type", body.contentType);
  else if (body) headers.delete("content-type");
  if (!headers.has("accept")) headers.set("accept", ACCEPT[spec.responseType]);
  setAll(headers, requestOptions.headers ?? {});
  return headers;
}

/** Sets every defined value, replacing what `headers` had under that name. */
function setAll(headers: Headers, values: Readonly<Record<string, string | undefined>>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined) headers.set(name, value);
  }
}

/** The `RequestInit` of one try of a request. */
export function requestInit(
  method: HttpMethod,
  headers: Headers,
  body: EncodedBody | undefined,
  signal: AbortSignal,
): RequestInit {
  // Redirects are followed by the client, which keeps credentials from other origins.
  const init: RequestInit & { duplex?: "half" } = { method, headers, signal, redirect: "manual" };
  if (body) init.body = body.body;
  // Streaming request bodies need `duplex: "half"` in Node and Chromium.
  if (body && isReadableStream(body.body)) init.duplex = "half";
  return init;
}
