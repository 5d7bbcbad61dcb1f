// The SDK bench's pure helpers (scripts/lib/bench-sdk.mjs). The bench itself is a script, never a test.
import { describe, expect, it } from "vitest";
import {
  ASSISTANTS_PAGE,
  BATCH_WARMUP,
  derivedRatio,
  medianOf,
  pairedDifference,
  pairedRatio,
  parseSdkArgs,
  stubFetch,
  timeBatch,
  timePaired,
} from "../../scripts/lib/bench-sdk.mjs";

describe("parseSdkArgs", () => {
  it("has defaults", () => {
    expect(parseSdkArgs([])).toEqual({
      runs: 20,
      requests: 250,
      warmup: 500,
      concurrency: 8,
      ownCalls: 2000,
      sizeOnly: false,
      ownOnly: false,
      keep: false,
      client: undefined,
      help: false,
    });
  });

  it("reads every option, and accepts --sdk-only (forwarded by scripts/bench.mjs)", () => {
    expect(
      parseSdkArgs([
        "--sdk-only",
        "--runs",
        "3",
        "--requests",
        "400",
        "--warmup",
        "0",
        "--concurrency",
        "0",
        "--own-calls",
        "500",
        "--size-only",
        "--keep",
        "--client",
        "../other/generated/openai",
      ]),
    ).toEqual({
      runs: 3,
      requests: 400,
      warmup: 0,
      concurrency: 0,
      ownCalls: 500,
      sizeOnly: true,
      ownOnly: false,
      keep: true,
      client: "../other/generated/openai",
      help: false,
    });
    expect(parseSdkArgs(["-h"]).help).toBe(true);
    expect(parseSdkArgs(["--own-only"])).toMatchObject({ ownOnly: true, sizeOnly: false });
  });

  it.each([
    [["--runs", "0"], /--runs must be an integer of at least 1/],
    [["--requests", "1e3"], /--requests must be an integer/],
    [["--requests=-5"], /--requests must be an integer/],
    [["--concurrency", "2.5"], /--concurrency must be an integer of at least 0/],
    [["--warmup", ""], /--warmup must be an integer/],
    [["--own-calls", "0"], /--own-calls must be an integer of at least 1/],
    [["--size-only", "--own-only"], /--size-only and --own-only exclude each other/],
    [["--bogus"], /bogus/],
  ])("rejects %j", (argv, message) => {
    expect(() => parseSdkArgs(argv)).toThrow(message);
  });
});

describe("pairedRatio", () => {
  it("is the median of the per-round ratios, not the ratio of the medians", () => {
    // Per round: 0.9, 0.5, 1.0 -> median 0.9 (the ratio of the medians would be 90 / 150 = 0.6).
    expect(pairedRatio([90, 100, 150], [100, 200, 150])).toBeCloseTo(0.9);
  });

  it("leaves out rounds where either has no figure, and is null when none is left", () => {
    expect(pairedRatio([50, null, 80], [100, 100, null])).toBeCloseTo(0.5);
    expect(pairedRatio([null], [100])).toBeNull();
    expect(pairedRatio([], [])).toBeNull();
    expect(pairedRatio([100], [0])).toBeNull();
  });
});

describe("pairedDifference", () => {
  it("is the median of the per-round differences, not the difference of the medians", () => {
    // Per round: 2, 10, 3 -> median 3 (the difference of the medians would be 20 - 12 = 8).
    expect(pairedDifference([12, 30, 20], [10, 20, 17])).toBeCloseTo(3);
  });

  it("may be negative, leaves out rounds where either has no figure, and is null when none is left", () => {
    expect(pairedDifference([8, null, 9], [10, 10, null])).toBeCloseTo(-2);
    expect(pairedDifference([null], [10])).toBeNull();
    expect(pairedDifference([], [])).toBeNull();
  });
});

describe("derivedRatio", () => {
  it("is the real fetch cost over that cost plus the client's own work", () => {
    expect(derivedRatio(300, 0)).toBe(1);
    expect(derivedRatio(300, 6)).toBeCloseTo(300 / 306);
    // Less work than the baseline: above 1.
    expect(derivedRatio(300, -3)).toBeCloseTo(300 / 297);
  });

  it("is null when a figure is missing or the cost is not positive", () => {
    expect(derivedRatio(null, 5)).toBeNull();
    expect(derivedRatio(300, null)).toBeNull();
    expect(derivedRatio(undefined, 5)).toBeNull();
    expect(derivedRatio(0, 5)).toBeNull();
    expect(derivedRatio(10, -10)).toBeNull();
  });
});

describe("stubFetch", () => {
  it("answers every call at once with a new Response of the server's page, and counts the calls", async () => {
    const stub = stubFetch();
    const first = await stub.fetch("http://127.0.0.1/v1/assistants", { headers: { Authorization: "Bearer k" } });
    const second = await stub.fetch(new Request("http://127.0.0.1/v1/assistants"));
    expect(first).not.toBe(second);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("application/json");
    expect(first.headers.get("x-request-id")).toBe("req_bench");
    const page = await first.json();
    expect(page).toEqual(JSON.parse(ASSISTANTS_PAGE));
    expect(page.data).toHaveLength(2);
    expect(await second.text()).toBe(ASSISTANTS_PAGE);
    expect(stub.calls).toBe(2);
    expect(stub.last?.[0]).toBeInstanceOf(Request);
  });
});

describe("medianOf", () => {
  it("is the median of the figures present, or null when there is none", () => {
    expect(medianOf([3, null, 1, undefined, 2])).toBe(2);
    expect(medianOf([4, 1])).toBe(2.5);
    expect(medianOf([null, undefined])).toBeNull();
    expect(medianOf([])).toBeNull();
  });
});

/** A call that records its start in `log` under `name`, and how many of its calls are in flight. */
function countingCall(log: string[], name: string) {
  const counter = {
    calls: 0,
    inFlight: 0,
    maxInFlight: 0,
    call: async () => {
      counter.calls++;
      counter.inFlight++;
      counter.maxInFlight = Math.max(counter.maxInFlight, counter.inFlight);
      log.push(name);
      await new Promise((resolve) => setTimeout(resolve, 0));
      counter.inFlight--;
      return [];
    },
  };
  return counter;
}

describe("timeBatch", () => {
  it("makes the untimed calls one at a time, then the timed ones with as many in flight as asked", async () => {
    const counter = countingCall([], "c");
    const batch = await timeBatch(counter.call, 20, 4, 3);
    expect(counter.calls).toBe(23);
    expect(counter.maxInFlight).toBe(4);
    expect(batch.rps).toBeGreaterThan(0);
    expect(batch.cpuUs).toBeGreaterThanOrEqual(0);
  });

  it("makes one call at a time at concurrency 1 (or 0), and BATCH_WARMUP untimed calls by default", async () => {
    for (const concurrency of [1, 0]) {
      const counter = countingCall([], "c");
      await timeBatch(counter.call, 5, concurrency);
      expect(counter.calls).toBe(5 + BATCH_WARMUP);
      expect(counter.maxInFlight).toBe(1);
    }
  });

  it("rejects when a call does", async () => {
    await expect(timeBatch(() => Promise.reject(new Error("down")), 3, 1, 0)).rejects.toThrow("down");
  });
});

describe("timePaired", () => {
  it("times the client's batch, then the raw call's, with the same requests and calls in flight", async () => {
    const log: string[] = [];
    const client = countingCall(log, "client");
    const raw = countingCall(log, "raw");
    const paired = await timePaired(client.call, raw.call, 6, 2, false, 1);
    expect(log).toEqual([...Array(7).fill("client"), ...Array(7).fill("raw")]);
    expect(client.maxInFlight).toBe(2);
    expect(raw.maxInFlight).toBe(2);
    expect(paired.client.rps).toBeGreaterThan(0);
    expect(paired.raw.rps).toBeGreaterThan(0);
  });

  it("times the raw call's batch first with rawFirst, still answering each under its name", async () => {
    const log: string[] = [];
    const slow = async () => {
      log.push("client");
      await new Promise((resolve) => setTimeout(resolve, 5));
    };
    const fast = async () => {
      log.push("raw");
    };
    const paired = await timePaired(slow, fast, 4, 1, true, 0);
    expect(log).toEqual(["raw", "raw", "raw", "raw", "client", "client", "client", "client"]);
    // The slow calls are the client's: fewer per second than the raw call's.
    expect(paired.client.rps).toBeLessThan(paired.raw.rps);
  });
});
