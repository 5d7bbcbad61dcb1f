/**
 * The runtime's generic `poll` (templates/runtime/poll.ts) without a server: the wait it chooses
 * (interval, hint header, default), a status read by name or function, the time-out error, an
 * abort, an error from a check, and `valueAt`.
 */
import { describe, expect, it } from "vitest";
import type { WithResponse } from "../../../templates/runtime/api-promise.js";
import { AbortError, ClientError } from "../../../templates/runtime/errors.js";
import {
  DEFAULT_POLL_INTERVAL_MS,
  type PollClock,
  PollTimeoutError,
  poll,
  pollDelayMs,
  valueAt,
} from "../../../templates/runtime/poll.js";

interface Job {
  state: string;
  n: number;
}

/** A check that answers the states in order (the last repeats), each with the given headers. */
function checks(states: string[], headers: Record<string, string>[] = []) {
  const seen: { signal: AbortSignal | undefined }[] = [];
  let n = 0;
  const check = async (options: { signal?: AbortSignal | undefined }): Promise<WithResponse<Job>> => {
    seen.push({ signal: options.signal });
    const i = Math.min(n, states.length - 1);
    n++;
    const response = new Response(null, { headers: headers[i] ?? {} });
    return { data: { state: states[i] as string, n: i }, response, requestId: undefined };
  };
  return { check, seen, count: () => n };
}

function fakeClock(): PollClock & { waits: number[] } {
  let time = 0;
  const waits: number[] = [];
  return {
    waits,
    now: () => time,
    sleep: async (ms) => {
      waits.push(ms);
      time += ms;
    },
  };
}

describe("pollDelayMs", () => {
  const hint = (value: string | undefined, intervalMs?: number) =>
    pollDelayMs(new Headers(value === undefined ? {} : { "retry-poll-ms": value }), {
      hintHeader: "retry-poll-ms",
      intervalMs,
    });
  it.each([
    ["a whole number of ms", "250", undefined, 250],
    ["zero", "0", undefined, 0],
    ["with spaces", " 40 ", undefined, 40],
    ["no header", undefined, undefined, DEFAULT_POLL_INTERVAL_MS],
    ["a negative number", "-5", undefined, DEFAULT_POLL_INTERVAL_MS],
    ["a fraction", "1.5", undefined, DEFAULT_POLL_INTERVAL_MS],
    ["text", "soon", undefined, DEFAULT_POLL_INTERVAL_MS],
    ["an explicit interval over a hint", "250", 7, 7],
    ["a negative explicit interval", undefined, -1, 0],
  ] as const)("%s", (_name, value, intervalMs, expected) => {
    expect(hint(value, intervalMs)).toBe(expected);
  });

  it("ignores headers when no hint header is named", () => {
    expect(pollDelayMs(new Headers({ "retry-poll-ms": "5" }), {})).toBe(DEFAULT_POLL_INTERVAL_MS);
  });
});

describe("poll", () => {
  it("checks until the status leaves pending, waiting the hint", async () => {
    const { check, count } = checks(["queued", "running", "done"], [{ "x-wait": "30" }, {}]);
    const clock = fakeClock();
    const job = await poll(check, { status: "state", pending: ["queued", "running"], hintHeader: "x-wait", clock });
    expect(job).toEqual({ state: "done", n: 2 });
    expect(count()).toBe(3);
    expect(clock.waits).toEqual([30, DEFAULT_POLL_INTERVAL_MS]);
  });

  it("reads the status with a function, and passes the signal and request options on", async () => {
    const { check, seen } = checks(["a", "b"]);
    const controller = new AbortController();
    const job = await poll(check, {
      status: (value: Job) => value.n,
      pending: [0],
      signal: controller.signal,
      clock: fakeClock(),
    });
    expect(job.n).toBe(1);
    expect(seen.map((s) => s.signal)).toEqual([controller.signal, controller.signal]);
  });

  it("throws PollTimeoutError (a ClientError) with the last value", async () => {
    const { check } = checks(["queued", "running"]);
    const error = await poll(check, {
      status: "state",
      pending: ["queued", "running"],
      intervalMs: 10,
      timeoutMs: 25,
      clock: fakeClock(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PollTimeoutError);
    expect(error).toBeInstanceOf(ClientError);
    expect(error).toMatchObject({ lastStatus: "running", timeoutMs: 25, last: { state: "running", n: 1 } });
    expect((error as Error).name).toBe("PollTimeoutError");
  });

  it("a time-out of 0 never gives up", async () => {
    const { check } = checks(["queued", "queued", "queued", "done"]);
    const job = await poll(check, { status: "state", pending: ["queued"], timeoutMs: 0, clock: fakeClock() });
    expect(job.state).toBe("done");
  });

  it("an aborted signal before a wait is an AbortError naming the method and the URL without its query", async () => {
    const controller = new AbortController();
    const check = async (): Promise<WithResponse<Job>> => {
      const response = new Response(null);
      Object.defineProperty(response, "url", { value: "https://api.test/jobs/1?api_key=secret#x" });
      controller.abort("stop");
      return { data: { state: "queued", n: 0 }, response, requestId: undefined };
    };
    const clock = fakeClock();
    const error = await poll(check, {
      status: "state",
      pending: ["queued"],
      signal: controller.signal,
      clock,
      method: "POST",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ method: "POST", url: "https://api.test/jobs/1", cause: "stop" });
    expect(clock.waits).toEqual([]);
  });

  it("the real clock's wait ends at once when the signal aborts", async () => {
    const { check } = checks(["queued"]);
    const controller = new AbortController();
    const pending = poll(check, {
      status: "state",
      pending: ["queued"],
      intervalMs: 3_600_000,
      signal: controller.signal,
    });
    setImmediate(() => controller.abort());
    await expect(pending).rejects.toBeInstanceOf(AbortError);
  });

  it("an error from a check or from the clock passes through", async () => {
    const failing = async (): Promise<WithResponse<Job>> => {
      throw new TypeError("boom");
    };
    await expect(poll(failing, { status: "state", pending: [] })).rejects.toThrow("boom");
    const { check } = checks(["queued"]);
    const clock: PollClock = { now: () => 0, sleep: () => Promise.reject(new RangeError("clock broke")) };
    await expect(poll(check, { status: "state", pending: ["queued"], clock })).rejects.toBeInstanceOf(RangeError);
  });
});

describe("valueAt", () => {
  it.each([
    [{ a: { b: [1, 2] } }, ["a", "b", "1"], 2],
    [{ a: 1 }, [], { a: 1 }],
    [{ a: 1 }, ["b"], undefined],
    [{ a: null }, ["a", "b"], undefined],
    [undefined, ["a"], undefined],
    ["text", ["length"], undefined],
    [{}, ["constructor"], undefined],
    [{}, ["__proto__"], undefined],
  ] as const)("valueAt(%j, %j)", (root, path, expected) => {
    expect(valueAt(root, path)).toEqual(expected);
  });
});
