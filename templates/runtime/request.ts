/**
 * The request core every generated operation calls: URL, credentials, headers, fetch (following
 * redirects safely), error answers as typed errors, the time-out, and the reader the operation
 * passes. Retries and hooks run only when the client was created with them.
 *
 * Written for the bundle a one-call program ships and for the cost of each call: one async
 * function per try (the call's plan is made synchronously), credentials and the headers they
 * imply worked out once per client and security requirement (for a key that is a string; a key
 * function is called for every try), no work for features the client does not use (no signal or
 * timer without a time-out, no redaction patterns until an error needs them, the request id read
 * only when asked for).
 */
import { ApiPromise, type Sent } from "./api-promise.js";
import { type AuthParts, authenticate } from "./auth.js";
import { type EncodedBody, isReadableStream } from "./body.js";
import type { Client, ClientOptions, RequestOptions, RequestSpec, SecurityRequirement } from "./client.js";
import { AbortError, apiErrorFor, RequestError } from "./errors.js";
import type { HookContext, Hooks } from "./hooks.js";
import { type Call, type Lifetime, startLifetime, toClientError } from "./lifetime.js";
import { requestIdOf, responseInit } from "./read.js";
import { checkedHeader, identity, REDACTED, type Redact, redactor } from "./redact.js";
import { follow, isRedirect } from "./redirect.js";
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
  const { options: clientOptions } = client;
  let result: Promise<Sent<T>>;
  try {
    const plan = planOf(clientOptions, spec, options ?? NO_OPTIONS);
    result = clientOptions.retry || plan.hooks ? tries(plan) : attempt(plan, 1);
  } catch (error) {
    // A request that cannot be built rejects like any other failure.
    result = Promise.reject(error);
  }
  return new ApiPromise(result, clientOptions.requestIdHeader);
}

/** The options of a call given none (one object for all of them). */
const NO_OPTIONS: RequestOptions = Object.freeze({});

/**
 * One call: what stays the same over its tries, and (as the {@link Call} readers and errors are
 * given) where its current try stands. One object per call: on a busy client every object a call
 * keeps while its response is on the way costs several times its own making.
 */
interface Plan<T> extends Call, Partial<Sent<T>> {
  /** The URL of the current try as errors show it: query credentials as `[REDACTED]`. */
  url: string;
  redact: Redact;
  lifetime: Lifetime | undefined;
  streaming: boolean;
  readonly options: Readonly<ClientOptions>;
  readonly spec: RequestSpec<T>;
  readonly given: RequestOptions;
  readonly params: ParamSerializer;
  /** The URL without the query. */
  readonly base: string;
  /** The encoded query of a URL the caller gave (`RequestOptions.url`), sent instead of the spec's. */
  readonly givenQuery: string | undefined;
  /** The encoded body, or its promise until the first try awaits it (encoders may be async). */
  body: EncodedBody | Promise<EncodedBody> | undefined;
  /** The call's time-out, `0` for none. */
  readonly timeoutMs: number;
  /** When the call's time-out expires (`Date.now()` time), `Infinity` without one. */
  readonly deadline: number;
  readonly security: SecurityRequirement | undefined;
  /** The client's hooks, as a list; `undefined` without any. */
  readonly hooks: readonly Hooks[] | undefined;
  readonly idempotencyKey: string | undefined;
  /** What hooks are told about the current try; `undefined` until a try is sent. */
  context: HookContext | undefined;
}

/** The call's plan: its URL without the query, time-out, body, retry and hooks. */
function planOf<T>(options: Readonly<ClientOptions>, spec: RequestSpec<T>, given: RequestOptions): Plan<T> {
  const { method } = spec;
  const params = spec.params ?? plainParams;
  const { signal, url } = given;
  let base = baseUrlFor(options, spec.server) + params.path(spec.path, spec.pathParams);
  let givenQuery: string | undefined;
  if (url !== undefined) {
    // A next-page link, relative to the operation's URL (a relative base is the page's, in a
    // browser): on the operation's origin only, so credentials never leave it.
    const own = new URL(base, (globalThis as { location?: { href?: string } }).location?.href);
    const link = new URL(url, own);
    if (link.origin !== own.origin)
      throw new RequestError(`${method} ${base} was not sent to ${link.origin}: another origin`, { method, url: base });
    base = link.origin + link.pathname;
    givenQuery = link.search.slice(1);
  }
  if (signal?.aborted) throw new AbortError({ method, url: base, cause: signal.reason });
  if (spec.body !== undefined && !spec.encode) throw new TypeError(`${method} ${spec.path} has a body but no encoder`);
  const timeoutMs = given.timeoutMs ?? options.timeoutMs ?? 0;
  const { retry, hooks } = options;
  return {
    method,
    url: base,
    redact: identity,
    requestIdHeader: options.requestIdHeader,
    userSignal: signal,
    lifetime: undefined,
    streaming: false,
    options,
    spec,
    given,
    params,
    base,
    givenQuery,
    body: spec.body === undefined ? undefined : spec.encode?.(spec.body, spec.contentType, spec.encoding),
    timeoutMs,
    deadline: timeoutMs > 0 ? Date.now() + timeoutMs : Infinity,
    security: spec.security ?? options.security,
    hooks: hooks && ([] as Hooks[]).concat(hooks),
    idempotencyKey: retry ? retry.key(options, spec, given) : given.idempotencyKey,
    context: undefined,
  };
}

/** A client's credentials for one security requirement, and the headers every request then starts from. */
interface Credentials {
  readonly auth: AuthParts;
  readonly redact: Redact;
  /** The client's headers and the credentials' headers, lower-case names, checked. */
  readonly headers: Readonly<Record<string, string>>;
  /** `headers` with `accept: application/json`: all a request without headers, cookies or body of its own sends. */
  readonly plain: Readonly<Record<string, string>>;
}

/**
 * Credentials by client options (frozen by createClient) and security requirement, for string
 * keys: the client's own requirement by identity, an operation's (a new array literal at every
 * call) by its JSON, so that there is one entry per distinct requirement.
 */
const CREDENTIALS = new WeakMap<object, Map<SecurityRequirement | string | undefined, Credentials>>();

/** The credentials of a client whose key is not a function, worked out at its first call with `security`. */
function sharedCredentials(options: Readonly<ClientOptions>, security: SecurityRequirement | undefined): Credentials {
  let bySecurity = CREDENTIALS.get(options);
  if (!bySecurity) {
    bySecurity = new Map();
    CREDENTIALS.set(options, bySecurity);
  }
  const key = security === options.security ? security : JSON.stringify(security);
  let found = bySecurity.get(key);
  if (!found) {
    found = credentials(options, security, options.apiKey);
    bySecurity.set(key, found);
  }
  return found;
}

/** The credentials `security` calls for with `apiKey`, and the client's headers with theirs (checked once here). */
function credentials(
  options: Readonly<ClientOptions>,
  security: SecurityRequirement | undefined,
  apiKey: unknown,
): Credentials {
  const auth = authenticate(options, security, apiKey);
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  setHeaders(headers, options.headers);
  setHeaders(headers, auth.headers);
  const plain = Object.assign(Object.create(null) as Record<string, string>, headers);
  plain["accept"] ??= "application/json";
  return { auth, redact: redactor(auth.secrets), headers, plain };
}

/**
 * Sets each defined value of `values` (serialised by `serialize` when given) under its lower-case
 * name; a value with a control character is a `TypeError` before anything is sent.
 */
function setHeaders(
  headers: Record<string, string>,
  values: Readonly<Record<string, unknown>> | undefined,
  serialize?: ParamSerializer["header"],
): void {
  for (const name in values) {
    if (!Object.hasOwn(values, name)) continue;
    const value = serialize ? serialize(name, values[name]) : values[name];
    if (value !== undefined) headers[name.toLowerCase()] = checkedHeader(name, String(value));
  }
}

/** One try: credentials, the headers, the fetch (following redirects safely), the response. */
async function attempt<T>(plan: Plan<T>, attempt: number): Promise<Sent<T>> {
  const {
    options,
    spec,
    given,
    params,
    base,
    givenQuery,
    timeoutMs,
    hooks,
    method,
    userSignal: signal,
    security,
  } = plan;
  plan.context = undefined;
  // Awaited at every try (a promise once): the first one's resolves the encoder's promise.
  if (plan.body) plan.body = await plan.body;
  const body = plan.body as EncodedBody | undefined;
  // A key function is called for every try (a token may have been refreshed).
  const {
    auth,
    redact,
    headers: shared,
    plain,
  } = typeof options.apiKey === "function" && security?.length
    ? credentials(options, security, await options.apiKey())
    : sharedCredentials(options, security);
  // Errors show the query with `[REDACTED]` for the credentials the client adds: the key itself
  // is only in the URL that is fetched.
  let query = givenQuery === undefined ? params.query(spec.query) : withoutNames(givenQuery, auth.query);
  let shown = query;
  if (auth.query) {
    query = [query, params.query(auth.query)].filter(Boolean).join("&");
    shown = [shown, ...Object.keys(auth.query).map((name) => `${encodeURIComponent(name)}=${REDACTED}`)]
      .filter(Boolean)
      .join("&");
  }
  const url = query ? `${base}?${query}` : base;
  plan.url = shown ? `${base}?${shown}` : base;
  plan.redact = redact;
  plan.streaming = false;
  // A plain record with lower-case names (a `Headers` object costs more than the rest of the
  // call's own work); the client's own when the request adds nothing to it.
  let record: Readonly<Record<string, string>> = plain;
  const key = plan.idempotencyKey;
  if (spec.headers || spec.cookies || auth.cookies || body || spec.accept || given.headers || key !== undefined) {
    const own: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, shared);
    record = own;
    if (spec.headers) setHeaders(own, spec.headers, params.header);
    if (auth.cookies || spec.cookies) {
      const cookie = [own["cookie"], ...params.cookies({ ...auth.cookies, ...spec.cookies })].filter(Boolean);
      if (cookie.length > 0) setHeaders(own, { cookie: cookie.join("; ") });
    }
    if (body?.contentType) setHeaders(own, { "content-type": body.contentType });
    else if (body) delete own["content-type"];
    own["accept"] ??= spec.accept ?? "application/json";
    if (given.headers) setHeaders(own, given.headers);
    if (key !== undefined) setHeaders(own, { [options.idempotencyHeader ?? "Idempotency-Key"]: key });
  }
  let headers: Headers | Readonly<Record<string, string>> = record;
  if (hooks || options.retry) {
    // Hooks get (and may change) a Headers object, which is then sent.
    const context: HookContext = { method, url, attempt, headers: new Headers(record), redact };
    plan.context = context;
    headers = context.headers;
    for (const hook of hooks ?? []) await hook.onRequest?.(context);
  }
  // Set when a hook's own error is thrown: it is the caller's, not a network failure.
  let hookFailed = false;
  try {
    if (timeoutMs > 0) plan.lifetime = startLifetime(signal, plan.deadline - Date.now());
    const abort = plan.lifetime?.signal ?? signal;
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
    if (isRedirect(response)) response = await follow(fetchFn, response, { url, method, headers, body }, init, plan);
    if (hooks) {
      const requestId = requestIdOf(response.headers, options.requestIdHeader);
      const context = { ...(plan.context as HookContext), response, requestId };
      try {
        for (const hook of hooks) await hook.onResponse?.(context);
      } catch (error) {
        await response.body?.cancel().catch(() => undefined);
        hookFailed = true;
        throw error;
      }
    }
    if (!response.ok) throw await apiError(response, plan);
    // The plan carries the result too: one object less per call.
    plan.data = await spec.read(response, plan);
    plan.response = response;
    return plan as Sent<T>;
  } catch (error) {
    throw hookFailed ? error : toClientError(error, plan);
  } finally {
    if (!plan.streaming) plan.lifetime?.end();
  }
}

/** Tries until a try succeeds or the retry policy gives up, calling the hooks on the way. */
async function tries<T>(plan: Plan<T>): Promise<Sent<T>> {
  const { options, hooks = [], spec, given } = plan;
  const { retry } = options;
  for (let n = 1; ; n++) {
    try {
      return await attempt(plan, n);
    } catch (error) {
      // Only tries that were sent count; a request that could not be built fails at once.
      if (!plan.context) throw error;
      const failed = { ...plan.context, error };
      let forced = false;
      for (const hook of hooks) if ((await hook.onError?.(failed)) === "retry") forced = true;
      const delayMs = retry?.delay(error, {
        method: spec.method,
        attempt: n,
        forced,
        hasIdempotencyKey: plan.idempotencyKey !== undefined,
        maxRetries: given.maxRetries,
        deadline: plan.deadline,
        streamed: plan.body !== undefined && isReadableStream((plan.body as EncodedBody).body),
      });
      if (delayMs === undefined) {
        for (const hook of hooks) await hook.onFailure?.(failed);
        throw error;
      }
      for (const hook of hooks) await hook.onRetry?.({ ...failed, delayMs });
      await retry?.wait(delayMs, given.signal, spec.method, failed.redact(failed.url));
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
  return apiErrorFor({ ...responseInit(response, call), statusText: response.statusText, body });
}
