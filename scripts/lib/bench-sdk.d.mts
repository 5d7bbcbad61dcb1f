// Types of bench-sdk.mjs (plain JS so `node scripts/bench-sdk.mjs` needs no build), for TypeScript importers.

/** The SDK bench's command line, resolved. */
export interface SdkArgs {
  runs: number;
  requests: number;
  warmup: number;
  concurrency: number;
  /** Calls per batch of the own-work part (the stub fetch). */
  ownCalls: number;
  sizeOnly: boolean;
  /** The own-work table only (the raw fetch calls still time their batches against the server). */
  ownOnly: boolean;
  keep: boolean;
  /** The Codegen client folder to measure, when not generated/openai. */
  client: string | undefined;
  help: boolean;
}

export const SDK_USAGE: string;

/** The listAssistants page the bench server sends, as JSON text. */
export const ASSISTANTS_PAGE: string;

/** The headers of the bench server's listAssistants answer (besides its content-length). */
export const ASSISTANTS_HEADERS: Readonly<Record<"content-type" | "x-request-id", string>>;

/** A stub fetch, its call count and its last call's arguments. */
export interface StubFetch {
  fetch: typeof fetch;
  calls: number;
  last: Parameters<typeof fetch> | undefined;
}

/** A stub fetch that answers every call at once with a new Response of ASSISTANTS_PAGE. */
export function stubFetch(): StubFetch;

/** The SDK bench's command line; throws an Error saying what is wrong. */
export function parseSdkArgs(argv: string[]): SdkArgs;

/** Median over rounds of client / baseline requests per second; null when no round has both. */
export function pairedRatio(client: (number | null)[], baseline: (number | null)[]): number | null;

/** Median over rounds of client - baseline (e.g. CPU µs per call); null when no round has both. */
export function pairedDifference(client: (number | null)[], baseline: (number | null)[]): number | null;

/** fetchUs / (fetchUs + ownUs): the throughput ratio own work implies; null when a figure is missing or the sum is not positive. */
export function derivedRatio(fetchUs: number | null | undefined, ownUs: number | null | undefined): number | null;

/** The median of the figures present (numbers), or null when there is none. */
export function medianOf(values: (number | null | undefined)[]): number | null;

/** Untimed calls before each timed batch. */
export const BATCH_WARMUP: number;

/** A timed batch: requests per second of wall time, and the process's CPU µs (user + system) per call. */
export interface Batch {
  rps: number;
  cpuUs: number;
}

/** `warmup` untimed calls (default BATCH_WARMUP), then `requests` timed calls with `concurrency` in flight (at least 1). */
export function timeBatch(
  call: () => Promise<unknown>,
  requests: number,
  concurrency: number,
  warmup?: number,
): Promise<Batch>;

/** The client's batch and the raw call's, one right after the other in this process (the raw one first when `rawFirst`). */
export function timePaired(
  client: () => Promise<unknown>,
  raw: () => Promise<unknown>,
  requests: number,
  concurrency: number,
  rawFirst: boolean,
  warmup?: number,
): Promise<{ client: Batch; raw: Batch }>;
