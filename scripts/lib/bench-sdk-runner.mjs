// One throughput round of `scripts/bench-sdk.mjs`, in a fresh `node` process:
//
//   node scripts/lib/bench-sdk-runner.mjs <bundle.mjs> <baseUrl> <apiKey> <requests> <warm-up> <concurrency>
//
// The bundle (a client program compiled by esbuild) exports `makeCall(baseUrl, apiKey)`, which
// creates the client once and returns a function that calls listAssistants once and resolves to the
// assistants it read. After `warm-up` calls (and a check that a call returns the server's two
// assistants), it times `requests` calls one after another, then `requests` calls with
// `concurrency` in flight (0 skips), and prints one JSON line: { sequential, concurrent } in
// requests per second.
import { pathToFileURL } from "node:url";

const [bundle, baseUrl, apiKey, requestsArg, warmupArg, concurrencyArg] = process.argv.slice(2);
const requests = Number(requestsArg);
const warmup = Number(warmupArg);
const concurrency = Number(concurrencyArg);
if (
  bundle === undefined ||
  baseUrl === undefined ||
  apiKey === undefined ||
  !(requests > 0) ||
  !(warmup >= 0) ||
  !(concurrency >= 0)
) {
  console.error("usage: bench-sdk-runner.mjs <bundle.mjs> <baseUrl> <apiKey> <requests> <warm-up> <concurrency>");
  process.exit(2);
}

/** @type {{ makeCall: (baseUrl: string, apiKey: string) => () => Promise<unknown> }} */
const program = await import(pathToFileURL(bundle).href);
const call = program.makeCall(baseUrl, apiKey);

for (let i = 0; i < warmup; i++) await call();
const items = await call();
if (!Array.isArray(items) || items.length !== 2) {
  console.error(`a call did not return the two assistants: ${JSON.stringify(items)?.slice(0, 200)}`);
  process.exit(1);
}

let started = performance.now();
for (let i = 0; i < requests; i++) await call();
const sequential = (requests / (performance.now() - started)) * 1000;

let concurrent = null;
if (concurrency > 0) {
  let next = 0;
  const worker = async () => {
    while (next < requests) {
      next++;
      await call();
    }
  };
  started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  concurrent = (requests / (performance.now() - started)) * 1000;
}
// Kept-alive sockets (some clients' agents) would hold the process open: exit once written.
process.stdout.write(`${JSON.stringify({ sequential, concurrent })}\n`, () => process.exit(0));
