import { type ResponseReader, readJsonWith } from "./read.js";

/**
 * Where a response holds 64-bit integers that are read as `bigint`: `1` marks the value itself, a
 * string names a plan in the registry (for shared and recursive types), `p` gives plans for
 * properties, `a` for array items, `m` for the values of a map, and an array applies each plan
 * (the members of a union).
 */
export type Int64Plan =
  | 1
  | string
  | { readonly p?: Readonly<Record<string, Int64Plan>>; readonly a?: Int64Plan; readonly m?: Int64Plan }
  | readonly Int64Plan[];

/** The plan of one response and the registry its named plans refer to. */
export interface Int64Reader {
  readonly plan: Int64Plan;
  readonly plans: Readonly<Record<string, Int64Plan>>;
}

/** JSON.stringify that writes `bigint` values as exact JSON numbers. */
export function stringifyJson(value: unknown): string {
  let found = false;
  const marker = `\u0000${Math.random().toString(36).slice(2)}:`;
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== "bigint") return v;
    found = true;
    return `${marker}${v.toString()}`;
  });
  if (!found) return text;
  // JSON.stringify escapes the NUL character, so the marker appears as `\u0000`.
  const escaped = JSON.stringify(marker).slice(1, -1);
  return text
    .split(`"${escaped}`)
    .map((part, i) => (i === 0 ? part : part.replace(/^(-?\d+)"/, "$1")))
    .join("");
}

/**
 * JSON.parse for a response; with a reader, the integers the plan marks become `bigint`, exactly
 * (even beyond 2^53), while every other number stays a `number`.
 */
export function parseJson(text: string, int64?: Int64Reader): unknown {
  if (!int64) return JSON.parse(text);
  const marker = `\u0000${Math.random().toString(36).slice(2)}:`;
  const value: unknown = JSON.parse(protectLargeIntegers(text, marker));
  return revive(value, int64.plan, int64.plans, marker);
}

/** Wraps integer literals that do not fit a double exactly in marked strings, outside strings. */
function protectLargeIntegers(text: string, marker: string): string {
  const out: string[] = [];
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
      continue;
    }
    if (ch === 34) {
      inString = true;
      continue;
    }
    if (ch !== 45 /* - */ && (ch < 48 || ch > 57)) continue;
    let end = i + 1;
    while (end < text.length && /[0-9.eE+-]/.test(text.charAt(end))) end++;
    const literal = text.slice(i, end);
    if (/^-?\d{16,}$/.test(literal) && !Number.isSafeInteger(Number(literal))) {
      out.push(text.slice(last, i), JSON.stringify(`${marker}${literal}`));
      last = end;
    }
    i = end - 1;
  }
  if (last === 0) return text;
  out.push(text.slice(last));
  return out.join("");
}

/**
 * The data parser of a stream whose events hold 64-bit integers (clients generated with `int64:
 * "bigint"`): `plan` is the event type's plan; with `named` frames it applies to `{ event, data }`
 * (each member's data under `data`), else to the data itself.
 */
export function int64EventData(
  plan: Int64Plan,
  plans: Readonly<Record<string, Int64Plan>>,
  named: boolean,
): (data: string, event: string) => unknown {
  return (data, event) => {
    if (!named) return parseJson(data, { plan, plans });
    const marker = `\u0000${Math.random().toString(36).slice(2)}:`;
    const value: unknown = JSON.parse(protectLargeIntegers(data, marker));
    return (revive({ event, data: value }, plan, plans, marker) as { data: unknown }).data;
  };
}

function revive(
  value: unknown,
  plan: Int64Plan | undefined,
  plans: Readonly<Record<string, Int64Plan>>,
  marker: string,
): unknown {
  if (typeof plan === "string") return revive(value, plans[plan], plans, marker);
  if (Array.isArray(plan)) return plan.reduce<unknown>((v, p: Int64Plan) => revive(v, p, plans, marker), value);
  if (typeof value === "string") {
    if (!value.startsWith(marker)) return value;
    const digits = value.slice(marker.length);
    return plan === 1 ? BigInt(digits) : Number(digits);
  }
  if (typeof value === "number") return plan === 1 && Number.isInteger(value) ? BigInt(value) : value;
  if (value === null || typeof value !== "object") return value;
  const node = typeof plan === "object" ? (plan as Exclude<Int64Plan, 1 | string | readonly Int64Plan[]>) : undefined;
  if (Array.isArray(value)) return value.map((item: unknown) => revive(item, node?.a, plans, marker));
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    const current = object[key];
    const next = revive(current, node?.p && Object.hasOwn(node.p, key) ? node.p[key] : node?.m, plans, marker);
    // defineProperty, not assignment: a `__proto__` key from the JSON must stay a plain property.
    if (next !== current)
      Object.defineProperty(object, key, { value: next, writable: true, enumerable: true, configurable: true });
  }
  return object;
}

/**
 * A reader of JSON responses whose integers at the places `plan` marks become `bigint` (clients
 * generated with `int64: "bigint"`); `optional` reads an empty body as `undefined`.
 */
export function readInt64Json<T>(
  plan: Int64Plan,
  plans: Readonly<Record<string, Int64Plan>>,
  optional = false,
): ResponseReader<T> {
  return (response, call) => readJsonWith(response, call, optional, (text) => parseJson(text, { plan, plans }));
}
