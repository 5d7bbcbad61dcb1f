import type { HttpMethod } from "./client.js";
import { AbortError, ClientError, NetworkError, TimeoutError } from "./errors.js";
import type { Redact } from "./redact.js";

/** One `AbortController` per call, aborted by the caller's signal or the timer. */
export interface Lifetime {
  /** The signal the fetch and the body read listen to. */
  readonly signal: AbortSignal;
  /** What ended the call early, if anything did. */
  readonly endedBy: "timeout" | "abort" | undefined;
  /** Stops the timer; the caller's signal still applies (used once an event stream starts). */
  stopTimer(): void;
  /** Stops the timer and detaches from the caller's signal. */
  end(): void;
}

/** Where a call stands: what it was sent to, and the signal that ends it. */
export interface Call {
  /** The HTTP method. */
  readonly method: HttpMethod;
  /** The full URL, query included, credentials redacted. */
  readonly url: string;
  /** Removes the call's credentials from error messages and causes. */
  readonly redact: Redact;
  /** The client's `requestIdHeader`, if it names one. */
  readonly requestIdHeader: string | undefined;
  /** The time-out of the whole call in milliseconds, `0` for none. */
  readonly timeoutMs: number;
  /** The caller's signal, if any. */
  readonly userSignal: AbortSignal | undefined;
  /** The caller's signal and the time-out, combined. */
  readonly lifetime: Lifetime;
}

/** Starts a try's lifetime: its timer (`timeoutMs`, unless `timed` is false) and a link to the caller's signal. */
export function startLifetime(userSignal: AbortSignal | undefined, timeoutMs: number, timed = timeoutMs > 0): Lifetime {
  const controller = new AbortController();
  let endedBy: Lifetime["endedBy"];
  const onAbort = (): void => {
    endedBy ??= "abort";
    controller.abort(userSignal?.reason);
  };
  if (userSignal?.aborted) onAbort();
  else userSignal?.addEventListener("abort", onAbort, { once: true });
  const timer: ReturnType<typeof setTimeout> | undefined = timed
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
export function toClientError(error: unknown, call: Call): ClientError {
  if (error instanceof ClientError) return error;
  const { method, url, redact } = call;
  switch (call.lifetime.endedBy) {
    case "timeout":
      return new TimeoutError({ method, url, timeoutMs: call.timeoutMs, cause: error, redact });
    case "abort":
      return new AbortError({ method, url, cause: call.userSignal?.reason, redact });
    default:
      return new NetworkError({ method, url, cause: error, redact });
  }
}
