/**
 * OpenAPI 3.2 end to end (test/fixtures/openapi-32.yaml) against a local server: a QUERY request
 * with its JSON body, a whole query string from one form-encoded object, and event streams typed
 * by `itemSchema` (named events, data-only events from a media type given by reference).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, writeOutput } from "../../src/index.js";
import { freshDir, ROOT, TMP } from "../compile/support.js";
import { type LocalServer, startServer } from "./support/local-server.js";

type Fn = (client: unknown, params?: unknown) => Promise<unknown>;
interface Client32 {
  createClient(options: Record<string, unknown>): unknown;
  searchItems: Fn;
  listItems: Fn;
  watchItems: (client: unknown) => Promise<AsyncIterable<{ event: string; data: unknown }>>;
  ticks: (client: unknown) => Promise<AsyncIterable<unknown>>;
  changes: (client: unknown) => Promise<AsyncIterable<unknown>>;
  StreamError: new (...args: never[]) => Error & { data: unknown };
}

let server: LocalServer;
let mod: Client32;
let client: unknown;

beforeAll(async () => {
  server = await startServer();
  const dir = freshDir(join(TMP, "openapi-32-e2e"));
  await writeOutput(dir, await generate({ input: join(ROOT, "test/fixtures/openapi-32.yaml"), output: dir }));
  mod = (await import(pathToFileURL(join(dir, "index.ts")).href)) as Client32;
  client = mod.createClient({ baseUrl: server.url });
});

afterAll(async () => {
  await server.close();
});

function events(text: string) {
  return (_req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(200, { "content-type": "text/event-stream" }).end(text);
  };
}

async function all<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

describe("OpenAPI 3.2", () => {
  it("sends QUERY with its JSON body", async () => {
    server.reset((_req, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end('[{"id":"i1","name":"one"}]'),
    );
    expect(await mod.searchItems(client, { body: { text: "on" } })).toEqual([{ id: "i1", name: "one" }]);
    const [sent] = server.received;
    expect(sent?.method).toBe("QUERY");
    expect(sent?.body.toString("utf8")).toBe('{"text":"on"}');
    expect(sent?.headers["content-type"]).toBe("application/json");
  });

  it("sends a querystring parameter's object as the query string", async () => {
    server.reset((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end("[]"));
    await mod.listItems(client, { query: { filter: { q: "a b", limit: 2 } } });
    expect(server.received[0]?.url).toBe("/items?q=a%20b&limit=2");
  });

  it("yields named events typed by itemSchema, and throws the error event", async () => {
    server.reset(
      events(
        'event: item.created\ndata: {"id":"i1","name":"one"}\n\n' +
          'event: item.archived\ndata: {"id":"i1"}\n\n' +
          'event: error\ndata: {"message":"gone"}\n\n',
      ),
    );
    const seen: unknown[] = [];
    const failure = await (async () => {
      for await (const event of await mod.watchItems(client)) seen.push(event);
    })().catch((error: unknown) => error);
    expect(seen).toEqual([
      { event: "item.created", data: { id: "i1", name: "one" } },
      { event: "item.archived", data: { id: "i1" } },
    ]);
    expect(failure).toBeInstanceOf(mod.StreamError);
    expect((failure as { data: unknown }).data).toEqual({ message: "gone" });
  });

  it("yields data-only events of a media type given by reference", async () => {
    server.reset(events('data: {"n":1}\n\ndata: {"n":2}\n\ndata: [DONE]\n\n'));
    expect(await all(await mod.ticks(client))).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it("yields JSON lines typed by itemSchema", async () => {
    server.reset((_req, res) => {
      res
        .writeHead(200, { "content-type": "application/jsonl" })
        .end('{"id":"i1","name":"one"}\n{"id":"i2","name":"two"}\n');
    });
    expect(await all(await mod.changes(client))).toEqual([
      { id: "i1", name: "one" },
      { id: "i2", name: "two" },
    ]);
  });
});
