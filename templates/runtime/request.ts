/**
 * The request core every generated operation calls: URL, credentials, headers, fetch (following
 * redirects safely), error answers as typed errors, the time-out, and the reader the operation
 * passes. Retries and hooks run only when the client was created with them.
 */
import { ApiPromise, type WithResponse } from "./api-promise.js";
import { type AuthParts, authenticate } from "./auth.js";
import { type EncodedBody, isReadableStream } from "./body.js";
import type { Client, ClientOptions, RequestOptions, RequestSpec } from "./client.js";
import { AbortError, type ApiError, apiErrorFor, RequestError } from "./errors.js";
import type { ErrorHookContext, HookContext, Hooks } from "./hooks.js";
import { type Call, startLifetime, toClientError } from "./lifetime.js";
import { requestIdOf } from "./read.js";
import { hasControlCharacter, redactor } from "./redact.js";
import { type Hop, isRedirect, MAX_REDIRECTS, nextHop } from "./redirect.js";
import { type ParamSerializer, plainParams } from "./serialize.js";
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
  return new ApiPromise(send(client.options, spec, options ?? {}));
}

/** What stays the same over every try of one call. */
interface Plan<T> {
  readonly options: Readonly<ClientOptions>;
  readonly spec: RequestSpec<T>;
  readonly requestOptions: RequestOptions;
  readonly params: ParamSerializer;
  /** The URL without the query. */
  readonly url: string;
  /** The encoded query of a URL the caller gave (`RequestOptions.url`), sent instead of the spec's. */
  readonly givenQuery: string | undefined;
  readonly body: EncodedBody | undefined;
  /** The call's time-out, `0` for none. */
  readonly timeoutMs: number;
  /** When the call's time-out expires (`Date.now()` time), `Infinity` without one. */
  readonly deadline: number;
  readonly idempotencyKey: string | undefined;
  /** The client's hooks, as a list; `undefined` without any. */
  readonly hooks: readonly Hooks[] | undefined;
  /** What hooks are told about the current try. */
  context: HookContext | undefined;
}

async function send<T>(
  options: Readonly<ClientOptions>,
  spec: RequestSpec<T>,
  requestOptions: RequestOptions,
): Promise<WithResponse<T>> {
  const params = spec.params ?? plainParams;
  const signal = requestOptions.signal;
  let url = baseUrlFor(options, spec.server) + params.path(spec.path, spec.pathParams);
  let givenQuery: string | undefined;
  if (requestOptions.url !== undefined) {
    // A next-page link, relative to the operation's URL (a relative base is the page's, in a
    // browser): on the operation's origin only, so credentials never leave it.
    const base = new URL(url, (globalThis as { location?: { href?: string } }).location?.href);
    const given = new URL(requestOptions.url, base);
    if (given.origin !== base.origin) {
      throw new RequestError(`${spec.method} ${url} was not sent to ${given.origin}: another origin`, {
        method: spec.method,
        url,
      });
    }
    url = given.origin + given.pathname;
    givenQuery = given.search.slice(1);
  }
  if (signal?.aborted) throw new AbortError({ method: spec.method, url, cause: signal.reason });
  const timeoutMs = requestOptions.timeoutMs ?? options.timeoutMs ?? 0;
  let body: EncodedBody | undefined;
  if (spec.body !== undefined) {
    if (!spec.encode) throw new TypeError(`${spec.method} ${spec.path} has a body but no encoder`);
    body = await spec.encode(spec.body, spec.contentType, spec.encoding);
  }
  const { retry, hooks } = options;
  const plan: Plan<T> = {
    options,
    spec,
    requestOptions,
    params,
    url,
    givenQuery,
    body,
    timeoutMs,
    deadline: timeoutMs > 0 ? Date.now() + timeoutMs : Number.POSITIVE_INFINITY,
    idempotencyKey: retry ? retry.key(options, spec, requestOptions) : requestOptions.idempotencyKey,
    hooks: hooks === undefined ? undefined : ([] as Hooks[]).concat(hooks),
    context: undefined,
  };
  if (!retry && !plan.hooks) return once(plan, 1);
  for (let attempt = 1; ; attempt++) {
    try {
      return await once(plan, attempt);
    } catch (error) {
      // Only tries that were sent count; a request that could not be built fails at once.
      if (!plan.context) throw error;
      const context: ErrorHookContext = { ...plan.context, error };
      let forced = false;
      for (const hook of plan.hooks ?? []) if ((await hook.onError?.(context)) === "retry") forced = true;
      const delayMs = retry?.delay(error, {
        method: spec.method,
        attempt,
        forced,
        hasIdempotencyKey: plan.idempotencyKey !== undefined,
        maxRetries: requestOptions.maxRetries,
        deadline: plan.deadline,
        streamed: body !== undefined && isReadableStream(body.body),
      });
      if (delayMs === undefined) {
        for (const hook of plan.hooks ?? []) await hook.onFailure?.(context);
        throw error;
      }
      for (const hook of plan.hooks ?? []) await hook.onRetry?.({ ...context, delayMs });
      await retry?.wait(delayMs, signal, spec.method, context.redact(context.url));
    }
  }
}

/** One try: credentials (again for every try: a token may have been refreshed), the fetch, the response. */
async function once<T>(plan: Plan<T>, attempt: number): Promise<WithResponse<T>> {
  const { options, spec, requestOptions, params, body, hooks } = plan;
  plan.context = undefined;
  const auth = await authenticate(options, spec.security ?? options.security);
  const redact = redactor(auth.secrets, auth.query && Object.keys(auth.query));
  const query =
    plan.givenQuery === undefined
      ? params.query(auth.query ? { ...spec.query, ...auth.query } : spec.query)
      : [withoutNames(plan.givenQuery, auth.query ? Object.keys(auth.query) : []), params.query(auth.query)]
          .filter(Boolean)
          .join("&");
  const url = query ? `${plan.url}?${query}` : plan.url;
  const call: Call = {
    method: spec.method,
    url,
    redact,
    requestIdHeader: options.requestIdHeader,
    timeoutMs: plan.timeoutMs,
    userSignal: requestOptions.signal,
    lifetime: undefined,
    streaming: false,
  };
  let headers: Headers | Record<string, string> = buildHeaders(plan, auth);
  if (hooks || options.retry) {
    // Hooks get (and may change) a Headers object, which is then sent.
    const context: HookContext = { method: spec.method, url, attempt, headers: new Headers(headers), redact };
    headers = context.headers;
    plan.context = context;
    for (const hook of hooks ?? []) await hook.onRequest?.(context);
  }
  try {
    if (plan.timeoutMs > 0) call.lifetime = startLifetime(call.userSignal, plan.deadline - Date.now());
    // The caller may have aborted (or the time run out) while credentials were resolved.
    (call.lifetime?.signal ?? call.userSignal)?.throwIfAborted();
    const response = await fetchFollowingRedirects(options, { url, method: spec.method, headers, body }, call);
    const requestId = requestIdOf(response.headers, options.requestIdHeader);
    if (hooks) {
      try {
        for (const hook of hooks) await hook.onResponse?.({ ...(plan.context as HookContext), response, requestId });
      } catch (error) {
        await response.body?.cancel().catch(() => undefined);
        throw new HookFailure(error);
      }
    }
    if (!response.ok) throw await apiError(response, call);
    return { data: await spec.read(response, call), response, requestId };
  } catch (error) {
    // A hook's own error is the caller's, not a network failure.
    throw error instanceof HookFailure ? error.error : toClientError(error, call);
  } finally {
    if (!call.streaming) call.lifetime?.end();
  }
}

/** An encoded query without the parameters `names` (credentials the client adds itself). */
function withoutNames(query: string, names: readonly string[]): string {
  if (names.length === 0) return query;
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

/**
 * The headers of a try, later sources winning: client defaults, credentials, header parameters,
 * the body's content type, then the request options. Cookies from every source are joined into
 * one `cookie` header (browsers do not let scripts set it). A plain record with lower-case names
 * (a `Headers` object costs more than the rest of the call's own work); a value with a control
 * character is a `TypeError` before anything is sent.
 */
function buildHeaders<T>(plan: Plan<T>, auth: AuthParts): Record<string, string> {
  const { options, spec, params, body, requestOptions } = plan;
  const headers: Record<string, string> = Object.create(null);
  const set = (name: string, value: string): void => {
    if (hasControlCharacter(value)) throw new TypeError(`The header "${name}" contains a control character`);
    headers[name.toLowerCase()] = value;
  };
  setAll(set, options.headers);
  setAll(set, auth.headers);
  if (spec.headers) {
    for (const name of Object.keys(spec.headers)) {
      const text = params.header(name, spec.headers[name]);
      if (text !== undefined) set(name, text);
    }
  }
  if (auth.cookies || spec.cookies) {
    const cookie = [headers["cookie"], ...params.cookies({ ...auth.cookies, ...spec.cookies })]
      .filter((part) => part)
      .join("; ");
    if (cookie) set("cookie", cookie);
  }
  if (body?.contentType) set("content-type", body.contentType);
  else if (body) delete headers["content-type"];
  headers["accept"] ??= spec.accept ?? "application/json";
  setAll(set, requestOptions.headers);
  if (plan.idempotencyKey !== undefined) set(options.idempotencyHeader ?? "Idempotency-Key", plan.idempotencyKey);
  return headers;
}

/** Sets every defined value of `values`. */
function setAll(
  set: (name: string, value: string) => void,
  values: Readonly<Record<string, string | undefined>> | undefined,
): void {
  if (values) for (const name of Object.keys(values)) if (values[name] !== undefined) set(name, values[name]);
}

/**
 * Fetches with `redirect: "manual"` and follows redirects itself, so that credentials and the
 * client's headers never reach another origin (fetch would forward API-key and custom headers).
 */
async function fetchFollowingRedirects(options: Readonly<ClientOptions>, first: Hop, call: Call): Promise<Response> {
  const fetchFn = options.fetch ?? globalThis.fetch;
  const signal = call.lifetime?.signal ?? call.userSignal;
  let hop = first;
  for (let redirects = 0; ; redirects++) {
    const init: RequestInit & { duplex?: "half" } = { method: hop.method, headers: hop.headers, redirect: "manual" };
    if (signal) init.signal = signal;
    if (hop.body) {
      init.body = hop.body.body;
      // Streaming request bodies need `duplex: "half"` in Node and Chromium.
      if (isReadableStream(hop.body.body)) init.duplex = "half";
    }
    const response = await fetchFn(hop.url, init);
    if (response.type === "opaqueredirect") {
      throw new RequestError(`${call.method} ${call.url} was redirected, and this platform hides where to`, call);
    }
    if (!isRedirect(response)) return response;
    await response.body?.cancel();
    const next = redirects < MAX_REDIRECTS ? nextHop(response, hop) : `more than ${MAX_REDIRECTS} redirects`;
    if (typeof next === "string") throw new RequestError(`${call.method} ${call.url} was not followed: ${next}`, call);
    hop = next;
  }
}

/** Reads an error response into an `ApiError`: JSON when the content type says so (else text). */
async function apiError(response: Response, call: Call): Promise<ApiError> {
  const text = await response.text();
  let body: unknown = text === "" ? undefined : text;
  if (body && /^(?:[^;]*[/+])?json\s*(?:;|$)/i.test(response.headers.get("content-type") ?? "")) {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      // Not JSON after all: the text.
    }
  }
  return apiErrorFor({
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    method: call.method,
    url: call.url,
    redact: call.redact,
    requestId: requestIdOf(response.headers, call.requestIdHeader),
    body,
  });
}
