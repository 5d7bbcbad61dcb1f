/**
 * The one escaping boundary for everything that comes from a spec and lands in generated code.
 * Spec text is untrusted: every value written into a comment, a string literal, a property key or
 * an identifier passes through one of these functions.
 */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A TypeScript/JavaScript string literal (double-quoted) for any string. */
export function stringLiteral(value: string): string {
  // JSON.stringify escapes quotes, backslashes and control characters; U+2028/2029 are escaped
  // too so the literal stays on one line in every tool.
  return JSON.stringify(value).replaceAll("\u2028", "\\u2028").replaceAll("\u2029", "\\u2029");
}

/** A literal for a JSON primitive (string, finite number, boolean, null). */
export function primitiveLiteral(value: string | number | boolean | null): string {
  if (typeof value === "string") return stringLiteral(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "number";
    return value < 0 ? `-${Math.abs(value)}` : String(value);
  }
  return String(value);
}

/** True when `name` can be written as a bare identifier / property name. */
export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** A property key: bare when it is a plain identifier, otherwise a string literal. */
export function propertyKey(name: string): string {
  return isIdentifier(name) ? name : stringLiteral(name);
}

/**
 * Text safe inside a `/** ... *\/` block: the comment terminator is broken up, line endings are
 * normalised, and characters that would end a line in some tools are replaced.
 */
export function commentText(text: string): string {
  return text
    .replaceAll("\r\n", "\n")
    .replaceAll("\r", "\n")
    .replaceAll("\u2028", "\n")
    .replaceAll("\u2029", "\n")
    .replaceAll("*/", "*\\/")
    .replaceAll("/*", "/\\*")
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "")
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .trim();
}

/** A value rendered for documentation (e.g. `@default`), on one line, comment-safe. */
export function docValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return commentText(text.length > 200 ? `${text.slice(0, 197)}...` : text);
}

/** A TypeScript literal for JSON data: `{ key: "value", list: [1, 2] }`, every string escaped. */
export function jsonLiteral(value: unknown): string {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    return primitiveLiteral(value);
  }
  if (Array.isArray(value)) return `[${value.map(jsonLiteral).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    // `__proto__: x` in an object literal sets the prototype; a computed key makes it a property.
    const key = (k: string) => (k === "__proto__" ? `[${stringLiteral(k)}]` : propertyKey(k));
    return entries.length === 0 ? "{}" : `{ ${entries.map(([k, v]) => `${key(k)}: ${jsonLiteral(v)}`).join(", ")} }`;
  }
  return "undefined";
}
