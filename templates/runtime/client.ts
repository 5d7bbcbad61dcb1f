import { AbortError, ApiError, ClientError, NetworkError, TimeoutError } from "./errors.js";
import {
  buildPath,
  formUrlEncoded,
  isBlob,
  multipartFormData,
  serializeCookies,
  serializeHeader,
  serializeQuery,
  type ParamStyle,
} from "./serialize.js";
import { type Int64Reader, parseJson, stringifyJson } from "./json.js";
import { parseServerSentEvents, type ServerSentEvent } from "./sse.js";

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

/** Where a call stands: what it was sent to, and the signal that ends it. */
interface Call {
  readonly method: HttpMethod;
  readonly url: string;
  readonly timeoutMs: number;
  readonly userSignal: AbortSignal | undefined;
  readonly lifetime: Lifetime;
}

async function send<T>(options: Readonly<ClientOptions>, spec: RequestSpec, requestOptions: RequestOptions): Promise<T> {
  const userSignal = requestOptions.signal;
  const url = `${(options.baseUrl ?? "").replace(/\/+$/, "")}${buildPath(spec.path, spec.pathParams, spec.styles)}`;
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

// ---------------------------------------------------------------------------------------------
// Retries

/** Statuses worth another try: time-out, conflict (lock), rate limit, and server errors. */
function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * How long to wait before retry number `retry` (0-based) after `error`, or undefined when the error
 * is not worth another try. A server's `retry-after-ms` or `Retry-After` (seconds or an HTTP date,
 * up to a minute) wins; otherwise 0.5 s doubling up to 8 s, less up to 25% jitter.
 */
export function retryDelayMs(error: unknown, retry: number, random: () => number = Math.random): number | undefined {
  if (error instanceof ApiError) {
    if (!isRetryableStatus(error.status)) return undefined;
    const asked = retryAfterMs(error.headers);
    if (asked !== undefined) return asked;
  } else if (!(error instanceof NetworkError) && !(error instanceof TimeoutError)) {
    return undefined;
  }
  const backoff = Math.min(500 * 2 ** retry, 8_000);
  return Math.round(backoff * (1 - 0.25 * random()));
}

function retryAfterMs(headers: Headers): number | undefined {
  const ms = Number(headers.get("retry-after-ms") ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return Math.min(ms, 60_000);
  const value = headers.get("retry-after");
  if (value === null) return undefined;
  const seconds = Number(value);
  const wait = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
  return Number.isFinite(wait) ? Math.min(Math.max(0, wait), 60_000) : undefined;
}

/** Waits, or throws AbortError as soon as the caller's signal aborts. */
function sleep(ms: number, signal: AbortSignal | undefined, method: HttpMethod, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AbortError({ method, url, cause: signal.reason }));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AbortError({ method, url, cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

// ---------------------------------------------------------------------------------------------
// Authentication

/** Where the chosen credentials go. */
interface AuthParts {
  headers: Record<string, string>;
  query: Record<string, string>;
  cookies: Record<string, string>;
}

/**
 * Applies the first alternative of the requirement whose credentials are all available; an empty
 * alternative (auth optional) is used only when no other one can be. With none, sends no
 * credentials and lets the server answer 401.
 */
async function authenticate(options: Readonly<ClientOptions>, requirement: SecurityRequirement | undefined): Promise<AuthParts> {
  const parts: AuthParts = { headers: {}, query: {}, cookies: {} };
  const schemes = options.securitySchemes ?? {};
  const chosen = requirement?.find(
    (names) => names.length > 0 && names.every((name) => hasCredentials(options, own(schemes, name))),
  );
  for (const name of chosen ?? []) {
    const scheme = own(schemes, name);
    if (scheme) await applyScheme(parts, scheme, options);
  }
  return parts;
}

/** An own property only: a scheme named `constructor` must not find Object.prototype's. */
function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function hasCredentials(options: Readonly<ClientOptions>, scheme: SecurityScheme | undefined): boolean {
  if (!scheme) return false;
  if (scheme.type === "http" && scheme.scheme === "basic") return options.username !== undefined;
  return options.apiKey !== undefined && options.apiKey !== "";
}

async function applyScheme(parts: AuthParts, scheme: SecurityScheme, options: Readonly<ClientOptions>): Promise<void> {
  if (scheme.type === "http" && scheme.scheme === "basic") {
    parts.headers["authorization"] = `Basic ${base64(`${options.username ?? ""}:${options.password ?? ""}`)}`;
    return;
  }
  const key = typeof options.apiKey === "function" ? await options.apiKey() : options.apiKey;
  if (!key) return;
  if (scheme.type !== "apiKey") parts.headers["authorization"] = `Bearer ${key}`;
  else if (scheme.in === "header") parts.headers[scheme.name] = key;
  else if (scheme.in === "query") parts.query[scheme.name] = key;
  else parts.cookies[scheme.name] = key;
}

/** Base64 of the UTF-8 bytes of `text`. */
function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

// ---------------------------------------------------------------------------------------------
// Request

/** An encoded body and its content type; `undefined` lets fetch choose (multipart boundary). */
interface EncodedBody {
  body: BodyInit;
  contentType: string | undefined;
}

function encodeBody(spec: RequestSpec): EncodedBody | undefined {
  const { body, contentType } = spec;
  if (body === undefined) return undefined;
  switch (spec.bodyType ?? bodyTypeOf(contentType)) {
    case "json":
      return { body: stringifyJson(body), contentType: contentType ?? "application/json" };
    case "text":
      return { body: String(body), contentType: contentType ?? "text/plain" };
    case "form":
      return { body: formUrlEncoded(body), contentType: contentType ?? "application/x-www-form-urlencoded" };
    case "multipart":
      return { body: multipartFormData(body, spec.encoding), contentType: undefined };
    case "binary":
      return { body: binaryBody(body), contentType: binaryContentType(body, contentType) };
  }
}

/** The encoding a media type implies, for requests that name only the media type. */
export function bodyTypeOf(contentType: string | undefined): NonNullable<RequestSpec["bodyType"]> {
  const base = (contentType ?? "application/json").split(";")[0]?.trim().toLowerCase() ?? "";
  if (base === "application/json" || base.endsWith("+json") || base.endsWith("/json")) return "json";
  if (base.startsWith("multipart/")) return "multipart";
  if (base === "application/x-www-form-urlencoded") return "form";
  if (base.startsWith("text/")) return "text";
  return "binary";
}

function binaryBody(body: unknown): BodyInit {
  if (isBlob(body) || body instanceof ArrayBuffer || ArrayBuffer.isView(body) || isReadableStream(body)) return body as BodyInit;
  if (typeof body === "string") return body;
  throw new TypeError("A binary body must be a Blob, ArrayBuffer, typed array, ReadableStream or string");
}

/** The spec's media type, unless it is a wildcard such as `image/*`: then the Blob's own type. */
function binaryContentType(body: unknown, contentType: string | undefined): string {
  if (contentType && !contentType.includes("*")) return contentType;
  return (isBlob(body) && body.type) || "application/octet-stream";
}

function isReadableStream(value: unknown): value is ReadableStream {
  return typeof ReadableStream !== "undefined" && value instanceof ReadableStream;
}

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
function buildHeaders(sources: {
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

function setAll(headers: Headers, values: Readonly<Record<string, string | undefined>>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined) headers.set(name, value);
  }
}

function requestInit(method: HttpMethod, headers: Headers, body: EncodedBody | undefined, signal: AbortSignal): RequestInit {
  const init: RequestInit & { duplex?: "half" } = { method, headers, signal };
  if (body) init.body = body.body;
  // Streaming request bodies need `duplex: "half"` in Node and Chromium.
  if (body && isReadableStream(body.body)) init.duplex = "half";
  return init;
}

// ---------------------------------------------------------------------------------------------
// Lifetime: the caller's signal and the time-out, combined

/** One `AbortController` per call, aborted by the caller's signal or the timer. */
interface Lifetime {
  readonly signal: AbortSignal;
  /** What ended the call early, if anything did. */
  readonly endedBy: "timeout" | "abort" | undefined;
  /** Stops the timer; the caller's signal still applies (used once an event stream starts). */
  stopTimer(): void;
  /** Stops the timer and detaches from the caller's signal. */
  end(): void;
}

function startLifetime(userSignal: AbortSignal | undefined, timeoutMs: number): Lifetime {
  const controller = new AbortController();
  let endedBy: Lifetime["endedBy"];
  const onAbort = (): void => {
    endedBy ??= "abort";
    controller.abort(userSignal?.reason);
  };
  if (userSignal?.aborted) onAbort();
  else userSignal?.addEventListener("abort", onAbort, { once: true });
  const timer: ReturnType<typeof setTimeout> | undefined =
    timeoutMs > 0
      ? setTimeout(() => {
          endedBy ??= "timeout";
          controller.abort();
        }, timeoutMs)
      : undefined;
  const stopTimer = (): void => clearTimeout(timer);
  return {
    signal: controller.signal,
    get endedBy() {
      return endedBy;
    },
    stopTimer,
    end() {
      stopTimer();
      userSignal?.removeEventListener("abort", onAbort);
    },
  };
}

/** Maps a failure to the client's errors: our own pass through, else time-out, abort or network. */
function toClientError(error: unknown, call: Call): ClientError {
  if (error instanceof ClientError) return error;
  const { method, url } = call;
  switch (call.lifetime.endedBy) {
    case "timeout":
      return new TimeoutError({ method, url, timeoutMs: call.timeoutMs, cause: error });
    case "abort":
      return new AbortError({ method, url, cause: call.userSignal?.reason });
    default:
      return new NetworkError({ method, url, cause: error });
  }
}

// ---------------------------------------------------------------------------------------------
// Response

async function readBody(response: Response, spec: RequestSpec, call: Call): Promise<unknown> {
  switch (spec.responseType) {
    case "sse":
      return eventStream(response, call);
    case "void":
      await response.body?.cancel();
      return undefined;
    case "text":
      return response.text();
    case "blob":
      return response.blob();
    case "json": {
      const text = await response.text();
      if (text === "") return undefined;
      try {
        return parseJson(text, spec.int64);
      } catch (error) {
        throw new ClientError(`Invalid JSON in the ${response.status} response to ${call.method} ${call.url}`, { cause: error });
      }
    }
  }
}

/** Reads an error response into an `ApiError`: JSON when the content type says so (else text). */
async function apiError(response: Response, call: Call): Promise<ApiError> {
  const text = await response.text();
  return new ApiError({
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    method: call.method,
    url: call.url,
    body: text === "" ? undefined : parseIfJson(text, response.headers.get("content-type")),
  });
}

function parseIfJson(text: string, contentType: string | null): unknown {
  const mediaType = (contentType ?? "").split(";")[0]?.trim() ?? "";
  if (!/(?:^|[/+])json$/i.test(mediaType)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The events of a `text/event-stream` response; read errors become client errors. */
async function* eventStream(response: Response, call: Call): AsyncGenerator<ServerSentEvent, void, undefined> {
  try {
    if (response.body) yield* parseServerSentEvents(response.body);
  } catch (error) {
    throw toClientError(error, call);
  } finally {
    call.lifetime.end();
  }
}
