import type { EncodedBody } from "./body.js";
import { isReadableStream } from "./body.js";
import type { HttpMethod } from "./client.js";

/** The most redirects one request follows, as in the Fetch standard. */
export const MAX_REDIRECTS = 20;

/** One hop of a request: where it goes and what it sends. */
export interface Hop {
  readonly url: string;
  readonly method: HttpMethod;
  readonly headers: Headers | Readonly<Record<string, string>>;
  readonly body: EncodedBody | undefined;
}

/** The only headers sent on to another origin: no credentials, no default or custom headers. */
const CROSS_ORIGIN_HEADERS = ["accept", "accept-language", "user-agent"];

/** Whether `response` asks the client to go elsewhere. */
export function isRedirect(response: Response): boolean {
  return (
    response.status === 301 ||
    response.status === 302 ||
    response.status === 303 ||
    response.status === 307 ||
    response.status === 308
  );
}

/**
 * The request to send after a redirect response, following the Fetch standard except where it
 * would leak: 303 (and 301/302 after a POST) turn into a GET without a body; 307/308 repeat the
 * method and body. A hop to another origin (scheme, host or port) carries no credentials and none
 * of the client's default or custom headers, only `accept` and similar; a body is never sent to
 * another origin. Returns a string explaining why when the redirect cannot be followed.
 */
export function nextHop(response: Response, hop: Hop): (Hop & { readonly headers: Headers }) | string {
  const location = response.headers.get("location");
  if (location === null) return `the ${response.status} redirect has no Location header`;
  let target: URL;
  try {
    target = new URL(location, hop.url);
  } catch {
    return `the ${response.status} redirect's Location is not a URL`;
  }
  if (target.protocol !== "http:" && target.protocol !== "https:")
    return `the redirect leads to a ${target.protocol} URL`;
  const keepsBody = response.status === 307 || response.status === 308;
  const toGet = response.status === 303 ? hop.method !== "HEAD" : !keepsBody && hop.method === "POST";
  const method: HttpMethod = toGet ? "GET" : hop.method;
  const body = toGet ? undefined : hop.body;
  const sameOrigin = target.origin === new URL(hop.url).origin;
  if (body && !sameOrigin)
    return `the ${response.status} redirect leads to another origin (${target.origin}); the request body is not sent there`;
  if (body && isReadableStream(body.body)) return "a streamed request body cannot be sent again after a redirect";
  const headers = sameOrigin ? new Headers(hop.headers) : crossOriginHeaders(new Headers(hop.headers));
  if (!body) headers.delete("content-type");
  target.hash = "";
  return { url: target.href, method, headers, body };
}

function crossOriginHeaders(headers: Headers): Headers {
  const kept = new Headers();
  for (const name of CROSS_ORIGIN_HEADERS) {
    const value = headers.get(name);
    if (value !== null) kept.set(name, value);
  }
  return kept;
}
