/**
 * Pagination of an operation: declared with the `x-codegen-pagination` extension on the operation,
 * else detected from the spec's shape (cursor lists as in the OpenAI Assistants API). The
 * extension is untrusted input: every value is checked, and a parameter or property it names must
 * exist in the operation; a bad one is a SpecError at the extension's place.
 */
import type { Operation, Pagination, PropertyPath, TypeExpr } from "../../ir/types.js";
import { SpecError } from "../../util/errors.js";
import { isObject, type ParseContext } from "../context.js";
import type { Draft } from "../draft.js";
import { child, type Located, location } from "../located.js";
import { declaredProperty, resolveType, successJson } from "./support.js";

/** The extension's key on an operation object. */
export const PAGINATION_EXTENSION = "x-codegen-pagination";

const STYLES = ["cursor", "page", "offset", "next-url", "link"] as const;
type Style = (typeof STYLES)[number];

/** The keys each style takes, besides `style`, `items` and `hasMore`. */
const STYLE_KEYS: Record<Style, readonly string[]> = {
  cursor: ["cursor"],
  page: ["page", "totalPages"],
  offset: ["offset", "total"],
  "next-url": ["next"],
  link: [],
};

/** What pagination reads of an operation already converted. */
export type PagedOperation = Pick<Operation, "method" | "parameters" | "responses">;

/**
 * The pagination of the operation at `opAt`: as its `x-codegen-pagination` declares (`false`
 * switches detection off), else as detected; undefined when it has none.
 */
export function readPagination(ctx: ParseContext, opAt: Located, operation: PagedOperation): Pagination | undefined {
  const raw = (opAt.value as Record<string, unknown>)[PAGINATION_EXTENSION];
  if (raw === undefined) return detectPagination(ctx, operation);
  if (raw === false) return undefined;
  return declaredPagination(ctx, child(opAt, raw, PAGINATION_EXTENSION), operation);
}

// ---------------------------------------------------------------------------------------------
// Detection

/**
 * The query parameters that take the cursor past a page's last item, in the APIs that share this
 * list shape (`after`: OpenAI and other Stainless-made APIs; `starting_after`: Stripe), each with
 * its partner that asks for the page before a cursor.
 */
const CURSOR_PARAMS = { after: "before", starting_after: "ending_before" } as const;

/**
 * A cursor list: a GET whose JSON success body is an object with an array `data` and a boolean
 * `has_more`, and with a string query parameter for the cursor:
 * - `after` or `starting_after`: the next cursor is `last_id` when the body has one, else (and
 *   whenever it is null) the last item's `id`; without either nothing is detected. Where the items
 *   have an `id` and the operation has the partner parameter (`before`, `ending_before`), a first
 *   call that sets it walks the pages backwards.
 * - `page`, where the body has a `next_page` (Stripe's search results): the next cursor is that token.
 */
function detectPagination(ctx: ParseContext, operation: PagedOperation): Pagination | undefined {
  if (operation.method !== "get") return undefined;
  const stringQuery = (name: string) =>
    operation.parameters.some((p) => p.in === "query" && p.name === name && accepts(ctx, p.type, "string"));
  const after = (Object.keys(CURSOR_PARAMS) as (keyof typeof CURSOR_PARAMS)[]).find(stringQuery);
  if (after === undefined && !stringQuery("page")) return undefined;
  const body = successJson(operation);
  if (!body) return undefined;
  const data = declaredProperty(ctx, body, "data")?.type;
  const hasMore = declaredProperty(ctx, body, "has_more")?.type;
  if (!data || !hasMore || !accepts(ctx, hasMore, "boolean")) return undefined;
  const list = resolveType(ctx, data);
  if (list.kind !== "array") return undefined;
  const base = { items: ["data"], item: list.items, hasMore: ["has_more"], source: "detected" } as const;
  if (after === undefined) {
    const token = declaredProperty(ctx, body, "next_page")?.type;
    return token && accepts(ctx, token, "string")
      ? { ...base, style: "cursor", param: "page", from: ["next_page"] }
      : undefined;
  }
  const draft: Draft<Pagination & { style: "cursor" }> = { ...base, style: "cursor", param: after };
  if (declaredProperty(ctx, body, "last_id")?.type) draft.from = ["last_id"];
  if (declaredProperty(ctx, list.items, "id")?.type) {
    draft.itemKey = "id";
    if (stringQuery(CURSOR_PARAMS[after])) draft.before = CURSOR_PARAMS[after];
  }
  return draft.from || draft.itemKey ? draft : undefined;
}

// ---------------------------------------------------------------------------------------------
// The extension

function declaredPagination(ctx: ParseContext, at: Located, operation: PagedOperation): Pagination {
  const value = at.value;
  if (!isObject(value)) {
    throw bad(
      at,
      `must be an object or false, not ${describe(value)}`,
      "Give `style` (cursor, page, offset, next-url or link) and where the items are, or `false` to switch detection off.",
    );
  }
  const styleAt = child(at, value.style, "style");
  if (!STYLES.includes(value.style as Style)) {
    throw bad(
      styleAt,
      value.style === undefined
        ? "needs a `style`"
        : `style ${describe(value.style)} is not one of ${STYLES.join(", ")}`,
      `Set \`style\` to one of ${STYLES.join(", ")}.`,
    );
  }
  const style = value.style as Style;
  const allowed = ["style", "items", "hasMore", ...STYLE_KEYS[style]];
  checkKeys(at, value, allowed, `style ${style}`);

  const body = successJson(operation);
  if (!body) {
    throw bad(
      at,
      "the operation has no JSON success response to read pages from",
      "Declare a 2XX response with application/json content, or remove the extension.",
    );
  }
  const itemsAt = child(at, value.items, "items");
  const items = value.items === undefined ? [] : readPath(itemsAt);
  const list = resolveType(ctx, walk(ctx, body, items, itemsAt));
  if (list.kind !== "array" && list.kind !== "unknown") {
    throw bad(
      itemsAt,
      items.length === 0
        ? "the success body is not a list: name the property that holds the items with `items`"
        : `${items.join(".")} is not a list in the success body`,
      "Point `items` at the array of a page's items (e.g. `items: data`).",
    );
  }
  const base = {
    items,
    item: list.kind === "array" ? list.items : ({ kind: "unknown" } as const),
    ...optionalPath(ctx, at, body, value, "hasMore", "boolean"),
    source: "declared" as const,
  };

  switch (style) {
    case "cursor": {
      const cursorAt = child(at, value.cursor, "cursor");
      const cursor = section(cursorAt, ["param", "from", "itemKey", "before"]);
      const out: Draft<Pagination & { style: "cursor" }> = {
        ...base,
        style,
        param: queryParam(operation, child(cursorAt, cursor.param, "param")),
      };
      if (cursor.from !== undefined) {
        const fromAt = child(cursorAt, cursor.from, "from");
        out.from = readPath(fromAt);
        walk(ctx, body, out.from, fromAt);
      }
      if (cursor.itemKey !== undefined) {
        const keyAt = child(cursorAt, cursor.itemKey, "itemKey");
        out.itemKey = name(keyAt);
        walk(ctx, base.item, [out.itemKey], keyAt);
      }
      if (out.from === undefined && out.itemKey === undefined) {
        throw bad(
          cursorAt,
          "needs `from` (where the next cursor is in the body) or `itemKey` (the item property that is the cursor), or both",
          "For example `cursor: { param: after, from: last_id, itemKey: id }`.",
        );
      }
      if (cursor.before !== undefined) {
        const beforeAt = child(cursorAt, cursor.before, "before");
        if (out.itemKey === undefined) {
          throw bad(
            beforeAt,
            "needs `itemKey`: walking backwards, the next cursor is the first item's key",
            "Add `itemKey` (e.g. `itemKey: id`), or leave `before` out.",
          );
        }
        out.before = queryParam(operation, beforeAt);
      }
      return out;
    }
    case "page": {
      const pageAt = child(at, value.page, "page");
      const page = section(pageAt, ["param", "start"]);
      const startAt = child(pageAt, page.start, "start");
      if (page.start !== undefined && !(Number.isSafeInteger(page.start) && (page.start as number) >= 0)) {
        throw bad(startAt, `must be a whole number of 0 or more, not ${describe(page.start)}`, "Usually 1 (or 0).");
      }
      return {
        ...base,
        style,
        param: queryParam(operation, child(pageAt, page.param, "param")),
        start: (page.start as number | undefined) ?? 1,
        ...optionalPath(ctx, at, body, value, "totalPages", "number"),
      };
    }
    case "offset": {
      const offsetAt = child(at, value.offset, "offset");
      const offset = section(offsetAt, ["param"]);
      return {
        ...base,
        style,
        param: queryParam(operation, child(offsetAt, offset.param, "param")),
        ...optionalPath(ctx, at, body, value, "total", "number"),
      };
    }
    case "next-url": {
      const nextAt = child(at, value.next, "next");
      if (value.next === undefined)
        throw bad(at, "style next-url needs `next`", "Name where the next page's URL is, e.g. `next: next`.");
      const next = readPath(nextAt);
      check(ctx, walk(ctx, body, next, nextAt), "string", nextAt);
      return { ...base, style, next };
    }
    case "link":
      return { ...base, style };
  }
}

/** An object-valued section of the extension (`cursor`, `page`, `offset`), with only `keys`. */
function section(at: Located, keys: readonly string[]): Record<string, unknown> {
  if (!isObject(at.value)) {
    throw bad(
      at,
      at.value === undefined ? "is missing" : `must be an object, not ${describe(at.value)}`,
      `Give an object with ${keys.map((k) => `\`${k}\``).join(", ")} (\`param\` is required).`,
    );
  }
  checkKeys(at, at.value, keys, "here");
  return at.value;
}

function checkKeys(at: Located, value: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw bad(
        child(at, value[key], key),
        `unknown key ${JSON.stringify(key)} for ${where}`,
        `The keys are: ${allowed.join(", ")}.`,
      );
    }
  }
}

/** A query parameter of the operation named at `at`. */
function queryParam(operation: PagedOperation, at: Located): string {
  const param = name(at);
  if (!operation.parameters.some((p) => p.in === "query" && p.name === param)) {
    const names = operation.parameters.filter((p) => p.in === "query").map((p) => p.name);
    throw bad(
      at,
      `names the query parameter ${JSON.stringify(param)}, which the operation does not declare`,
      names.length > 0 ? `Its query parameters are: ${names.join(", ")}.` : "Declare the parameter (in: query) first.",
    );
  }
  return param;
}

/** A non-empty name. */
function name(at: Located): string {
  if (typeof at.value !== "string" || at.value === "") {
    throw bad(
      at,
      at.value === undefined ? "is missing" : `must be a non-empty string, not ${describe(at.value)}`,
      "Give a name.",
    );
  }
  return at.value;
}

/** A property path: `a.b` or `[a, b]` (for names holding dots). */
function readPath(at: Located): PropertyPath {
  const value = at.value;
  const segments = typeof value === "string" ? value.split(".") : Array.isArray(value) ? value : undefined;
  if (!segments?.every((s): s is string => typeof s === "string" && s !== "") || value === "") {
    throw bad(
      at,
      `must be a property path such as "data" or "meta.next", or a list of property names, not ${describe(value)}`,
      "Name the property from the top of the response body, with dots between nested names.",
    );
  }
  return segments;
}

/** An optional path field of the extension whose value in the body must be of `kind`. */
function optionalPath<K extends string>(
  ctx: ParseContext,
  at: Located,
  body: TypeExpr,
  value: Record<string, unknown>,
  key: K,
  kind: "boolean" | "number",
): { [P in K]?: PropertyPath } {
  if (value[key] === undefined) return {};
  const fieldAt = child(at, value[key], key);
  const path = readPath(fieldAt);
  check(ctx, walk(ctx, body, path, fieldAt), kind, fieldAt);
  return { [key]: path } as { [P in K]?: PropertyPath };
}

/** The type at `path` below `type`; an error at `at` when a property is known to be missing. */
function walk(ctx: ParseContext, type: TypeExpr, path: PropertyPath, at: Located): TypeExpr {
  let current = type;
  for (const [i, segment] of path.entries()) {
    const found = propertyType(ctx, current, segment);
    if (found === "missing") {
      const where = i === 0 ? "the success body" : path.slice(0, i).join(".");
      const names = propertyNames(ctx, current);
      throw bad(
        at,
        `${where} has no property ${JSON.stringify(segment)}`,
        names.length > 0 ? `Its properties are: ${names.join(", ")}.` : "Check the response schema.",
      );
    }
    current = found;
  }
  return current;
}

/** An error at `at` when the type is known and is not of `kind`. */
function check(ctx: ParseContext, type: TypeExpr, kind: "boolean" | "number" | "string", at: Located): void {
  const resolved = resolveType(ctx, type);
  if (resolved.kind === "unknown" || accepts(ctx, resolved, kind)) return;
  throw bad(at, `names a property that is not a ${kind} in the success body`, `Point it at a ${kind} property.`);
}

// ---------------------------------------------------------------------------------------------
// Reading IR types

/**
 * The type of property `name` of an object type: its type, `missing` when the type is known to
 * lack it, or `unknown` when the type cannot tell (unknown, a union of several shapes).
 */
function propertyType(ctx: ParseContext, type: TypeExpr, name: string): TypeExpr | "missing" {
  const resolved = resolveType(ctx, type);
  if (resolved.kind === "object") {
    const property = resolved.properties.find((p) => p.name === name);
    if (property) return property.type;
    return resolved.additional ?? "missing";
  }
  if (resolved.kind === "intersection") {
    let unknown = false;
    for (const member of resolved.members) {
      const found = propertyType(ctx, member, name);
      if (found === "missing") continue;
      if (found.kind !== "unknown") return found;
      unknown = true;
    }
    return unknown ? { kind: "unknown" } : "missing";
  }
  if (resolved.kind === "unknown" || resolved.kind === "union") return { kind: "unknown" };
  return "missing";
}

/** The declared property names of an object type (for hints). */
function propertyNames(ctx: ParseContext, type: TypeExpr): string[] {
  const resolved = resolveType(ctx, type);
  if (resolved.kind === "object") return resolved.properties.map((p) => p.name);
  if (resolved.kind === "intersection") return resolved.members.flatMap((m) => propertyNames(ctx, m));
  return [];
}

/** Whether values of `type` can be of `kind` (a union with such a member counts). */
function accepts(ctx: ParseContext, type: TypeExpr, kind: "boolean" | "number" | "string"): boolean {
  const resolved = resolveType(ctx, type);
  if (resolved.kind === "union") return resolved.members.some((m) => accepts(ctx, m, kind));
  if (resolved.kind === "literal") return typeof resolved.value === kind;
  if (kind === "number") return resolved.kind === "number" || resolved.kind === "integer";
  return resolved.kind === kind;
}

// ---------------------------------------------------------------------------------------------

/** An error about the field at `at`; a missing field is placed at the object that lacks it (which has a line). */
function bad(at: Located, problem: string, hint: string): SpecError {
  const field = at.pointer.slice(at.pointer.lastIndexOf(PAGINATION_EXTENSION));
  const pointer = at.value === undefined ? at.pointer.slice(0, at.pointer.lastIndexOf("/")) : at.pointer;
  return new SpecError(`${field}: ${problem}`, { ...location(at), pointer }, { hint });
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}
