/**
 * Flat view models of the Markdown pages: every value is computed and escaped here (spec text
 * through escape.ts, types through type-text.ts), so the templates in templates/markdown only lay
 * text out and branch on flags.
 */
import type { ApiModel, Doc, NamedType, Operation, Parameter, Property, SecurityScheme, TypeExpr } from "../../ir/types.js";
import {
  bodyContents,
  type FunctionResult,
  isSuccess,
  operationNames,
  planStream,
  type TypePrinter,
  type TypeUsage,
  typeNames,
  webhookPayloadName,
} from "./client-names.js";
import { codeBlock, codeSpan, markdownBlock, markdownCell } from "./escape.js";
import { exampleCall } from "./example.js";
import { type ApiPage, type DocsPlan, type ModelPage, relativeLink } from "./pages.js";
import { typeMarkdown, typeOneLine } from "./type-text.js";

/** Fields every page's header partial reads. */
export interface HeaderView {
  /** The spec's file name, safe inside an HTML comment. */
  source: string;
}

export interface ReadmeView extends HeaderView {
  title: string;
  version: string;
  description: string;
  baseUrl: string;
  groups: { link: string; summary: string }[];
  endpoints: { group: string; fn: string; method: string; path: string; summary: string }[];
  models: { link: string; summary: string }[];
  hasWebhooks: boolean;
  webhooks: { name: string; method: string; payload: string; summary: string }[];
  hasSchemes: boolean;
  schemes: { name: string; details: string; description: string }[];
  security: string;
}

export interface OperationView {
  heading: string;
  deprecated: boolean;
  description: string;
  signature: string;
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

export interface ModelPageView extends HeaderView {
  title: string;
  nav: string;
  deprecated: boolean;
  description: string;
  /** The type, for anything but an object with properties (whose table says it all); "" otherwise. */
  declaration: string;
  hasProperties: boolean;
  properties: { name: string; type: string; required: string; description: string }[];
  additional: string;
  hasValues: boolean;
  values: string[];
  hasMembers: boolean;
  members: string[];
  variants: string;
  hasUsedBy: boolean;
  usedBy: string[];
}

/** What the views of one reference share. */
export interface ViewContext {
  model: ApiModel;
  plan: DocsPlan;
  printer: TypePrinter;
  byId: Map<string, NamedType>;
  int64: "number" | "bigint";
  baseUrl: string;
  header: HeaderView;
}

/** A type as Markdown for a page at `from`, named types linked to their model page. */
function typeOn(ctx: ViewContext, from: string, expr: TypeExpr, usage: TypeUsage, inTable = true): string {
  const links = (name: string): string | undefined => {
    const page = ctx.plan.modelByTypeName.get(name);
    return page ? relativeLink(from, page.path) : undefined;
  };
  return typeMarkdown(ctx.printer.print(expr, usage), links, { inTable });
}

/** A JSON value for a table cell. */
function valueCell(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return codeSpan(text.length > 120 ? `${text.slice(0, 117)}...` : text, { inTable: true });
}

/** A description cell: the text on one line, then format, constraints, default, example, flags. */
function docCell(doc: Doc, extra: string[] = []): string {
  const parts: string[] = [];
  const text = [doc.title !== doc.description ? doc.title : undefined, doc.summary !== doc.description ? doc.summary : undefined, doc.description]
    .filter((t): t is string => t !== undefined && t.trim() !== "")
    .join(" ");
  if (text) parts.push(markdownCell(text));
  if (doc.deprecated) parts.push("**Deprecated.**");
  if (doc.format && doc.format !== "binary") parts.push(`Format: ${codeSpan(doc.format, { inTable: true })}.`);
  for (const [key, value] of doc.constraints ?? []) parts.push(`${markdownCell(key)}: ${codeSpan(value, { inTable: true })}.`);
  if (doc.default !== undefined) parts.push(`Default: ${valueCell(doc.default)}.`);
  const example = doc.examples?.[0];
  if (example !== undefined) parts.push(`Example: ${valueCell(example)}.`);
  parts.push(...extra);
  return parts.join(" ");
}

/** A page's navigation line back to the index. */
function nav(ctx: ViewContext, from: string, top: string | undefined): string {
  const readme = relativeLink(from, ctx.plan.readme.path);
  const { endpoints, models } = ctx.plan.readme.anchors;
  return [
    ...(top ? [`[Back to top](#${top})`] : []),
    `[API endpoints](${readme}#${endpoints})`,
    `[Models](${readme}#${models})`,
    `[README](${readme})`,
  ].join(" · ");
}

/** A security requirement: alternatives joined by "or", schemes of one alternative by "and". */
function securityText(ctx: ViewContext, from: string, security: string[][]): string {
  if (security.length === 0) return "None.";
  const readme = relativeLink(from, ctx.plan.readme.path);
  const scheme = (key: string): string => {
    const anchor = ctx.plan.readme.schemes.get(key);
    const name = markdownCell(key);
    return anchor === undefined ? name : `[${name}](${readme}#${anchor})`;
  };
  return `${security.map((names) => (names.length === 0 ? "none (anonymous)" : names.map(scheme).join(" and "))).join(" or ")}.`;
}

/** How the client supplies a scheme's credentials. */
function schemeDetails(scheme: SecurityScheme): string {
  if (scheme.type === "http" && scheme.scheme === "basic") return "HTTP basic authentication: `createClient({ username, password })`.";
  if (scheme.type === "http") return "HTTP bearer token: `createClient({ apiKey })` sends `Authorization: Bearer <apiKey>`.";
  if (scheme.type === "apiKey") return `API key in the ${scheme.in} ${codeSpan(scheme.name)}: \`createClient({ apiKey })\`.`;
  const what = scheme.type === "oauth2" ? "OAuth 2.0" : "OpenID Connect";
  return `${what} access token, obtained by you: \`createClient({ apiKey })\` sends it as \`Authorization: Bearer <apiKey>\`.`;
}

/** The first sentence-ish line of a doc, for index tables. */
function summaryOf(doc: Doc): string {
  const text = doc.summary ?? doc.title ?? doc.description ?? "";
  const line = text.split(/\n\s*\n/)[0] ?? "";
  return markdownCell(line.length > 200 ? `${line.slice(0, 197)}...` : line);
}

export function readmeView(ctx: ViewContext, title: string): ReadmeView {
  const { model, plan } = ctx;
  const from = plan.readme.path;
  const endpoints = plan.apis.flatMap((page) =>
    page.operations.map(({ op, anchor }) => ({
      group: `[${markdownCell(page.group.tag)}](${page.path})`,
      fn: `[${codeSpan(operationNames(op).fn)}](${page.path}#${anchor})`,
      method: `**${op.method.toUpperCase()}**`,
      path: codeSpan(op.path, { inTable: true }),
      summary: summaryOf(op.doc),
    })),
  );
  return {
    ...ctx.header,
    title: markdownCell(title),
    version: codeSpan(model.version),
    description: markdownBlock(model.doc.description ?? ""),
    baseUrl: ctx.baseUrl === "" ? "" : codeSpan(ctx.baseUrl),
    groups: plan.apis.map((page) => ({
      link: `[${markdownCell(page.group.tag)}](${page.path})`,
      summary: summaryOf({ description: page.group.description ?? "" }),
    })),
    endpoints,
    models: plan.models.map((page) => ({ link: `[${codeSpan(typeNames(page.named).name)}](${page.path})`, summary: summaryOf(page.named.doc) })),
    hasWebhooks: model.webhooks.length > 0,
    webhooks: model.webhooks.map((hook) => ({
      name: markdownCell(hook.name),
      method: `**${hook.method.toUpperCase()}**`,
      payload: `${typeOn(ctx, from, hook.body ?? { kind: "unknown" }, "response")} (exported as ${codeSpan(webhookPayloadName(hook))})`,
      summary: summaryOf(hook.doc),
    })),
    hasSchemes: model.securitySchemes.length > 0,
    schemes: model.securitySchemes.map((entry) => ({
      name: markdownCell(entry.key),
      details: schemeDetails(entry.scheme),
      description: markdownBlock(entry.description ?? ""),
    })),
    security: securityText(ctx, from, model.security),
  };
}

const LOCATION_ORDER = ["path", "query", "header", "cookie"];

function parameterRows(ctx: ViewContext, from: string, op: Operation): OperationView["parameters"] {
  const params = [...op.parameters].sort((a, b) => LOCATION_ORDER.indexOf(a.in) - LOCATION_ORDER.indexOf(b.in));
  const rows: OperationView["parameters"] = params.map((p: Parameter) => ({
    name: codeSpan(p.name, { inTable: true }),
    type: typeOn(ctx, from, p.type, "request"),
    in: p.in,
    required: p.required ? "yes" : "no",
    description: docCell(p.doc),
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

function returnsText(ctx: ViewContext, from: string, op: Operation, result: FunctionResult): string {
  const statuses = op.responses.filter(isSuccess).map((r) => codeSpan(r.status));
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

function errorRows(ctx: ViewContext, from: string, op: Operation): OperationView["errors"] {
  return op.responses
    .filter((r) => !isSuccess(r))
    .map((r) => {
      const content = r.contents.find((c) => c.kind === "json") ?? r.contents.find((c) => c.kind === "text") ?? r.contents[0];
      return {
        status: codeSpan(r.status === "DEFAULT" ? "default" : r.status, { inTable: true }),
        description: markdownCell(r.description ?? ""),
        type: content ? `${typeOn(ctx, from, content.type, "response")} (${codeSpan(content.mediaType, { inTable: true })})` : "none",
      };
    });
}

function mediaList(types: string[]): string {
  const unique = [...new Set(types)];
  return unique.length === 0 ? "none" : unique.map((t) => codeSpan(t)).join(", ");
}

function operationView(ctx: ViewContext, page: ApiPage, op: Operation): OperationView {
  const names = operationNames(op);
  const from = page.path;
  const result = ctx.printer.result(op);
  const required = op.parameters.some((p) => p.required) || op.requestBody?.required === true;
  const paramsArg = `${op.parameters.length === 0 && !op.requestBody ? "_params" : "params"}${required ? "" : "?"}: ${names.params}`;
  const signature = (fn: string, resultText: string): string =>
    `function ${fn}(client: Client, ${paramsArg}, options?: RequestOptions): Promise<${resultText}>`;
  const signatures = [signature(names.fn, typeOneLine(result.signature))];
  if (names.stream !== undefined && !result.stream) signatures.push(signature(names.stream, "AsyncIterable<ServerSentEvent>"));
  const description = [op.doc.summary, op.doc.description !== op.doc.summary ? op.doc.description : undefined]
    .filter((t): t is string => t !== undefined && t.trim() !== "")
    .map(markdownBlock)
    .join("\n\n");
  const errors = errorRows(ctx, from, op);
  const responseMedia = op.responses.filter(isSuccess).flatMap((r) => r.contents.map((c) => c.mediaType));
  const streamFn = result.stream ? names.fn : names.stream;
  const eventType = streamFn === undefined ? undefined : planStream(op);
  const events =
    eventType === undefined
      ? ""
      : ` Each event's data is JSON of type ${typeOn(ctx, from, eventType, "response", false)} (exported as ${codeSpan(names.event)}): read it with ${codeSpan(`parseJsonEvents<${names.event}>(events)`)}.`;
  const streamNote =
    names.stream !== undefined && !result.stream
      ? `\n\n${codeSpan(names.stream)} sends the same request and reads the response as a server-sent event stream.${events}`
      : result.stream && events !== ""
        ? `\n\n${events.trim()}`
        : "";
  return {
    heading: codeSpan(names.fn),
    deprecated: op.doc.deprecated === true,
    description: `${description}${streamNote}`.trim(),
    signature: codeBlock(signatures.join("\n"), "ts"),
    example: codeBlock(exampleCall(op, names.fn, { byId: ctx.byId, int64: ctx.int64, returnsValue: result.signature !== "void" }), "ts"),
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

/** Named types a type expression refers to directly. */
function refsOf(expr: TypeExpr, out: Set<string>): Set<string> {
  switch (expr.kind) {
    case "ref":
      out.add(expr.target);
      break;
    case "array":
      refsOf(expr.items, out);
      break;
    case "tuple":
      for (const item of expr.items) refsOf(item, out);
      if (expr.rest) refsOf(expr.rest, out);
      break;
    case "union":
    case "intersection":
      for (const member of expr.members) refsOf(member, out);
      break;
    case "object":
      for (const p of expr.properties) refsOf(p.type, out);
      if (expr.additional) refsOf(expr.additional, out);
      break;
    default:
      break;
  }
  return out;
}

/** Back-links of each named type: the operations and models that refer to it directly. */
export function usedByIndex(ctx: ViewContext): Map<string, { operations: Operation[]; models: NamedType[] }> {
  const index = new Map<string, { operations: Operation[]; models: NamedType[] }>();
  const entry = (id: string) => {
    let found = index.get(id);
    if (!found) index.set(id, (found = { operations: [], models: [] }));
    return found;
  };
  for (const op of ctx.model.operations) {
    const refs = new Set<string>();
    for (const p of op.parameters) refsOf(p.type, refs);
    for (const c of op.requestBody?.contents ?? []) refsOf(c.type, refs);
    for (const r of op.responses) for (const c of r.contents) refsOf(c.type, refs);
    for (const id of [...refs].sort()) entry(id).operations.push(op);
  }
  for (const named of ctx.model.types) {
    for (const id of [...refsOf(named.type, new Set())].sort()) if (id !== named.id) entry(id).models.push(named);
  }
  return index;
}

/**
 * The properties of an object type, or of every object an intersection (`allOf`) combines, named
 * members included (`from` says which named type a property comes from).
 */
function propertiesOf(
  type: TypeExpr,
  byId: Map<string, NamedType>,
  from: NamedType | undefined,
  seen = new Set<string>(),
): { property: Property; from: NamedType | undefined }[] {
  if (type.kind === "object") return type.properties.map((property) => ({ property, from }));
  if (type.kind !== "intersection") return [];
  return type.members.flatMap((member) => {
    if (member.kind !== "ref") return propertiesOf(member, byId, from, seen);
    const named = byId.get(member.target);
    if (!named || seen.has(named.id)) return [];
    seen.add(named.id);
    return propertiesOf(named.type, byId, named, seen);
  });
}

/** The literal values of an enum-like type (a literal or a union of literals). */
function literalValues(expr: TypeExpr): (string | number | boolean | null)[] | undefined {
  if (expr.kind === "literal") return [expr.value];
  if (expr.kind === "union" && expr.members.length > 0 && expr.members.every((m) => m.kind === "literal" || m.kind === "null")) {
    return expr.members.map((m) => (m.kind === "literal" ? m.value : null));
  }
  return undefined;
}

export function modelPageView(ctx: ViewContext, page: ModelPage, usedBy: { operations: Operation[]; models: NamedType[] } | undefined): ModelPageView {
  const { named } = page;
  const from = page.path;
  const names = typeNames(named);
  const type = named.type;
  const properties = propertiesOf(type, ctx.byId, undefined).map(({ property: p, from: origin }) => {
    const inherited = origin === undefined ? undefined : ctx.plan.modelByTypeName.get(typeNames(origin).name);
    const notes = [
      ...(p.readOnly ? ["Read-only (left out of requests)."] : []),
      ...(p.writeOnly ? ["Write-only (left out of responses)."] : []),
      ...(origin && inherited ? [`From [${codeSpan(typeNames(origin).name)}](${relativeLink(from, inherited.path)}).`] : []),
    ];
    return {
      name: codeSpan(p.name, { inTable: true }),
      type: typeOn(ctx, from, p.type, "model"),
      required: p.required ? "yes" : "no",
      description: docCell(p.doc, notes),
    };
  });
  const additional = type.kind === "object" && type.additional ? typeOn(ctx, from, type.additional, "model", false) : "";
  const values = (literalValues(type) ?? []).map((v) => codeSpan(JSON.stringify(v)));
  const members = type.kind === "union" && values.length === 0 ? type.members.map((m) => typeOn(ctx, from, m, "model", false)) : [];
  const variantNotes = [
    names.input ? `Requests use ${codeSpan(names.input)}: this type without its read-only properties.` : "",
    names.output ? `Responses use ${codeSpan(names.output)}: this type without its write-only properties.` : "",
  ].filter(Boolean);
  const used = [
    ...(usedBy?.operations ?? []).map((op) => {
      const at = ctx.plan.operationPage.get(op);
      const fn = codeSpan(operationNames(op).fn);
      return at ? `[${fn}](${relativeLink(from, at.page.path)}#${at.anchor}) (operation)` : fn;
    }),
    ...(usedBy?.models ?? []).map((m) => {
      const target = ctx.plan.modelByTypeName.get(typeNames(m).name);
      const name = codeSpan(typeNames(m).name);
      return target ? `[${name}](${relativeLink(from, target.path)}) (model)` : name;
    }),
  ];
  return {
    ...ctx.header,
    title: codeSpan(names.name),
    nav: nav(ctx, from, undefined),
    deprecated: named.doc.deprecated === true,
    description: [named.doc.title !== named.doc.description ? named.doc.title : undefined, named.doc.description]
      .filter((t): t is string => t !== undefined && t.trim() !== "")
      .map(markdownBlock)
      .join("\n\n"),
    declaration: type.kind === "object" && properties.length > 0 ? "" : typeOn(ctx, from, type, "model", false),
    hasProperties: properties.length > 0,
    properties,
    additional,
    hasValues: values.length > 0,
    values,
    hasMembers: members.length > 0,
    members,
    variants: variantNotes.join(" "),
    hasUsedBy: used.length > 0,
    usedBy: used,
  };
}
