// Helpers of `scripts/bench-sdk.mjs` (the SDK bench): its command line, the listAssistants page
// its server sends and the stub `fetch` that answers it at once, the ratio of a client's throughput
// to a baseline's, a client's own work beside a baseline's, and the throughput ratio derived from
// it (pure); and the runner's timed batches, a client's alone or paired with the raw call's in the
// same process. Plain ESM with JSDoc types.
import { parseArgs } from "node:util";
import { median } from "./bench.mjs";

/** The listAssistants page the bench server sends (two assistants, about 1 KB of JSON), as text. */
export const ASSISTANTS_PAGE = JSON.stringify({
  object: "list",
  data: [assistant(1), assistant(2)],
  first_id: "asst_bench1",
  last_id: "asst_bench2",
  has_more: false,
});

/** The headers of the bench server's listAssistants answer (besides its content-length). */
export const ASSISTANTS_HEADERS = Object.freeze({ "content-type": "application/json", "x-request-id": "req_bench" });

/**
 * One assistant of the page.
 * @param {number} n
 */
function assistant(n) {
  return {
    id: `asst_bench${n}`,
    object: "assistant",
    created_at: 1_700_000_000 + n,
    name: `Bench assistant ${n}`,
    description: null,
    model: "gpt-4o",
    instructions: "You answer questions about the benchmark.",
    tools: [{ type: "code_interpreter" }],
    file_ids: [],
    metadata: { team: "bench" },
  };
}

export const SDK_USAGE =
  "Usage: node scripts/bench-sdk.mjs [--runs N] [--requests N] [--warmup N] [--concurrency N] [--own-calls N] [--size-only | --own-only] [--keep] [--client DIR]\n" +
  "  (or: npm run bench -- --sdk-only [same options])\n" +
  "  --runs N         rounds of each timed part; in each, every client in turn times a batch of calls (default 20)\n" +
  "  --requests N     listAssistants calls per batch: one at a time, and again concurrently (default 250); in each,\n" +
  "                   a client's process also times as many of its same-call raw fetch calls, for the same-process table\n" +
  "  --warmup N       untimed calls each client's process makes once at its start (default 500)\n" +
  "  --concurrency N  calls in flight in the concurrent part (default 8; 0 skips it)\n" +
  "  --own-calls N    calls per batch of the own-work part, where a stub answers every fetch at once (default 2000)\n" +
  "  --size-only      bundle sizes only, no throughput and no own work\n" +
  "  --own-only       the own-work table only: no bundle sizes, no throughput tables (the raw fetch calls still\n" +
  "                   time their --runs batches one at a time against the server, for the real fetch cost)\n" +
  "  --client DIR     the Codegen client to measure (default generated/openai), e.g. another branch's\n" +
  "  --keep           keep the scratch folder (.bench/sdk-*: the programs, hey-api's output, the bundles) and print its path";

/**
 * @typedef {{ runs: number, requests: number, warmup: number, concurrency: number, ownCalls: number,
 *   sizeOnly: boolean, ownOnly: boolean, keep: boolean, client: string | undefined, help: boolean }} SdkArgs
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
      "own-calls": { type: "string", default: "2000" },
      "size-only": { type: "boolean", default: false },
      "own-only": { type: "boolean", default: false },
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
  // Each skips the part the other keeps: together they would leave nothing to measure.
  if (values["size-only"] && values["own-only"]) throw new Error("--size-only and --own-only exclude each other");
  return {
    runs: integer("runs", values.runs, 1),
    requests: integer("requests", values.requests, 1),
    warmup: integer("warmup", values.warmup, 0),
    concurrency: integer("concurrency", values.concurrency, 0),
    ownCalls: integer("own-calls", values["own-calls"], 1),
    sizeOnly: values["size-only"],
    ownOnly: values["own-only"],
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
  return pairedMedian(client, baseline, (c, b) => (b > 0 ? c / b : undefined));
}

/**
 * The median over rounds of `combine(client, baseline)` for the rounds where both have a figure
 * (and `combine` gives one); null when there is none.
 * @param {(number | null | undefined)[]} client
 * @param {(number | null | undefined)[]} baseline
 * @param {(client: number, baseline: number) => number | undefined} combine
 * @returns {number | null}
 */
function pairedMedian(client, baseline, combine) {
  /** @type {number[]} */
  const values = [];
  for (let i = 0; i < Math.min(client.length, baseline.length); i++) {
    const c = client[i];
    const b = baseline[i];
    const value = typeof c === "number" && typeof b === "number" ? combine(c, b) : undefined;
    if (value !== undefined) values.push(value);
  }
  return values.length === 0 ? null : median(values);
}

/**
 * @typedef {{ fetch: typeof fetch, calls: number, last: Parameters<typeof fetch> | undefined }} StubFetch
 */

/**
 * The stub `fetch` of the own-work part: every call answers at once with a new `Response` of the
 * server's page (status 200, its headers), whatever was asked, so that a client's call costs only
 * its own code, the `Response` and the JSON parse. It counts its calls and keeps the last call's
 * arguments, for the runner's check that a client really calls it (and sends the URL and key).
 * @returns {StubFetch}
 */
export function stubFetch() {
  /** @type {StubFetch} */
  const stub = {
    calls: 0,
    last: undefined,
    fetch: async (...args) => {
      stub.calls++;
      stub.last = args;
      return new Response(ASSISTANTS_PAGE, { status: 200, headers: ASSISTANTS_HEADERS });
    },
  };
  return stub;
}

/**
 * A client's cost beyond a baseline's measured in the same rounds: the median over rounds of
 * (client's figure in round i) - (baseline's in round i), e.g. CPU µs per call, so that drift in the
 * machine's state between rounds cancels out. Rounds where either has no figure are left out; null
 * when none is left.
 * @param {(number | null)[]} client by round
 * @param {(number | null)[]} baseline by round
 * @returns {number | null}
 */
export function pairedDifference(client, baseline) {
  return pairedMedian(client, baseline, (c, b) => c - b);
}

/**
 * The throughput ratio to the raw fetch call that a client's own work implies when calls are
 * CPU-bound: fetchUs / (fetchUs + ownUs), where fetchUs is the raw call's CPU µs per call against a
 * real server and ownUs what the client's call costs beyond it (negative when less). Null when a
 * figure is missing or the sum is not positive.
 * @param {number | null | undefined} fetchUs
 * @param {number | null | undefined} ownUs
 * @returns {number | null}
 */
export function derivedRatio(fetchUs, ownUs) {
  if (typeof fetchUs !== "number" || typeof ownUs !== "number" || !(fetchUs > 0) || !(fetchUs + ownUs > 0)) return null;
  return fetchUs / (fetchUs + ownUs);
}

/**
 * The median of the figures present (numbers), or null when there is none.
 * @param {(number | null | undefined)[]} values e.g. a program's figures by round
 * @returns {number | null}
 */
export function medianOf(values) {
  const present = values.filter((v) => typeof v === "number");
  return present.length > 0 ? median(present) : null;
}

/** Untimed calls before each timed batch (the connection may have been closed while the runner waited). */
export const BATCH_WARMUP = 10;

/**
 * @typedef {{ rps: number, cpuUs: number }} Batch a timed batch: requests per second of wall time,
 *   and the process's CPU time (user + system, all its threads) in microseconds per call
 */

/**
 * Makes `warmup` untimed calls one after another, then times `requests` calls with `concurrency` in
 * flight (1 or less: one after another).
 * @param {() => Promise<unknown>} call
 * @param {number} requests
 * @param {number} concurrency
 * @param {number} [warmup] (default BATCH_WARMUP)
 * @returns {Promise<Batch>}
 */
export async function timeBatch(call, requests, concurrency, warmup = BATCH_WARMUP) {
  for (let i = 0; i < warmup; i++) await call();
  let next = 0;
  const worker = async () => {
    while (next < requests) {
      next++;
      await call();
    }
  };
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { rps: (requests / Math.max(ms, 1e-3)) * 1000, cpuUs: (used.user + used.system) / requests };
}

/**
 * A client's batch and the raw call's, one right after the other in the same process (each with its
 * untimed calls first; the raw one first when `rawFirst`, so that alternating it between batches
 * leaves no advantage to either place), with the same requests and calls in flight.
 * @param {() => Promise<unknown>} client
 * @param {() => Promise<unknown>} raw
 * @param {number} requests
 * @param {number} concurrency
 * @param {boolean} rawFirst
 * @param {number} [warmup] untimed calls before each (default BATCH_WARMUP)
 * @returns {Promise<{ client: Batch, raw: Batch }>}
 */
export async function timePaired(client, raw, requests, concurrency, rawFirst, warmup = BATCH_WARMUP) {
  if (rawFirst) {
    const rawBatch = await timeBatch(raw, requests, concurrency, warmup);
    return { client: await timeBatch(client, requests, concurrency, warmup), raw: rawBatch };
  }
  const clientBatch = await timeBatch(client, requests, concurrency, warmup);
  return { client: clientBatch, raw: await timeBatch(raw, requests, concurrency, warmup) };
}
