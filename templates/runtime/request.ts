/**
 * The request core every generated operation calls: URL, credentials, headers, fetch (following
 * redirects safely), error answers as typed errors, the time-out, and the reader the operation
 * passes. Retries and hooks run only when the client was created with them.
 *
 * Written for the bundle a one-call program ships and for the cost of each call: one closure per
 * call instead of a plan object, no work for features the client does not use (no signal or timer
 * without a time-out, no redaction patterns until an error needs them, the request id read only
 * when asked for).
 */
import { ApiPromise, type Sent } from "./api-promise.js";
import { authenticate } from "./auth.js";
import { type EncodedBody, isReadableStream } from "./body.js";
import type { Client, ClientOptions, RequestOptions, RequestSpec } from "./client.js";
import { AbortError, apiErrorFor, RequestError } from "./errors.js";
import type { HookContext, Hooks } from "./hooks.js";
import { type Call, startLifetime, toClientError } from "./lifetime.js";
import { requestIdOf } from "./read.js";
import { checkedHeader, REDACTED, redactor } from "./redact.js";
import { follow, isRedirect } from "./redirect.js";
import { plainParams } from "./serialize.js";
import { baseUrlFor } from "./servers.js";

/**
 * Sends a request and reads its successful response with `spec.read`; `.withResponse()` on the
 * result gives the response and request id too.
 *
 * @throws {ApiError} when the server answers with a status outside 2xx.
 * @throws {NetworkError} when no response arrives.
 * @throws {TimeoutError} when the time-out expires, including while the body is read.
 * @throws {AbortError} when `options.signal` aborts the request.
 * @throws {TypeError} when the request cannot be built, e.g. a path parameter is missing.
 */
export function request<T>(client: Client, spec: RequestSpec<T>, options?: RequestOptions): ApiPromise<T> {
  return new ApiPromise(send(client.options, spec, options ?? {}), client.options.requestIdHeader);
}

async function send<T>(
  options: Readonly<ClientOptions>,
  spec: RequestSpec<T>,
  given: RequestOptions,
): Promise<Sent<T>> {
  const { method } = spec;
  const params = spec.params ?? plainParams;
  const { signal } = given;
  let base = baseUrlFor(options, spec.server) + params.path(spec.path, spec.pathParams);
  let givenQuery: string | undefined;
  if (given.url !== undefined) {
    // A next-page link, relative to the operation's URL (a relative base is the page's, in a
    // browser): on the operation's origin only, so credentials never leave it.
    const own = new URL(base, (globalThis as { location?: { href?: string } }).location?.href);
    const link = new URL(given.url, own);
    if (link.origin !== own.origin)
      throw new RequestError(`${method} ${base} was not sent to ${link.origin}: another origin`, { method, url: base });
    base = link.origin + link.pathname;
    givenQuery = link.search.slice(1);
  }
  if (signal?.aborted) throw new AbortError({ method, url: base, cause: signal.reason });
  const timeoutMs = given.timeoutMs ?? options.timeoutMs ?? 0;
  const deadline = timeoutMs > 0 ? Date.now() + timeoutMs : Number.POSITIVE_INFINITY;
  let body: EncodedBody | undefined;
  if (spec.body !== undefined) {
    if (!spec.encode) throw new TypeError(`${method} ${spec.path} has a body but no encoder`);
    body = await spec.encode(spec.body, spec.contentType, spec.encoding);
  }
  const { retry } = options;
  const hooks = options.hooks && ([] as Hooks[]).concat(options.hooks);
  const key = retry ? retry.key(options, spec, given) : given.idempotencyKey;
  const security = spec.security ?? options.security;
  /** What hooks are told about the current try; `undefined` until a try is sent. */
  let context: HookContext | undefined;

  /** One try: credentials (again for every try: a token may have been refreshed), the fetch, the response. */
  const once = async (attempt: number): Promise<Sent<T>> => {
    context = undefined;
    const apiKey = typeof options.apiKey === "function" && security?.length ? await options.apiKey() : options.apiKey;
    const auth = authenticate(options, security, apiKey);
    const redact = redactor(auth.secrets);
    // Errors show the query with `[REDACTED]` for the credentials the client adds: the key itself
    // is only in the URL that is fetched.
    let query = givenQuery === undefined ? params.query(spec.query) : withoutNames(givenQuery, auth.query);
    let shown = query;
    if (auth.query) {
      const names = Object.keys(auth.query);
      query = [query, params.query(auth.query)].filter(Boolean).join("&");
      shown = [shown, ...names.map((name) => `${encodeURIComponent(name)}=${REDACTED}`)].filter(Boolean).join("&");
    }
    const url = query ? `${base}?${query}` : base;
    shown = shown ? `${base}?${shown}` : base;
    const call: Call = {
      method,
      url: shown,
      redact,
      requestIdHeader: options.requestIdHeader,
      timeoutMs,
      userSignal: signal,
      lifetime: undefined,
      streaming: false,
    };
    // A plain record with lower-case names: a `Headers` object costs more than the rest of the call's own work.
    const record: Record<string, string> = Object.create(null) as Record<string, string>;
    const set = (values: Readonly<Record<string, unknown>> | undefined, serialize?: typeof params.header): void => {
      for (const name in values) {
        if (!Object.hasOwn(values, name)) continue;
        const value = serialize ? serialize(name, values[name]) : values[name];
        if (value !== undefined) record[name.toLowerCase()] = checkedHeader(name, String(value));
      }
    };
    set(options.headers);
    set(auth.headers);
    set(spec.headers, params.header);
    if (auth.cookies || spec.cookies) {
      const cookie = [record["cookie"], ...params.cookies({ ...auth.cookies, ...spec.cookies })].filter(Boolean);
      if (cookie.length > 0) set({ cookie: cookie.join("; ") });
    }
    if (body?.contentType) set({ "content-type": body.contentType });
    else if (body) delete record["content-type"];
    record["accept"] ??= spec.accept ?? "application/json";
    set(given.headers);
    if (key !== undefined) set({ [options.idempotencyHeader ?? "Idempotency-Key"]: key });
    let headers: Headers | Record<string, string> = record;
    if (hooks || retry) {
      // Hooks get (and may change) a Headers object, which is then sent.
      context = { method, url, attempt, headers: new Headers(record), redact };
      headers = context.headers;
      for (const hook of hooks ?? []) await hook.onRequest?.(context);
    }
    try {
      if (timeoutMs > 0) call.lifetime = startLifetime(signal, deadline - Date.now());
      const abort = call.lifetime?.signal ?? signal;
      // The caller may have aborted (or the time run out) while credentials were resolved.
      abort?.throwIfAborted();
      const init: RequestInit & { duplex?: "half" } = { method, headers, redirect: "manual" };
      if (abort) init.signal = abort;
      if (body) {
        init.body = body.body;
        // Streaming request bodies need `duplex: "half"` in Node and Chromium.
        if (isReadableStream(body.body)) init.duplex = "half";
      }
      const fetchFn = options.fetch ?? globalThis.fetch;
      let response = await fetchFn(url, init);
      if (isRedirect(response)) response = await follow(fetchFn, response, { url, method, headers, body }, init, call);
      if (hooks) {
        const requestId = requestIdOf(response.headers, options.requestIdHeader);
        try {
          for (const hook of hooks) await hook.onResponse?.({ ...(context as HookContext), response, requestId });
        } catch (error) {
          await response.body?.cancel().catch(() => undefined);
          throw new HookFailure(error);
        }
      }
      if (!response.ok) throw await apiError(response, call);
      return { data: await spec.read(response, call), response };
    } catch (error) {
      // A hook's own error is the caller's, not a network failure.
      throw error instanceof HookFailure ? error.error : toClientError(error, call);
    } finally {
      if (!call.streaming) call.lifetime?.end();
    }
  };

  // `return await`: one tick fewer than returning the promise from an async function.
  if (!retry && !hooks) return await once(1);
  for (let attempt = 1; ; attempt++) {
    try {
      return await once(attempt);
    } catch (error) {
      // Only tries that were sent count; a request that could not be built fails at once.
      if (!context) throw error;
      const failed = { ...(context as HookContext), error };
      let forced = false;
      for (const hook of hooks ?? []) if ((await hook.onError?.(failed)) === "retry") forced = true;
      const delayMs = retry?.delay(error, {
        method,
        attempt,
        forced,
        hasIdempotencyKey: key !== undefined,
        maxRetries: given.maxRetries,
        deadline,
        streamed: body !== undefined && isReadableStream(body.body),
      });
      if (delayMs === undefined) {
        for (const hook of hooks ?? []) await hook.onFailure?.(failed);
        throw error;
      }
      for (const hook of hooks ?? []) await hook.onRetry?.({ ...failed, delayMs });
      await retry?.wait(delayMs, signal, method, failed.redact(failed.url));
    }
  }
}

/** An encoded query without the parameters of `credentials` (those the client adds itself). */
function withoutNames(query: string, credentials: Readonly<Record<string, string>> | undefined): string {
  const names = credentials ? Object.keys(credentials) : [];
  const params = new URLSearchParams(query);
  if (!names.some((name) => params.has(name))) return query;
  for (const name of names) params.delete(name);
  return params.toString();
}

/** Carries an error a hook threw through the try's error mapping unchanged. */
class HookFailure {
  readonly error: unknown;

  constructor(error: unknown) {
    this.error = error;
  }
}

/** Reads an error response into an `ApiError`: JSON when the content type says so (else text). */
async function apiError(response: Response, call: Call): Promise<RequestError> {
  const text = await response.text();
  let body: unknown = text || undefined;
  if (body && /^(?:[^;]*[/+])?json\s*(?:;|$)/i.test(response.headers.get("content-type") ?? "")) {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      // Not JSON after all: the text.
    }
  }
  const { status, statusText, headers } = response;
  const { method, url, redact } = call;
  const requestId = requestIdOf(headers, call.requestIdHeader);
  return apiErrorFor({ status, statusText, headers, method, url, redact, requestId, body });
}
