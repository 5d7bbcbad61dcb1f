import { authenticate } from "./auth.js";
import { encodeBody, type EncodedBody, isReadableStream } from "./body.js";
import { AbortError } from "./errors.js";
import type { Int64Reader } from "./json.js";
import { type Call, startLifetime, toClientError } from "./lifetime.js";
import { buildHeaders, requestInit } from "./request.js";
import { apiError, eventStream, readBody } from "./response.js";
import { retryDelayMs, sleep } from "./retry.js";
import { type BodyEncoding, buildPath, type ParamStyle, serializeQuery } from "./serialize.js";

export { bodyTypeOf } from "./body.js";
export { retryDelayMs } from "./retry.js";
export type { BodyEncoding, ParamLocation, ParamStyle, PartEncoding } from "./serialize.js";

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
  /** The time-out of each request, including reading its response body, in milliseconds; default {@link DEFAULT_TIMEOUT_MS}, `0` for none. */
  timeoutMs?: number | undefined;
  /**
   * How often a failed request is tried again (default {@link DEFAULT_MAX_RETRIES}, `0` for never):
   * after a network error, a time-out, or a 408, 409, 429 or 5xx answer, with exponential back-off
   * and jitter, honouring `Retry-After`. Requests with a streamed body are never retried.
   */
  maxRetries?: number | undefined;
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
}

/** A configured client: generated operation functions call its `request`. */
export interface Client {
  /** The options the client was created with. */
  readonly options: Readonly<ClientOptions>;
  /**
   * Sends a request and reads its response as `spec.responseType` says.
   *
   * @throws {ApiError} when the server answers with a status outside 2xx.
   * @throws {NetworkError} when no response arrives.
   * @throws {TimeoutError} when the time-out expires, including while the body is read.
   * @throws {AbortError} when `options.signal` aborts the request.
   * @throws {TypeError} when the request cannot be built, e.g. a path parameter is missing.
   */
  request<T>(spec: RequestSpec, options?: RequestOptions): Promise<T>;
}

/**
 * The default request time-out: one minute. Event streams are covered only until their headers
 * arrive; after that only the caller's signal ends them.
 */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** The default number of retries of a failed request. */
export const DEFAULT_MAX_RETRIES = 2;

/**
 * Creates a client.
 *
 * @example
 * const client = createClient({ baseUrl: "https://api.example.com/v1", apiKey: process.env.API_KEY });
 */
export function createClient(options: ClientOptions = {}): Client {
  const frozen: Readonly<ClientOptions> = Object.freeze({ ...options });
  return {
    options: frozen,
    request: <T>(spec: RequestSpec, requestOptions: RequestOptions = {}) => send<T>(frozen, spec, requestOptions),
  };
}

/** Sends a request, trying it again after a failure worth another try. */
async function send<T>(options: Readonly<ClientOptions>, spec: RequestSpec, requestOptions: RequestOptions): Promise<T> {
  const userSignal = requestOptions.signal;
  const url = `${baseUrlFor(options, spec.server)}${buildPath(spec.path, spec.pathParams, spec.styles)}`;
  if (userSignal?.aborted) throw new AbortError({ method: spec.method, url, cause: userSignal.reason });

  const auth = await authenticate(options, spec.security ?? options.security);
  const query = serializeQuery({ ...spec.query, ...auth.query }, spec.styles);
  const fullUrl = query ? `${url}?${query}` : url;
  const body = encodeBody(spec);
  const headers = buildHeaders({ options, spec, auth, body, requestOptions });

  const timeoutMs = requestOptions.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // A streamed body can be read only once, so such a request is never retried.
  const streamedBody = body !== undefined && isReadableStream(body.body);
  const maxRetries = streamedBody ? 0 : Math.max(0, requestOptions.maxRetries ?? options.maxRetries ?? DEFAULT_MAX_RETRIES);
  const attempt: Attempt = { options, spec, url: fullUrl, headers, body, timeoutMs, userSignal };
  for (let retry = 0; ; retry++) {
    try {
      return await sendOnce<T>(attempt);
    } catch (error) {
      const delay = retry < maxRetries ? retryDelayMs(error, retry) : undefined;
      if (delay === undefined) throw error;
      await sleep(delay, userSignal, spec.method, fullUrl);
    }
  }
}

/**
 * The URL a request's path is appended to, without a trailing slash. The spec's server is the
 * operation's own (`server`), else `defaultBaseUrl`; `servers` maps it to another URL, else an
 * explicit `baseUrl` replaces it.
 */
export function baseUrlFor(options: Readonly<ClientOptions>, server: string | undefined): string {
  const spec = server ?? options.defaultBaseUrl;
  const trim = (url: string): string => url.replace(/\/+$/, "");
  const mapped = spec === undefined ? undefined : Object.entries(options.servers ?? {}).find(([from]) => trim(from) === trim(spec))?.[1];
  return trim(mapped ?? options.baseUrl ?? spec ?? "");
}

/** Everything one try of a request needs. */
interface Attempt {
  readonly options: Readonly<ClientOptions>;
  readonly spec: RequestSpec;
  readonly url: string;
  readonly headers: Headers;
  readonly body: EncodedBody | undefined;
  readonly timeoutMs: number;
  readonly userSignal: AbortSignal | undefined;
}

/** One try: its own time-out, the fetch, and reading the response. */
async function sendOnce<T>({ options, spec, url: fullUrl, headers, body, timeoutMs, userSignal }: Attempt): Promise<T> {
  const lifetime = startLifetime(userSignal, timeoutMs);
  const call: Call = { method: spec.method, url: fullUrl, timeoutMs, userSignal, lifetime };
  let streaming = false;
  try {
    lifetime.signal.throwIfAborted();
    const fetchFn = options.fetch ?? globalThis.fetch;
    const response = await fetchFn(fullUrl, requestInit(spec.method, headers, body, lifetime.signal));
    if (!response.ok) throw await apiError(response, call);
    if (spec.responseType === "sse") {
      streaming = true;
      lifetime.stopTimer();
      return eventStream(response, call) as T;
    }
    return (await readBody(response, spec, call)) as T;
  } catch (error) {
    throw toClientError(error, call);
  } finally {
    if (!streaming) lifetime.end();
  }
}
