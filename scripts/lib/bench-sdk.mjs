// Pure helpers of `scripts/bench-sdk.mjs` (the SDK bench): its command line and the ratio of a
// client's throughput to a baseline's. Plain ESM with JSDoc types.
import { parseArgs } from "node:util";
import { median } from "./bench.mjs";

export const SDK_USAGE =
  "Usage: node scripts/bench-sdk.mjs [--runs N] [--requests N] [--warmup N] [--concurrency N] [--size-only] [--keep] [--client DIR]\n" +
  "  (or: npm run bench -- --sdk-only [same options])\n" +
  "  --runs N         throughput rounds; in each, every client in turn times a batch of calls (default 20)\n" +
  "  --requests N     listAssistants calls per batch: one at a time, and again concurrently (default 250)\n" +
  "  --warmup N       untimed calls each client's process makes once at its start (default 500)\n" +
  "  --concurrency N  calls in flight in the concurrent part (default 8; 0 skips it)\n" +
  "  --size-only      bundle sizes only, no throughput\n" +
  "  --client DIR     the Codegen client to measure (default generated/openai), e.g. another branch's\n" +
  "  --keep           keep the scratch folder (.bench/sdk-*: the programs, hey-api's output, the bundles) and print its path";

/**
 * @typedef {{ runs: number, requests: number, warmup: number, concurrency: number, sizeOnly: boolean, keep: boolean, client: string | undefined, help: boolean }} SdkArgs
 */

/**
 * The SDK bench's command line (`--sdk-only`, which `scripts/bench.mjs` forwards, is accepted and
 * ignored). Throws an Error saying what is wrong.
 * @param {string[]} argv the arguments after the script
 * @returns {SdkArgs}
 */
export function parseSdkArgs(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: "string", default: "20" },
      requests: { type: "string", default: "250" },
      warmup: { type: "string", default: "500" },
      concurrency: { type: "string", default: "8" },
      "size-only": { type: "boolean", default: false },
      keep: { type: "boolean", default: false },
      client: { type: "string" },
      "sdk-only": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const integer = (/** @type {string} */ name, /** @type {string} */ text, /** @type {number} */ min) => {
    const n = Number(text);
    if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min)
      throw new Error(`--${name} must be an integer of at least ${min}, got ${JSON.stringify(text)}`);
    return n;
  };
  return {
    runs: integer("runs", values.runs, 1),
    requests: integer("requests", values.requests, 1),
    warmup: integer("warmup", values.warmup, 0),
    concurrency: integer("concurrency", values.concurrency, 0),
    sizeOnly: values["size-only"],
    keep: values.keep,
    client: values.client,
    help: values.help,
  };
}

/**
 * A client's throughput relative to a baseline measured in the same rounds: the median over rounds
 * of (client's requests/s in round i) / (baseline's in round i), so drift in the machine's state
 * between rounds cancels out. Rounds where either has no figure are left out; null when none is left.
 * @param {(number | null)[]} client requests/s by round
 * @param {(number | null)[]} baseline requests/s by round
 * @returns {number | null}
 */
export function pairedRatio(client, baseline) {
  /** @type {number[]} */
  const ratios = [];
  for (let i = 0; i < Math.min(client.length, baseline.length); i++) {
    const c = client[i];
    const b = baseline[i];
    if (typeof c === "number" && typeof b === "number" && b > 0) ratios.push(c / b);
  }
  return ratios.length === 0 ? null : median(ratios);
}
