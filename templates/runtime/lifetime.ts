import type { HttpMethod } from "./client.js";
import { AbortError, ClientError, NetworkError, TimeoutError } from "./errors.js";
import type { Redact } from "./redact.js";

/**
 * A try's time-out: an `AbortController` aborted by its timer or by the caller's signal. A class,
 * not an object literal with a getter, which costs V8 about as much as the controller itself; its
 * fields are `declare`d and set once in the constructor (a class field would be defined as
 * `undefined` first, on every call).
 */
export class Lifetime {
  /** The signal the fetch and the body read listen to. */
  declare readonly signal: AbortSignal;
  /** Whether the timer fired. */
  declare timedOut: boolean;
  declare private readonly controller: AbortController;
  declare private readonly timer: ReturnType<typeof setTimeout>;
  declare private readonly userSignal: AbortSignal | undefined;
  declare private readonly onAbort: (() => void) | undefined;

  constructor(userSignal: AbortSignal | undefined, timeoutMs: number) {
    const controller = new AbortController();
    this.signal = controller.signal;
    this.timedOut = false;
    this.controller = controller;
    this.userSignal = userSignal;
    const onAbort = userSignal && ((): void => controller.abort(userSignal.reason));
    this.onAbort = onAbort;
    if (onAbort) {
      if (userSignal.aborted) onAbort();
      else userSignal.addEventListener("abort", onAbort, { once: true });
    }
    this.timer = setTimeout(timeUp, timeoutMs, this);
  }

  /** Stops the timer; the caller's signal still applies (used once an event stream starts). */
  stopTimer(): void {
    clearTimeout(this.timer);
  }

  /** Stops the timer and detaches from the caller's signal. */
  end(): void {
    clearTimeout(this.timer);
    // `onAbort` is set whenever `userSignal` is.
    this.userSignal?.removeEventListener("abort", this.onAbort as () => void);
  }

  /** Aborts as the timer does. */
  expire(): void {
    this.timedOut = true;
    this.controller.abort();
  }
}

function timeUp(lifetime: Lifetime): void {
  lifetime.expire();
}

/** Where a call stands: what it was sent to, and what can end it. */
export interface Call {
  /** The HTTP method. */
  readonly method: HttpMethod;
  /** The full URL, query included; errors redact it (`redact`). */
  readonly url: string;
  /** Removes the call's credentials from error messages and causes. */
  readonly redact: Redact;
  /** The client's `requestIdHeader`, if it names one. */
  readonly requestIdHeader: string | undefined;
  /** The time-out of the whole call in milliseconds, `0` for none. */
  readonly timeoutMs: number;
  /** The caller's signal, if any. */
  readonly userSignal: AbortSignal | undefined;
  /** The try's time-out, when the call has one; without a time-out the fetch gets the caller's signal itself. */
  lifetime: Lifetime | undefined;
  /** Set by a reader that keeps reading after it returns (an event stream): it ends the lifetime itself. */
  streaming: boolean;
}

/**
 * Starts a try's time-out of `timeoutMs` (`0` or less: none, and then no controller or timer is
 * made at all), linked to the caller's signal.
 */
export function startLifetime(userSignal: AbortSignal | undefined, timeoutMs: number): Lifetime | undefined {
  return timeoutMs > 0 ? new Lifetime(userSignal, timeoutMs) : undefined;
}

/** Maps a failure to the client's errors: our own pass through, else abort, time-out or network. */
export function toClientError(error: unknown, call: Call): ClientError {
  if (error instanceof ClientError) return error;
  const { method, url, redact, timeoutMs, userSignal } = call;
  const init = { method, url, redact, timeoutMs, cause: error };
  if (call.lifetime?.timedOut) return new TimeoutError(init);
  if (userSignal?.aborted) return new AbortError({ ...init, cause: userSignal.reason });
  return new NetworkError(init);
}
