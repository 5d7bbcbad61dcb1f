import type { HttpMethod } from "./client.js";
import type { Redact } from "./redact.js";

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
  /** Replaces this try's credentials in a text with `[REDACTED]`: use it on whatever you log. */
  readonly redact: Redact;
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
 * the next try, `onFailure` when the call gives up. Hooks may be async; the call waits for them,
 * and an error a hook throws ends the call.
 */
export interface Hooks {
  /** Before each try is sent, after the credentials are applied: change `headers` to sign or trace. */
  onRequest?: ((context: HookContext) => void | Promise<void>) | undefined;
  /** After each response arrives (redirects followed), before its body is read. */
  onResponse?: ((context: ResponseHookContext) => void | Promise<void>) | undefined;
  /**
   * After a try fails. Return `"retry"` to try again even where the client would not (for example
   * after refreshing a token on a 401: credentials are resolved again for every try), within
   * `maxRetries` and the time-out of the client's retry policy (without one, a call is one try).
   */
  onError?: ((context: ErrorHookContext) => void | "retry" | Promise<void | "retry">) | undefined;
  /** Before the wait for another try. */
  onRetry?: ((context: RetryHookContext) => void | Promise<void>) | undefined;
  /** After the last try failed, before the call throws `error`. */
  onFailure?: ((context: ErrorHookContext) => void | Promise<void>) | undefined;
}
