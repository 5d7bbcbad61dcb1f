/**
 * The stream function of an operation whose JSON body flag switches the answer to events (the
 * IR's `Operation.stream`): `<name>Stream(client, params, options)` sends the flag `true` and
 * returns a typed `EventStream` (with `final()` where the events build an object); the plain
 * function's body accepts the flag only off. An operation that always streams (a stream without a
 * flag) has no second function: its own returns the typed `EventStream`.
 */
import type CodeBlockWriter from "code-block-writer";
import type { StreamOperation } from "../../ir/types.js";
import { jsonLiteral, propertyKey, stringLiteral } from "../../util/escape.js";
import { type DocTag, docText } from "../docs.js";
import type { ClientOperation } from "./names.js";
import { writeParamsType } from "./params.js";
import { paramsName, paramsRequired, planResponse } from "./response-plan.js";
import { type TypeScope, writeType } from "./type-printer.js";
import { render, writeDoc } from "./writer.js";

/** A stream that a body flag switches on. */
type FlaggedStream = StreamOperation & { readonly flag: NonNullable<StreamOperation["flag"]> };

/** An operation whose body flag switches its answer to a stream, with its names. */
export type StreamingOperation = ClientOperation & {
  readonly stream: FlaggedStream;
  readonly streamName: string;
  readonly typeNames: ClientOperation["typeNames"] & { streamParams: string };
};

/** An operation that always answers with a stream (no flag): its own function yields the events. */
export type AlwaysStreamingOperation = ClientOperation & { readonly stream: StreamOperation };

export function hasStream(op: ClientOperation): op is StreamingOperation {
  return op.stream?.flag !== undefined && op.streamName !== undefined && op.typeNames.streamParams !== undefined;
}

export function alwaysStreams(op: ClientOperation): op is AlwaysStreamingOperation {
  return op.stream !== undefined && op.stream.flag === undefined;
}

/** The stream function being written: its name, params type, and the flag it sends (if any). */
export interface StreamFunction {
  readonly name: string;
  readonly params: string;
  /** The body flag it sets `true`; absent for an operation that always streams. */
  readonly flag?: string;
}

/** The stream function of an operation: `<name>Stream` for a flag, else the operation's own. */
export function streamFunctionOf(op: StreamingOperation | AlwaysStreamingOperation): StreamFunction {
  return hasStream(op)
    ? { name: op.streamName, params: op.typeNames.streamParams, flag: op.stream.flag.property }
    : { name: op.name, params: op.typeNames.params };
}

/** The plain function's JSON body type: the flag may only be off (`stream?: false | null`). */
export function flagOffBody(stream: FlaggedStream): (type: string) => string {
  const { property, required, nullable } = stream.flag;
  const value = `false${nullable ? " | null" : ""}${required ? "" : " | undefined"}`;
  return (type) =>
    `WithoutFlag<${type}, ${stringLiteral(property)}> & { ${propertyKey(property)}${required ? "" : "?"}: ${value} }`;
}

/**
 * The operation as its stream function sends it: the JSON body only (the flag is a JSON property),
 * under the stream function's name and params type.
 */
export function streamView(op: StreamingOperation): ClientOperation {
  const json = op.requestBody?.contents.find((c) => c.kind === "json");
  const requestBody = op.requestBody && json ? { ...op.requestBody, contents: [json], chosen: json } : op.requestBody;
  const { requestBody: _, ...rest } = op;
  return {
    ...rest,
    ...(requestBody ? { requestBody } : {}),
    name: op.streamName,
    typeNames: { ...op.typeNames, params: op.typeNames.streamParams },
  };
}

/** Writes `<Op>Event` (what the stream yields) and `<Op>StreamParams` (the body without the flag). */
export function writeStreamTypes(writer: CodeBlockWriter, op: StreamingOperation, scope: TypeScope): void {
  writeEventType(writer, op, scope);
  const flag = stringLiteral(op.stream.flag.property);
  writeParamsType(writer, streamView(op), scope, (body) => `WithoutFlag<${body}, ${flag}>`);
}

/** Writes `<Op>Event`: what the operation's stream function yields. */
export function writeEventType(
  writer: CodeBlockWriter,
  op: StreamingOperation | AlwaysStreamingOperation,
  scope: TypeScope,
): void {
  const { stream } = op;
  const fn = streamFunctionOf(op);
  const responseScope: TypeScope = { ...scope, usage: "response" };
  const event = render((w) => writeType(w, stream.event, responseScope));
  // Error and end events are never yielded: the first throws, the second ends the loop.
  const hidden = stream.framing === "named" ? [...stream.errorEvents, ...stream.doneEvents] : [];
  writeDoc(
    writer,
    stream.framing === "named"
      ? `An event {@link ${fn.name}} yields: \`event\` is the frame's event name, \`data\` its JSON data.`
      : `An event {@link ${fn.name}} yields: the JSON ${op.events?.lines ? "value of one line" : "data of one frame"}.`,
  );
  const type =
    hidden.length > 0
      ? `Exclude<${event}, { event: ${hidden.map((name) => stringLiteral(name)).join(" | ")} }>`
      : event;
  writer.write(`export type ${op.typeNames.event} = ${type};`).newLine().blankLine();
}

/**
 * Writes the stream function (`parse`: the source of its data parser, where not `JSON.parse`);
 * `writeRequest` writes the `client.request<AsyncIterable<ServerSentEvent>>(...)`
 * call of the stream view (its body with the flag set).
 */
export function writeStreamFunction(
  writer: CodeBlockWriter,
  op: StreamingOperation | AlwaysStreamingOperation,
  scope: TypeScope,
  parse: string | undefined,
  writeRequest: (writer: CodeBlockWriter) => void,
): void {
  const { stream } = op;
  const fn = streamFunctionOf(op);
  const responseScope: TypeScope = { ...scope, usage: "response" };
  const final = stream.final
    ? render((w) => writeType(w, stream.final?.type ?? { kind: "unknown" }, responseScope))
    : undefined;
  const generics = final === undefined ? op.typeNames.event : `${op.typeNames.event}, ${final}`;
  const result = streamResultType(op.typeNames.event, stream.framing === "named", final);
  const required = paramsRequired(op);
  const tags: DocTag[] = [["see", `${op.method.toUpperCase()} ${op.path}`]];
  const example = [
    `const stream = await ${fn.name}(client${required ? ", params" : ""});`,
    "for await (const event of stream) console.log(event);",
  ];
  if (final !== undefined)
    example.push(`const result = await stream.final(); // the last ${final}, without the events`);
  tags.push(["example", example.join("\n")]);
  const errorBody = planResponse(op).errorType === undefined ? "" : `<${op.typeNames.error}>`;
  tags.push(["throws", `{ApiError${errorBody}} when the server answers with an error status.`]);
  const lines = op.events?.lines === true;
  tags.push([
    "throws",
    lines
      ? "{ResponseBodyError} when a line is not JSON (or the answer is HTML or an event stream)."
      : "{ResponseBodyError} when the answer is not `text/event-stream`, or an event's data is not JSON.",
  ]);
  const failures = [
    ...(stream.errorEvents.length > 0
      ? [`an error event (${stream.errorEvents.map((n) => `\`${n}\``).join(", ")})`]
      : []),
    ...(stream.errorProperty !== undefined ? [`data with an \`${stream.errorProperty}\``] : []),
  ];
  if (failures.length > 0)
    tags.push(["throws", `{StreamError} while iterating, when the server sends ${failures.join(" or ")}.`]);
  const each = `yields each ${lines ? "JSON line" : "server-sent event"} as {@link ${op.typeNames.event}}`;
  const streams =
    fn.flag === undefined
      ? `Streams the answer: ${each}.`
      : `Streams the answer: sends \`${fn.flag}: true\` and ${each}; {@link ${op.name}} returns the answer whole.`;
  const description = [
    op.doc.description,
    `${streams} Leaving the loop, an error or aborting the \`signal\` closes the connection.` +
      (final === undefined ? "" : ` \`final()\` reads the stream to its end and gives the last ${final}.`) +
      (stream.framing === "named"
        ? " `collect(...names)` reads it instead of the loop and gives the data of the events named."
        : ""),
  ]
    .filter(Boolean)
    .join("\n\n");
  writeDoc(writer, docText({ ...op.doc, description }, tags));
  // A flag's stream function always reads its body, so paramsName gives `params` there.
  const paramsArg = `${paramsName(op)}${required ? "" : "?"}: ${fn.params}`;
  writer.write(
    `export function ${fn.name}(client: Client, ${paramsArg}, options?: RequestOptions): ApiPromise<${result}> `,
  );
  writer.inlineBlock(() => {
    writer.write(`return toEventStream<${generics}>(${stringLiteral(op.method.toUpperCase())}, `);
    writeRequest(writer);
    const literal = jsonLiteral(format(stream));
    // `parse` (source of the data parser) joins the format's literal as its last property.
    const withParse =
      parse === undefined
        ? literal
        : literal === "{}"
          ? `{ parse: ${parse} }`
          : `${literal.slice(0, -2)}, parse: ${parse} }`;
    writer.write(`, ${withParse});`).newLine();
  });
  writer.blankLine();
}

/**
 * The stream function's result inside `ApiPromise<...>`, given whether its events are named
 * (`{ event, data }`: they can be collected) and the final object's type text.
 */
export function streamResultType(event: string, named: boolean, final: string | undefined): string {
  if (final !== undefined) return `FinalEventStream<${event}, ${final}>`;
  return named ? `NamedEventStream<${event}>` : `EventStream<${event}>`;
}

/** The runtime's `StreamFormat` of a stream, only what differs from nothing. */
function format(stream: StreamOperation): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (stream.framing === "named") out.named = true;
  if (stream.doneData.length > 0) out.doneData = stream.doneData;
  if (stream.doneEvents.length > 0) out.done = stream.doneEvents;
  if (stream.errorEvents.length > 0) out.errors = stream.errorEvents;
  if (stream.errorProperty !== undefined) out.errorProperty = stream.errorProperty;
  if (stream.final) out.final = stream.final.events;
  return out;
}
