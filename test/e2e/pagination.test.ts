/**
 * Pagination end to end: a client generated from test/fixtures/pagination.yaml (every style) and
 * a fresh OpenAI client walk pages served by local servers on 127.0.0.1, which count and record
 * each request: no request after `has_more: false` or an empty page, the first call's parameters
 * kept on later pages, `break` and an aborted signal stop fetching, next-page URLs (in the body or
 * a `Link` header, relative or absolute) are followed on the API's origin only.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, writeOutput } from "../../src/index.js";
import { freshDir, ROOT, TMP } from "../compile/support.js";
import { openai } from "./support/fresh-openai.js";
import { type LocalServer, startServer } from "./support/local-server.js";

interface Item {
  id: string;
  name: string;
}
interface Page<T> {
  items: T[];
  data: unknown;
  response: Response;
  requestId: string | undefined;
}
interface Paginator<T> extends AsyncIterable<T> {
  pages(): AsyncIterable<Page<T>>;
}
type Paginate = (client: unknown, params?: unknown, options?: unknown) => Paginator<Item>;
interface PaginationClient {
  createClient(options: Record<string, unknown>): unknown;
  paginateListCursor: Paginate;
  paginateListCursorById: Paginate;
  paginateListStartingAfter: Paginate;
  paginateListStripeStyle: Paginate;
  paginateSearchStripeStyle: Paginate;
  paginateListPages: Paginate;
  paginateListOffset: Paginate;
  paginateListNext: Paginate;
  paginateListLinked: Paginate;
  AbortError: new (...args: never[]) => Error;
  RequestError: new (...args: never[]) => Error;
}

let api: LocalServer;
let other: LocalServer;
let mod: PaginationClient;
let client: unknown;

beforeAll(async () => {
  api = await startServer();
  other = await startServer();
  const dir = freshDir(join(TMP, "pagination-e2e"));
  await writeOutput(dir, await generate({ input: join(ROOT, "test/fixtures/pagination.yaml"), output: dir }));
  mod = (await import(pathToFileURL(join(dir, "index.ts")).href)) as PaginationClient;
  client = mod.createClient({ baseUrl: `${api.url}/v1`, apiKey: "secret-key" });
});

afterAll(async () => {
  await api.close();
  await other.close();
});

const items = (...ids: string[]): Item[] => ids.map((id) => ({ id, name: `item ${id}` }));

function json(res: ServerResponse, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(200, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

/** Serves `pages` in order, one a request (the last one again when more are asked for). */
function servePages(pages: unknown[], headers: (n: number) => Record<string, string> = () => ({})) {
  return (_req: IncomingMessage, res: ServerResponse, n: number) =>
    json(res, pages[Math.min(n, pages.length - 1)], headers(n));
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

const paths = () => api.received.map((r) => r.url);

describe("cursor pages (detected)", () => {
  it("walks every page, keeps the first call's query and sends no request after has_more: false", async () => {
    api.reset(
      servePages([
        { object: "list", data: items("a", "b"), first_id: "a", last_id: "b", has_more: true },
        { object: "list", data: items("c", "d"), first_id: "c", last_id: "d", has_more: true },
        { object: "list", data: items("e"), first_id: "e", last_id: "e", has_more: false },
      ]),
    );
    const all = await collect(mod.paginateListCursor(client, { query: { limit: 2, order: "desc" } }));
    expect(all.map((i) => i.id)).toEqual(["a", "b", "c", "d", "e"]);
    expect(paths()).toEqual([
      "/v1/cursor?limit=2&order=desc",
      "/v1/cursor?limit=2&order=desc&after=b",
      "/v1/cursor?limit=2&order=desc&after=d",
    ]);
    for (const request of api.received) expect(request.headers["x-api-key"]).toBe("secret-key");
  });

  it("takes the last item's id where last_id is null, and stops at an empty page", async () => {
    api.reset(
      servePages([
        { data: items("a", "b"), last_id: null, has_more: true },
        { data: [], last_id: null, has_more: true },
      ]),
    );
    expect((await collect(mod.paginateListCursor(client))).map((i) => i.id)).toEqual(["a", "b"]);
    expect(paths()).toEqual(["/v1/cursor", "/v1/cursor?after=b"]);
  });

  it("uses the last item's id when the body has no last_id (listCursorById)", async () => {
    api.reset(
      servePages([
        { data: items("x", "y"), has_more: true },
        { data: items("z"), has_more: false },
      ]),
    );
    expect((await collect(mod.paginateListCursorById(client))).map((i) => i.id)).toEqual(["x", "y", "z"]);
    expect(paths()).toEqual(["/v1/cursor-by-id", "/v1/cursor-by-id?after=y"]);
  });

  it("declared cursor parameter (starting_after, from the item's id)", async () => {
    api.reset(
      servePages([
        { data: items("s1"), has_more: true },
        { data: items("s2"), has_more: false },
      ]),
    );
    expect((await collect(mod.paginateListStartingAfter(client))).map((i) => i.id)).toEqual(["s1", "s2"]);
    expect(paths()).toEqual(["/v1/starting-after", "/v1/starting-after?starting_after=s1"]);
  });

  it("a Stripe-style list is detected: starting_after the last item's id, the caller's limit kept", async () => {
    const list = (ids: string[], hasMore: boolean) => ({
      object: "list",
      url: "/v1/stripe-style",
      data: items(...ids),
      has_more: hasMore,
    });
    api.reset(servePages([list(["cus_1", "cus_2"], true), list(["cus_3"], false)]));
    const seen = await collect(mod.paginateListStripeStyle(client, { query: { limit: 2 } }));
    expect(seen.map((i) => i.id)).toEqual(["cus_1", "cus_2", "cus_3"]);
    expect(paths()).toEqual(["/v1/stripe-style?limit=2", "/v1/stripe-style?limit=2&starting_after=cus_2"]);
  });

  it("ending_before walks a Stripe-style list backwards: the first item's id is the next cursor, items last first", async () => {
    const list = (ids: string[], hasMore: boolean) => ({
      object: "list",
      url: "/v1/stripe-style",
      data: items(...ids),
      has_more: hasMore,
    });
    api.reset(servePages([list(["cus_8", "cus_7"], true), list(["cus_10", "cus_9"], false)]));
    const seen = await collect(mod.paginateListStripeStyle(client, { query: { ending_before: "cus_6", limit: 2 } }));
    expect(seen.map((i) => i.id)).toEqual(["cus_7", "cus_8", "cus_9", "cus_10"]);
    expect(paths()).toEqual([
      "/v1/stripe-style?ending_before=cus_6&limit=2",
      "/v1/stripe-style?ending_before=cus_8&limit=2",
    ]);
    // Pages keep the order the server gave.
    api.reset(servePages([list(["cus_8", "cus_7"], false)]));
    const pages = await collect(mod.paginateListStripeStyle(client, { query: { ending_before: "cus_6" } }).pages());
    expect(pages.map((p) => p.items.map((i) => i.id))).toEqual([["cus_8", "cus_7"]]);
  });

  it("Stripe-style search results follow next_page in page, the query kept, until has_more is false", async () => {
    const result = (ids: string[], next: string | null) => ({
      object: "search_result",
      url: "/v1/stripe-style/search",
      data: items(...ids),
      has_more: next !== null,
      next_page: next,
    });
    api.reset(servePages([result(["a", "b"], "tok_2"), result(["c"], null)]));
    const seen = await collect(mod.paginateSearchStripeStyle(client, { query: { query: "email:'x'" } }));
    expect(seen.map((i) => i.id)).toEqual(["a", "b", "c"]);
    expect(paths()).toEqual([
      "/v1/stripe-style/search?query=email%3A%27x%27",
      "/v1/stripe-style/search?query=email%3A%27x%27&page=tok_2",
    ]);
  });

  it("a cursor that repeats ends the pages rather than looping", async () => {
    api.reset(servePages([{ data: items("a"), last_id: "a", has_more: true }]));
    expect((await collect(mod.paginateListCursor(client))).map((i) => i.id)).toEqual(["a", "a"]);
    expect(paths()).toEqual(["/v1/cursor", "/v1/cursor?after=a"]);
  });

  it("break stops fetching", async () => {
    api.reset(servePages([{ data: items("a", "b"), last_id: "b", has_more: true }]));
    for await (const item of mod.paginateListCursor(client)) {
      expect(item.id).toBe("a");
      break;
    }
    expect(api.received).toHaveLength(1);
  });

  it("an aborted signal ends the iteration with AbortError and fetches nothing more", async () => {
    api.reset(servePages([{ data: items("a", "b"), last_id: "b", has_more: true }]));
    const controller = new AbortController();
    const seen: string[] = [];
    const walk = async () => {
      for await (const item of mod.paginateListCursor(client, {}, { signal: controller.signal })) {
        seen.push(item.id);
        if (item.id === "b") controller.abort();
      }
    };
    await expect(walk()).rejects.toBeInstanceOf(mod.AbortError);
    expect(seen).toEqual(["a", "b"]);
    expect(api.received).toHaveLength(1);
  });

  it("an abort while a later page is being fetched ends it with AbortError", async () => {
    const controller = new AbortController();
    api.reset((_req, res, n) => {
      if (n === 0) json(res, { data: items("a"), last_id: "a", has_more: true });
      else controller.abort(); // the second page never answers
    });
    await expect(collect(mod.paginateListCursor(client, {}, { signal: controller.signal }))).rejects.toBeInstanceOf(
      mod.AbortError,
    );
    expect(api.received).toHaveLength(2);
  });

  it("pages() gives each page's items, body, response and request id", async () => {
    api.reset(
      servePages(
        [
          { data: items("a"), last_id: "a", has_more: true },
          { data: items("b"), last_id: "b", has_more: false },
        ],
        (n) => ({ "x-request-id": `req_${n}` }),
      ),
    );
    const pages = await collect(mod.paginateListCursor(client, { query: { limit: 1 } }).pages());
    expect(pages.map((p) => p.items.map((i) => i.id))).toEqual([["a"], ["b"]]);
    expect(pages.map((p) => (p.data as { has_more: boolean }).has_more)).toEqual([true, false]);
    expect(pages.map((p) => p.response.status)).toEqual([200, 200]);
    expect(pages.map((p) => p.requestId)).toEqual(["req_0", "req_1"]);
    expect(paths()).toEqual(["/v1/cursor?limit=1", "/v1/cursor?limit=1&after=a"]);
  });

  it("starts again at the first page on each iteration", async () => {
    api.reset(servePages([{ data: items("a"), has_more: false }]));
    const pager = mod.paginateListCursor(client);
    await collect(pager);
    await collect(pager);
    expect(paths()).toEqual(["/v1/cursor", "/v1/cursor"]);
  });
});

describe("declared styles", () => {
  it("page numbers, up to total_pages, keeping per_page", async () => {
    api.reset((req, res) => {
      const page = Number(new URL(req.url ?? "", api.url).searchParams.get("page") ?? "1");
      json(res, { results: items(`p${page}`), total_pages: 3 });
    });
    expect((await collect(mod.paginateListPages(client, { query: { per_page: 1 } }))).map((i) => i.id)).toEqual([
      "p1",
      "p2",
      "p3",
    ]);
    expect(paths()).toEqual(["/v1/pages?per_page=1", "/v1/pages?per_page=1&page=2", "/v1/pages?per_page=1&page=3"]);
  });

  it("page numbers continue from the page the first call names", async () => {
    api.reset((req, res) => {
      const page = Number(new URL(req.url ?? "", api.url).searchParams.get("page"));
      json(res, { results: page < 4 ? items(`p${page}`) : [] });
    });
    expect((await collect(mod.paginateListPages(client, { query: { page: 2 } }))).map((i) => i.id)).toEqual([
      "p2",
      "p3",
    ]);
    expect(paths()).toEqual(["/v1/pages?page=2", "/v1/pages?page=3", "/v1/pages?page=4"]);
  });

  it("offsets advance by the items received, up to meta.total", async () => {
    api.reset((req, res) => {
      const offset = Number(new URL(req.url ?? "", api.url).searchParams.get("offset") ?? "0");
      json(res, { items: items(String(offset), String(offset + 1)).slice(0, 5 - offset), meta: { total: 5 } });
    });
    const all = await collect(mod.paginateListOffset(client, { query: { limit: 2 } }));
    expect(all.map((i) => i.id)).toEqual(["0", "1", "2", "3", "4"]);
    expect(paths()).toEqual(["/v1/offset?limit=2", "/v1/offset?limit=2&offset=2", "/v1/offset?limit=2&offset=4"]);
  });

  it("next-URL in the body: relative and absolute URLs on the API's origin, until null", async () => {
    api.reset(
      servePages([
        { items: items("n1"), links: { next: "/v1/next?cursor=2&q=x" } },
        { items: items("n2"), links: { next: `${api.url}/v1/next?cursor=3&q=x` } },
        { items: items("n3"), links: { next: null } },
      ]),
    );
    expect((await collect(mod.paginateListNext(client, { query: { q: "x" } }))).map((i) => i.id)).toEqual([
      "n1",
      "n2",
      "n3",
    ]);
    expect(paths()).toEqual(["/v1/next?q=x", "/v1/next?cursor=2&q=x", "/v1/next?cursor=3&q=x"]);
    for (const request of api.received) expect(request.headers["x-api-key"]).toBe("secret-key");
  });

  it('Link rel="next" header: relative and absolute targets, path parameters kept, until none', async () => {
    api.reset(
      servePages([items("l1"), items("l2"), items("l3")], (n) =>
        n === 0
          ? { link: '<?page=2>; rel="next", </v1/owners/o/linked?page=9>; rel="last"' }
          : n === 1
            ? { link: `<${api.url}/v1/repositories/7/linked?page=3>; rel="prev next"` }
            : { link: '</v1/owners/o/linked?page=1>; rel="first"' },
      ),
    );
    expect((await collect(mod.paginateListLinked(client, { path: { owner: "o" } }))).map((i) => i.id)).toEqual([
      "l1",
      "l2",
      "l3",
    ]);
    expect(paths()).toEqual(["/v1/owners/o/linked", "/v1/owners/o/linked?page=2", "/v1/repositories/7/linked?page=3"]);
    for (const request of api.received) expect(request.headers["x-api-key"]).toBe("secret-key");
  });

  it.each([
    ["a Link header", () => mod.paginateListLinked(client, { path: { owner: "o" } }), "link"],
    ["the body's next URL", () => mod.paginateListNext(client), "body"],
  ] as const)(
    "a next page on another origin (from %s) is refused: nothing, no credentials, go there",
    async (_name, pager, where) => {
      const foreign = `${other.url}/v1/steal?page=2`;
      api.reset((_req, res) =>
        where === "link"
          ? json(res, items("a"), { link: `<${foreign}>; rel="next"` })
          : json(res, { items: items("a"), links: { next: foreign } }),
      );
      other.reset();
      const seen: string[] = [];
      const walk = async () => {
        for await (const item of pager()) seen.push(item.id);
      };
      const error = await walk().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(mod.RequestError);
      expect(String((error as Error).message)).toContain("another origin");
      expect(String((error as Error).message)).not.toContain("secret-key");
      expect(seen).toEqual(["a"]);
      expect(api.received).toHaveLength(1);
      expect(other.received).toHaveLength(0);
    },
  );
});

describe("the OpenAI Assistants client (fresh generation)", () => {
  const listPage = (req: IncomingMessage, res: ServerResponse) => {
    const after = new URL(req.url ?? "", api.url).searchParams.get("after");
    if (after === null)
      json(res, { object: "list", data: items("first"), first_id: "first", last_id: "first", has_more: true });
    else json(res, { object: "list", data: items("second"), first_id: "second", last_id: "second", has_more: false });
  };

  it.each([
    ["paginateListAssistants", {}, "/v1/assistants"],
    ["paginateListMessages", { path: { thread_id: "t1" } }, "/v1/threads/t1/messages"],
    ["paginateListRuns", { path: { thread_id: "t1" } }, "/v1/threads/t1/runs"],
    ["paginateListRunSteps", { path: { thread_id: "t1", run_id: "r1" } }, "/v1/threads/t1/runs/r1/steps"],
    ["paginateListAssistantFiles", { path: { assistant_id: "a1" } }, "/v1/assistants/a1/files"],
    ["paginateListMessageFiles", { path: { thread_id: "t1", message_id: "m1" } }, "/v1/threads/t1/messages/m1/files"],
  ] as const)("%s walks the pages", async (name, params, path) => {
    api.reset(listPage);
    const oai = openai.createClient({ baseUrl: `${api.url}/v1`, apiKey: "sk-test" });
    const paginateFn = openai[name] as unknown as Paginate;
    const withQuery = { ...params, query: { limit: 1, order: "asc" } };
    expect((await collect(paginateFn(oai, withQuery))).map((i) => i.id)).toEqual(["first", "second"]);
    expect(paths()).toEqual([`${path}?limit=1&order=asc`, `${path}?limit=1&order=asc&after=first`]);
    expect(api.received[1]?.headers.authorization).toBe("Bearer sk-test");
    expect(api.received[1]?.headers["openai-beta"]).toBe("assistants=v1");
  });
});
