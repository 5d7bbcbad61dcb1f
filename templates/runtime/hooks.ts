import type { HttpMethod } from "./client.js";
import { REDACTED, type Redact } from "./redact.js";

/** What every hook learns about the try of a request it is called for. */
export interface HookContext {
  /** The HTTP method. */
  readonly method: HttpMethod;
  /** The URL as sent, query included (with an API key, if the spec puts it in the query). */
  readonly url: string;
  /** Which try of the call this is, from 1. */
  readonly attempt: number;
  /** The request headers, credentials included; `onRequest` may change them (signing, tracing). */
  readonly headers: Headers;
}

/** `onResponse`: a response arrived (any status), before its body is read. */
export interface ResponseHookContext extends HookContext {
  readonly response: Response;
  /** The server's request id, if it sent one. */
  readonly requestId: string | undefined;
}

/** `onError`: the try failed (an error answer, a network error, a time-out). */
export interface ErrorHookContext extends HookContext {
  /** The error the call will throw unless it is tried again. */
  readonly error: unknown;
}

/** `onRetry`: the call will be tried again after `delayMs`. */
export interface RetryHookContext extends ErrorHookContext {
  /** The wait before the next try, in milliseconds. */
  readonly delayMs: number;
}

/**
 * Functions the client calls around each try of a request, in this order: `onRequest`, then
 * `onResponse` when a response arrives, `onError` when the try fails, `onRetry` before the wait for
 * the next try. Hooks may be async; the call waits for them, and an error a hook throws ends the call.
 */
export interface Hooks {
  /** Before each try is sent, after the credentials are applied: change `headers` to sign or trace. */
  onRequest?: ((context: HookContext) => void | Promise<void>) | undefined;
  /** After each response arrives (redirects followed), before its body is read. */
  onResponse?: ((context: ResponseHookContext) => void | Promise<void>) | undefined;
  /**
   * After a try fails. Return `"retry"` to try again even where the client would not (for example
   * after refreshing a token on a 401: credentials are resolved again for every try), within
   * `maxRetries` and the time-out.
   */
  onError?: ((context: ErrorHookContext) => void | "retry" | Promise<void | "retry">) | undefined;
  /** Before the wait for another try. */
  onRetry?: ((context: RetryHookContext) => void | Promise<void>) | undefined;
}

/** Log levels, most verbose first. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "off";

/** Where the client logs: `console` fits, as do most logging libraries. */
export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

const LEVELS: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3, off: 4 };

/** Headers whose values are never logged, besides the ones that carried credentials. */
const SECRET_HEADERS = ["authorization", "proxy-authorization", "cookie", "set-cookie"];

/**
 * Writes one line per event at its level, if the level is enabled: `debug` each request with its
 * headers, `info` each response, `warn` each retry, `error` each failure that ends a call. Every
 * line goes through `redact`, and credential headers are shown as `[REDACTED]`.
 */
export function logLine(
  logger: Logger | undefined,
  threshold: LogLevel | undefined,
  level: Exclude<LogLevel, "off">,
  message: string,
  redact: Redact,
): void {
  if (!logger || LEVELS[level] < LEVELS[threshold ?? "info"]) return;
  logger[level](redact(message));
}

/** `name: value` lines of the headers, credentials and the names in `secret` shown as `[REDACTED]`. */
export function describeHeaders(headers: Headers, secret: readonly string[]): string {
  const hidden = new Set([...SECRET_HEADERS, ...secret.map((name) => name.toLowerCase())]);
  const lines: string[] = [];
  headers.forEach((value, name) => lines.push(`${name}: ${hidden.has(name) ? REDACTED : value}`));
  return lines.join(", ");
}
