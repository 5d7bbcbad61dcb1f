import type { HttpMethod } from "./client.js";
import { AbortError, ApiError, NetworkError, TimeoutError } from "./errors.js";

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
