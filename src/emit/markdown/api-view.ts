/** The view of an API page (api/<tag>.md): the tag's operations table and one section per operation. */
import type { Pagination, Parameter, Status } from "../../ir/types.js";
import type { ClientOperation } from "./client-names.js";
import {
  alwaysStreams,
  bodyContents,
  type FunctionResult,
  operationNames,
  paramsName,
  paramsRequired,
  planStream,
} from "./client-names.js";
import { codeBlock, codeSpan, markdownBlock, markdownCell } from "./escape.js";
import { exampleCall } from "./example.js";
import { type ApiPage, relativeLink } from "./pages.js";
import { typeOneLine } from "./type-text.js";
import { docCell, type HeaderView, nav, securityText, summaryOf, typeOn, type ViewContext } from "./view-context.js";

export interface OperationView {
  heading: string;
  deprecated: boolean;
  description: string;
  signature: string;
  /** The line naming the operation's poll helper (`x-codegen-poll`); "" when it has none. */
  poll: string;
  example: string;
  hasParameters: boolean;
  parameters: { name: string; type: string; in: string; required: string; description: string }[];
  returns: string;
  hasErrors: boolean;
  errors: { status: string; description: string; type: string }[];
  throws: string;
  authorization: string;
  requestMedia: string;
  responseMedia: string;
  nav: string;
}

export interface ApiPageView extends HeaderView {
  title: string;
  readme: string;
  description: string;
  baseUrl: string;
  rows: { fn: string; method: string; path: string; summary: string }[];
  operations: OperationView[];
}

const LOCATION_ORDER = ["path", "query", "header", "cookie"];

function parameterRows(ctx: ViewContext, from: string, op: ClientOperation): OperationView["parameters"] {
  const params = [...op.parameters].sort((a, b) => LOCATION_ORDER.indexOf(a.in) - LOCATION_ORDER.indexOf(b.in));
  const rows: OperationView["parameters"] = params.map((p: Parameter) => ({
    name: codeSpan(p.name, { inTable: true }),
    type: typeOn(ctx, from, p.type, "request"),
    in: p.in,
    required: p.required ? "yes" : "no",
    description: docCell(p.doc, [], p.type),
  }));
  const contents = bodyContents(op);
  contents.forEach((content, i) => {
    const media = codeSpan(content.mediaType, { inTable: true });
    const choose = codeSpan(`contentType: ${JSON.stringify(content.mediaType)}`, { inTable: true });
    const how =
      contents.length === 1
        ? `Sent as ${media}.`
        : i === 0
          ? `Sent as ${media}, the default (${codeSpan("contentType", { inTable: true })} may be left out).`
          : `Sent as ${media} with ${choose}.`;
    rows.push({
      name: codeSpan("body"),
      type: typeOn(ctx, from, content.type, "request"),
      in: "body",
      required: op.requestBody?.required ? "yes" : "no",
      description: docCell(op.requestBody?.doc ?? {}, [how]),
    });
  });
  return rows;
}

function returnsText(ctx: ViewContext, from: string, op: ClientOperation, result: FunctionResult): string {
  const statuses = op.responses.filter((r) => r.role === "success").map((r) => codeSpan(statusKey(r.status)));
  const status = statuses.length === 0 ? "" : `status ${statuses.join(", ")}`;
  const notes = (...parts: string[]): string => {
    const text = parts.filter(Boolean).join("; ");
    return text === "" ? "" : ` (${text})`;
  };
  if (result.stream) return `${codeSpan("AsyncIterable<ServerSentEvent>")}${notes("an event stream", status)}.`;
  if (!result.type) return `${codeSpan("void")}${notes("no body", status)}.`;
  const type = typeOn(ctx, from, result.type, "response", false);
  const alias = result.alias === undefined ? "" : `exported as ${codeSpan(result.alias)}`;
  return `${type}${result.mayBeEmpty ? ` or ${codeSpan("undefined")}` : ""}${notes(alias, status)}.`;
}

/** A status as the spec spells it: `200`, `2XX`, `default`. */
function statusKey(status: Status): string {
  if (status.kind === "code") return String(status.code);
  return status.kind === "range" ? `${status.class}XX` : "default";
}

function errorRows(ctx: ViewContext, from: string, op: ClientOperation): OperationView["errors"] {
  return op.responses
    .filter((r) => r.role === "error")
    .map((r) => {
      const content = r.chosen;
      return {
        status: codeSpan(statusKey(r.status), { inTable: true }),
        description: markdownCell(r.description ?? ""),
        type: content
          ? `${typeOn(ctx, from, content.type, "response")} (${codeSpan(content.mediaType, { inTable: true })})`
          : "none",
      };
    });
}

function mediaList(types: string[]): string {
  const unique = [...new Set(types)];
  return unique.length === 0 ? "none" : unique.map((t) => codeSpan(t)).join(", ");
}

function operationView(ctx: ViewContext, page: ApiPage, op: ClientOperation): OperationView {
  const names = operationNames(op);
  const from = page.path;
  const result = ctx.printer.result(op);
  const required = paramsRequired(op);
  const paramsArg = `${paramsName(op)}${required ? "" : "?"}: ${names.params}`;
  const signature = (fn: string, resultText: string): string =>
    `function ${fn}(client: Client, ${paramsArg}, options?: RequestOptions): ApiPromise<${resultText}>`;
  const signatures = [signature(names.fn, typeOneLine(result.signature))];
  const typedStream = ctx.printer.streamResult(op);
  if (names.stream !== undefined && typedStream !== undefined && names.streamParams !== undefined)
    signatures.push(
      `function ${names.stream}(client: Client, params${required ? "" : "?"}: ${names.streamParams}, options?: RequestOptions): ApiPromise<${typedStream}>`,
    );
  else if (names.stream !== undefined && !result.stream)
    signatures.push(signature(names.stream, "AsyncIterable<ServerSentEvent>"));
  // The paginate function always reads its params (mirrors ../ts/pagination.ts).
  const item = op.pagination ? typeOneLine(ctx.printer.print(op.pagination.item, "response")) : undefined;
  if (names.paginate !== undefined && item !== undefined) {
    signatures.push(
      `function ${names.paginate}(client: Client, params${required ? "" : "?"}: ${names.params}, options?: RequestOptions): Paginator<${item}, ${typeOneLine(result.signature)}>`,
    );
  }
  const description = [op.doc.summary, op.doc.description !== op.doc.summary ? op.doc.description : undefined]
    .filter((t): t is string => t !== undefined && t.trim() !== "")
    .map(markdownBlock)
    .join("\n\n");
  const errors = errorRows(ctx, from, op);
  const responseMedia = op.responses
    .filter((r) => r.role === "success")
    .flatMap((r) => r.contents.map((c) => c.mediaType));
  // An operation that always streams: its own function yields the typed events.
  const always = alwaysStreams(op);
  const streamFn = always ? undefined : result.stream ? names.fn : typedStream === undefined ? names.stream : undefined;
  const eventType = streamFn === undefined ? undefined : planStream(op);
  const events =
    eventType === undefined
      ? ""
      : ` Each event's data is JSON of type ${typeOn(ctx, from, eventType, "response", false)} (exported as ${codeSpan(names.event)}): read it with ${codeSpan(`parseJsonEvents<${names.event}>(events)`)}.`;
  const typedNote = (fn: string, sends: string): string =>
    `\n\nStream: ${codeSpan(fn)}${sends} yields typed events (${codeSpan(names.event)}) from a ${codeSpan(typedStream ?? "")}${op.stream?.final ? `; its ${codeSpan("final()")} reads the stream to its end and gives the last ${typeOn(ctx, from, op.stream.final.type, "response", false)}` : ""}${op.stream?.framing === "named" ? `; its ${codeSpan("collect(...names)")} reads it instead of a loop and gives the data of the events of those names` : ""}.`;
  const streamNote =
    typedStream !== undefined && always
      ? typedNote(names.fn, "")
      : typedStream !== undefined && names.stream !== undefined && op.stream?.flag
        ? `${typedNote(names.stream, ` sends ${codeSpan(`${op.stream.flag.property}: true`)} and`)} The body of ${codeSpan(names.fn)} takes the flag only off.`
        : names.stream !== undefined && !result.stream
          ? `\n\n${codeSpan(names.stream)} sends the same request and reads the response as a server-sent event stream.${events}`
          : result.stream && events !== ""
            ? `\n\n${events.trim()}`
            : "";
  const pagesNote =
    names.paginate !== undefined && op.pagination !== undefined
      ? `\n\nPages: ${codeSpan(names.paginate)} yields every item across pages (${codeSpan("for await")}); its ${codeSpan(".pages()")} yields each page with its body and response (${paginationText(op.pagination)}).`
      : "";
  return {
    heading: codeSpan(names.fn),
    deprecated: op.doc.deprecated === true,
    description: `${description}${streamNote}${pagesNote}`.trim(),
    signature: codeBlock(signatures.join("\n"), "ts"),
    poll: pollLine(ctx, op, paramsArg),
    example: codeBlock(
      exampleCall(op, names.fn, { byId: ctx.byId, int64: ctx.int64, returnsValue: result.signature !== "void" }),
      "ts",
    ),
    hasParameters: op.parameters.length > 0 || bodyContents(op).length > 0,
    parameters: parameterRows(ctx, from, op),
    returns: returnsText(ctx, from, op, result),
    hasErrors: errors.length > 0,
    errors,
    throws: result.errorType
      ? `${codeSpan(`ApiError<${names.error}>`)} (its ${codeSpan("body")}: ${typeOn(ctx, from, result.errorType, "response", false)})`
      : codeSpan("ApiError"),
    authorization: securityText(ctx, from, op.security ?? ctx.model.security),
    requestMedia: mediaList(bodyContents(op).map((c) => c.mediaType)),
    responseMedia: mediaList(responseMedia),
    nav: nav(ctx, from, page.top),
  };
}

/** What the operation's `<name>AndPoll` does and its signature, or "" without one. */
function pollLine(ctx: ViewContext, op: ClientOperation, paramsArg: string): string {
  const name = operationNames(op).poll;
  const status = op.poll && ctx.model.operations.find((o) => o.operationId === op.poll?.operationId);
  if (name === undefined || !op.poll || !status) return "";
  const pending = op.poll.pending.map((v) => codeSpan(JSON.stringify(v))).join(", ");
  const hint = op.poll.hintHeader === undefined ? "" : ` (waiting as the ${codeSpan(op.poll.hintHeader)} header says)`;
  const result = typeOneLine(ctx.printer.result(status).signature);
  const signature = `function ${name}(client: Client, ${paramsArg.replace(/^_params/, "params")}, options?: PollOptions): Promise<${result}>`;
  return `${codeSpan(name)} sends this request, then calls ${codeSpan(operationNames(status).fn)} until ${codeSpan(op.poll.status)} is none of ${pending}${hint}, and returns that state: ${codeSpan(signature)}.`;
}

export function apiPageView(ctx: ViewContext, page: ApiPage): ApiPageView {
  return {
    ...ctx.header,
    title: markdownCell(page.group.tag),
    readme: relativeLink(page.path, ctx.plan.readme.path),
    description: markdownBlock(page.group.description ?? ""),
    baseUrl: ctx.baseUrl === "" ? "" : codeSpan(ctx.baseUrl),
    rows: page.operations.map(({ op, anchor }) => ({
      fn: `[${codeSpan(operationNames(op).fn)}](#${anchor})`,
      method: `**${op.method.toUpperCase()}**`,
      path: codeSpan(op.path, { inTable: true }),
      summary: summaryOf(op.doc),
    })),
    operations: page.operations.map(({ op }) => operationView(ctx, page, op)),
  };
}

/** How an operation's pages continue, in a few words (spec names in code spans). */
function paginationText(p: Pagination): string {
  const path = (segments: readonly string[]): string => codeSpan(segments.length === 0 ? "(body)" : segments.join("."));
  switch (p.style) {
    case "cursor":
      return `cursor ${codeSpan(p.param)}${p.before ? `, backwards with ${codeSpan(p.before)}` : ""}`;
    case "page":
      return `page number ${codeSpan(p.param)}`;
    case "offset":
      return `offset ${codeSpan(p.param)}`;
    case "next-url":
      return `next page URL in ${path(p.next)}`;
    case "link":
      return `${codeSpan("Link")} header`;
  }
}
