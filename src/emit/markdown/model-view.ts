/** The view of a model page (models/<Type>.md): properties, values, members, variants and back-links. */
import type { Property, TypeExpr } from "../../ir/types.js";
import type { ClientOperation, ClientType } from "./client-names.js";
import { operationNames, typeNames } from "./client-names.js";
import { codeSpan, markdownBlock } from "./escape.js";
import { type ModelPage, relativeLink } from "./pages.js";
import { docCell, type HeaderView, nav, typeOn, type ViewContext } from "./view-context.js";

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
export function usedByIndex(ctx: ViewContext): Map<string, { operations: ClientOperation[]; models: ClientType[] }> {
  const index = new Map<string, { operations: ClientOperation[]; models: ClientType[] }>();
  const entry = (id: string) => {
    let found = index.get(id);
    if (!found) {
      found = { operations: [], models: [] };
      index.set(id, found);
    }
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
  byId: Map<string, ClientType>,
  from: ClientType | undefined,
  seen = new Set<string>(),
): { property: Property; from: ClientType | undefined }[] {
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
  if (
    expr.kind === "union" &&
    expr.members.length > 0 &&
    expr.members.every((m) => m.kind === "literal" || m.kind === "null")
  ) {
    return expr.members.map((m) => (m.kind === "literal" ? m.value : null));
  }
  return undefined;
}

export function modelPageView(
  ctx: ViewContext,
  page: ModelPage,
  usedBy: { operations: ClientOperation[]; models: ClientType[] } | undefined,
): ModelPageView {
  const { named } = page;
  const from = page.path;
  const names = typeNames(named);
  const type = named.type;
  const properties = propertiesOf(type, ctx.byId, undefined).map(({ property: p, from: origin }) => {
    const inherited = origin === undefined ? undefined : ctx.plan.modelByTypeName.get(typeNames(origin).name);
    const notes = [
      ...(p.readOnly ? ["Read-only (left out of requests)."] : []),
      ...(p.writeOnly ? ["Write-only (left out of responses)."] : []),
      ...(origin && inherited
        ? [`From [${codeSpan(typeNames(origin).name)}](${relativeLink(from, inherited.path)}).`]
        : []),
    ];
    return {
      name: codeSpan(p.name, { inTable: true }),
      type: typeOn(ctx, from, p.type, "model"),
      required: p.required ? "yes" : "no",
      description: docCell(p.doc, notes, p.type),
    };
  });
  const additional =
    type.kind === "object" && type.additional ? typeOn(ctx, from, type.additional, "model", false) : "";
  const values = (literalValues(type) ?? []).map((v) => codeSpan(JSON.stringify(v)));
  const members =
    type.kind === "union" && values.length === 0 ? type.members.map((m) => typeOn(ctx, from, m, "model", false)) : [];
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
