import type { WithResponse } from "./api-promise.js";
import type { RequestOptions } from "./client.js";
import { AbortError, ClientError } from "./errors.js";

/** The wait between checks when neither the caller nor the server chooses one, in milliseconds. */
export const DEFAULT_POLL_INTERVAL_MS = 1000;

/** The time source of a poll: the real one by default; tests and schedulers may pass their own. */
export interface PollClock {
  /** The current time in milliseconds. */
  now(): number;
  /** Resolves after `ms` milliseconds; rejects (with anything) as soon as `signal` aborts. */
  sleep(ms: number, signal: AbortSignal | undefined): Promise<void>;
}

/** How a poll waits and when it gives up. */
export interface PollOptions {
  /**
   * The wait between checks in milliseconds. Set, it wins over the server's hint; else the hint
   * header's value, else {@link DEFAULT_POLL_INTERVAL_MS}.
   */
  intervalMs?: number | undefined;
  /**
   * Give up with a {@link PollTimeoutError} once the next check would come later than this many
   * milliseconds after the first; `0` or unset for never. Each request keeps its own time-out.
   */
  timeoutMs?: number | undefined;
  /** Aborts the requests and the waits between them with an {@link AbortError}. */
  signal?: AbortSignal | undefined;
  /** Options of every request of the poll (headers, retries, each request's time-out); `signal` is the poll's. */
  requestOptions?: Omit<RequestOptions, "signal"> | undefined;
  /** Where time comes from (default: `Date.now` and `setTimeout`). */
  clock?: PollClock | undefined;
}

/** What a poll checks, and how it tells "not yet" from "done". */
export interface PollSettings<T> extends PollOptions {
  /** The value's status: the name of a property of the response body, or a function reading it. */
  status: string | ((value: T) => unknown);
  /** The statuses that mean "not yet": the poll returns the first value whose status is none of them. */
  pending: readonly unknown[];
  /** The response header in which the server suggests the wait before the next check, in milliseconds. */
  hintHeader?: string | undefined;
  /** The HTTP method of a check, for the {@link AbortError} of an abort between checks (default `GET`). */
  method?: string | undefined;
}

/** A poll gave up: its `timeoutMs` would pass before the next check. */
export class PollTimeoutError<T = unknown> extends ClientError {
  static override readonly kind: string = "PollTimeoutError";
  override readonly name: string = "PollTimeoutError";
  /** The time-out that passed, in milliseconds. */
  readonly timeoutMs: number;
  /** The status of the last value checked. */
  readonly lastStatus: unknown;
  /** The last value checked (the response body). */
  readonly last: T;

  constructor(init: { timeoutMs: number; lastStatus: unknown; last: T }) {
    super(`Polling timed out after ${init.timeoutMs} ms; the last status was ${describe(init.lastStatus)}`);
    this.timeoutMs = init.timeoutMs;
    this.lastStatus = init.lastStatus;
    this.last = init.last;
  }
}

/**
 * Checks until the status leaves `pending`, then returns that value. `check` makes one request with
 * the options it is given (pass them on: they carry the poll's signal) and returns it with its
 * response, e.g. `(options) => getRun(client, params, options).withResponse()`. Between checks it
 * waits `intervalMs`, else the server's hint (`hintHeader`), else {@link DEFAULT_POLL_INTERVAL_MS}.
 *
 * @throws {PollTimeoutError} when `timeoutMs` would pass before the next check.
 * @throws {AbortError} when `signal` aborts, during a request or a wait.
 * @throws {ApiError} (and the other request errors) when a check fails.
 *
 * @example
 * const run = await poll((options) => getRun(client, params, options).withResponse(), {
 *   status: "status",
 *   pending: ["queued", "in_progress", "cancelling"],
 *   hintHeader: "openai-poll-after-ms",
 *   timeoutMs: 120_000,
 * });
 */
export async function poll<T>(
  check: (options: RequestOptions) => PromiseLike<WithResponse<T>>,
  settings: PollSettings<T>,
): Promise<T> {
  const clock = settings.clock ?? realClock;
  const { signal } = settings;
  const requestOptions: RequestOptions = { ...settings.requestOptions, signal };
  const started = clock.now();
  for (;;) {
    const { data, response } = await check(requestOptions);
    const status = statusOf(data, settings.status);
    if (!settings.pending.includes(status)) return data;
    const wait = pollDelayMs(response.headers, settings);
    const timeoutMs = settings.timeoutMs ?? 0;
    if (timeoutMs > 0 && clock.now() - started + wait > timeoutMs) {
      throw new PollTimeoutError({ timeoutMs, lastStatus: status, last: data });
    }
    try {
      if (signal?.aborted) throw signal.reason;
      await clock.sleep(wait, signal);
    } catch (error) {
      if (!signal?.aborted) throw error;
      throw new AbortError({ method: settings.method ?? "GET", url: withoutQuery(response.url), cause: signal.reason });
    }
  }
}

/**
 * The wait before the next check: `intervalMs` when set, else the hint header's whole number of
 * milliseconds (a missing, negative or non-numeric hint is ignored), else the default.
 */
export function pollDelayMs(
  headers: Headers,
  settings: { intervalMs?: number | undefined; hintHeader?: string | undefined },
): number {
  if (settings.intervalMs !== undefined) return Math.max(0, settings.intervalMs);
  const hint = settings.hintHeader === undefined ? null : headers.get(settings.hintHeader);
  if (hint !== null && /^\s*\d+\s*$/.test(hint)) return Number(hint);
  return DEFAULT_POLL_INTERVAL_MS;
}

/**
 * The value at `path` below `root` (object keys and array indexes), `undefined` where it is
 * missing. Generated `...AndPoll` functions read the values they pass on with it; its type `T` is
 * the caller's word (they are the spec's: what the extension maps a parameter to), and a missing
 * required value fails when the request is built.
 */
export function valueAt<T = unknown>(root: unknown, path: readonly string[]): T {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, key)) return undefined as T;
    current = (current as Record<string, unknown>)[key];
  }
  return current as T;
}

function statusOf<T>(value: T, status: PollSettings<T>["status"]): unknown {
  return typeof status === "function" ? status(value) : valueAt(value, [status]);
}

function describe(status: unknown): string {
  return typeof status === "string" ? JSON.stringify(status) : String(status);
}

/** A URL without its query and fragment (which may carry credentials). */
function withoutQuery(url: string): string {
  return url.replace(/[?#][\s\S]*$/, "");
}

const realClock: PollClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};
