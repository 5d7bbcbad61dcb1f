/** Logging as hooks: `createClient({ hooks: logging(console) })`; not bundled unless used. */
import type { ErrorHookContext, HookContext, Hooks } from "./hooks.js";
import { REDACTED } from "./redact.js";

/** Log levels, most verbose first. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "off";

/** Where the client logs: `console` fits, as do most logging libraries. */
export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

const LEVELS: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3, off: 4 };

/** Headers whose values are never logged, besides any that holds a credential. */
const SECRET_HEADERS = ["authorization", "proxy-authorization", "cookie", "set-cookie"];

/**
 * Hooks that write one line per event at its level, from `level` (default `info`) up: `debug` each
 * try with its headers, `info` each response with its time and request id, `warn` each retry,
 * `error` each call that fails. Every line is redacted: credentials never appear, and the values
 * of credential headers show as `[REDACTED]`.
 *
 * @example
 * const client = createClient({ apiKey, hooks: logging(console, "debug") });
 */
export function logging(logger: Logger, level: LogLevel = "info"): Hooks {
  const started = new WeakMap<Headers, number>();
  const log = (at: Exclude<LogLevel, "off">, context: HookContext, message: string): void => {
    if (LEVELS[at] >= LEVELS[level]) logger[at](context.redact(`${context.method} ${context.url}${message}`));
  };
  return {
    onRequest: (context) => {
      started.set(context.headers, Date.now());
      log("debug", context, ` (try ${context.attempt}) ${describeHeaders(context)}`);
    },
    onResponse: (context) => {
      const ms = Date.now() - (started.get(context.headers) ?? Date.now());
      const { requestId } = context;
      log("info", context, ` ${context.response.status} in ${ms} ms${requestId ? ` (request id ${requestId})` : ""}`);
    },
    onRetry: (context) =>
      log("warn", context, `: try ${context.attempt + 1} in ${context.delayMs} ms after ${String(context.error)}`),
    onFailure: (context: ErrorHookContext) => log("error", context, ` failed: ${String(context.error)}`),
  };
}

/** `name: value` of each header, credentials shown as `[REDACTED]`. */
function describeHeaders({ headers, redact }: HookContext): string {
  const lines: string[] = [];
  headers.forEach((value, name) =>
    lines.push(`${name}: ${SECRET_HEADERS.includes(name) || redact(value) !== value ? REDACTED : value}`),
  );
  return lines.join(", ");
}
