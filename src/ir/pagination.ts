/**
 * How an operation's results continue on further pages: the facts a client needs to walk them,
 * target-neutral (parameter and property names as the spec gives them, no identifiers). Found in
 * the spec's shape (cursor lists such as the Assistants API's) or declared with the
 * `x-codegen-pagination` extension (src/parse/extensions/pagination.ts).
 */
import type { TypeExpr } from "./types.js";

/** Property names from the top of a JSON body, in order; empty for the body itself. */
export type PropertyPath = readonly string[];

/** What every pagination style states. */
interface PaginationBase {
  /** Where a page's items are in the success body (empty: the body is the list). */
  readonly items: PropertyPath;
  /** The type of one item. */
  readonly item: TypeExpr;
  /** A boolean in the body; `false` means there is no further page. */
  readonly hasMore?: PropertyPath;
  /** Whether the spec's shape showed it (`detected`) or the extension declared it (`declared`). */
  readonly source: "detected" | "declared";
}

/** The next page is asked for with a cursor: a value from this page (`after=<last_id>`). */
export interface CursorPagination extends PaginationBase {
  readonly style: "cursor";
  /** The query parameter that takes the cursor. */
  readonly param: string;
  /** Where the next cursor is in the body; when absent there (or null), the last item's `itemKey`. */
  readonly from?: PropertyPath;
  /** The property of an item that is the cursor past it (`id`). */
  readonly itemKey?: string;
  /**
   * The query parameter that asks for the page before a cursor (`ending_before`, `before`): when
   * the first call sets it, the pages run backwards, each next cursor being the first item's
   * `itemKey` (so it is only given with `itemKey`).
   */
  readonly before?: string;
}

/** The next page is asked for by number (`page=2`). */
export interface PagePagination extends PaginationBase {
  readonly style: "page";
  /** The query parameter that takes the page number. */
  readonly param: string;
  /** The number of the first page, when the first call does not name one. */
  readonly start: number;
  /** The number of pages, in the body: the page of that number is the last. */
  readonly totalPages?: PropertyPath;
}

/** The next page is asked for by the number of items before it (`offset=40`). */
export interface OffsetPagination extends PaginationBase {
  readonly style: "offset";
  /** The query parameter that takes the offset. */
  readonly param: string;
  /** The number of items of all pages, in the body. */
  readonly total?: PropertyPath;
}

/** The body names the URL of the next page (`"next": "https://api.example.com/items?page=2"`). */
export interface NextUrlPagination extends PaginationBase {
  readonly style: "next-url";
  /** Where the next page's URL is in the body; null, empty or absent on the last page. */
  readonly next: PropertyPath;
}

/** The `Link` response header names the next page (`<https://...>; rel="next"`, RFC 8288). */
export interface LinkPagination extends PaginationBase {
  readonly style: "link";
}

export type Pagination = CursorPagination | PagePagination | OffsetPagination | NextUrlPagination | LinkPagination;
