/**
 * Flat view models of the Markdown pages (readme-view.ts, api-view.ts, model-view.ts): every value
 * is computed and escaped there (spec text through escape.ts, types through type-text.ts), so the
 * templates in templates/markdown only lay text out and branch on flags. This file holds what they
 * share: the context, and the cells and lines several pages write.
 */
import type { Doc, TypeExpr } from "../../ir/types.js";
import { shownFormat } from "../docs.js";
import type { ClientModel, ClientType, TypePrinter, TypeUsage } from "./client-names.js";
import { codeSpan, markdownCell } from "./escape.js";
import { type DocsPlan, relativeLink } from "./pages.js";
import { typeMarkdown } from "./type-text.js";

/** Fields every page's header partial reads. */
export interface HeaderView {
  /** The spec's file name, safe inside an HTML comment. */
  source: string;
}

/** What the views of one reference share. */
export interface ViewContext {
  model: ClientModel;
  plan: DocsPlan;
  printer: TypePrinter;
  byId: Map<string, ClientType>;
  int64: "number" | "bigint";
  baseUrl: string;
  header: HeaderView;
}

/** A type as Markdown for a page at `from`, named types linked to their model page. */
export function typeOn(ctx: ViewContext, from: string, expr: TypeExpr, usage: TypeUsage, inTable = true): string {
  const links = (name: string): string | undefined => {
    const page = ctx.plan.modelByTypeName.get(name);
    return page ? relativeLink(from, page.path) : undefined;
  };
  return typeMarkdown(ctx.printer.print(expr, usage), links, { inTable });
}

/** A JSON value for a table cell. */
export function valueCell(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return codeSpan(text.length > 120 ? `${text.slice(0, 117)}...` : text, { inTable: true });
}

/** A description cell: the text on one line, then format, constraints, default, example, flags. */
export function docCell(doc: Doc, extra: string[] = [], type?: TypeExpr): string {
  const parts: string[] = [];
  const text = [
    doc.title !== doc.description ? doc.title : undefined,
    doc.summary !== doc.description ? doc.summary : undefined,
    doc.description,
  ]
    .filter((t): t is string => t !== undefined && t.trim() !== "")
    .join(" ");
  if (text) parts.push(markdownCell(text));
  if (doc.deprecated) parts.push("**Deprecated.**");
  const format = shownFormat(doc, type);
  if (format && format !== "binary") parts.push(`Format: ${codeSpan(format, { inTable: true })}.`);
  for (const [key, value] of Object.entries(doc.constraints ?? {}))
    parts.push(`${markdownCell(key)}: ${codeSpan(String(value), { inTable: true })}.`);
  if (doc.default !== undefined) parts.push(`Default: ${valueCell(doc.default)}.`);
  const example = doc.examples?.[0];
  if (example !== undefined) parts.push(`Example: ${valueCell(example)}.`);
  parts.push(...extra);
  return parts.join(" ");
}

/** A page's navigation line back to the index. */
export function nav(ctx: ViewContext, from: string, top: string | undefined): string {
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
export function securityText(ctx: ViewContext, from: string, security: readonly (readonly string[])[]): string {
  if (security.length === 0) return "None.";
  const readme = relativeLink(from, ctx.plan.readme.path);
  const scheme = (key: string): string => {
    const anchor = ctx.plan.readme.schemes.get(key);
    const name = markdownCell(key);
    return anchor === undefined ? name : `[${name}](${readme}#${anchor})`;
  };
  return `${security.map((names) => (names.length === 0 ? "none (anonymous)" : names.map(scheme).join(" and "))).join(" or ")}.`;
}

/** The first paragraph of a doc (summary, else description, else title) on one line, at most 200 characters, for index tables. */
export function summaryOf(doc: Doc): string {
  const text = doc.summary ?? doc.description ?? doc.title ?? "";
  const line = (text.split(/\n\s*\n/)[0] ?? "").replace(/\s+/g, " ").trim();
  if (line.length <= 200) return markdownCell(line);
  // Cut at a word boundary.
  const cut = line.slice(0, 200);
  const space = cut.lastIndexOf(" ");
  return markdownCell(`${space > 100 ? cut.slice(0, space) : cut}…`);
}
