/** The typed event stream of stream functions (templates/runtime/stream.ts), without a network. */
import { describe, expect, it } from "vitest";
import { ApiPromise } from "../../../templates/runtime/api-promise.js";
import { RequestError, ResponseBodyError } from "../../../templates/runtime/errors.js";
import { int64EventData } from "../../../templates/runtime/json.js";
import { parseServerSentEvents } from "../../../templates/runtime/sse.js";
import {
  type FinalStreamFormat,
  StreamError,
  type StreamFormat,
  toEventStream,
} from "../../../templates/runtime/stream.js";

const URL_WITH_KEY = "https://api.example.com/v1/runs?api_key=secret";
const NAMED: StreamFormat = { named: true, doneData: ["[DONE]"], done: ["done"], errors: ["error"], final: ["run"] };

/** A stream function's result over `text`, and whether its body was cancelled. */
function open(text: string, format: StreamFormat) {
  const state = { cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      // Left open: only the end marker or a cancel ends it.
    },
    cancel() {
      state.cancelled = true;
    },
  });
  const response = new Response(body, { headers: { "content-type": "text/event-stream", "x-request-id": "req_1" } });
  Object.defineProperty(response, "url", { value: URL_WITH_KEY });
  const request = new ApiPromise(Promise.resolve({ data: parseServerSentEvents(body), response, requestId: "req_1" }));
  return {
    stream: toEventStream<{ event: string; data: unknown }, { n: number }>("POST", request, {
      final: [],
      ...format,
    } as FinalStreamFormat),
    state,
  };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe("toEventStream", () => {
  it("yields named events, unknown names too, and ends at the done event", async () => {
    const { stream, state } = open(
      'event: run\ndata: {"n":1}\n\nevent: other\ndata: 2\n\nevent: done\ndata: [DONE]\n\n',
      NAMED,
    );
    const s = await stream;
    expect(await collect(s)).toEqual([
      { event: "run", data: { n: 1 } },
      { event: "other", data: 2 },
    ]);
    expect(state.cancelled).toBe(true);
    expect(await s.final()).toEqual({ n: 1 });
  });

  it("can be iterated only once", async () => {
    const s = await open("data: [DONE]\n\n", NAMED).stream;
    await collect(s);
    expect(() => s[Symbol.asyncIterator]()).toThrow(TypeError);
  });

  it("collect() reads the whole stream and gives the data of the named events, in order", async () => {
    const s = await open(
      'event: msg\ndata: {"n":1}\n\nevent: other\ndata: {}\n\nevent: msg\ndata: {"n":2}\n\nevent: run\ndata: {"n":3}\n\ndata: [DONE]\n\n',
      NAMED,
    ).stream;
    expect(await s.collect("msg", "run")).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(await s.final()).toEqual({ n: 3 });
    expect(() => s[Symbol.asyncIterator]()).toThrow(TypeError);
  });

  it("collect() rejects as iterating would: an error event is a StreamError, and the stream is closed", async () => {
    const { stream, state } = open('event: msg\ndata: {}\n\nevent: error\ndata: {"message":"boom"}\n\n', NAMED);
    const error = await (await stream).collect("msg").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamError);
    expect(state.cancelled).toBe(true);
  });

  it("collect() after iteration started, or on data frames, is a TypeError", async () => {
    const named = await open("event: msg\ndata: {}\n\ndata: [DONE]\n\n", NAMED).stream;
    await collect(named);
    await expect(named.collect("msg")).rejects.toThrow(TypeError);
    const data = await open('data: {"a":1}\n\ndata: [DONE]\n\n', { doneData: ["[DONE]"] }).stream;
    await expect(data.collect("msg")).rejects.toThrow(/named events/);
  });

  it("final() without a final event is a ResponseBodyError", async () => {
    const s = await open("event: other\ndata: {}\n\ndata: [DONE]\n\n", NAMED).stream;
    const error = await s.final().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseBodyError);
    expect((error as ResponseBodyError).message).toContain("No run event");
  });

  it("invalid JSON data is a ResponseBodyError that names the event, and closes the stream", async () => {
    const { stream, state } = open("event: run\ndata: {nope\n\n", NAMED);
    const error = await collect(await stream).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseBodyError);
    expect((error as ResponseBodyError).message).toContain('Invalid JSON in the data of a "run" event');
    expect(state.cancelled).toBe(true);
  });

  it("an error event is a StreamError without the URL's query (which may hold a key)", async () => {
    const { stream, state } = open('event: error\ndata: {"message":"boom"}\n\n', NAMED);
    const error = await collect(await stream).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamError);
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({ event: "error", data: { message: "boom" }, status: 200, requestId: "req_1" });
    expect((error as StreamError).url).toBe("https://api.example.com/v1/runs");
    expect(String(error)).not.toContain("secret");
    expect(state.cancelled).toBe(true);
  });

  it("data frames: JSON data, empty data skipped, [DONE] ends", async () => {
    const s = await open('data: {"a":1}\n\ndata:\n\nevent: x\ndata: [1]\n\ndata: [DONE]\n\n', { doneData: ["[DONE]"] })
      .stream;
    expect(await collect(s)).toEqual([{ a: 1 }, [1]]);
  });

  it("close() before iterating cancels the body", async () => {
    const { stream, state } = open('event: run\ndata: {"n":1}\n\n', NAMED);
    await (await stream).close();
    expect(state.cancelled).toBe(true);
  });
});

describe("64-bit integers in events (int64: bigint clients)", () => {
  // The frame plan of `{ event, data: Run }` where Run's `tokens` is int64.
  const plans = { Run: { p: { tokens: 1 } } } as const;
  const framePlan = [{ p: { data: "Run" } }] as const;

  it("named frames: the event's data is read with its plan, exactly beyond 2^53; other numbers stay numbers", async () => {
    const { stream } = open(
      'event: run\ndata: {"n":1,"tokens":9007199254740993}\n\nevent: run\ndata: {"n":2,"tokens":5}\n\ndata: [DONE]\n\n',
      { ...NAMED, parse: int64EventData(framePlan, plans, true) },
    );
    expect(await collect(await stream)).toEqual([
      { event: "run", data: { n: 1, tokens: 9007199254740993n } },
      { event: "run", data: { n: 2, tokens: 5n } },
    ]);
  });

  it("data frames: the plan applies to the data itself", async () => {
    const { stream } = open('data: {"tokens":12}\n\ndata: [DONE]\n\n', {
      doneData: ["[DONE]"],
      parse: int64EventData("Run", plans, false),
    });
    expect(await collect(await stream)).toEqual([{ tokens: 12n }]);
  });

  it("invalid JSON data is still a ResponseBodyError", async () => {
    const { stream } = open('event: run\ndata: 1,"event":"x"\n\n', {
      ...NAMED,
      parse: int64EventData(framePlan, plans, true),
    });
    await expect(collect(await stream)).rejects.toBeInstanceOf(ResponseBodyError);
  });
});
