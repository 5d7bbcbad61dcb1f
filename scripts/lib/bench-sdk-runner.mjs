// One client of `scripts/bench-sdk.mjs`'s throughput part, in its own `node` process (started with
// `fork`, so it has an IPC channel to the bench):
//
//   node scripts/lib/bench-sdk-runner.mjs <bundle.mjs> <baseUrl> <apiKey> <warm-up> [stub | paired <raw.mjs>]
//
// The bundle (a client program compiled by esbuild) exports `makeCall(baseUrl, apiKey, fetchImpl?)`,
// which creates the client once (with `fetchImpl` as its fetch when given) and returns a function
// that calls listAssistants once and resolves to the assistants it read. With `stub` (the own-work
// part), the client gets the stub fetch of bench-sdk.mjs, which answers at once with the server's
// page: no socket, so a call costs only the client's own code. A process is either kind, never
// both: @hey-api's program configures one shared client. With `paired`, the process also loads
// the raw fetch program `raw.mjs` (the client's same-call baseline, against the server too), for
// the in-process pairing. The runner makes `warm-up` calls (with `paired`: as many of the raw
// call, alternating), checks that a call returns the server's two assistants (with `stub`: also
// that it went through the stub, once, to the listAssistants URL with the API key; with `paired`:
// the raw call's too) and sends `{ ready: true }` (or `{ error }` and exits 1). Then, for each
// message `{ requests, concurrency, rawFirst? }`, it makes a few untimed calls (the connection may
// have been closed while it waited), times `requests` calls with `concurrency` in flight (1: one
// after another) and answers `{ rps, cpuUs }` (requests per second of wall time; CPU time of this
// process, user + system, all its threads, in microseconds per call) or `{ error }`. With `paired`,
// it also times as many raw calls the same way, right after the client's batch (or before it,
// with `rawFirst`), and adds them to the answer as `raw: { rps, cpuUs }`. It exits when the
// channel closes.
import { pathToFileURL } from "node:url";
import { stubFetch, timeBatch, timePaired } from "./bench-sdk.mjs";

const [bundle, baseUrl, apiKey, warmupArg, mode, rawBundle] = process.argv.slice(2);
const warmup = Number(warmupArg);
const send = (/** @type {object} */ message) => process.send?.(message);
if (
  process.send === undefined ||
  bundle === undefined ||
  baseUrl === undefined ||
  apiKey === undefined ||
  !(warmup >= 0) ||
  !(
    mode === undefined ||
    (mode === "stub" && rawBundle === undefined) ||
    (mode === "paired" && rawBundle !== undefined)
  )
) {
  console.error(
    "usage (through child_process.fork): bench-sdk-runner.mjs <bundle.mjs> <baseUrl> <apiKey> <warm-up> [stub | paired <raw.mjs>]",
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

/**
 * Throws unless a call's result is the server's two assistants.
 * @param {unknown} items
 * @param {string} what
 */
function checkItems(items, what) {
  if (!Array.isArray(items) || items.length !== 2)
    throw new Error(`${what} did not return the two assistants: ${JSON.stringify(items)?.slice(0, 200)}`);
}

const stub = mode === "stub" ? stubFetch() : undefined;
/** @typedef {{ makeCall: (baseUrl: string, apiKey: string, fetchImpl?: typeof fetch) => () => Promise<unknown> }} CallProgram */

/** @type {() => Promise<unknown>} */
let call;
/** @type {(() => Promise<unknown>) | undefined} the raw call, with `paired` */
let rawCall;
try {
  /** @type {CallProgram} */
  const program = await import(pathToFileURL(bundle).href);
  call = program.makeCall(baseUrl, apiKey, stub?.fetch);
  if (rawBundle !== undefined) {
    /** @type {CallProgram} */
    const raw = await import(pathToFileURL(rawBundle).href);
    rawCall = raw.makeCall(baseUrl, apiKey);
  }
  for (let i = 0; i < warmup; i++) {
    await call();
    await rawCall?.();
  }
  const before = stub?.calls ?? 0;
  checkItems(await call(), "a call");
  if (stub !== undefined) checkStubCall(stub, before);
  if (rawCall !== undefined) checkItems(await rawCall(), "a raw call");
} catch (error) {
  send({ error: message(error) });
  process.exit(1);
}
send({ ready: true });

process.on(
  "message",
  async (
    /** @type {{ requests: number, concurrency: number, rawFirst?: boolean }} */ { requests, concurrency, rawFirst },
  ) => {
    try {
      if (rawCall === undefined) send(await timeBatch(call, requests, concurrency));
      else {
        const { client, raw } = await timePaired(call, rawCall, requests, concurrency, rawFirst === true);
        send({ ...client, raw });
      }
    } catch (error) {
      send({ error: message(error) });
    }
  },
);
// Kept-alive sockets (some clients' agents) would hold the process open: exit with the channel.
process.on("disconnect", () => process.exit(0));
