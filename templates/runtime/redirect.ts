import type { EncodedBody } from "./body.js";
import { isReadableStream } from "./body.js";
import type { HttpMethod } from "./client.js";
import { RequestError, requestLine } from "./errors.js";
import type { Call } from "./lifetime.js";

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

/** Redirect statuses, and 0: a browser's opaque answer to `redirect: "manual"`. */
const REDIRECTS = [0, 301, 302, 303, 307, 308];

/** Whether `response` asks the client to go elsewhere (or hides where, in a browser). */
export function isRedirect(response: Response): boolean {
  return REDIRECTS.includes(response.status);
}

/**
 * Follows the redirect `response` answered to the request `first` (sent with `init` and
 * `redirect: "manual"`), hop after hop, as {@link nextHop} allows, so that credentials and the
 * client's headers never reach another origin (fetch itself would forward API-key and custom
 * headers). Returns the first response that is not a redirect.
 *
 * @throws {RequestError} when a redirect cannot be followed safely, or a browser hides where it leads.
 */
export async function follow(
  fetchFn: typeof fetch,
  response: Response,
  first: Hop,
  init: RequestInit,
  call: Call,
): Promise<Response> {
  let hop = first;
  for (let redirects = 1; isRedirect(response); redirects++) {
    if (response.status === 0)
      throw new RequestError(`${requestLine(call)} was redirected, and this platform hides where to`, call);
    await response.body?.cancel();
    const next = redirects > MAX_REDIRECTS ? `more than ${MAX_REDIRECTS} redirects` : nextHop(response, hop);
    if (typeof next === "string") throw new RequestError(`${requestLine(call)} was not followed: ${next}`, call);
    hop = next;
    const nextInit: RequestInit = { ...init, method: next.method, headers: next.headers };
    if (next.body) nextInit.body = next.body.body;
    else delete nextInit.body;
    response = await fetchFn(next.url, nextInit);
  }
  return response;
}

/**
 * The request to send after a redirect response, following the Fetch standard except where it
 * would leak: 303 (and 301/302 after a POST) turn into a GET without a body; 307/308 repeat the
 * method and body. A hop to another origin (scheme, host or port) carries no credentials and none
 * of the client's default or custom headers, only `accept` and similar; a body is never sent to
 * another origin. Returns a string explaining why when the redirect cannot be followed.
 */
export function nextHop(response: Response, hop: Hop): (Hop & { readonly headers: Headers }) | string {
  const { status } = response;
  const location = response.headers.get("location");
  if (location === null) return `the ${status} redirect has no Location header`;
  let target: URL;
  try {
    target = new URL(location, hop.url);
  } catch {
    return `the ${status} redirect's Location is not a URL`;
  }
  if (!/^https?:$/.test(target.protocol)) return `the redirect leads to a ${target.protocol} URL`;
  const toGet = status === 303 ? hop.method !== "HEAD" : status < 303 && hop.method === "POST";
  const body = toGet ? undefined : hop.body;
  const sameOrigin = target.origin === new URL(hop.url).origin;
  if (body && !sameOrigin)
    return `the ${status} redirect leads to another origin (${target.origin}); the request body is not sent there`;
  if (body && isReadableStream(body.body)) return "a streamed request body cannot be sent again after a redirect";
  const sent = new Headers(hop.headers);
  const headers = sameOrigin ? sent : new Headers();
  if (!sameOrigin) for (const name of CROSS_ORIGIN_HEADERS) if (sent.has(name)) headers.set(name, sent.get(name) ?? "");
  if (!body) headers.delete("content-type");
  target.hash = "";
  return { url: target.href, method: toGet ? "GET" : hop.method, headers, body };
}
