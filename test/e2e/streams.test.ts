/**
 * Typed stream functions of the OpenAI client (fresh generation, support/fresh-openai.ts) against a
 * local server: named `{ event, data }` frames sent slowly and cut at odd byte boundaries, the end
 * markers, the error event, `final()`, closing the connection on break/abort/error, and the
 * content-type check.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import type { Error as ErrorObject, RunObject } from "../../generated/openai/index.js";
import { openai } from "./support/fresh-openai.js";
import { type LocalServer, startServer } from "./support/local-server.js";

const {
  AbortError,
  createChatCompletionStream,
  createClient,
  createRun,
  createRunStream,
  createThreadAndRunStream,
  RequestError,
  ResponseBodyError,
  StreamError,
  submitToolOuputsToRunStream,
} = openai;

let server: LocalServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server.close();
});

const client = () => createClient({ baseUrl: server.url, apiKey: "sk-test" });

const run = (status: string) => ({ id: "run_1", object: "thread.run", status, thread_id: "thread_1" });

/** One SSE frame. */
function frame(event: string | undefined, data: string): string {
  return `${event === undefined ? "" : `event: ${event}\r\n`}data: ${data}\r\n\r\n`;
}

/** Sends `text` in pieces of 1, 3, 5, 7, 2 bytes (cutting UTF-8 characters and CRLFs), a tick apart; then ends unless `keepOpen`. */
function sendSlowly(res: ServerResponse, text: string, keepOpen = false): void {
  const bytes = Buffer.from(text, "utf8");
  const sizes = [1, 3, 5, 7, 2];
  let at = 0;
  let i = 0;
  const tick = (): void => {
    if (res.destroyed) return;
    if (at >= bytes.length) {
      if (!keepOpen) res.end();
      return;
    }
    const size = sizes[i++ % sizes.length] ?? 1;
    res.write(bytes.subarray(at, at + size));
    at += size;
    setTimeout(tick, 1);
  };
  tick();
}

/** A handler answering with an event stream, and a promise that settles when the client closes the connection. */
function streaming(text: string, options: { keepOpen?: boolean; contentType?: string } = {}) {
  let closed!: () => void;
  const socketClosed = new Promise<void>((resolve) => {
    closed = resolve;
  });
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    req.socket.once("close", closed);
    res.writeHead(200, { "content-type": options.contentType ?? "text/event-stream", "x-request-id": "req_s" });
    sendSlowly(res, text, options.keepOpen);
  };
  return { handler, socketClosed };
}

describe("named frames (AssistantStreamEvent)", () => {
  it("yields { event, data } from slow frames cut at odd byte boundaries, ends at done, and gives the final run", async () => {
    const text =
      ": keep-alive\r\n\r\n" +
      frame("thread.run.created", JSON.stringify(run("queued"))) +
      frame(
        "thread.message.delta",
        JSON.stringify({
          id: "msg_1",
          object: "thread.message.delta",
          delta: { content: [{ index: 0, type: "text", text: { value: "héllo 😀" } }] },
        }),
      ) +
      frame("thread.run.completed", JSON.stringify(run("completed"))) +
      frame("done", "[DONE]") +
      frame("thread.run.failed", JSON.stringify(run("failed")));
    const { handler } = streaming(text, { contentType: "text/event-stream; charset=utf-8" });
    server.reset(handler);
    const stream = await createRunStream(client(), {
      path: { thread_id: "thread_1" },
      body: { assistant_id: "asst_1" },
    });
    expect(stream.requestId).toBe("req_s");
    const events: { event: string; data: unknown }[] = [];
    for await (const event of stream) {
      if (event.event === "thread.message.delta") expectTypeOf(event.data.delta).not.toBeAny();
      events.push(event);
    }
    expect(events.map((e) => e.event)).toEqual(["thread.run.created", "thread.message.delta", "thread.run.completed"]);
    expect(JSON.stringify(events[1]?.data)).toContain("héllo 😀");
    const final = await stream.final();
    expectTypeOf(final).toEqualTypeOf<RunObject>();
    expect(final.status).toBe("completed");
    // The flag is forced on, the rest of the body as given.
    const sent = server.received[0];
    expect(sent?.url).toBe("/threads/thread_1/runs");
    expect(JSON.parse(sent?.body.toString() ?? "")).toEqual({ assistant_id: "asst_1", stream: true });
    expect(sent?.headers.accept).toContain("text/event-stream");
  });

  it("final() reads the whole stream itself (createThreadAndRun, submitToolOuputsToRun)", async () => {
    const text = `${frame("thread.run.created", JSON.stringify(run("queued")))}${frame("thread.run.requires_action", JSON.stringify(run("requires_action")))}${frame("done", "[DONE]")}`;
    server.reset(streaming(text).handler);
    const byThread = await (await createThreadAndRunStream(client(), { body: { assistant_id: "asst_1" } })).final();
    expect(byThread.status).toBe("requires_action");
    server.reset(streaming(text).handler);
    const submitted = await submitToolOuputsToRunStream(client(), {
      path: { thread_id: "thread_1", run_id: "run_1" },
      body: { tool_outputs: [{ tool_call_id: "call_1", output: "42" }] },
    });
    expect((await submitted.final()).id).toBe("run_1");
    expect(JSON.parse(server.received[0]?.body.toString() ?? "")).toEqual({
      tool_outputs: [{ tool_call_id: "call_1", output: "42" }],
      stream: true,
    });
  });

  it("throws a typed StreamError at an error event and closes the connection", async () => {
    const error = { code: "server_error", message: "The run failed", param: null, type: "server_error" };
    const text = frame("thread.run.created", JSON.stringify(run("queued"))) + frame("error", JSON.stringify(error));
    const { handler, socketClosed } = streaming(text, { keepOpen: true });
    server.reset(handler);
    const stream = await createRunStream(client(), { path: { thread_id: "t" }, body: { assistant_id: "a" } });
    const seen: string[] = [];
    let caught: unknown;
    try {
      for await (const event of stream) seen.push(event.event);
    } catch (e) {
      caught = e;
    }
    expect(seen).toEqual(["thread.run.created"]);
    expect(caught).toBeInstanceOf(StreamError);
    expect(caught).toBeInstanceOf(RequestError);
    const streamError = caught as InstanceType<typeof StreamError<ErrorObject>>;
    expect(streamError).toMatchObject({ event: "error", data: error, status: 200, requestId: "req_s", method: "POST" });
    expect(streamError.url).toBe(`${server.url}/threads/t/runs`);
    expect(streamError.message).toContain("The run failed");
    await socketClosed;
  });

  it("closes the connection when the loop is left with break", async () => {
    const { handler, socketClosed } = streaming(frame("thread.run.created", JSON.stringify(run("queued"))), {
      keepOpen: true,
    });
    server.reset(handler);
    const stream = await createRunStream(client(), { path: { thread_id: "t" }, body: { assistant_id: "a" } });
    for await (const event of stream) {
      expect(event.event).toBe("thread.run.created");
      break;
    }
    await socketClosed;
    // The stream was closed before its end: there is no final run to give.
    await expect(stream.final()).rejects.toThrow(TypeError);
  });

  it("closes the connection when the call is aborted, with an AbortError", async () => {
    const { handler, socketClosed } = streaming(frame("thread.run.created", JSON.stringify(run("queued"))), {
      keepOpen: true,
    });
    server.reset(handler);
    const controller = new AbortController();
    const stream = await createRunStream(
      client(),
      { path: { thread_id: "t" }, body: { assistant_id: "a" } },
      { signal: controller.signal },
    );
    const iterate = async (): Promise<void> => {
      for await (const _ of stream) controller.abort();
    };
    await expect(iterate()).rejects.toBeInstanceOf(AbortError);
    await socketClosed;
  });

  it("rejects a response that is not text/event-stream with a ResponseBodyError (status, url, headers)", async () => {
    server.reset((_req, res) => {
      res
        .writeHead(200, { "content-type": "application/json", "x-request-id": "req_j" })
        .end(JSON.stringify(run("queued")));
    });
    const call = createRunStream(client(), { path: { thread_id: "t" }, body: { assistant_id: "a" } });
    const error = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ResponseBodyError);
    expect(error).toBeInstanceOf(RequestError);
    const bodyError = error as InstanceType<typeof ResponseBodyError>;
    expect(bodyError).toMatchObject({
      status: 200,
      method: "POST",
      url: `${server.url}/threads/t/runs`,
      requestId: "req_j",
    });
    expect(bodyError.headers.get("content-type")).toBe("application/json");
    expect(bodyError.message).toContain('Content type "application/json" where text/event-stream was expected');
  });

  it("the plain function still answers with JSON (stream: false allowed)", async () => {
    server.reset((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(run("queued")));
    });
    const plain = await createRun(client(), { path: { thread_id: "t" }, body: { assistant_id: "a", stream: false } });
    expect(plain.status).toBe("queued");
  });
});

describe("data frames (chat completion chunks)", () => {
  it("yields each frame's JSON data and ends at data: [DONE], closing the open connection", async () => {
    const chunk = (content: string) =>
      JSON.stringify({
        id: "c1",
        object: "chat.completion.chunk",
        created: 1,
        model: "m",
        choices: [{ index: 0, delta: { content }, finish_reason: null }],
      });
    const text = `${frame(undefined, chunk("Hel"))}${frame(undefined, chunk("lo ✓"))}${frame(undefined, "[DONE]")}`;
    const { handler, socketClosed } = streaming(text, { keepOpen: true });
    server.reset(handler);
    const stream = await createChatCompletionStream(client(), {
      body: { model: "gpt-4", messages: [{ role: "user", content: "hi" }] },
    });
    let content = "";
    for await (const c of stream) content += c.choices[0]?.delta.content ?? "";
    expect(content).toBe("Hello ✓");
    expect(JSON.parse(server.received[0]?.body.toString() ?? "").stream).toBe(true);
    await socketClosed;
  });

  it("a mid-stream error (data with an `error`, or an `event: error` frame) throws a StreamError and closes the connection", async () => {
    const chunk = JSON.stringify({ id: "c1", object: "chat.completion.chunk", created: 1, model: "m", choices: [] });
    const failures = [
      frame(undefined, JSON.stringify({ error: { message: "The server had an error", type: "server_error" } })),
      frame("error", JSON.stringify({ type: "error", message: "overloaded" })),
    ];
    const messages = [/sent an error in a "message" event: The server had an error/, /sent an error event: overloaded/];
    for (const [i, failure] of failures.entries()) {
      const { handler, socketClosed } = streaming(`${frame(undefined, chunk)}${failure}`, { keepOpen: true });
      server.reset(handler);
      const stream = await createChatCompletionStream(client(), {
        body: { model: "gpt-4", messages: [{ role: "user", content: "hi" }] },
      });
      let seen = 0;
      const error = await (async () => {
        for await (const _ of stream) seen++;
      })().catch((e: unknown) => e);
      expect(seen).toBe(1);
      expect(error).toBeInstanceOf(StreamError);
      expect((error as Error).message).toMatch(messages[i] ?? /never/);
      await socketClosed;
    }
  });
});
