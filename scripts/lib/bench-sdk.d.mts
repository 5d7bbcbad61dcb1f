// Types of bench-sdk.mjs (plain JS so `node scripts/bench-sdk.mjs` needs no build), for TypeScript importers.

/** The SDK bench's command line, resolved. */
export interface SdkArgs {
  runs: number;
  requests: number;
  warmup: number;
  concurrency: number;
  sizeOnly: boolean;
  keep: boolean;
  /** The Codegen client folder to measure, when not generated/openai. */
  client: string | undefined;
  help: boolean;
}

export const SDK_USAGE: string;

/** The SDK bench's command line; throws an Error saying what is wrong. */
export function parseSdkArgs(argv: string[]): SdkArgs;

/** Median over rounds of client / baseline requests per second; null when no round has both. */
export function pairedRatio(client: (number | null)[], baseline: (number | null)[]): number | null;
