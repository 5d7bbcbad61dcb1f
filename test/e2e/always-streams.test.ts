/**
 * An operation whose only answer is an event stream (test/fixtures/streams.yaml `jobEvents`, no
 * body flag): its own function yields typed `{ event, data }` events from a local server, throws
 * the error event as a StreamError, checks the content type, and closes the connection on break.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, writeOutput } from "../../src/index.js";
import { freshDir, ROOT, TMP } from "../compile/support.js";
import { type LocalServer, startServer } from "./support/local-server.js";

interface JobEvent {
  event: string;
  data: unknown;
}
interface StreamsClient {
  createClient(options: Record<string, unknown>): unknown;
  jobEvents(
    client: unknown,
    params: { path: { id: string }; query?: { since?: number } },
    options?: { signal?: AbortSignal },
  ): Promise<AsyncIterable<JobEvent> & { collect(...names: string[]): Promise<unknown[]>; requestId?: string }>;
  jobLog(client: unknown, params: { path: { id: string } }): Promise<AsyncIterable<unknown>>;
  generateStream(client: unknown, params: { body: { prompt: string } }): Promise<AsyncIterable<unknown>>;
  generate(client: unknown, params: { body: { prompt: string; stream?: false } }): Promise<unknown>;
  StreamError: new (...args: never[]) => Error & { event: string; data: unknown };
  ResponseBodyError: new (...args: never[]) => Error & { status: number };
  NotFoundError: new (...args: never[]) => Error & { body: unknown };
}

let server: LocalServer;
let mod: StreamsClient;
let client: unknown;

beforeAll(async () => {
  server = await startServer();
  const dir = freshDir(join(TMP, "always-streams-e2e"));
  await writeOutput(dir, await generate({ input: join(ROOT, "test/fixtures/streams.yaml"), output: dir }));
  mod = (await import(pathToFileURL(join(dir, "index.ts")).href)) as StreamsClient;
  client = mod.createClient({ baseUrl: server.url });
});

afterAll(async () => {
  await server.close();
});

const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** Answers with `text` as an event stream (kept open when asked); resolves `closed` when the client hangs up. */
function streaming(text: string, keepOpen = false, contentType = "text/event-stream") {
  let closed!: () => void;
  const socketClosed = new Promise<void>((resolve) => {
    closed = resolve;
  });
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    req.socket.once("close", closed);
    res.writeHead(200, { "content-type": contentType, "x-request-id": "req_e" });
    res.write(text);
    if (!keepOpen) res.end();
  };
  return { handler, socketClosed };
}

const job = (status: string) => ({ id: "job_1", status });

describe("an operation that always streams", () => {
  it("yields typed { event, data } events and ends at done; the query is sent", async () => {
    const { handler } = streaming(
      frame("job.created", job("queued")) +
        frame("job.progress", { percent: 50 }) +
        frame("job.finished", job("finished")) +
        "event: done\ndata: [DONE]\n\n",
    );
    server.reset(handler);
    const stream = await mod.jobEvents(client, { path: { id: "job_1" }, query: { since: 3 } });
    const seen: JobEvent[] = [];
    for await (const event of stream) seen.push(event);
    expect(seen).toEqual([
      { event: "job.created", data: job("queued") },
      { event: "job.progress", data: { percent: 50 } },
      { event: "job.finished", data: job("finished") },
    ]);
    expect(stream.requestId).toBe("req_e");
    expect(server.received[0]?.url).toBe("/jobs/job_1/events?since=3");
    expect(server.received[0]?.headers.accept).toBe("text/event-stream");
  });

  it("collects the data of named events", async () => {
    server.reset(streaming(frame("job.progress", { percent: 10 }) + frame("job.progress", { percent: 90 })).handler);
    const stream = await mod.jobEvents(client, { path: { id: "job_1" } });
    expect(await stream.collect("job.progress")).toEqual([{ percent: 10 }, { percent: 90 }]);
  });

  it("throws the error event as a StreamError and closes the connection", async () => {
    const { handler, socketClosed } = streaming(
      frame("job.progress", { percent: 10 }) + frame("error", { message: "boom" }),
      true,
    );
    server.reset(handler);
    const stream = await mod.jobEvents(client, { path: { id: "job_1" } });
    const seen: string[] = [];
    const failure = await (async () => {
      for await (const event of stream) seen.push(event.event);
    })().catch((error: unknown) => error);
    expect(seen).toEqual(["job.progress"]);
    expect(failure).toBeInstanceOf(mod.StreamError);
    expect((failure as { data: unknown }).data).toEqual({ message: "boom" });
    await socketClosed;
  });

  it("break closes the connection", async () => {
    const { handler, socketClosed } = streaming(frame("job.progress", { percent: 1 }), true);
    server.reset(handler);
    for await (const event of await mod.jobEvents(client, { path: { id: "job_1" } })) {
      expect(event.event).toBe("job.progress");
      break;
    }
    await socketClosed;
  });

  it("another content type is a ResponseBodyError; an error status is the typed ApiError", async () => {
    server.reset(streaming('{"id":"job_1"}', false, "application/json").handler);
    await expect(mod.jobEvents(client, { path: { id: "job_1" } })).rejects.toBeInstanceOf(mod.ResponseBodyError);
    server.reset((_req, res) => {
      res.writeHead(404, { "content-type": "application/json" }).end('{"message":"no such job"}');
    });
    const error = await mod.jobEvents(client, { path: { id: "nope" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(mod.NotFoundError);
    expect((error as { body: unknown }).body).toEqual({ message: "no such job" });
  });
});

describe("JSON lines", () => {
  it("an operation answering only JSON lines yields each line's value: chunks cut anywhere, CRLF, blank lines, an unterminated last line", async () => {
    const text = '{"percent":1}\r\n\n{"percent":2}\n\u001e{"percent":3}\n{"percent":4}';
    server.reset((_req, res) => {
      res.writeHead(200, { "content-type": "application/jsonl" });
      const bytes = Buffer.from(text, "utf8");
      let at = 0;
      const tick = (): void => {
        if (at >= bytes.length) {
          res.end();
          return;
        }
        res.write(bytes.subarray(at, at + 3));
        at += 3;
        setTimeout(tick, 1);
      };
      tick();
    });
    const seen: unknown[] = [];
    for await (const line of await mod.jobLog(client, { path: { id: "job_1" } })) seen.push(line);
    expect(seen).toEqual([{ percent: 1 }, { percent: 2 }, { percent: 3 }, { percent: 4 }]);
    expect(server.received[0]?.headers.accept).toBe("application/jsonl");
  });

  it("a stream flag with NDJSON beside JSON: the stream function sends the flag and reads lines; break closes", async () => {
    const { handler, socketClosed } = streaming('{"text":"Hel"}\n{"text":"lo"}\n', true, "application/x-ndjson");
    server.reset(handler);
    const seen: unknown[] = [];
    for await (const chunk of await mod.generateStream(client, { body: { prompt: "hi" } })) {
      seen.push(chunk);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual([{ text: "Hel" }, { text: "lo" }]);
    await socketClosed;
    const sent = server.received[0];
    expect(JSON.parse(sent?.body.toString("utf8") ?? "")).toEqual({ prompt: "hi", stream: true });
    expect(sent?.headers.accept).toBe("application/x-ndjson");
    server.reset((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"text":"Hello"}'));
    expect(await mod.generate(client, { body: { prompt: "hi", stream: false } })).toEqual({ text: "Hello" });
  });

  it("a line with an `error` (as Ollama reports a failure mid-stream) throws a StreamError", async () => {
    server.reset((_req, res) =>
      res
        .writeHead(200, { "content-type": "application/x-ndjson" })
        .end('{"percent":1}\n{"error":"model not found"}\n'),
    );
    const seen: unknown[] = [];
    const failure = await (async () => {
      for await (const line of await mod.jobLog(client, { path: { id: "job_1" } })) seen.push(line);
    })().catch((error: unknown) => error);
    expect(seen).toEqual([{ percent: 1 }]);
    expect(failure).toBeInstanceOf(mod.StreamError);
    expect((failure as Error).message).toMatch(/: model not found$/);
  });

  it("a line that is not JSON is a ResponseBodyError; an event stream answer is refused", async () => {
    server.reset((_req, res) =>
      res.writeHead(200, { "content-type": "application/x-ndjson" }).end('{"percent":1}\nnope\n'),
    );
    const seen: unknown[] = [];
    const failure = await (async () => {
      for await (const line of await mod.jobLog(client, { path: { id: "job_1" } })) seen.push(line);
    })().catch((error: unknown) => error);
    expect(seen).toEqual([{ percent: 1 }]);
    expect(failure).toBeInstanceOf(mod.ResponseBodyError);
    server.reset(streaming("data: {}\n\n").handler);
    await expect(mod.jobLog(client, { path: { id: "job_1" } })).rejects.toBeInstanceOf(mod.ResponseBodyError);
  });
});
