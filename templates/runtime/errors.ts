import { identity, type Redact, redactCause, redactDeep } from "./redact.js";

/** What every request error knows about the request that failed. */
export interface RequestErrorInit {
  /** The HTTP method, upper case. */
  method: string;
  /** The full URL the request was sent to. */
  url: string;
  /** The underlying error, if any. */
  cause?: unknown;
  /** Removes the request's credentials from the message, the URL and the cause. */
  redact?: Redact | undefined;
}

/** Where an error lists the kinds it is (its class's and its ancestors' `kind`); the same key in every client. */
const KINDS = Symbol.for("codegen.error.kinds");

/**
 * The base class of every error the client throws for a request: catch this to handle them all.
 * Usage errors (a missing path parameter, an unusable body) are thrown as `TypeError` instead.
 *
 * `instanceof` recognises errors by kind, not by class identity, so `error instanceof ApiError`
 * also holds for an `ApiError` thrown by another client generated into another folder.
 */
export class ClientError extends Error {
  /** The kind `instanceof` checks for; every error class of the runtime declares its own. */
  static readonly kind: string = "ClientError";

  static override [Symbol.hasInstance](value: unknown): boolean {
    const kinds = (value as { [KINDS]?: unknown } | null | undefined)?.[KINDS];
    // A class without its own kind (a caller's subclass) and foreign objects get the ordinary check.
    return Object.hasOwn(this, "kind") && Array.isArray(kinds)
      ? kinds.includes((this as unknown as { kind: string }).kind)
      : super[Symbol.hasInstance](value);
  }

  /**
   * The class's `kind` (`ApiError`, `NotFoundError`, …), set once here rather than by every class.
   * Fields of the error classes are `declare`d and set in their constructors: a class field would
   * be emitted as a definition (bytes in every bundle) that the constructor then overwrites.
   */
  declare readonly name: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    // The `kind` of the class and of each ancestor that declares one.
    const kinds: string[] = [];
    for (let current: unknown = new.target; current !== Error; current = Object.getPrototypeOf(current)) {
      if (Object.hasOwn(current as object, "kind")) kinds.push((current as { kind: string }).kind);
    }
    this.name = (new.target as unknown as { kind: string }).kind;
    // Keeps `instanceof` working when the client is compiled to ES5.
    Object.setPrototypeOf(this, new.target.prototype);
    Object.defineProperty(this, KINDS, { value: kinds });
  }
}

/** An error of one request: it knows the method and URL. The base of the four below. */
export class RequestError extends ClientError {
  static override readonly kind: string = "RequestError";
  /** The HTTP method of the request, upper case. */
  declare readonly method: string;
  /** The full URL of the request. */
  declare readonly url: string;

  constructor(message: string, init: RequestErrorInit) {
    const redact = init.redact ?? identity;
    super(redact(message), { cause: redactCause(init.cause, redact) });
    this.method = init.method;
    this.url = redact(init.url);
  }
}

/** What every error about a response that arrived knows. */
export interface ResponseInfo {
  /** The HTTP status code. */
  status: number;
  /** The response headers. */
  headers: Headers;
  /** The request id the server gave (`x-request-id`, `request-id` or the client's `requestIdHeader`), for support tickets and logs. */
  requestId?: string | undefined;
}

/**
 * A successful response whose body could not be read as the operation promises: empty where the
 * spec declares a body, or not valid JSON. `cause` is the parse error.
 */
export class ResponseBodyError extends RequestError {
  static override readonly kind: string = "ResponseBodyError";
  /** The HTTP status code. */
  declare readonly status: number;
  /** The response headers. */
  declare readonly headers: Headers;
  /** The server's request id, if it sent one. */
  declare readonly requestId: string | undefined;

  constructor(problem: string, init: RequestErrorInit & ResponseInfo) {
    super(`${problem} in the ${init.status} response to ${requestLine(init)}${requestIdSuffix(init.requestId)}`, init);
    this.status = init.status;
    this.headers = init.headers;
    this.requestId = init.requestId;
  }
}

/** What the client read from an error response. */
export interface ApiErrorInit<TBody> extends RequestErrorInit {
  /** The HTTP status code. */
  status: number;
  /** The HTTP status text (empty over HTTP/2). */
  statusText: string;
  /** The response headers. */
  headers: Headers;
  /** The response body: parsed when it is JSON, the text otherwise, `undefined` when empty. */
  body: TBody;
  /** The server's request id, if it sent one. */
  requestId?: string | undefined;
}

/**
 * The server answered with a status outside 2xx. `TBody` is the operation's documented error body;
 * it is parsed when the response says it is JSON and is otherwise the text.
 *
 * @example
 * try {
 *   await getAssistant(client, { path: { assistant_id: "asst_123" } });
 * } catch (error) {
 *   if (error instanceof ApiError && error.status === 404) return undefined;
 *   throw error;
 * }
 */
export class ApiError<TBody = unknown> extends RequestError {
  static override readonly kind: string = "ApiError";
  /** The HTTP status code. */
  declare readonly status: number;
  /** The HTTP status text (empty over HTTP/2). */
  declare readonly statusText: string;
  /** The response headers. */
  declare readonly headers: Headers;
  /** The response body: parsed when it is JSON, the text otherwise, `undefined` when empty. */
  declare readonly body: TBody;
  /** The server's request id (`x-request-id`, `request-id` or the client's `requestIdHeader`), if it sent one. */
  declare readonly requestId: string | undefined;

  constructor(init: ApiErrorInit<TBody>) {
    super(`${apiErrorMessage(init.status, init.statusText, init.body)}${requestIdSuffix(init.requestId)}`, init);
    this.status = init.status;
    this.statusText = init.statusText;
    this.headers = init.headers;
    this.body = redactDeep(init.body, init.redact ?? identity);
    this.requestId = init.requestId;
  }
}

/** 400: the request was malformed or invalid. */
export class BadRequestError<TBody = unknown> extends ApiError<TBody> {
  static override readonly kind: string = "BadRequestError";
}

/** 401: the credentials are missing, wrong or expired. */
export class AuthenticationError<TBody = unknown> extends ApiError<TBody> {
  static override readonly kind: string = "AuthenticationError";
}

/** 403: the credentials do not allow this request. */
export class PermissionDeniedError<TBody = unknown> extends ApiError<TBody> {
  static override readonly kind: string = "PermissionDeniedError";
}

/** 404: the resource does not exist. */
export class NotFoundError<TBody = unknown> extends ApiError<TBody> {
  static override readonly kind: string = "NotFoundError";
}

/** 409: the request conflicts with the resource's state or with another request in progress. */
export class ConflictError<TBody = unknown> extends ApiError<TBody> {
  static override readonly kind: string = "ConflictError";
}

/** 422: the request was well-formed but its content was refused. */
export class UnprocessableEntityError<TBody = unknown> extends ApiError<TBody> {
  static override readonly kind: string = "UnprocessableEntityError";
}

/** 429: too many requests; the client already retried as far as `maxRetries` and the time-out allowed. */
export class RateLimitError<TBody = unknown> extends ApiError<TBody> {
  static override readonly kind: string = "RateLimitError";
}

/** 500 and above: the server failed. */
export class InternalServerError<TBody = unknown> extends ApiError<TBody> {
  static override readonly kind: string = "InternalServerError";
}

/** The class of an error answer by status; other statuses are plain `ApiError`s. */
const API_ERRORS: Readonly<Record<number, typeof ApiError>> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** The `ApiError` (or its subclass for the status) of an error answer. */
export function apiErrorFor<TBody>(init: ApiErrorInit<TBody>): ApiError<TBody> {
  return new (init.status >= 500 ? InternalServerError : (API_ERRORS[init.status] ?? ApiError))(
    init,
  ) as ApiError<TBody>;
}

/** The request never got a response: DNS failure, refused or reset connection, TLS error, … */
export class NetworkError extends RequestError {
  static override readonly kind: string = "NetworkError";

  constructor(init: RequestErrorInit) {
    super(`Network error on ${requestLine(init)}: ${describeCause(init.cause)}`, init);
  }
}

/** The request, including reading its response body, took longer than its time-out. */
export class TimeoutError extends RequestError {
  static override readonly kind: string = "TimeoutError";
  /** The time-out that expired, in milliseconds. */
  declare readonly timeoutMs: number;

  constructor(init: RequestErrorInit & { timeoutMs: number }) {
    super(`${requestLine(init)} timed out after ${init.timeoutMs} ms`, init);
    this.timeoutMs = init.timeoutMs;
  }
}

/** The caller's `AbortSignal` aborted the request; `cause` is the signal's reason. */
export class AbortError extends RequestError {
  static override readonly kind: string = "AbortError";

  constructor(init: RequestErrorInit) {
    super(`${requestLine(init)} was aborted`, init);
  }
}

/** The longest error body text quoted in an `ApiError` message. */
const MAX_MESSAGE_BODY = 300;

/** `404 Not Found: <the server's message>`, quoting the body when it has no message field. */
function apiErrorMessage(status: number, statusText: string, body: unknown): string {
  const head = statusText ? `${status} ${statusText}` : String(status);
  const detail = bodyMessage(body);
  return detail
    ? `${head}: ${detail.length > MAX_MESSAGE_BODY ? `${detail.slice(0, MAX_MESSAGE_BODY)}…` : detail}`
    : head;
}

/** The human-readable message of an error body: `error.message`, `message`, `error` or `detail`. */
function bodyMessage(body: unknown): string | undefined {
  if (body === undefined || body === null || body === "") return undefined;
  if (typeof body !== "object") return String(body);
  const { error, message, detail } = body as Record<string, unknown>;
  for (const candidate of [(error as { message?: unknown } | null | undefined)?.message, message, error, detail]) {
    if (typeof candidate === "string" && candidate !== "") return candidate;
  }
  return JSON.stringify(body);
}

/** `GET https://api.example.com/v1/things`: the request as error messages name it. */
export function requestLine(init: { readonly method: string; readonly url: string }): string {
  return `${init.method} ${init.url}`;
}

/** ` (request id req_123)`, or nothing without one. */
function requestIdSuffix(requestId: string | undefined): string {
  return requestId ? ` (request id ${requestId})` : "";
}

/** The messages of an error and its causes, e.g. `fetch failed (connect ECONNREFUSED 127.0.0.1:80)`. */
function describeCause(cause: unknown): string {
  const messages: string[] = [];
  for (let current = cause, depth = 0; current !== undefined && depth < 4; depth++) {
    messages.push(current instanceof Error ? current.message : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  const [first = "request failed", ...rest] = messages;
  return rest.length > 0 ? `${first} (${rest.join(": ")})` : first;
}
