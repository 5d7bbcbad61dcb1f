import { ApiPromise } from "./api-promise.js";
import type { Hooks, Logger, LogLevel } from "./hooks.js";
import type { Int64Reader } from "./json.js";
import { INSPECT, REDACTED } from "./redact.js";
import { send } from "./send.js";
import type { BodyEncoding, ParamStyle } from "./serialize.js";

export { ApiPromise, type WithResponse } from "./api-promise.js";
export { bodyTypeOf } from "./body.js";
export type {
  ErrorHookContext,
  HookContext,
  Hooks,
  Logger,
  LogLevel,
  ResponseHookContext,
  RetryHookContext,
} from "./hooks.js";
export { retryDelayMs, shouldRetry } from "./retry.js";
export { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from "./send.js";
export type { BodyEncoding, ParamLocation, ParamStyle, PartEncoding } from "./serialize.js";
export { baseUrlFor } from "./servers.js";

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
  /** The operation's own server URL from the spec, when it is not the API's (see {@link baseUrlFor}). */
  server?: string | undefined;
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
  /** Form and multipart bodies: how individual properties are encoded (a part's content type, a style such as `deepObject`). */
  encoding?: BodyEncoding | undefined;
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
  /**
   * The server URL every request goes to, e.g. `https://api.openai.com/v1` (a trailing slash is
   * ignored). Set, it replaces the spec's servers for every operation, also those with a server of
   * their own (as a proxy or mock needs); `servers` can still redirect one server.
   */
  baseUrl?: string | undefined;
  /** The spec's server URL, used when `baseUrl` is not set by operations without a server of their own. */
  defaultBaseUrl?: string | undefined;
  /**
   * Replacement URLs of the spec's servers, by the URL the spec gives (trailing slashes ignored),
   * e.g. `{ "https://files.example.com": "http://127.0.0.1:4011" }`; they win over `baseUrl`.
   */
  servers?: Readonly<Record<string, string>> | undefined;
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
  /**
   * The idempotency key of this call, sent on every try in the client's
   * {@link ClientOptions.idempotencyHeader} (default `Idempotency-Key`); a non-idempotent request
   * with a key is retried like an idempotent one. A key passed in that header counts too.
   */
  idempotencyKey?: string | undefined;
  /**
   * The URL to send this request to instead of the operation's path and query (the next-page links
   * of paginated lists), absolute or relative to the operation's URL. It must be on the
   * operation's origin: another origin is refused with a {@link RequestError} before sending, so
   * credentials never go there.
   */
  url?: string | undefined;
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
    request: <T>(spec: RequestSpec, requestOptions: RequestOptions = {}) =>
      new ApiPromise(send<T>(frozen, spec, requestOptions)),
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
