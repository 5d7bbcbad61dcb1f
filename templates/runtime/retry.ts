/**
 * Retries: `createClient({ retry: retries() })`. Only a client created with a policy reaches this
 * module, so a bundle without retries leaves it out.
 */
import type { ClientOptions, HttpMethod, RequestOptions, RequestSpec } from "./client.js";
import { AbortError, ApiError, NetworkError, TimeoutError } from "./errors.js";

/** The number of retries of a failed request by default. */
export const DEFAULT_MAX_RETRIES = 2;

/** Options of {@link retries}. */
export interface RetryOptions {
  /** How often a failed request is tried again (default {@link DEFAULT_MAX_RETRIES}); a request's own `maxRetries` wins. */
  maxRetries?: number | undefined;
}

/** Where a call stands when a try failed, as the core tells the policy. */
export interface RetryState extends RetryContext {
  /** The number of the try that failed, from 1. */
  attempt: number;
  /** Whether an `onError` hook asked for another try. */
  forced: boolean;
  /** The request's own `maxRetries`, if it sets one. */
  maxRetries: number | undefined;
  /** When the call's time-out expires (`Date.now()` time), `Infinity` without one. */
  deadline: number;
  /** Whether the request body is a stream, which can be sent only once. */
  streamed: boolean;
}

/** What the request core asks of a retry policy. */
export interface RetryPolicy {
  /** The idempotency key of a call (see {@link ClientOptions.idempotencyHeader}), or `undefined` for none. */
  key(options: Readonly<ClientOptions>, spec: RequestSpec<unknown>, requestOptions: RequestOptions): string | undefined;
  /** The wait before another try, or `undefined` to give up and throw `error`. */
  delay(error: unknown, state: RetryState): number | undefined;
  /** Waits `ms`, or rejects with an `AbortError` as soon as `signal` aborts. */
  wait(ms: number, signal: AbortSignal | undefined, method: HttpMethod, url: string): Promise<void>;
}

/**
 * The standard retry policy. A request is tried again after a 408, 429, 502, 503 or 504 or a
 * connection that failed before sending; after a 409, another 5xx, a connection dropped after
 * sending or a time-out only idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS) and requests
 * with an idempotency key are. A `x-should-retry: true|false` answer header decides instead.
 * Waits back off exponentially with jitter, honouring `Retry-After` and `retry-after-ms` as long as
 * the call's time-out allows. Requests with a streamed body are never retried.
 *
 * @example
 * const client = createClient({ apiKey, retry: retries({ maxRetries: 3 }) });
 */
export function retries(options: RetryOptions = {}): RetryPolicy {
  return {
    key: idempotencyKeyOf,
    delay(error, state) {
      const max = state.streamed ? 0 : Math.max(0, state.maxRetries ?? options.maxRetries ?? DEFAULT_MAX_RETRIES);
      const retry = state.attempt - 1;
      if (retry >= max) return undefined;
      const computed = retryDelayMs(error, retry, Math.random, state);
      const delay = state.forced && !(error instanceof AbortError) ? (computed ?? 0) : computed;
      // A wait that would outlast the call's time-out is not worth starting.
      return delay === undefined || Date.now() + delay >= state.deadline ? undefined : delay;
    },
    wait: sleep,
  };
}

/** The header an idempotency key is read from and sent in when the client names none. */
const IDEMPOTENCY_HEADER = "Idempotency-Key";

/**
 * The idempotency key of a call: the caller's (the `idempotencyKey` option, or the header in the
 * request options or the operation's header parameters), else a new one for POST and PATCH when
 * the client names a header.
 */
function idempotencyKeyOf(
  options: Readonly<ClientOptions>,
  spec: RequestSpec<unknown>,
  requestOptions: RequestOptions,
): string | undefined {
  const header = (options.idempotencyHeader ?? IDEMPOTENCY_HEADER).toLowerCase();
  const given =
    requestOptions.idempotencyKey ??
    new Headers(requestOptions.headers).get(header) ??
    Object.entries(spec.headers ?? {}).find(
      ([name, value]) => name.toLowerCase() === header && value !== undefined,
    )?.[1];
  if (given !== undefined && given !== null) return String(given);
  return options.idempotencyHeader && !isIdempotent(spec.method) ? newIdempotencyKey() : undefined;
}

/** What the retry rule needs to know about the request besides the error. */
export interface RetryContext {
  /** The HTTP method. */
  method: HttpMethod;
  /** Whether the request carries an idempotency key, so the server processes a repeat only once. */
  hasIdempotencyKey: boolean;
}

/** Methods a server must treat as idempotent (RFC 9110, 9.2.2; QUERY, the safe method with a body that OpenAPI 3.2 names): repeating them is safe. */
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE", "QUERY"]);

/** Statuses that say the request was not processed: time-out, rate limit, bad gateway, unavailable, gateway time-out. */
const NOT_PROCESSED_STATUSES: ReadonlySet<number> = new Set([408, 429, 502, 503, 504]);

/** Error codes of a connection that failed before the request could be sent. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/**
 * Whether another try of a request that failed with `error` is safe and useful, or `undefined`
 * when the error says nothing about it.
 *
 * - The server's own `x-should-retry` (or `stripe-should-retry`, any `*-should-retry`) header wins.
 * - 408, 429, 502, 503, 504 and connections refused before sending: the request was not processed,
 *   so any method is tried again.
 * - 409, other 5xx, a connection dropped after sending, a time-out: the first try may have been
 *   processed, so only idempotent methods or requests with an idempotency key are tried again.
 * - Anything else (other 4xx, aborts, usage errors): never.
 */
export function shouldRetry(error: unknown, context: RetryContext): boolean {
  if (error instanceof ApiError) {
    const asked = serverSaysRetry(error.headers);
    if (asked !== undefined) return asked;
    if (NOT_PROCESSED_STATUSES.has(error.status)) return true;
    return maybeProcessedStatus(error.status) && safeToRepeat(context);
  }
  if (error instanceof NetworkError) return !wasSent(error.cause) || safeToRepeat(context);
  if (error instanceof TimeoutError) return safeToRepeat(context);
  return false;
}

/** 409 (a conflicting request in progress) and server errors that may clear up (not 501/505). */
function maybeProcessedStatus(status: number): boolean {
  return status === 409 || (status >= 500 && status !== 501 && status !== 505);
}

function safeToRepeat({ method, hasIdempotencyKey }: RetryContext): boolean {
  return hasIdempotencyKey || IDEMPOTENT_METHODS.has(method);
}

/** The answer of a `*-should-retry: true|false` response header, if the server sent one. */
function serverSaysRetry(headers: Headers): boolean | undefined {
  let said: boolean | undefined;
  // forEach, not for-of: Headers is iterable only with the DOM.Iterable lib.
  headers.forEach((value, name) => {
    if (said !== undefined || (name !== "should-retry" && !name.endsWith("-should-retry"))) return;
    const answer = value.trim().toLowerCase();
    if (answer === "true" || answer === "false") said = answer === "true";
  });
  return said;
}

/** Whether a network failure may have happened after the request was sent: unless its cause chain says otherwise, yes. */
function wasSent(cause: unknown): boolean {
  for (let current = cause, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && NOT_SENT_CODES.has(code)) return false;
    current = current instanceof Error ? current.cause : undefined;
  }
  return true;
}

/**
 * How long to wait before retry number `retry` (0-based) after `error`, or undefined when the
 * error is not worth another try. A server's `retry-after-ms` or `Retry-After` (seconds or an HTTP
 * date, up to a minute) wins; otherwise 0.5 s doubling up to 8 s, less up to 25% jitter. The
 * caller caps the wait by the time the call has left.
 */
export function retryDelayMs(
  error: unknown,
  retry: number,
  random: () => number = Math.random,
  context: RetryContext = { method: "GET", hasIdempotencyKey: false },
): number | undefined {
  if (!shouldRetry(error, context)) return undefined;
  if (error instanceof ApiError) {
    const asked = retryAfterMs(error.headers);
    if (asked !== undefined) return asked;
  }
  const backoff = Math.min(500 * 2 ** retry, 8_000);
  return Math.round(backoff * (1 - 0.25 * random()));
}

/** The wait a server asks for in `retry-after-ms` or `Retry-After`, capped at a minute. */
function retryAfterMs(headers: Headers): number | undefined {
  const ms = Number(headers.get("retry-after-ms") ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return Math.min(ms, 60_000);
  const value = headers.get("retry-after");
  if (value === null) return undefined;
  const seconds = Number(value);
  const wait = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
  return Number.isFinite(wait) ? Math.min(Math.max(0, wait), 60_000) : undefined;
}

/** Whether `method` is idempotent, so a repeat does no harm. */
export function isIdempotent(method: HttpMethod): boolean {
  return IDEMPOTENT_METHODS.has(method);
}

/** A random idempotency key (a UUID v4), from `crypto.randomUUID` where it exists. */
export function newIdempotencyKey(): string {
  const webCrypto = globalThis.crypto;
  if (typeof webCrypto?.randomUUID === "function") return webCrypto.randomUUID();
  const bytes = webCrypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Waits, or throws AbortError as soon as the caller's signal aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined, method: HttpMethod, url: string): Promise<void> {
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
