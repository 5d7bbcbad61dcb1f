/** What replaces a secret in error messages, URLs and logs. */
export const REDACTED = "[REDACTED]";

/** `util.inspect`'s hook, found without importing Node's `util` (the runtime must work in browsers too). */
export const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/** Replaces secrets in text; the identity when there are none. */
export type Redact = (text: string) => string;

/**
 * A function that replaces every secret in a text: the values themselves, their URL-encoded form
 * (an API key sent in the query string) and the values of the query parameters named in
 * `queryNames`,
 * whatever their encoding. Its patterns are made on first use (most calls never redact anything).
 */
export function redactor(secrets: readonly string[], queryNames: readonly string[] = []): Redact {
  if (secrets.every((secret) => secret === "") && queryNames.length === 0) return (text) => text;
  let forms: string[] | undefined;
  let params: RegExp[] = [];
  return (text) => {
    if (!forms) {
      const all = new Set<string>();
      for (const secret of secrets) {
        if (secret === "") continue;
        all.add(secret);
        all.add(encodeURIComponent(secret));
        all.add(encodeURIComponent(secret).replace(/%20/g, "+"));
      }
      // Longest first, so a secret that contains another is replaced whole.
      forms = [...all].sort((a, b) => b.length - a.length);
      params = queryNames.map((name) => new RegExp(`([?&]${escapeRegExp(encodeURIComponent(name))}=)[^&#\\s]*`, "g"));
    }
    let out = text;
    for (const param of params) out = out.replace(param, `$1${REDACTED}`);
    for (const form of forms) out = out.split(form).join(REDACTED);
    return out;
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * `cause` with secrets removed: kept as is when no message or stack in its chain shows one,
 * otherwise replaced by plain errors that keep the name, code and redacted message and stack.
 */
export function redactCause(cause: unknown, redact: Redact, depth = 0): unknown {
  if (depth > 4 || cause === undefined || cause === null) return cause;
  if (!(cause instanceof Error)) return typeof cause === "string" ? redact(cause) : cause;
  const inner = redactCause(cause.cause, redact, depth + 1);
  const message = redact(cause.message);
  const stack = cause.stack === undefined ? undefined : redact(cause.stack);
  if (message === cause.message && stack === cause.stack && inner === cause.cause) return cause;
  const copy = new Error(message, inner === undefined ? undefined : { cause: inner });
  copy.name = cause.name;
  if (stack !== undefined) copy.stack = stack;
  const code = (cause as { code?: unknown }).code;
  if (code !== undefined) Object.assign(copy, { code });
  return copy;
}

/**
 * `value` (an error body: JSON or text) with secrets replaced in every string; copies only what
 * changes, so a body without secrets is returned as is.
 */
export function redactDeep<T>(value: T, redact: Redact, depth = 0): T {
  if (typeof value === "string") return redact(value) as T;
  if (value === null || typeof value !== "object" || depth > 64) return value;
  if (Array.isArray(value)) {
    const items = value.map((item: unknown) => redactDeep(item, redact, depth + 1));
    return items.some((item, i) => item !== value[i]) ? (items as T) : value;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const clean = redactDeep(item, redact, depth + 1);
    if (clean === item) continue;
    copy ??= { ...(value as Record<string, unknown>) };
    Object.defineProperty(copy, key, { value: clean, writable: true, enumerable: true, configurable: true });
  }
  return (copy ?? value) as T;
}

/** Whether `text` holds a control character, which no header value or credential may. */
export function hasControlCharacter(text: string): boolean {
  return /[\u0000-\u001f\u007f]/.test(text);
}
