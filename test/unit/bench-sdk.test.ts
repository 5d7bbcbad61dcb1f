// The SDK bench's pure helpers (scripts/lib/bench-sdk.mjs). The bench itself is a script, never a test.
import { describe, expect, it } from "vitest";
import { pairedRatio, parseSdkArgs } from "../../scripts/lib/bench-sdk.mjs";

describe("parseSdkArgs", () => {
  it("has defaults", () => {
    expect(parseSdkArgs([])).toEqual({
      runs: 20,
      requests: 250,
      warmup: 500,
      concurrency: 8,
      sizeOnly: false,
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
      sizeOnly: true,
      keep: true,
      client: "../other/generated/openai",
      help: false,
    });
    expect(parseSdkArgs(["-h"]).help).toBe(true);
  });

  it.each([
    [["--runs", "0"], /--runs must be an integer of at least 1/],
    [["--requests", "1e3"], /--requests must be an integer/],
    [["--requests=-5"], /--requests must be an integer/],
    [["--concurrency", "2.5"], /--concurrency must be an integer of at least 0/],
    [["--warmup", ""], /--warmup must be an integer/],
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
