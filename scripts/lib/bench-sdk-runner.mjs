// One client of `scripts/bench-sdk.mjs`'s throughput part, in its own `node` process (started with
// `fork`, so it has an IPC channel to the bench):
//
//   node scripts/lib/bench-sdk-runner.mjs <bundle.mjs> <baseUrl> <apiKey> <warm-up>
//
// The bundle (a client program compiled by esbuild) exports `makeCall(baseUrl, apiKey)`, which
// creates the client once and returns a function that calls listAssistants once and resolves to the
// assistants it read. The runner makes `warm-up` calls, checks that a call returns the server's two
// assistants and sends `{ ready: true }` (or `{ error }` and exits 1). Then, for each message
// `{ requests, concurrency }`, it makes a few untimed calls (the connection may have been closed
// while it waited), times `requests` calls with `concurrency` in flight (1: one after another) and
// answers `{ rps, cpuUs }` (requests per second of wall time; CPU time of this process, user +
// system, all its threads, in microseconds per call) or `{ error }`. It exits when the channel closes.
import { pathToFileURL } from "node:url";

/** Untimed calls before each timed batch. */
const BATCH_WARMUP = 10;

const [bundle, baseUrl, apiKey, warmupArg] = process.argv.slice(2);
const warmup = Number(warmupArg);
const send = (/** @type {object} */ message) => process.send?.(message);
if (
  process.send === undefined ||
  bundle === undefined ||
  baseUrl === undefined ||
  apiKey === undefined ||
  !(warmup >= 0)
) {
  console.error("usage (through child_process.fork): bench-sdk-runner.mjs <bundle.mjs> <baseUrl> <apiKey> <warm-up>");
  process.exit(2);
}

/** @param {unknown} error */
const message = (error) => (error instanceof Error ? error.message : String(error));

/** @type {() => Promise<unknown>} */
let call;
try {
  /** @type {{ makeCall: (baseUrl: string, apiKey: string) => () => Promise<unknown> }} */
  const program = await import(pathToFileURL(bundle).href);
  call = program.makeCall(baseUrl, apiKey);
  for (let i = 0; i < warmup; i++) await call();
  const items = await call();
  if (!Array.isArray(items) || items.length !== 2)
    throw new Error(`a call did not return the two assistants: ${JSON.stringify(items)?.slice(0, 200)}`);
} catch (error) {
  send({ error: message(error) });
  process.exit(1);
}
send({ ready: true });

process.on("message", async (/** @type {{ requests: number, concurrency: number }} */ { requests, concurrency }) => {
  try {
    for (let i = 0; i < BATCH_WARMUP; i++) await call();
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
    send({ rps: (requests / ms) * 1000, cpuUs: (used.user + used.system) / requests });
  } catch (error) {
    send({ error: message(error) });
  }
});
// Kept-alive sockets (some clients' agents) would hold the process open: exit with the channel.
process.on("disconnect", () => process.exit(0));
