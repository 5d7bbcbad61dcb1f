/** An operation's exported types and function(s); the decisions come from response-plan.ts. */
import type CodeBlockWriter from "code-block-writer";
import type { ParameterLocation, RequestBodyContent, ResponseContent, TypeExpr } from "../../ir/types.js";
import { jsonLiteral, propertyKey, stringLiteral } from "../../util/escape.js";
import { type DocTag, docText } from "../docs.js";
import type { ClientOperation } from "./names.js";
import { PARAM_GROUPS, writeParamsType } from "./params.js";
import {
  bodyContents,
  chooseBody,
  paramsName,
  paramsRequired,
  planResponse,
  planStream,
  type ResponsePlan,
} from "./response-plan.js";
import type { RuntimeFunction } from "./runtime-functions.js";
import {
  type AlwaysStreamingOperation,
  alwaysStreams,
  flagOffBody,
  hasStream,
  type StreamingOperation,
  streamView,
  writeEventType,
  writeStreamFunction,
  writeStreamTypes,
} from "./stream.js";
import { type TypeScope, writeType } from "./type-printer.js";
import { render, writeDoc } from "./writer.js";

export { writeParamsType } from "./params.js";
export { bodyContents, chooseBody, paramsRequired, planResponse, type ResponsePlan } from "./response-plan.js";
export { RUNTIME_FUNCTIONS, type RuntimeFunction } from "./runtime-functions.js";

const DEFAULT_STYLE: Record<ParameterLocation, string> = {
  path: "simple",
  query: "form",
  header: "simple",
  cookie: "form",
};

/** The `styles` entries for parameters serialised differently from their location's default. */
function styleEntries(op: ClientOperation): string[] {
  const out: string[] = [];
  for (const p of op.parameters) {
    const isDefault =
      p.style === DEFAULT_STYLE[p.in] && p.explode === (p.style === "form") && !p.allowReserved && !p.json;
    if (isDefault) continue;
    const parts = [`style: ${stringLiteral(p.style)}`, `explode: ${String(p.explode)}`];
    if (p.allowReserved) parts.push("allowReserved: true");
    if (p.json) parts.push("json: true");
    out.push(`${stringLiteral(`${p.in}:${p.name}`)}: { ${parts.join(", ")} }`);
  }
  return out;
}

/** Operation-level services of the emitter. */
export interface OperationHelpers {
  /** The source of the response's int64 plan, when the client reads 64-bit integers as bigint. */
  int64Plan(expr: TypeExpr): string | undefined;
  /** Records a runtime function the module's code calls (see {@link RUNTIME_FUNCTIONS}), so the module imports it. */
  use(name: RuntimeFunction): void;
}

/** The reader of each response kind. */
const READERS: Record<ResponseContent["kind"], RuntimeFunction> = {
  json: "readJson",
  text: "readText",
  blob: "readBlob",
  void: "readVoid",
  sse: "readEvents",
  jsonl: "readJsonLines",
};

/** The `accept` header of each response kind, where it is not the runtime's default (`application/json`). */
const ACCEPT: Partial<Record<ResponseContent["kind"], string>> = {
  text: "*/*",
  blob: "*/*",
  void: "*/*",
  sse: "text/event-stream",
  jsonl: "application/jsonl",
};

/** The encoder of each request body kind. */
const ENCODERS: Record<RequestBodyContent["kind"], RuntimeFunction> = {
  json: "encodeJson",
  text: "encodeText",
  form: "encodeForm",
  multipart: "encodeMultipart",
  binary: "encodeBinary",
};

/** What an operation's functions need imported besides models, and the plain function's result type. */
export interface OperationNeeds {
  /** A function reads an event stream (`ServerSentEvent`). */
  sse: boolean;
  /** A stream function (`toEventStream`, `EventStream`), with `final()` (`FinalEventStream`). */
  stream: "none" | "events" | "named" | "final";
  /** The stream function's body sets a flag, which the plain function's body takes only off (`WithoutFlag`). */
  flag?: boolean;
  /** The plain function's result type as written in its signature. */
  result: string;
}

/** Writes the operation's exported params/response/error/event types and its function(s). */
export function writeOperation(
  writer: CodeBlockWriter,
  op: ClientOperation,
  scope: TypeScope,
  helpers: OperationHelpers,
): OperationNeeds {
  const plan = planResponse(op);
  const responseScope: TypeScope = { ...scope, usage: "response" };
  const streaming = hasStream(op) ? op : undefined;

  writeParamsType(writer, op, scope, streaming ? flagOffBody(streaming.stream) : undefined);
  // The result type: written inline when short (a named type, a primitive), else exported.
  const { text: result, exported } = resultType(op, scope);
  if (exported !== undefined) {
    writeDoc(writer, `The successful response of {@link ${op.name}}.`);
    writer.write(`export type ${op.typeNames.response} = ${exported};`).newLine().blankLine();
  }
  if (plan.errorType) {
    writeDoc(writer, `The error body of {@link ${op.name}} (the \`body\` of the thrown {@link ApiError}).`);
    writer.write(`export type ${op.typeNames.error} = `);
    writeType(writer, plan.errorType, responseScope);
    writer.write(";").newLine().blankLine();
  }

  // An operation that always streams: its own function yields the typed events.
  if (alwaysStreams(op)) {
    writeEventType(writer, op, scope);
    writeTypedStream(writer, op, scope, helpers, op);
    return { sse: true, stream: streamKind(op), result };
  }

  // Event streams: the data of each event is typed on its own; parseJsonEvents yields it typed.
  const streamName = plan.responseType === "sse" ? op.name : streaming ? undefined : op.streamName;
  const eventType = streamName === undefined ? undefined : planStream(op);
  if (streamName !== undefined && eventType) {
    writeDoc(writer, `The data of each event {@link ${streamName}} streams (JSON).`);
    writer.write(`export type ${op.typeNames.event} = `);
    writeType(writer, eventType, responseScope);
    writer.write(";").newLine().blankLine();
  }

  const int64 = plan.responseType === "json" && plan.type ? helpers.int64Plan(plan.type) : undefined;
  const mainEvent = plan.responseType === "sse" ? eventType : undefined;
  writeFunction(writer, op, helpers, {
    name: op.name,
    result,
    responseType: plan.responseType,
    int64,
    errorType: plan.errorType !== undefined,
    bodyOptional: plan.mayBeEmpty,
    eventType: mainEvent,
    streamedBy: streaming?.streamName,
  });
  if (streaming) {
    writeStreamTypes(writer, streaming, scope);
    const flag = propertyKey(streaming.stream.flag.property);
    writeTypedStream(
      writer,
      streaming,
      scope,
      helpers,
      streamView(streaming),
      (access) => `{ ...${access}body, ${flag}: true }`,
    );
    return { sse: true, stream: streamKind(streaming), flag: true, result };
  }
  if (op.streamName !== undefined && plan.responseType !== "sse") {
    const stream = "AsyncIterable<ServerSentEvent>";
    writeFunction(writer, op, helpers, {
      name: op.streamName,
      result: stream,
      responseType: "sse",
      int64: undefined,
      errorType: plan.errorType !== undefined,
      bodyOptional: false,
      eventType,
      streamOf: op.name,
    });
  }
  const frames = plan.responseType === "sse" || plan.responseType === "jsonl";
  return { sse: frames || op.streamName !== undefined, stream: "none", result };
}

/**
 * Writes the function returning the operation's typed event stream; `view` is the request it sends
 * (the operation itself, or its stream view), `body` the body expression (the flag set).
 */
function writeTypedStream(
  writer: CodeBlockWriter,
  op: StreamingOperation | AlwaysStreamingOperation,
  scope: TypeScope,
  helpers: OperationHelpers,
  view: ClientOperation,
  body?: (access: string) => string,
): void {
  // JSON lines are read as frames of one line each, sent with the media type the spec declares.
  const lines = op.events?.lines
    ? op.responses.flatMap((r) => (r.role === "success" ? r.contents : [])).find((c) => c.kind === "jsonl")
    : undefined;
  writeStreamFunction(writer, op, scope, eventParser(op, helpers), (w) =>
    writeRequestCall(w, view, helpers, {
      name: view.name,
      result: "AsyncIterable<ServerSentEvent>",
      responseType: lines ? "jsonl" : "sse",
      int64: undefined,
      errorType: false,
      bodyOptional: false,
      eventType: undefined,
      ...(body ? { body } : {}),
      ...(lines ? { accept: lines.mediaType } : {}),
    }),
  );
}

/** Which stream type the operation's stream function returns. */
function streamKind(op: StreamingOperation | AlwaysStreamingOperation): OperationNeeds["stream"] {
  return op.stream.final ? "final" : op.stream.framing === "named" ? "named" : "events";
}

/**
 * The source of the stream's data parser where it is not `JSON.parse`: a client reading 64-bit
 * integers as bigint reads them so in events too.
 */
function eventParser(op: StreamingOperation | AlwaysStreamingOperation, helpers: OperationHelpers): string | undefined {
  const eventPlan = helpers.int64Plan(op.stream.event);
  if (eventPlan === undefined) return undefined;
  helpers.use("int64EventData");
  return `int64EventData(${eventPlan}, int64Plans, ${String(op.stream.framing === "named")})`;
}

/**
 * The type an operation's function resolves to, as its signature spells it: inline when short (a
 * named type, a primitive), else `<Op>Response`, whose declaration is `exported`.
 */
export function resultType(op: ClientOperation, scope: TypeScope): { text: string; exported: string | undefined } {
  const text = render((w) => writeResult(w, planResponse(op), { ...scope, usage: "response" }));
  return text.includes("\n") || text.length > 60
    ? { text: op.typeNames.response, exported: text }
    : { text, exported: undefined };
}

/** One generated function: its JSDoc, its signature, and the request it hands to the client. */
interface FunctionPlan {
  name: string;
  result: string;
  responseType: ResponseContent["kind"];
  int64: string | undefined;
  errorType: boolean;
  /** Some success responses have no body, so an empty one is `undefined`. */
  bodyOptional: boolean;
  eventType: TypeExpr | undefined;
  /** For a stream variant: the function that reads the non-stream response. */
  streamOf?: string;
  /** For a plain function whose body flag asks for a stream: the stream function. */
  streamedBy?: string | undefined;
  /** The body expression, given how params are accessed (`params.`); default `${access}body`. */
  body?: (access: string) => string;
  /** The `accept` header, where not the response kind's. */
  accept?: string;
}

function writeFunction(
  writer: CodeBlockWriter,
  op: ClientOperation,
  helpers: OperationHelpers,
  fn: FunctionPlan,
): void {
  const required = paramsRequired(op);
  const tags: DocTag[] = [["see", `${op.method.toUpperCase()} ${op.path}`]];
  if (fn.eventType) {
    tags.push([
      "example",
      `for await (const event of parseJsonEvents<${op.typeNames.event}>(await ${fn.name}(client${required ? ", params" : ""}))) {}`,
    ]);
  }
  tags.push([
    "throws",
    `{ApiError${fn.errorType ? `<${op.typeNames.error}>` : ""}} when the server answers with an error status.`,
  ]);
  const doc = fn.streamedBy
    ? {
        ...op.doc,
        description: [
          op.doc.description,
          `Returns the answer whole; {@link ${fn.streamedBy}} streams it as typed events.`,
        ]
          .filter(Boolean)
          .join("\n\n"),
      }
    : fn.streamOf
      ? {
          ...op.doc,
          description: [
            op.doc.description,
            `Reads the response as a server-sent event stream; {@link ${fn.streamOf}} reads the other media type. Whether the server streams usually depends on the request (for example a \`stream: true\` body field).`,
          ]
            .filter(Boolean)
            .join("\n\n"),
        }
      : op.doc;
  writeDoc(writer, docText(doc, tags));
  const paramsArg = `${paramsName(op)}${required ? "" : "?"}: ${op.typeNames.params}`;
  writer.write(
    `export function ${fn.name}(client: Client, ${paramsArg}, options?: RequestOptions): ApiPromise<${fn.result}> `,
  );
  writer.inlineBlock(() => {
    writer.write("return ");
    writeRequestCall(writer, op, helpers, fn);
    writer.write(";").newLine();
  });
  writer.blankLine();
}

/** `request<Result>(client, { ...spec }, options)`. */
function writeRequestCall(
  writer: CodeBlockWriter,
  op: ClientOperation,
  helpers: OperationHelpers,
  fn: FunctionPlan,
): void {
  helpers.use("request");
  writer.write(`request<${fn.result}>(client, `).inlineBlock(() => writeRequestSpec(writer, op, helpers, fn));
  writer.write(", options)");
}

/**
 * The `RequestSpec` literal: method, path, own server, parameter groups, their serialiser where
 * styles differ from the defaults, body and its encoder, the response reader, security.
 */
function writeRequestSpec(
  writer: CodeBlockWriter,
  op: ClientOperation,
  helpers: OperationHelpers,
  fn: FunctionPlan,
): void {
  const access = paramsRequired(op) ? "params." : "params?.";
  writer.writeLine(`method: ${stringLiteral(op.method.toUpperCase())},`);
  writer.writeLine(`path: ${stringLiteral(op.path)},`);
  const server = op.servers?.[0]?.url;
  if (server !== undefined) writer.writeLine(`server: ${stringLiteral(server)},`);
  for (const [location, key, specKey] of PARAM_GROUPS) {
    if (op.parameters.some((p) => p.in === location)) writer.writeLine(`${specKey}: ${access}${key},`);
  }
  const styles = styleEntries(op);
  if (styles.length > 0) {
    helpers.use("styled");
    writer.write("params: styled(").inlineBlock(() => {
      for (const entry of styles) writer.writeLine(`${entry},`);
    });
    writer.write("),").newLine();
  }
  writeBodySpec(writer, op, helpers, access, fn.body);
  const optional = fn.bodyOptional && fn.responseType === "json";
  if (fn.int64 !== undefined) {
    helpers.use("readInt64Json");
    writer.writeLine(`read: readInt64Json(${fn.int64}, int64Plans${optional ? ", true" : ""}),`);
  } else {
    const reader = optional ? "readOptionalJson" : READERS[fn.responseType];
    helpers.use(reader);
    writer.writeLine(`read: ${reader},`);
  }
  const accept = fn.accept ?? ACCEPT[fn.responseType];
  if (accept !== undefined) writer.writeLine(`accept: ${stringLiteral(accept)},`);
  if (op.security) {
    const alternatives = op.security.map((names) => `[${names.map((n) => stringLiteral(n)).join(", ")}]`);
    writer.writeLine(`security: [${alternatives.join(", ")}],`);
  }
}

function writeBodySpec(
  writer: CodeBlockWriter,
  op: ClientOperation,
  helpers: OperationHelpers,
  access: string,
  bodyExpr: ((access: string) => string) | undefined,
): void {
  const body = chooseBody(op);
  if (!body) return;
  const contents = bodyContents(op);
  writer.writeLine(`body: ${bodyExpr ? bodyExpr(access) : `${access}body`},`);
  if (contents.length > 1) {
    // `encodeBody` picks the encoding from the media type the caller chose.
    helpers.use("encodeBody");
    writer.writeLine("encode: encodeBody,");
    writer.writeLine(`contentType: ${access}contentType ?? ${stringLiteral(body.mediaType)},`);
  } else {
    helpers.use(ENCODERS[body.kind]);
    writer.writeLine(`encode: ${ENCODERS[body.kind]},`);
    if (!isDefaultContentType(body)) writer.writeLine(`contentType: ${stringLiteral(body.mediaType)},`);
  }
  const encoding = bodyEncoding(contents);
  // `as const` keeps the style literals typed where a key such as `constructor` has no contextual type.
  if (encoding.size > 0) writer.writeLine(`encoding: ${jsonLiteral(Object.fromEntries(encoding))} as const,`);
}

/** One property's entry of the runtime's `encoding`. */
interface EncodingEntry {
  contentType?: string;
  style?: string;
  explode?: boolean;
}

/**
 * The runtime's `encoding`, one entry per property (the first media type declaring it wins): a
 * multipart part's content type, and a declared style. A form body nests with brackets by
 * default, which is `deepObject`, so that style is left out there.
 */
function bodyEncoding(contents: RequestBodyContent[]): Map<string, EncodingEntry> {
  const entries = new Map<string, EncodingEntry>();
  for (const content of contents) {
    for (const e of content.encoding) {
      const entry: EncodingEntry = {};
      if (content.kind === "multipart" && e.contentType !== undefined) entry.contentType = e.contentType;
      if (e.style !== undefined && !(content.kind === "form" && e.style === "deepObject")) {
        entry.style = e.style;
        entry.explode = e.explode ?? e.style === "form";
      }
      if (Object.keys(entry).length > 0 && !entries.has(e.property)) entries.set(e.property, entry);
    }
  }
  return entries;
}

function writeResult(writer: CodeBlockWriter, plan: ResponsePlan, scope: TypeScope): void {
  if (plan.responseType === "sse" || plan.responseType === "jsonl") {
    writer.write("AsyncIterable<ServerSentEvent>");
  } else if (plan.type) {
    writeType(writer, plan.type, scope);
    if (plan.mayBeEmpty) writer.write(" | undefined");
  } else {
    writer.write("void");
  }
}

function isDefaultContentType(body: RequestBodyContent): boolean {
  const defaults: Record<string, string> = {
    json: "application/json",
    multipart: "multipart/form-data",
    form: "application/x-www-form-urlencoded",
    text: "text/plain",
    binary: "application/octet-stream",
  };
  return body.mediaType.toLowerCase() === defaults[body.kind];
}
