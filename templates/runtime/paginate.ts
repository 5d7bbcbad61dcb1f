/**
 * Pages of a list operation: the items across pages (`for await`), or page by page with each
 * page's body and response. Generic over a function that fetches one page; generated
 * `paginate<Operation>` functions pass the operation's own function and the rule the generator
 * read from the spec. Imported only by operations that have pages.
 */
import type { WithResponse } from "./api-promise.js";
import type { RequestOptions } from "./client.js";

/** A property path from the top of a JSON body; empty for the body itself. */
export type PagePath = readonly string[];

/**
 * How the next page is asked for (what the generator read from the spec). Every style ends at an
 * empty page and, given `hasMore`, where that property is `false`.
 */
export type PageRule = {
  /** Where a page's items are in the body. */
  readonly items: PagePath;
  /** A boolean in the body; `false` ends the pages without another request. */
  readonly hasMore?: PagePath;
} & (
  | {
      /** The next cursor goes into the query parameter `param`. */
      readonly style: "cursor";
      readonly param: string;
      /** Where the next cursor is in the body; when missing or null there, the last item's `itemKey`. */
      readonly from?: PagePath;
      readonly itemKey?: string;
      /**
       * The query parameter that asks for the page before a cursor: when the first call sets it,
       * the pages run backwards, the first item's `itemKey` going into it.
       */
      readonly before?: string;
    }
  | {
      /** The next page's number goes into `param`; the first page is the call's, else `start`. */
      readonly style: "page";
      readonly param: string;
      readonly start: number;
      /** The number of pages: the page of that number is the last. */
      readonly totalPages?: PagePath;
    }
  | {
      /** The number of items before the next page goes into `param`. */
      readonly style: "offset";
      readonly param: string;
      /** The number of items of all pages. */
      readonly total?: PagePath;
    }
  | {
      /** The body names the next page's URL. */
      readonly style: "next-url";
      readonly next: PagePath;
    }
  | {
      /** The `Link` header names the next page (`rel="next"`). */
      readonly style: "link";
    }
);

/** The query values of a page after the first (the cursor, page number or offset). */
export type PageQuery = Readonly<Record<string, string | number>>;

/** Fetches one page: the first call's parameters with `query` over its query, and `options`. */
export type PageFetcher<Body> = (query: PageQuery, options: RequestOptions) => PromiseLike<WithResponse<Body>>;

/** One page: its items, and its parsed body, response and request id as `.withResponse()` gives them. */
export interface PaginatorPage<Item, Body> extends WithResponse<Body> {
  /** The page's items. */
  items: Item[];
}

/**
 * The pages of one call of a list operation. Iterating it (`for await (const item of ...)`) yields
 * the items of every page, fetching each page when the one before is used up; `pages()` yields
 * the pages themselves. Each iteration starts again at the first page. Leaving the loop (`break`,
 * `return`, a throw) fetches nothing more; the call's `signal` aborts the page being fetched and
 * every later one. A cursor list whose first call asks for the page before a cursor (Stripe's
 * `ending_before`) runs backwards: each page is the one before, and the items come last first.
 *
 * @example
 * for await (const assistant of paginateListAssistants(client, { query: { limit: 50 } })) console.log(assistant.id);
 * for await (const page of paginateListAssistants(client).pages()) console.log(page.items.length, page.requestId);
 */
export class Paginator<Item, Body> implements AsyncIterable<Item> {
  private readonly fetchPage: PageFetcher<Body>;
  private readonly rule: PageRule;
  private readonly first: Readonly<Record<string, unknown>>;
  private readonly options: RequestOptions;

  constructor(
    fetchPage: PageFetcher<Body>,
    rule: PageRule,
    firstQuery?: Readonly<Record<string, unknown>> | undefined,
    options?: RequestOptions | undefined,
  ) {
    this.fetchPage = fetchPage;
    this.rule = rule;
    this.first = firstQuery ?? {};
    this.options = options ?? {};
  }

  /** The pages, one request each, from the first until the rule says there is no next one. */
  async *pages(): AsyncGenerator<PaginatorPage<Item, Body>, void, undefined> {
    let query: PageQuery = {};
    let options = this.options;
    let position = startPosition(this.rule, this.first);
    const backwards = this.backwards();
    const seen = new Set<string>();
    for (;;) {
      const { data, response, requestId } = await this.fetchPage(query, options);
      const items = listAt(data, this.rule.items) as Item[];
      yield { data, response, requestId, items };
      const next = nextPage(this.rule, { data, response, items, position, backwards });
      // A cursor or URL seen before would repeat pages forever.
      if (next === undefined || seen.has(next.key)) return;
      seen.add(next.key);
      position = next.position;
      query = next.query;
      options = next.url === undefined ? this.options : { ...this.options, url: next.url };
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    const backwards = this.backwards();
    for await (const page of this.pages()) yield* backwards ? [...page.items].reverse() : page.items;
  }

  /** Whether the first call asks for the page before a cursor, so that the pages run backwards. */
  private backwards(): boolean {
    if (this.rule.style !== "cursor" || this.rule.before === undefined) return false;
    const cursor = this.first[this.rule.before];
    return cursor !== undefined && cursor !== null && cursor !== "";
  }
}

/**
 * The pages of a list operation (what generated `paginate<Operation>` functions return).
 * `firstQuery` is the first call's query, where a page number or offset starts.
 */
export function paginate<Item, Body>(
  fetchPage: PageFetcher<Body>,
  rule: PageRule,
  firstQuery?: Readonly<Record<string, unknown>> | undefined,
  options?: RequestOptions | undefined,
): Paginator<Item, Body> {
  return new Paginator<Item, Body>(fetchPage, rule, firstQuery, options);
}

/** The page number or offset of the first page (the call's own, else the rule's start). */
function startPosition(rule: PageRule, first: Readonly<Record<string, unknown>>): number {
  if (rule.style !== "page" && rule.style !== "offset") return 0;
  const given = Number(first[rule.param]);
  return first[rule.param] !== undefined && Number.isSafeInteger(given)
    ? given
    : rule.style === "page"
      ? rule.start
      : 0;
}

/** What a page tells about the next one. */
interface PageState {
  readonly data: unknown;
  readonly response: Response;
  readonly items: readonly unknown[];
  /** The page number or offset of this page. */
  readonly position: number;
  /** Whether a cursor list runs backwards (the first call asked for the page before a cursor). */
  readonly backwards: boolean;
}

/** The request for the next page, or undefined when this page is the last. */
function nextPage(
  rule: PageRule,
  page: PageState,
): { query: PageQuery; url?: string; position: number; key: string } | undefined {
  if (page.items.length === 0) return undefined;
  if (rule.hasMore !== undefined && valueAt(page.data, rule.hasMore) === false) return undefined;
  switch (rule.style) {
    case "cursor": {
      if (page.backwards && rule.before !== undefined && rule.itemKey !== undefined) {
        const first = valueAt(page.items[0], [rule.itemKey]);
        return isKey(first) ? { query: { [rule.before]: first }, position: 0, key: `before:${first}` } : undefined;
      }
      const from = rule.from === undefined ? undefined : valueAt(page.data, rule.from);
      const last = rule.itemKey === undefined ? undefined : valueAt(page.items[page.items.length - 1], [rule.itemKey]);
      const cursor = isKey(from) ? from : isKey(last) ? last : undefined;
      if (cursor === undefined) return undefined;
      return { query: { [rule.param]: cursor }, position: 0, key: `cursor:${cursor}` };
    }
    case "page": {
      const total = rule.totalPages === undefined ? undefined : valueAt(page.data, rule.totalPages);
      if (typeof total === "number" && page.position >= total) return undefined;
      const position = page.position + 1;
      return { query: { [rule.param]: position }, position, key: `page:${position}` };
    }
    case "offset": {
      const position = page.position + page.items.length;
      const total = rule.total === undefined ? undefined : valueAt(page.data, rule.total);
      if (typeof total === "number" && position >= total) return undefined;
      return { query: { [rule.param]: position }, position, key: `offset:${position}` };
    }
    case "next-url": {
      const next = valueAt(page.data, rule.next);
      return typeof next === "string" && next !== "" ? urlPage(next, page.response) : undefined;
    }
    case "link": {
      const next = nextLink(page.response.headers.get("link"));
      return next === undefined ? undefined : urlPage(next, page.response);
    }
  }
}

/**
 * The next page at `url`, resolved against the URL of the response that named it when known. The
 * request itself refuses a URL on another origin than the operation's, so credentials stay there.
 */
function urlPage(url: string, response: Response): { query: PageQuery; url: string; position: number; key: string } {
  let resolved = url;
  if (response.url !== "") {
    try {
      resolved = new URL(url, response.url).href;
    } catch {
      // Left as it is: the request reports a URL it cannot use.
    }
  }
  return { query: {}, url: resolved, position: 0, key: `url:${resolved}` };
}

/** A usable cursor: a non-empty string or a finite number. */
function isKey(value: unknown): value is string | number {
  return (typeof value === "string" && value !== "") || (typeof value === "number" && Number.isFinite(value));
}

/** The value at `path` in a parsed JSON body (own properties only); undefined when absent. */
export function valueAt(data: unknown, path: PagePath): unknown {
  let current = data;
  for (const key of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The items at `path`; a missing or non-list value is an empty page (which ends the pages). */
function listAt(data: unknown, path: PagePath): unknown[] {
  const value = valueAt(data, path);
  return Array.isArray(value) ? value : [];
}

/**
 * The target of the first link with relation type `next` in a `Link` header (RFC 8288:
 * `<https://api.example.com/items?page=2>; rel="next", <...>; rel="last"`), as written there.
 */
export function nextLink(header: string | null): string | undefined {
  if (header === null) return undefined;
  let at = 0;
  for (;;) {
    const open = header.indexOf("<", at);
    if (open < 0) return undefined;
    const close = header.indexOf(">", open);
    if (close < 0) return undefined;
    // The link's parameters run to the next comma outside quotes.
    let end = close + 1;
    let quoted = false;
    while (end < header.length && (quoted || header[end] !== ",")) {
      if (header[end] === '"') quoted = !quoted;
      end++;
    }
    for (const param of header.slice(close + 1, end).split(";")) {
      const eq = param.indexOf("=");
      if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== "rel") continue;
      const rel = param
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, "$1");
      if (rel.toLowerCase().split(/\s+/).includes("next")) return header.slice(open + 1, close).trim();
    }
    at = end + 1;
  }
}
