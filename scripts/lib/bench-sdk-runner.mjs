// One client of `scripts/bench-sdk.mjs`'s throughput part, in its own `node` process (started with
// `fork`, so it has an IPC channel to the bench):
//
//   node scripts/lib/bench-sdk-runner.mjs <bundle.mjs> <baseUrl> <apiKey> <warm-up> [stub]
//
// The bundle (a client program compiled by esbuild) exports `makeCall(baseUrl, apiKey, fetchImpl?)`,
// which creates the client once (with `fetchImpl` as its fetch when given) and returns a function
// that calls listAssistants once and resolves to the assistants it read. With `stub` (the own-work
// part), the client gets the stub fetch of bench-sdk.mjs, which answers at once with the server's
// page: no socket, so a call costs only the client's own code. A process is either kind, never
// both: @hey-api's program configures one shared client. The runner makes `warm-up` calls, checks
// that a call returns the server's two assistants (with `stub`: also that it went through the stub,
// once, to the listAssistants URL with the API key) and sends `{ ready: true }` (or `{ error }` and
// exits 1). Then, for each message
// `{ requests, concurrency }`, it makes a few untimed calls (the connection may have been closed
// while it waited), times `requests` calls with `concurrency` in flight (1: one after another) and
// answers `{ rps, cpuUs }` (requests per second of wall time; CPU time of this process, user +
// system, all its threads, in microseconds per call) or `{ error }`. It exits when the channel closes.
import { pathToFileURL } from "node:url";
import { stubFetch } from "./bench-sdk.mjs";

/** Untimed calls before each timed batch. */
const BATCH_WARMUP = 10;

const [bundle, baseUrl, apiKey, warmupArg, mode] = process.argv.slice(2);
const warmup = Number(warmupArg);
const send = (/** @type {object} */ message) => process.send?.(message);
if (
  process.send === undefined ||
  bundle === undefined ||
  baseUrl === undefined ||
  apiKey === undefined ||
  !(warmup >= 0) ||
  (mode !== undefined && mode !== "stub")
) {
  console.error(
    "usage (through child_process.fork): bench-sdk-runner.mjs <bundle.mjs> <baseUrl> <apiKey> <warm-up> [stub]",
  );
  process.exit(2);
}

/** @param {unknown} error */
const message = (error) => (error instanceof Error ? error.message : String(error));

/**
 * Throws unless the last call went through the stub fetch once, to the listAssistants URL with the
 * API key: a client that ignored its fetch option would reach the server (or another stub) instead.
 * @param {import("./bench-sdk.mjs").StubFetch} stub
 * @param {number} before the stub's calls before that call
 */
function checkStubCall(stub, before) {
  if (stub.calls !== before + 1 || stub.last === undefined)
    throw new Error(`a call made ${stub.calls - before} calls of the stub fetch, not 1`);
  // Clients pass a URL string and init, or a Request: a Request of both reads either.
  const request = new Request(...stub.last);
  const url = new URL(request.url);
  if (
    `${url.origin}${url.pathname}` !== `${baseUrl}/assistants` ||
    request.headers.get("authorization") !== `Bearer ${apiKey}`
  )
    throw new Error(
      `the stub fetch got ${request.method} ${request.url}, authorization ${JSON.stringify(request.headers.get("authorization"))}`,
    );
}

const stub = mode === "stub" ? stubFetch() : undefined;
/** @type {() => Promise<unknown>} */
let call;
try {
  /** @type {{ makeCall: (baseUrl: string, apiKey: string, fetchImpl?: typeof fetch) => () => Promise<unknown> }} */
  const program = await import(pathToFileURL(bundle).href);
  call = program.makeCall(baseUrl, apiKey, stub?.fetch);
  for (let i = 0; i < warmup; i++) await call();
  const before = stub?.calls ?? 0;
  const items = await call();
  if (!Array.isArray(items) || items.length !== 2)
    throw new Error(`a call did not return the two assistants: ${JSON.stringify(items)?.slice(0, 200)}`);
  if (stub !== undefined) checkStubCall(stub, before);
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
