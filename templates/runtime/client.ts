import { ApiPromise, type WithResponse } from "./api-promise.js";
import { type AuthParts, authenticate } from "./auth.js";
import { encodeBody, type EncodedBody, isReadableStream } from "./body.js";
import { AbortError, RequestError } from "./errors.js";
import { describeHeaders, type HookContext, type Hooks, type Logger, type LogLevel, logLine } from "./hooks.js";
import type { Int64Reader } from "./json.js";
import { type Call, startLifetime, toClientError } from "./lifetime.js";
import { INSPECT, type Redact, REDACTED, redactor } from "./redact.js";
import { type Hop, isRedirect, MAX_REDIRECTS, nextHop } from "./redirect.js";
import { buildHeaders, requestInit } from "./request.js";
import { apiError, eventStream, readBody, requestIdOf } from "./response.js";
import { isIdempotent, newIdempotencyKey, retryDelayMs, sleep } from "./retry.js";
import { buildPath, type ParamStyle, serializeQuery } from "./serialize.js";

export { ApiPromise, type WithResponse } from "./api-promise.js";
export { bodyTypeOf } from "./body.js";
export type { ErrorHookContext, HookContext, Hooks, Logger, LogLevel, ResponseHookContext, RetryHookContext } from "./hooks.js";
export { retryDelayMs, shouldRetry } from "./retry.js";
export type { ParamLocation, ParamStyle } from "./serialize.js";

/** An HTTP method, upper case. */
export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE";

/** How a security scheme of the spec is applied, given the client's credentials. */
export type SecurityScheme =
  /** `Authorization: Bearer <apiKey>`. */
  | { type: "http"; scheme: "bearer" }
  /** `Authorization: Basic base64(username:password)`. */
  | { type: "http"; scheme: "basic" }
  /** The `apiKey` sent as the header, query parameter or cookie `name`. */
  | { type: "apiKey"; in: "header" | "query" | "cookie"; name: string }
  /** `Authorization: Bearer <apiKey>`: the client does not run OAuth flows, it sends the token it is given. */
  | { type: "oauth2" | "openIdConnect" };

/** A security requirement: alternatives, each a set of scheme names that must all be applied. */
export type SecurityRequirement = readonly (readonly string[])[];

/** One call, as generated code describes it. */
export interface RequestSpec {
  /** The HTTP method. */
  method: HttpMethod;
  /** The path template, e.g. `/threads/{thread_id}/runs/{run_id}`. */
  path: string;
  /** Values for the template's `{name}` placeholders. */
  pathParams?: Record<string, unknown> | undefined;
  /** Query parameters; `undefined` values are skipped. */
  query?: Record<string, unknown> | undefined;
  /** Header parameters; `undefined` values are skipped. */
  headers?: Record<string, unknown> | undefined;
  /** Cookie parameters; `undefined` values are skipped. */
  cookies?: Record<string, unknown> | undefined;
  /** Styles by `${location}:${name}` (e.g. `query:tags`), only where they differ from the location's default. */
  styles?: Record<string, ParamStyle> | undefined;
  /** The request body; `undefined` sends none. */
  body?: unknown;
  /** How to encode `body`; `form` is `application/x-www-form-urlencoded`. Default: from `contentType`, else `json`. */
  bodyType?: "json" | "multipart" | "form" | "binary" | "text" | undefined;
  /** The media type to send when it is not the body type's default. Ignored for multipart (fetch sets the boundary). */
  contentType?: string | undefined;
  /** Multipart only: the content type of individual properties' parts, e.g. a JSON object part. */
  encoding?: Record<string, { contentType?: string | undefined }> | undefined;
  /** How to read a successful response. */
  responseType: "json" | "text" | "blob" | "void" | "sse";
  /** Some success responses have no body: an empty JSON body is then `undefined` rather than a {@link ResponseBodyError}. */
  bodyOptional?: boolean | undefined;
  /** The operation's security requirement: `undefined` uses the client's, `[]` sends no credentials. */
  security?: SecurityRequirement | undefined;
  /** Where the JSON response holds 64-bit integers to read as `bigint` (clients generated with `int64: "bigint"`). */
  int64?: Int64Reader | undefined;
}

/** Options of a client; every request uses them. */
export interface ClientOptions {
  /** The server URL requests are relative to, e.g. `https://api.openai.com/v1`; a trailing slash is ignored. */
  baseUrl?: string | undefined;
  /** The token or API key for bearer, OAuth 2, OpenID Connect and API key schemes; a function is called for each request that needs it. */
  apiKey?: string | (() => string | Promise<string>) | undefined;
  /** The user name for HTTP basic authentication. */
  username?: string | undefined;
  /** The password for HTTP basic authentication (default empty). */
  password?: string | undefined;
  /** Headers sent with every request. */
  headers?: Record<string, string> | undefined;
  /** The `fetch` to use; defaults to the global one, looked up at each request. */
  fetch?: typeof fetch | undefined;
  /**
   * The time-out of each call in milliseconds, `0` for none; default {@link DEFAULT_TIMEOUT_MS}. It
   * covers every try, the waits between them and reading the response body: no retry outlives it.
   */
  timeoutMs?: number | undefined;
  /**
   * How often a failed request is tried again (default {@link DEFAULT_MAX_RETRIES}, `0` for never),
   * with exponential back-off and jitter, honouring `Retry-After` and `retry-after-ms` as long as
   * the call's time-out allows. Any request is tried again after a 408, 429, 502, 503 or 504 or a
   * connection that failed before sending; after a 409, another 5xx, a connection dropped after
   * sending or a time-out only idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS) and requests
   * with an idempotency key are. A `x-should-retry: true|false` answer header decides instead.
   * Requests with a streamed body are never retried.
   */
  maxRetries?: number | undefined;
  /**
   * The header that carries an idempotency key, e.g. `Idempotency-Key` (Stripe's); unset for none.
   * POST and PATCH calls then send a random key, the same on every try of one call, unless the
   * caller passes one ({@link RequestOptions.idempotencyKey}).
   */
  idempotencyHeader?: string | undefined;
  /** The response header that carries the server's request id, when it is not `x-request-id` or `request-id`. */
  requestIdHeader?: string | undefined;
  /** Functions called around each try: logging, tracing, signing, refreshing a token after a 401. */
  hooks?: Hooks | undefined;
  /** Where to log requests, responses, retries and failures (e.g. `console`); nothing is logged without one. Credentials never are. */
  logger?: Logger | undefined;
  /** The least severe level logged: `debug` adds each request with its (redacted) headers; default `info`. */
  logLevel?: LogLevel | undefined;
  /** The spec's security schemes, by name. */
  securitySchemes?: Record<string, SecurityScheme> | undefined;
  /** The security requirement of operations whose spec gives none. */
  security?: SecurityRequirement | undefined;
}

/** Options of one request, over the client's. */
export interface RequestOptions {
  /** Aborts the request, or an event stream being read, with an {@link AbortError}. */
  signal?: AbortSignal | undefined;
  /** The time-out of this request in milliseconds, `0` for none. */
  timeoutMs?: number | undefined;
  /** How often this request is tried again; see {@link ClientOptions.maxRetries}. */
  maxRetries?: number | undefined;
  /** Headers for this request; they win over every other header. */
  headers?: Record<string, string> | undefined;
  /** The idempotency key of this call, sent in the client's {@link ClientOptions.idempotencyHeader} on every try. */
  idempotencyKey?: string | undefined;
}

/** A configured client: generated operation functions call its `request`. */
export interface Client {
  /** The options the client was created with. */
  readonly options: Readonly<ClientOptions>;
  /**
   * Sends a request and reads its response as `spec.responseType` says; `.withResponse()` on the
   * result gives the response and request id too.
   *
   * @throws {ApiError} when the server answers with a status outside 2xx.
   * @throws {NetworkError} when no response arrives.
   * @throws {TimeoutError} when the time-out expires, including while the body is read.
   * @throws {AbortError} when `options.signal` aborts the request.
   * @throws {TypeError} when the request cannot be built, e.g. a path parameter is missing.
   */
  request<T>(spec: RequestSpec, options?: RequestOptions): ApiPromise<T>;
}

/**
 * The default request time-out: one minute. Event streams are covered only until their headers
 * arrive; after that only the caller's signal ends them.
 */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** The default number of retries of a failed request. */
export const DEFAULT_MAX_RETRIES = 2;

/**
 * Creates a client. Printing it (console.log, JSON.stringify) shows its options without the
 * credentials.
 *
 * @example
 * const client = createClient({ baseUrl: "https://api.example.com/v1", apiKey: process.env.API_KEY });
 */
export function createClient(options: ClientOptions = {}): Client {
  const frozen: Readonly<ClientOptions> = Object.freeze(hideSecrets({ ...options }));
  return hideSecrets({
    options: frozen,
    request: <T>(spec: RequestSpec, requestOptions: RequestOptions = {}) => new ApiPromise(send<T>(frozen, spec, requestOptions)),
  });
}

/** Adds non-enumerable `toJSON` and `util.inspect` views that show `[REDACTED]` for credentials. */
function hideSecrets<T extends object>(target: T): T {
  const view = (): Record<string, unknown> => {
    const shown: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(target)) {
      shown[key] = key === "apiKey" || key === "password" ? (value === undefined ? value : REDACTED) : value;
    }
    return shown;
  };
  Object.defineProperty(target, "toJSON", { value: view, enumerable: false });
  Object.defineProperty(target, INSPECT, { value: view, enumerable: false });
  return target;
}

/** What stays the same over every try of one call. */
interface CallPlan {
  readonly options: Readonly<ClientOptions>;
  readonly spec: RequestSpec;
  readonly requestOptions: RequestOptions;
  /** The URL without the query. */
  readonly url: string;
  readonly body: EncodedBody | undefined;
  /** The call's time-out, `0` for none. */
  readonly timeoutMs: number;
  /** When the call's time-out expires (`Date.now()` time), `Infinity` without one. */
  readonly deadline: number;
  readonly idempotencyKey: string | undefined;
}

/** Sends a request, trying it again after a failure where that is safe and the time-out allows. */
async function send<T>(options: Readonly<ClientOptions>, spec: RequestSpec, requestOptions: RequestOptions): Promise<WithResponse<T>> {
  const userSignal = requestOptions.signal;
  const url = `${(options.baseUrl ?? "").replace(/\/+$/, "")}${buildPath(spec.path, spec.pathParams, spec.styles)}`;
  if (userSignal?.aborted) throw new AbortError({ method: spec.method, url, cause: userSignal.reason });

  const timeoutMs = requestOptions.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const body = await encodeBody(spec);
  const plan: CallPlan = {
    options,
    spec,
    requestOptions,
    url,
    body,
    timeoutMs,
    deadline: timeoutMs > 0 ? Date.now() + timeoutMs : Number.POSITIVE_INFINITY,
    idempotencyKey: idempotencyKeyOf(options, spec, requestOptions),
  };
  // A streamed body can be read only once, so such a request is never retried.
  const streamedBody = body !== undefined && isReadableStream(body.body);
  const maxRetries = streamedBody ? 0 : Math.max(0, requestOptions.maxRetries ?? options.maxRetries ?? DEFAULT_MAX_RETRIES);
  const retryContext = { method: spec.method, hasIdempotencyKey: plan.idempotencyKey !== undefined };
  const { hooks } = options;
  for (let retry = 0; ; retry++) {
    const attempt = await prepareAttempt(plan, retry + 1);
    try {
      return await sendOnce<T>(attempt);
    } catch (error) {
      const context = { ...attempt.context, error };
      const forced = (await hooks?.onError?.(context)) === "retry" && !(error instanceof AbortError);
      const computed = retry < maxRetries ? retryDelayMs(error, retry, Math.random, retryContext) : undefined;
      const delay = retry < maxRetries && forced ? (computed ?? 0) : computed;
      // A wait that would outlast the call's time-out is not worth starting.
      if (delay === undefined || Date.now() + delay >= plan.deadline) {
        log(attempt, "error", `${spec.method} ${attempt.call.url} failed: ${String(error)}`);
        throw error;
      }
      log(attempt, "warn", `${spec.method} ${attempt.call.url}: try ${retry + 2} of ${maxRetries + 1} in ${delay} ms after ${String(error)}`);
      await hooks?.onRetry?.({ ...context, delayMs: delay });
      await sleep(delay, userSignal, spec.method, attempt.call.url);
    }
  }
}

/** The idempotency key of a call: the caller's, else a new one for POST and PATCH when the client names a header. */
function idempotencyKeyOf(options: Readonly<ClientOptions>, spec: RequestSpec, requestOptions: RequestOptions): string | undefined {
  const header = options.idempotencyHeader;
  if (!header) return undefined;
  const given = requestOptions.idempotencyKey ?? new Headers(requestOptions.headers).get(header) ?? undefined;
  if (given !== undefined) return given;
  return isIdempotent(spec.method) ? undefined : newIdempotencyKey();
}

/** Everything one try of a request needs. */
interface Attempt {
  readonly plan: CallPlan;
  readonly hop: Hop;
  /** The call as errors report it: its URL without credentials. */
  readonly call: Omit<Call, "lifetime">;
  /** What hooks are told about this try. */
  readonly context: HookContext;
  /** Header names that carried credentials, never logged. */
  readonly secretHeaders: readonly string[];
  readonly redact: Redact;
}

/** Logs a line about a try, redacted, at `level` if the client's logger takes it. */
function log(attempt: Attempt, level: "debug" | "info" | "warn" | "error", message: string): void {
  logLine(attempt.plan.options.logger, attempt.plan.options.logLevel, level, message, attempt.redact);
}

/** Resolves the credentials (again, for every try: a token may have been refreshed) and builds the request. */
async function prepareAttempt(plan: CallPlan, number: number): Promise<Attempt> {
  const { options, spec, requestOptions } = plan;
  const auth: AuthParts = await authenticate(options, spec.security ?? options.security);
  const redact = redactor(auth.secrets, Object.keys(auth.query));
  const query = serializeQuery({ ...spec.query, ...auth.query }, spec.styles);
  const fullUrl = query ? `${plan.url}?${query}` : plan.url;
  const headers = buildHeaders({ options, spec, auth, body: plan.body, requestOptions });
  if (plan.idempotencyKey !== undefined && options.idempotencyHeader) headers.set(options.idempotencyHeader, plan.idempotencyKey);
  return {
    plan,
    hop: { url: fullUrl, method: spec.method, headers, body: plan.body },
    context: { method: spec.method, url: fullUrl, attempt: number, headers },
    secretHeaders: Object.keys(auth.headers),
    call: {
      method: spec.method,
      url: redact(fullUrl),
      timeoutMs: plan.timeoutMs,
      userSignal: requestOptions.signal,
      redact,
      requestIdHeader: options.requestIdHeader,
    },
    redact,
  };
}

/** One try: its own share of the time-out, the fetch (following redirects), and reading the response. */
async function sendOnce<T>(attempt: Attempt): Promise<WithResponse<T>> {
  const { plan, hop, call: callInfo, context } = attempt;
  const { hooks } = plan.options;
  await hooks?.onRequest?.(context);
  const lifetime = startLifetime(callInfo.userSignal, Math.max(1, plan.deadline - Date.now()), plan.timeoutMs > 0);
  const call: Call = { ...callInfo, lifetime };
  let streaming = false;
  try {
    lifetime.signal.throwIfAborted();
    log(attempt, "debug", `${call.method} ${call.url} (try ${context.attempt}) ${describeHeaders(hop.headers, attempt.secretHeaders)}`);
    const started = Date.now();
    const response = await fetchFollowingRedirects(plan.options, hop, call);
    const requestId = requestIdOf(response.headers, plan.options.requestIdHeader);
    log(attempt, "info", `${call.method} ${call.url} ${response.status} in ${Date.now() - started} ms${requestId ? ` (request id ${requestId})` : ""}`);
    try {
      await hooks?.onResponse?.({ ...context, response, requestId });
    } catch (error) {
      await response.body?.cancel().catch(() => undefined);
      throw new HookFailure(error);
    }
    if (!response.ok) throw await apiError(response, call);
    if (plan.spec.responseType === "sse") {
      streaming = true;
      lifetime.stopTimer();
      return { data: eventStream(response, call) as T, response, requestId };
    }
    return { data: (await readBody(response, plan.spec, call)) as T, response, requestId };
  } catch (error) {
    // A hook's own error is the caller's, not a network failure.
    throw error instanceof HookFailure ? error.error : toClientError(error, call);
  } finally {
    if (!streaming) lifetime.end();
  }
}

/** Carries an error a hook threw through the try's error mapping unchanged. */
class HookFailure {
  readonly error: unknown;

  constructor(error: unknown) {
    this.error = error;
  }
}

/**
 * Fetches with `redirect: "manual"` and follows redirects itself, so that credentials and the
 * client's headers never reach another origin (fetch would forward API-key and custom headers).
 */
async function fetchFollowingRedirects(options: Readonly<ClientOptions>, first: Hop, call: Call): Promise<Response> {
  const fetchFn = options.fetch ?? globalThis.fetch;
  let hop = first;
  for (let redirects = 0; ; redirects++) {
    const response = await fetchFn(hop.url, requestInit(hop.method, hop.headers, hop.body, call.lifetime.signal));
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
