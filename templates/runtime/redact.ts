import { isPlainObject } from "./serialize.js";

/** What replaces a secret in error messages, URLs and logs. */
export const REDACTED = "[REDACTED]";

/** `util.inspect`'s hook, found without importing Node's `util` (the runtime must work in browsers too). */
export const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/** Replaces secrets in text; the identity when there are none. */
export type Redact = (text: string) => string;

/** The redaction of a call without secrets. */
export const identity: Redact = (text) => text;

/**
 * A function that replaces every secret in a text: the values themselves and their URL-encoded
 * forms (an API key sent in the query string, `%20` or `+` for a space). The forms are worked out
 * on first use: most calls never redact anything. Errors are given the URL without the query
 * credentials the client adds, so these values are the only secrets they can meet.
 */
export function redactor(secrets: readonly string[]): Redact {
  if (!secrets.some(Boolean)) return identity;
  let forms: string[] | undefined;
  return (text) => {
    forms ??= [
      ...new Set(
        secrets
          .filter(Boolean)
          .flatMap((secret) => [secret, encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, "+")]),
      ),
      // Longest first, so a secret that contains another is replaced whole.
    ].sort((a, b) => b.length - a.length);
    return forms.reduce((out, form) => out.split(form).join(REDACTED), text);
  };
}

/**
 * `cause` with secrets removed: kept as is when no message or stack in its chain shows one,
 * otherwise replaced by plain errors that keep the name, code and redacted message and stack.
 */
export function redactCause(cause: unknown, redact: Redact, depth = 0): unknown {
  if (typeof cause === "string") return redact(cause);
  if (!(cause instanceof Error) || depth > 4 || redact === identity) return cause;
  const inner = redactCause(cause.cause, redact, depth + 1);
  const message = redact(cause.message);
  const stack = cause.stack && redact(cause.stack);
  if (message === cause.message && stack === cause.stack && inner === cause.cause) return cause;
  const copy: Error & { code?: unknown } = new Error(message, { cause: inner });
  copy.name = cause.name;
  if (stack !== undefined) copy.stack = stack;
  if ("code" in cause) copy.code = cause.code;
  return copy;
}

/**
 * `value` (an error body: JSON or text) with secrets replaced in every string; copies only what
 * changes, so a body without secrets is returned as is.
 */
export function redactDeep<T>(value: T, redact: Redact, depth = 0): T {
  if (typeof value === "string") return redact(value) as T;
  if (typeof value !== "object" || value === null || depth > 64 || redact === identity) return value;
  const array = Array.isArray(value);
  if (!array && !isPlainObject(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const clean = redactDeep(item, redact, depth + 1);
    if (clean === item) continue;
    copy ??= (array ? [...(value as unknown[])] : { ...value }) as Record<string, unknown>;
    // defineProperty, not assignment: a `__proto__` key stays an own property.
    Object.defineProperty(copy, key, { value: clean, writable: true, enumerable: true, configurable: true });
  }
  return (copy ?? value) as T;
}

/**
 * The header value, unless it holds a control character (a key read with its line break), which
 * no header may: fetch would fail with a message that may quote it. The message never quotes it.
 *
 * @throws {TypeError} naming the header.
 */
export function checkedHeader(name: string, value: string): string {
  if (hasControlCharacter(value)) throw new TypeError(`The header "${name}" contains a control character`);
  return value;
}

/** Whether `text` holds a control character, which no header value or credential may. */
export function hasControlCharacter(text: string): boolean {
  return /[\u0000-\u001f\u007f]/.test(text);
}
