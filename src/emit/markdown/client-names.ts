/**
 * The one place the Markdown reference learns about the TypeScript client: how it spells things
 * (function, type and module names, allocated by the TS emitter's names.ts; type text from its
 * type printer, so the reference shows exactly the client's types) and what it decided (which
 * body it sends, what it returns). No other file of src/emit/markdown imports the TS emitter.
 */
import type { TypeExpr } from "../../ir/types.js";
import { type EmitContext, scopeFor } from "../declarations.js";
import type { ClientGroup, ClientModel, ClientOperation, ClientType } from "../ts/names.js";
import { planResponse } from "../ts/response-plan.js";
import { alwaysStreams, streamResultType } from "../ts/stream.js";
import { type TypeUsage, writeType } from "../ts/type-printer.js";
import { render } from "../ts/writer.js";

/** The IR with the client's names (and its alias cycles broken, as the client types them). */
export type { ClientGroup, ClientModel, ClientOperation, ClientType } from "../ts/names.js";
/** A group's operations, in document order. */
export { operationsOf } from "../ts/names.js";

/** The params object's key per parameter location (`path`, `query`, `headers`, `cookies`). */
export { PARAM_GROUPS } from "../ts/params.js";
/** Which request bodies the client sends (preferred first), the event-stream data type. */
export { bodyContents, paramsName, paramsRequired, planStream } from "../ts/response-plan.js";
export { alwaysStreams } from "../ts/stream.js";
/** Which side of the wire a type is printed for (request and response variants of a model). */
export type { TypeUsage } from "../ts/type-printer.js";

/** What the client calls one operation. */
export interface ClientOperationNames {
  /** The exported function. */
  fn: string;
  /** The function that reads the response as an event stream, when there is a second one. */
  stream: string | undefined;
  /** The function that walks the operation's pages, when it has pagination. */
  paginate: string | undefined;
  /** The params type of the typed stream function (an operation with a stream flag). */
  streamParams: string | undefined;
  /** The function that starts the work and polls until it is done (`x-codegen-poll`), when there is one. */
  poll: string | undefined;
  /** The exported params type. */
  params: string;
  /** The exported error body type. */
  error: string;
  /** The exported type of an event stream's data. */
  event: string;
}

export function operationNames(op: ClientOperation): ClientOperationNames {
  return {
    fn: op.name,
    stream: op.streamName,
    paginate: op.paginateName,
    streamParams: op.typeNames.streamParams,
    poll: op.pollName,
    params: op.typeNames.params,
    error: op.typeNames.error,
    event: op.typeNames.event,
  };
}

/** The exported type of a named schema, and of its request/response variants. */
export function typeNames(named: ClientType): { name: string; input: string | undefined; output: string | undefined } {
  return { name: named.name, input: named.variants?.input, output: named.variants?.output };
}

/** The exported payload type of a webhook. */
export function webhookPayloadName(hook: ClientModel["webhooks"][number]): string {
  return `${hook.typeName}Payload`;
}

/** The file name (without extension) of a group's API module. */
export function groupFileName(group: ClientGroup): string {
  return group.fileName;
}

/** Prints TypeScript types as the generated client spells them. */
export class TypePrinter {
  private readonly ctx: EmitContext;

  constructor(types: readonly ClientType[], int64: "number" | "bigint") {
    this.ctx = { byId: new Map(types.map((t) => [t.id, t])), int64, planner: undefined };
  }

  /** The type's text (multi-line for object literals, with JSDoc comments inside them). */
  print(expr: TypeExpr, usage: TypeUsage): string {
    const scope = scopeFor(this.ctx, usage);
    return render((writer) => writeType(writer, expr, scope));
  }

  /**
   * What the typed stream function returns inside `ApiPromise<...>`, for an operation with a stream
   * (the `<op>Stream` function of a flag, else the operation's own function).
   */
  streamResult(op: ClientOperation): string | undefined {
    if (!op.stream) return undefined;
    const final = op.stream.final ? this.print(op.stream.final.type, "response") : undefined;
    return streamResultType(op.typeNames.event, op.stream.framing === "named", final);
  }

  /**
   * What an operation's function returns: the text in its signature (`ApiPromise<...>` inside), the
   * success body type, and the error body type. Mirrors writeOperation in ../ts/operations.ts: an
   * inline result that spans lines or exceeds 60 characters is exported as `<Op>Response`.
   */
  result(op: ClientOperation): FunctionResult {
    const plan = planResponse(op);
    const base = { errorType: plan.errorType, mayBeEmpty: false, alias: undefined };
    if (plan.responseType === "sse" || plan.responseType === "jsonl") {
      const typed = alwaysStreams(op) ? this.streamResult(op) : undefined;
      return { ...base, signature: typed ?? "AsyncIterable<ServerSentEvent>", type: undefined, stream: true };
    }
    if (!plan.type) return { ...base, signature: "void", type: undefined, stream: false };
    const text = `${this.print(plan.type, "response")}${plan.mayBeEmpty ? " | undefined" : ""}`;
    const alias = text.includes("\n") || text.length > 60 ? op.typeNames.response : undefined;
    return { ...base, signature: alias ?? text, alias, type: plan.type, mayBeEmpty: plan.mayBeEmpty, stream: false };
  }
}

/** What an operation's function returns. */
export interface FunctionResult {
  /** The type inside `ApiPromise<...>` in the function's signature. */
  signature: string;
  /** The success body type; undefined for `void` and event streams. */
  type: TypeExpr | undefined;
  /** The name the client exports the result type under, when it is too long to write inline. */
  alias: string | undefined;
  /** Some success responses have no body (the result may be `undefined`). */
  mayBeEmpty: boolean;
  /** The function returns the response as an event stream. */
  stream: boolean;
  /** The body type of declared error responses (the `body` of the thrown ApiError). */
  errorType: TypeExpr | undefined;
}
