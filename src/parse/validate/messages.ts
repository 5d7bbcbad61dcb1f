import type { ErrorObject } from "ajv";
import { joinPointer, type Warning } from "../../util/errors.js";

/** At most this many warnings of one kind (same message), then one "and N more" warning. */
const PER_KIND = 3;
/** At most this many schema warnings in all, then one "and N more" warning. */
const TOTAL = 20;

/** Branch keywords: their failures are summaries of the errors inside them. */
const BRANCHES = new Set(["oneOf", "anyOf", "if", "then", "else"]);

/**
 * Turns Ajv's errors into few, useful warnings: branch summaries and the "missing $ref" of the
 * Reference alternative are dropped when a more specific error exists, the same complaint about one
 * place is said once, repeats of one kind are grouped, and the total is capped.
 */
export function warningsFromErrors(
  errors: ErrorObject[],
  context: { file: string; version: string; document: unknown },
): Warning[] {
  let kept = errors.filter((e) => !BRANCHES.has(e.keyword));
  if (kept.length === 0) kept = errors.slice(0, 1);
  kept = kept.filter(
    (e) =>
      !(isMissingRef(e) && kept.some((o) => o !== e && !isMissingRef(o) && within(o.instancePath, e.instancePath))),
  );
  kept = mergeEnums(kept);
  const seen = new Set<string>();
  const located: { kind: string; warning: Warning }[] = [];
  for (const error of kept) {
    const { kind, message, pointer } = describe(error);
    const key = `${pointer}\n${error.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    located.push({
      kind,
      warning: {
        message: `Not valid OpenAPI ${context.version}: ${message}`,
        location: { file: context.file, pointer },
      },
    });
  }
  const byKind = new Map<string, Warning[]>();
  for (const { kind, warning } of located) byKind.set(kind, [...(byKind.get(kind) ?? []), warning]);
  const out: Warning[] = [];
  for (const [, group] of byKind) {
    out.push(...group.slice(0, PER_KIND));
    if (group.length > PER_KIND) {
      const first = group[PER_KIND] as Warning;
      out.push({
        message: `${first.message} (and ${group.length - PER_KIND - 1} more places like this one)`,
        location: first.location,
      });
    }
  }
  if (out.length <= TOTAL) return out;
  const rest = out.length - TOTAL + 1;
  const last = out[TOTAL - 1] as Warning;
  return [
    ...out.slice(0, TOTAL - 1),
    {
      message: `Not valid OpenAPI ${context.version}: ${rest} more schema violations not shown; the next one: ${last.message.replace(/^Not valid OpenAPI [\d.]+: /, "")}`,
      location: last.location,
    },
  ];
}

/**
 * The alternatives of a `oneOf` each reject a value with their own `enum` (`in: path`, `in: query`,
 * ...): one error listing every allowed value says it better.
 */
function mergeEnums(errors: ErrorObject[]): ErrorObject[] {
  const merged = new Map<string, ErrorObject>();
  const out: ErrorObject[] = [];
  for (const error of errors) {
    if (error.keyword !== "enum" && error.keyword !== "const") {
      out.push(error);
      continue;
    }
    const params = error.params as { allowedValues?: unknown[]; allowedValue?: unknown };
    const values = error.keyword === "enum" ? (params.allowedValues ?? []) : [params.allowedValue];
    const existing = merged.get(error.instancePath);
    if (existing) {
      const allowed = (existing.params as { allowedValues: unknown[] }).allowedValues;
      for (const value of values) if (!allowed.includes(value)) allowed.push(value);
      continue;
    }
    const copy: ErrorObject = { ...error, keyword: "enum", params: { allowedValues: [...values] } };
    merged.set(error.instancePath, copy);
    out.push(copy);
  }
  return out;
}

function isMissingRef(error: ErrorObject): boolean {
  return error.keyword === "required" && (error.params as { missingProperty?: string }).missingProperty === "$ref";
}

/** True when `path` is `base` or inside it. */
function within(path: string, base: string): boolean {
  return path === base || path.startsWith(`${base}/`);
}

/** The message, its kind (the message without the value, for grouping) and the place of one error. */
function describe(error: ErrorObject): { kind: string; message: string; pointer: string } {
  const params = error.params as Record<string, unknown>;
  const got = ` (got ${shown(error.data)})`;
  const at = error.instancePath;
  switch (error.keyword) {
    case "additionalProperties":
    case "unevaluatedProperties": {
      const name = String(params.additionalProperty ?? params.unevaluatedProperty);
      return {
        kind: "unknown property",
        message: `property ${JSON.stringify(name)} is not allowed here`,
        pointer: joinPointer(at, name),
      };
    }
    case "required": {
      const message = `required property ${JSON.stringify(params.missingProperty)} is missing`;
      return { kind: message, message, pointer: at };
    }
    case "type":
      return { kind: `type ${String(params.type)}`, message: `must be ${String(params.type)}${got}`, pointer: at };
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ");
      return { kind: `enum ${allowed}`, message: `must be one of ${allowed}${got}`, pointer: at };
    }
    case "const":
      return {
        kind: `const ${shown(params.allowedValue)}`,
        message: `must be ${shown(params.allowedValue)}${got}`,
        pointer: at,
      };
    case "pattern":
      return {
        kind: `pattern ${String(params.pattern)}`,
        message: `must match ${String(params.pattern)}${got}`,
        pointer: at,
      };
    case "format":
      return {
        kind: `format ${String(params.format)}`,
        message: `must be a valid ${String(params.format)}${got}`,
        pointer: at,
      };
    case "oneOf":
      return params.passingSchemas
        ? { kind: "oneOf many", message: "matches more than one of the allowed forms", pointer: at }
        : { kind: "oneOf none", message: "matches none of the allowed forms", pointer: at };
    case "not":
      return { kind: "not", message: "is in a form that is not allowed here", pointer: at };
    default:
      return {
        kind: `${error.keyword} ${error.message ?? ""}`,
        message: `${error.message ?? "is not valid"}${got}`,
        pointer: at,
      };
  }
}

/** A value for a message: short JSON, or its kind. */
function shown(value: unknown): string {
  if (value === null || typeof value !== "object") {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 60 ? `${text.slice(0, 57)}..."` : text;
  }
  return Array.isArray(value) ? "an array" : "an object";
}
