import type { BodyEncoder } from "./body.js";
import type { Hooks } from "./hooks.js";
import type { ResponseReader } from "./read.js";
import { INSPECT, REDACTED } from "./redact.js";
import type { RetryPolicy } from "./retry.js";
import type { BodyEncoding, ParamSerializer } from "./serialize.js";

export { ApiPromise, type WithResponse } from "./api-promise.js";
export {
  type BodyEncoder,
  bodyTypeOf,
  type EncodedBody,
  encodeBinary,
  encodeBody,
  encodeForm,
  encodeJson,
  encodeMultipart,
  encodeText,
} from "./body.js";
export type {
  ErrorHookContext,
  HookContext,
  Hooks,
  ResponseHookContext,
  RetryHookContext,
} from "./hooks.js";
export { type Logger, type LogLevel, logging } from "./logging.js";
export { type Call, type ResponseReader, readBlob, readJson, readOptionalJson, readText, readVoid } from "./read.js";
export { request } from "./request.js";
export {
  DEFAULT_MAX_RETRIES,
  type RetryOptions,
  type RetryPolicy,
  retries,
  retryDelayMs,
  shouldRetry,
} from "./retry.js";
export type { BodyEncoding, ParamLocation, ParamSerializer, ParamStyle, PartEncoding } from "./serialize.js";
export { styled } from "./serialize.js";
export { baseUrlFor } from "./servers.js";
export { readEvents } from "./sse.js";

/** An HTTP method, upper case. */
export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE" | "QUERY";

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

/**
 * One call, as generated code describes it. Generated code passes the functions the operation
 * needs (a reader, an encoder, a parameter serialiser), so a bundler keeps only those.
 */
export interface RequestSpec<T = unknown> {
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
  /**
   * Serialises the parameters where some are not in their location's default style: `styled({...})`
   * (see serialize.ts). Default: every parameter in its location's default style.
   */
  params?: ParamSerializer | undefined;
  /** The request body; `undefined` sends none. */
  body?: unknown;
  /** Encodes `body` (`encodeJson`, `encodeForm`, `encodeMultipart`, `encodeBinary`, `encodeText`, or `encodeBody` by `contentType`). */
  encode?: BodyEncoder | undefined;
  /** The media type to send when it is not the encoder's default. Ignored for multipart (fetch sets the boundary). */
  contentType?: string | undefined;
  /** Form and multipart bodies: how individual properties are encoded (a part's content type, a style such as `deepObject`). */
  encoding?: BodyEncoding | undefined;
  /** Reads a successful response (`readJson`, `readOptionalJson`, `readText`, `readBlob`, `readVoid`, `readEvents`, …). */
  read: ResponseReader<T>;
  /** The `accept` header unless the caller sets one; default `application/json`. */
  accept?: string | undefined;
  /** The operation's security requirement: `undefined` uses the client's, `[]` sends no credentials. */
  security?: SecurityRequirement | undefined;
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
  /** The token or API key for bearer, OAuth 2, OpenID Connect and API key schemes; a function is called for each try that needs it. */
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
   * The time-out of each call in milliseconds; none by default (see the README, "Time-outs"). It
   * covers every try, the waits between them and reading the response body: no retry outlives it.
   */
  timeoutMs?: number | undefined;
  /**
   * Tries failed requests again: `retries()` (or `retries({ maxRetries: 5 })`) from the core gives
   * the standard policy. None by default: without it a call is one try and the retry code is not
   * even bundled.
   */
  retry?: RetryPolicy | undefined;
  /**
   * The header that carries an idempotency key, e.g. `Idempotency-Key` (Stripe's). With
   * {@link retry}, POST and PATCH calls then send a random key, the same on every try of one call,
   * unless the caller passes one ({@link RequestOptions.idempotencyKey}).
   */
  idempotencyHeader?: string | undefined;
  /** The response header that carries the server's request id, when it is not `x-request-id` or `request-id`. */
  requestIdHeader?: string | undefined;
  /**
   * Functions called around each try: logging (`logging(console)`), tracing, signing, refreshing a
   * token after a 401. Several sets run in order.
   */
  hooks?: Hooks | readonly Hooks[] | undefined;
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
  /** How often this request is tried again, over the client's retry policy's `maxRetries` (no effect without one). */
  maxRetries?: number | undefined;
  /** Headers for this request; they win over every other header. */
  headers?: Record<string, string> | undefined;
  /**
   * The idempotency key of this call, sent on every try in the client's
   * {@link ClientOptions.idempotencyHeader} (default `Idempotency-Key`); with a retry policy, a
   * non-idempotent request with a key is retried like an idempotent one. A key passed in that
   * header counts too.
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

/** A configured client: pass it to the generated operation functions. */
export interface Client {
  /** The options the client was created with. */
  readonly options: Readonly<ClientOptions>;
}

/**
 * Creates a client. Printing it (console.log, JSON.stringify) shows its options without the
 * credentials.
 *
 * @example
 * const client = createClient({ baseUrl: "https://api.example.com/v1", apiKey: process.env.API_KEY });
 */
export function createClient(options: ClientOptions = {}): Client {
  // The headers are copied and frozen too: requests work out their headers once per client.
  const headers = options.headers && Object.freeze({ ...options.headers });
  return hideSecrets({ options: Object.freeze(hideSecrets({ ...options, ...(headers && { headers }) })) });
}

/** Adds non-enumerable `toJSON` and `util.inspect` views that show `[REDACTED]` for credentials. */
function hideSecrets<T extends object>(target: T): T {
  const view = (): Record<string, unknown> => {
    const shown: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(target))
      shown[key] = (key === "apiKey" || key === "password") && value !== undefined ? REDACTED : value;
    return shown;
  };
  return Object.defineProperties(target, { toJSON: { value: view }, [INSPECT]: { value: view } });
}
