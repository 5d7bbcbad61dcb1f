/**
 * Typed event streams: the `x-codegen-stream` extension of an operation, else detection: a JSON
 * body with a boolean `stream` property and a 2XX `text/event-stream` response beside JSON (the
 * flag switches the answer), or a 2XX `text/event-stream` response with an event schema that is the
 * only success answer (the operation always streams). One entry: `readStream`.
 */
import type { StreamFraming, StreamOperation } from "../../ir/stream.js";
import type { Operation, TypeExpr } from "../../ir/types.js";
import { SpecError } from "../../util/errors.js";
import { isObject, type ParseContext } from "../context.js";
import { child, type Located } from "../located.js";
import { convertSchema, union } from "../schema/index.js";
import { declaredProperty, resolveType } from "./support.js";

const EXTENSION = "x-codegen-stream";
const FIELDS = ["flag", "events", "framing", "final", "errors", "done", "doneData"] as const;
const DEFAULT_FLAG = "stream";
const DEFAULT_DONE_DATA = ["[DONE]"];
const DEFAULT_ERROR_EVENT = "error";

/** What readStream needs of the operation being settled. */
export type StreamSource = Pick<Operation, "requestBody" | "responses" | "events">;

/** One member of a named-frame event union: its `event` names and its `data` type. */
interface NamedEvent {
  readonly names: string[];
  readonly data: TypeExpr;
  /** `data` with its references followed. */
  readonly resolved: TypeExpr;
}

/**
 * The operation's stream, from its `x-codegen-stream` extension (validated: a bad value is a
 * located SpecError) or detected; undefined when it has none (or the extension is `false`).
 */
export function readStream(ctx: ParseContext, opAt: Located, op: StreamSource): StreamOperation | undefined {
  const raw = isObject(opAt.value) ? opAt.value[EXTENSION] : undefined;
  if (raw === undefined) return detect(ctx, op);
  const at = child(opAt, raw, EXTENSION);
  if (raw === false) return undefined;
  if (!isObject(raw)) {
    throw fail(at, `\`${EXTENSION}\` must be an object or false`, "Give at least `events` (the event schema) or `{}`.");
  }
  for (const key of Object.keys(raw)) {
    if (!(FIELDS as readonly string[]).includes(key)) {
      throw fail(
        child(at, raw[key], key),
        `Unknown field "${key}" in \`${EXTENSION}\``,
        `Known: ${FIELDS.join(", ")}.`,
      );
    }
  }
  // An operation that always streams (no JSON answer to switch from) takes no flag.
  const always = alwaysStreams(op);
  if (always && raw.flag !== undefined) {
    throw fail(
      child(at, raw.flag, "flag"),
      "`flag` needs a 2XX JSON response to switch from: this operation answers only with an event stream",
      "Drop `flag`: the operation's own function yields the events.",
    );
  }
  const flag = always ? undefined : readFlag(ctx, at, op, raw.flag);
  const event = raw.events === undefined ? sseType(op) : convertSchema(ctx, child(at, raw.events, "events"));
  if (!event) {
    throw fail(
      at,
      "The operation declares no text/event-stream response, so the event schema is unknown",
      'Give `events`, e.g. `events: { $ref: "#/components/schemas/MyEvent" }`.',
    );
  }
  const named = namedEvents(ctx, op, event);
  const framing = readFraming(child(at, raw.framing, "framing"), named, op.events?.lines === true);
  const known = framing === "named" ? (named ?? []).flatMap((e) => e.names) : [];
  const doneData = readStrings(child(at, raw.doneData, "doneData")) ?? defaultDoneData(op);
  const names = (field: "errors" | "done" | "final"): string[] | undefined => {
    const list = readStrings(child(at, raw[field], field));
    if (list && framing !== "named")
      throw fail(child(at, raw[field], field), `\`${field}\` needs named events`, "Drop it, or use framing: named.");
    for (const [i, name] of (list ?? []).entries()) {
      if (!known.includes(name)) {
        throw fail(
          child(at, name, field, i),
          `"${name}" is not an event of the event schema`,
          `Known events: ${known.join(", ")}.`,
        );
      }
    }
    return list;
  };
  const errors = names("errors");
  const done = names("done");
  const finalValue = raw.final;
  if (finalValue !== undefined && finalValue !== false && !Array.isArray(finalValue)) {
    throw fail(
      child(at, finalValue, "final"),
      "`final` must be a list of event names or false",
      "E.g. final: [thread.run.completed].",
    );
  }
  const finalNames = finalValue === false ? [] : names("final");
  return build(ctx, op, {
    ...(flag ? { flag } : {}),
    event,
    framing,
    named: framing === "named" ? (named ?? []) : [],
    doneData,
    ...(errors ? { errors } : {}),
    ...(done ? { done } : {}),
    ...(finalNames ? { final: finalNames } : {}),
    response: jsonSuccess(op),
  });
}

/**
 * The flag of an operation with a JSON answer, from the extension's `flag` field (default
 * `stream`): a boolean property of the JSON request body.
 */
function readFlag(ctx: ParseContext, at: Located, op: StreamSource, given: unknown): StreamOperation["flag"] {
  const body = jsonBody(op);
  if (!body) {
    throw fail(
      at,
      `\`${EXTENSION}\` needs a JSON request body with the stream flag`,
      "Declare an application/json requestBody.",
    );
  }
  if (jsonSuccess(op) === undefined) {
    throw fail(
      at,
      `\`${EXTENSION}\` needs a 2XX JSON response (what the plain function returns), or a 2XX text/event-stream as the only answer`,
      "Declare it, or drop the extension.",
    );
  }
  const flagName = given === undefined ? DEFAULT_FLAG : given;
  if (typeof flagName !== "string" || flagName === "") {
    throw fail(
      child(at, given, "flag"),
      "`flag` must be a property name",
      'Name the boolean body property, e.g. "stream".',
    );
  }
  const flag = flagOf(ctx, body, flagName);
  if (!flag) {
    throw fail(
      child(at, given, "flag"),
      `The request body has no boolean property "${flagName}"`,
      "Name the boolean property of the JSON body that asks for a stream.",
    );
  }
  return flag;
}

/**
 * Whether the operation's only success answer is an event stream: a 2XX `text/event-stream`, no
 * other media type beside it, and no 2XX JSON.
 */
function alwaysStreams(op: StreamSource): boolean {
  return op.events !== undefined && !op.events.beside && jsonSuccess(op) === undefined;
}

/**
 * A stream without the extension: a boolean `stream` body property and a 2XX event stream beside
 * JSON, or a 2XX event stream with an event schema as the only success answer.
 */
function detect(ctx: ParseContext, op: StreamSource): StreamOperation | undefined {
  const event = sseType(op);
  if (!event) return undefined;
  let flag: StreamOperation["flag"];
  if (!alwaysStreams(op)) {
    const body = jsonBody(op);
    flag = body && jsonSuccess(op) !== undefined ? flagOf(ctx, body, DEFAULT_FLAG) : undefined;
    if (!flag) return undefined;
  }
  const named = namedEvents(ctx, op, event);
  return build(ctx, op, {
    ...(flag ? { flag } : {}),
    event,
    framing: named ? "named" : "data",
    named: named ?? [],
    doneData: defaultDoneData(op),
    response: jsonSuccess(op),
  });
}

/** Event-stream data values that end the stream: `[DONE]`; none for JSON lines (a line is a value). */
function defaultDoneData(op: StreamSource): string[] {
  return op.events?.lines ? [] : DEFAULT_DONE_DATA;
}

/** The settled stream: defaults for what the extension left out, worked out from the event schema. */
function build(
  ctx: ParseContext,
  op: StreamSource,
  input: {
    flag?: StreamOperation["flag"];
    event: TypeExpr;
    framing: StreamFraming;
    named: NamedEvent[];
    doneData: string[];
    errors?: string[];
    done?: string[];
    final?: string[];
    response: TypeExpr | undefined;
  },
): StreamOperation {
  const { named, doneData, response } = input;
  const all = named.flatMap((e) => e.names);
  // An event whose data can only be an end marker (`data: "[DONE]"`) ends the stream.
  const done = input.done ?? named.filter((e) => isOnly(e.resolved, doneData)).flatMap((e) => e.names);
  const data = input.framing === "data";
  const errors = input.errors ?? defaultErrorEvents(data, all, op);
  // Data framing: data with an `error` is an error where the schema has no such property.
  const errorProperty =
    data && !mayHaveProperty(ctx, input.event, DEFAULT_ERROR_EVENT, 0) ? DEFAULT_ERROR_EVENT : undefined;
  // The final object: events whose data is what the plain function returns (a run for createRun).
  const finalNames =
    input.final ??
    (response === undefined ? [] : named.filter((e) => sameType(e.data, response)).flatMap((e) => e.names));
  const finalType =
    input.final === undefined
      ? response
      : union(named.filter((e) => e.names.some((n) => finalNames.includes(n))).map((e) => e.data));
  const stream: StreamOperation = {
    ...(input.flag ? { flag: input.flag } : {}),
    event: input.event,
    framing: input.framing,
    doneData,
    doneEvents: done,
    errorEvents: errors,
    ...(errorProperty ? { errorProperty } : {}),
  };
  return input.framing === "named" && finalNames.length > 0 && finalType !== undefined
    ? { ...stream, final: { events: finalNames, type: finalType } }
    : stream;
}

/**
 * The event names that are errors by default: the schema's `error` event (named framing); any
 * `event: error` frame (data framing; JSON lines have no frames, so none).
 */
function defaultErrorEvents(data: boolean, names: readonly string[], op: StreamSource): string[] {
  if (!data) return names.filter((name) => name === DEFAULT_ERROR_EVENT);
  return op.events?.lines ? [] : [DEFAULT_ERROR_EVENT];
}

/**
 * Whether data of `type` may have the property `name`: some member of a union or intersection
 * declares it, or the type is not known (`unknown`, or too deep to tell).
 */
function mayHaveProperty(ctx: ParseContext, type: TypeExpr, name: string, depth: number): boolean {
  if (depth > 16) return true;
  const resolved = resolveType(ctx, type);
  if (resolved.kind === "union" || resolved.kind === "intersection")
    return resolved.members.some((member) => mayHaveProperty(ctx, member, name, depth + 1));
  if (resolved.kind === "object") return resolved.properties.some((p) => p.name === name);
  return resolved.kind === "unknown";
}

function readFraming(at: Located, named: NamedEvent[] | undefined, lines: boolean): StreamFraming {
  if (at.value === undefined) return named ? "named" : "data";
  if (at.value === "data") return "data";
  if (at.value === "named" && lines) {
    throw fail(
      at,
      "framing: named needs server-sent events: JSON lines carry no event names",
      "Drop `framing` (each line is one event's data).",
    );
  }
  if (at.value === "named") {
    if (!named) {
      throw fail(
        at,
        "framing: named needs an event schema whose members are objects with an `event` name (string enum) and `data`",
        "Use framing: data, or point `events` at such a union.",
      );
    }
    return "named";
  }
  throw fail(at, "`framing` must be named or data", "named: `{ event, data }` frames; data: JSON data only.");
}

/** A list of strings, or undefined when absent. */
function readStrings(at: Located): string[] | undefined {
  if (at.value === undefined) return undefined;
  if (!Array.isArray(at.value) || !at.value.every((v) => typeof v === "string")) {
    throw fail(at, "Expected a list of strings", "E.g. [done].");
  }
  return at.value as string[];
}

/** The JSON request body's type, if the operation takes one. */
function jsonBody(op: StreamSource): TypeExpr | undefined {
  return op.requestBody?.contents.find((c) => c.kind === "json")?.type;
}

/** The type of the 2XX JSON responses (what the plain function returns), if any. */
function jsonSuccess(op: StreamSource): TypeExpr | undefined {
  const types = op.responses
    .filter((r) => r.role === "success")
    .flatMap((r) => r.contents.filter((c) => c.kind === "json").map((c) => c.type));
  return types.length === 0 ? undefined : union(types);
}

/** The event type a 2XX `text/event-stream` response declares, if more than text. */
function sseType(op: StreamSource): TypeExpr | undefined {
  const data = op.events?.data ?? [];
  return data.length === 0 ? undefined : union(data);
}

/** The body's boolean property `name` (through references and allOf), with its facts. */
function flagOf(ctx: ParseContext, body: TypeExpr, name: string): StreamOperation["flag"] | undefined {
  const property = declaredProperty(ctx, body, name);
  if (!property) return undefined;
  const types = property.type.kind === "union" ? property.type.members : [property.type];
  const boolean = types.some((t) => t.kind === "boolean" || (t.kind === "literal" && typeof t.value === "boolean"));
  const others = types.every(
    (t) => t.kind === "boolean" || t.kind === "null" || (t.kind === "literal" && typeof t.value === "boolean"),
  );
  if (!boolean || !others) return undefined;
  return { property: name, required: property.required, nullable: types.some((t) => t.kind === "null") };
}

/**
 * The members of an event union when every one is an object with an `event` name (a string
 * literal or enum of them) and a `data` property (nested unions and references followed); else
 * undefined. JSON lines carry no event names: always undefined.
 */
function namedEvents(ctx: ParseContext, op: StreamSource, event: TypeExpr): NamedEvent[] | undefined {
  if (op.events?.lines) return undefined;
  const leaves: TypeExpr[] = [];
  const visit = (type: TypeExpr, depth: number): boolean => {
    if (depth > 16) return false;
    const resolved = resolveType(ctx, type);
    if (resolved.kind === "union") return resolved.members.every((m) => visit(m, depth + 1));
    leaves.push(resolved);
    return true;
  };
  if (!visit(event, 0)) return undefined;
  const events: NamedEvent[] = [];
  for (const leaf of leaves) {
    if (leaf.kind !== "object") return undefined;
    const name = leaf.properties.find((p) => p.name === "event");
    const data = leaf.properties.find((p) => p.name === "data");
    if (!name || !data) return undefined;
    const names = stringLiterals(resolveType(ctx, name.type));
    if (!names) return undefined;
    events.push({ names, data: data.type, resolved: resolveType(ctx, data.type) });
  }
  return events.length === 0 ? undefined : events;

  function stringLiterals(type: TypeExpr): string[] | undefined {
    const members = type.kind === "union" ? type.members : [type];
    const values = members.map((m) => (m.kind === "literal" && typeof m.value === "string" ? m.value : undefined));
    return values.every((v): v is string => v !== undefined) ? values : undefined;
  }
}

/** True when `type` is a string literal (or union of them) among `values`. */
function isOnly(type: TypeExpr, values: readonly string[]): boolean {
  const members = type.kind === "union" ? type.members : [type];
  return members.every((m) => m.kind === "literal" && typeof m.value === "string" && values.includes(m.value));
}

function sameType(a: TypeExpr, b: TypeExpr): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function fail(at: Located, message: string, hint: string): SpecError {
  return new SpecError(message, { file: at.file, pointer: at.pointer }, { hint });
}
