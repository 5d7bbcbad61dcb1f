/**
 * The `x-codegen-poll` extension of an operation that starts work: which operation reports how the
 * work stands, the values its parameters take (OpenAPI runtime expressions, as in Link objects),
 * the status property, the statuses that mean "not yet", and the server's wait hint header.
 *
 * ```yaml
 * x-codegen-poll:
 *   operation: getRun
 *   parameters: { thread_id: $request.path.thread_id, run_id: $response.body#/id }
 *   status: status
 *   pending: [queued, in_progress, cancelling]
 *   hint: openai-poll-after-ms
 * ```
 *
 * The value is untrusted: every field is checked, and what it names (the operation, its parameters,
 * the status property, the starting operation's parameters and body) must exist; anything else is a
 * SpecError at the field.
 */
import type { Poll, PollArgument, PollSource } from "../../ir/poll.js";
import type { NamedType, Operation, Parameter, ParameterLocation, Scalar, TypeExpr } from "../../ir/types.js";
import { SpecError } from "../../util/errors.js";
import { isObject } from "../context.js";
import { child, type Located, location } from "../located.js";
import { HEADER_NAME, successJson } from "./support.js";

/** The extension's name. */
export const POLL_EXTENSION = "x-codegen-poll";

const FIELDS = ["operation", "parameters", "status", "pending", "hint"] as const;
const LOCATIONS: readonly ParameterLocation[] = ["path", "query", "header", "cookie"];
/** An HTTP header name (RFC 9110 token). */

/** An operation converted from the spec, with where its object is. */
export interface LocatedOperation {
  readonly operation: Operation;
  readonly at: Located;
}

/**
 * The operation's polling, from its `x-codegen-poll` (undefined when it has none). `operations` is
 * every operation of the spec (the status operation is looked up there); `types` the named types.
 */
export function readPoll(
  start: LocatedOperation,
  operations: readonly LocatedOperation[],
  types: readonly NamedType[],
): Poll | undefined {
  const raw = (start.at.value as Record<string, unknown>)[POLL_EXTENSION];
  if (raw === undefined) return undefined;
  const at = child(start.at, raw, POLL_EXTENSION);
  if (!isObject(raw)) throw fail(at, `\`${POLL_EXTENSION}\` must be an object`);
  for (const key of Object.keys(raw)) {
    if (!(FIELDS as readonly string[]).includes(key))
      throw fail(child(at, raw[key], key), `Unknown field "${key}" in \`${POLL_EXTENSION}\``);
  }

  const operationAt = child(at, raw.operation, "operation");
  const operationId = requiredString(operationAt, "the operationId of the operation that reports the state");
  const status = findOperation(operationAt, operationId, operations);
  const body = successJson(status.operation);
  if (body === undefined) {
    throw fail(
      operationAt,
      `The operation "${operationId}" named by \`${POLL_EXTENSION}\` has no JSON success response to read a status from`,
    );
  }

  const statusAt = child(at, raw.status, "status");
  const statusProperty = requiredString(statusAt, 'the property of the response that holds the status ("status")');
  if (hasProperty(body, statusProperty, new Map(types.map((t) => [t.id, t])), new Set()) === false) {
    throw fail(
      statusAt,
      `The success response of "${operationId}" has no property "${statusProperty}"`,
      "Name a property of the status operation's response body.",
    );
  }

  const poll: Poll = {
    operationId,
    arguments: readArguments(child(at, raw.parameters, "parameters"), start.operation, status.operation),
    status: statusProperty,
    pending: readPending(child(at, raw.pending, "pending")),
  };
  if (raw.hint === undefined) return poll;
  const hintAt = child(at, raw.hint, "hint");
  const hint = requiredString(hintAt, "a response header name");
  if (!HEADER_NAME.test(hint)) throw fail(hintAt, `"${hint}" is not a header name`, "Name a response header.");
  return { ...poll, hintHeader: hint };
}

function fail(
  at: Located,
  message: string,
  hint = `See "Polling" in Codegen's README for the fields of \`${POLL_EXTENSION}\`.`,
): SpecError {
  return new SpecError(message, location(at), { hint });
}

function requiredString(at: Located, what: string): string {
  const field = at.pointer.slice(at.pointer.lastIndexOf("/") + 1);
  if (at.value === undefined) throw fail(at, `\`${POLL_EXTENSION}\` needs \`${field}\`: ${what}`);
  if (typeof at.value !== "string" || at.value.trim() === "")
    throw fail(at, `\`${POLL_EXTENSION}.${field}\` must be a non-empty string (${what})`);
  return at.value;
}

function findOperation(at: Located, operationId: string, operations: readonly LocatedOperation[]): LocatedOperation {
  const found = operations.filter((o) => o.operation.operationId === operationId);
  if (found.length === 1) return found[0] as LocatedOperation;
  if (found.length === 0) {
    throw fail(
      at,
      `\`${POLL_EXTENSION}\` names the operation "${operationId}", which the spec does not have`,
      "Name the operationId of the operation that reports the state of the work (for a run: getRun).",
    );
  }
  throw fail(
    at,
    `Several operations have the operationId "${operationId}"`,
    "Give each operation its own operationId.",
  );
}

/** Whether a type has the property: true, false, or undefined when the type cannot tell. */
function hasProperty(
  type: TypeExpr,
  name: string,
  byId: ReadonlyMap<string, NamedType>,
  seen: Set<string>,
): boolean | undefined {
  switch (type.kind) {
    case "ref": {
      const target = byId.get(type.target);
      if (!target || seen.has(type.target)) return undefined;
      seen.add(type.target);
      return hasProperty(target.type, name, byId, seen);
    }
    case "object":
      return type.properties.some((p) => p.name === name) || type.additional !== undefined;
    case "union":
    case "intersection": {
      const answers = type.members.map((m) => hasProperty(m, name, byId, seen));
      if (answers.includes(true)) return true;
      return answers.includes(undefined) ? undefined : false;
    }
    case "unknown":
      return undefined;
    default:
      return false;
  }
}

function readPending(at: Located): Scalar[] {
  const { value } = at;
  if (value === undefined)
    throw fail(at, `\`${POLL_EXTENSION}\` needs \`pending\`: the statuses that mean "not done yet"`);
  if (!Array.isArray(value) || value.length === 0)
    throw fail(at, `\`${POLL_EXTENSION}.pending\` must be a non-empty list of statuses`);
  return value.map((v, i) => {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
    throw fail(child(at, v, i), `A pending status must be a string, number or boolean`);
  });
}

/** The status operation's parameters and their values; every required one must have a value. */
function readArguments(at: Located, start: Operation, status: Operation): PollArgument[] {
  const { value } = at;
  if (value !== undefined && !isObject(value))
    throw fail(at, `\`${POLL_EXTENSION}.parameters\` must map parameter names to runtime expressions`);
  const out: PollArgument[] = [];
  for (const [key, expression] of Object.entries(value ?? {})) {
    const keyAt = child(at, expression, key);
    const param = statusParameter(keyAt, key, status);
    if (out.some((a) => a.name === param.name && a.in === param.in))
      throw fail(keyAt, `The parameter "${param.name}" is given twice`);
    if (typeof expression !== "string")
      throw fail(keyAt, `The value of "${key}" must be a runtime expression string such as "$response.body#/id"`);
    out.push({ name: param.name, in: param.in, source: readExpression(keyAt, expression, start) });
  }
  for (const param of status.parameters) {
    if (param.required && !out.some((a) => a.name === param.name && a.in === param.in)) {
      throw fail(
        at,
        `The ${param.in} parameter "${param.name}" of "${status.operationId}" is required but \`${POLL_EXTENSION}.parameters\` gives it no value`,
        `Add \`${param.name}: $response.body#/...\` (or another runtime expression) to \`parameters\`.`,
      );
    }
  }
  return out;
}

/** The status operation's parameter a key names: `name`, or `in.name` where the name alone is ambiguous. */
function statusParameter(at: Located, key: string, status: Operation): Parameter {
  const dot = key.indexOf(".");
  const qualifier = dot > 0 ? key.slice(0, dot) : undefined;
  const qualified =
    qualifier !== undefined && (LOCATIONS as readonly string[]).includes(qualifier)
      ? status.parameters.filter((p) => p.in === qualifier && p.name === key.slice(dot + 1))
      : [];
  const matches = qualified.length > 0 ? qualified : status.parameters.filter((p) => p.name === key);
  if (matches.length === 1) return matches[0] as Parameter;
  if (matches.length === 0) {
    const known = status.parameters.map((p) => p.name).join(", ") || "none";
    throw fail(at, `"${status.operationId}" has no parameter "${key}" (its parameters: ${known})`);
  }
  throw fail(
    at,
    `"${status.operationId}" has several parameters named "${key}"`,
    `Qualify it: "path.${key}", "query.${key}", ...`,
  );
}

/** Reads one runtime expression and checks that the starting operation has what it names. */
export function readExpression(at: Located, expression: string, start: Operation): PollSource {
  const source = parseExpression(expression);
  if (source === undefined) {
    throw fail(
      at,
      `"${expression}" is not a runtime expression Codegen reads`,
      "Use $request.path.<name> (query, header, cookie), $request.body#/<pointer>, $response.body#/<pointer> or $response.header.<name>.",
    );
  }
  if (source.from === "request" && source.in !== "body") {
    if (!start.parameters.some((p) => p.in === source.in && p.name === source.name))
      throw fail(at, `"${start.operationId}" has no ${source.in} parameter "${source.name}"`);
  } else if (source.from === "request") {
    if (!start.requestBody) throw fail(at, `"${start.operationId}" has no request body`);
  } else if (source.in === "body" && successJson(start) === undefined) {
    throw fail(at, `"${start.operationId}" has no JSON success response`);
  }
  return source;
}

/** A runtime expression as data, or undefined when it is not one of the forms Codegen reads. */
export function parseExpression(expression: string): PollSource | undefined {
  const body = /^\$(request|response)\.body(?:#(.*))?$/s.exec(expression);
  if (body) {
    const pointer = parsePointer(body[2] ?? "");
    if (pointer === undefined) return undefined;
    return body[1] === "request" ? { from: "request", in: "body", pointer } : { from: "response", in: "body", pointer };
  }
  const param = /^\$request\.(path|query|header|cookie)\.(.+)$/s.exec(expression);
  if (param) return { from: "request", in: param[1] as ParameterLocation, name: param[2] as string };
  const header = /^\$response\.header\.(.+)$/s.exec(expression);
  if (header && HEADER_NAME.test(header[1] as string))
    return { from: "response", in: "header", name: header[1] as string };
  return undefined;
}

/** An RFC 6901 JSON pointer's segments (`""` is the whole value), or undefined when malformed. */
function parsePointer(pointer: string): string[] | undefined {
  if (pointer === "") return [];
  if (!pointer.startsWith("/") || /~[^01]|~$/.test(pointer)) return undefined;
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
}
