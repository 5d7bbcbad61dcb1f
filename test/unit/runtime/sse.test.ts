import { describe, expect, it } from "vitest";
import { parseJsonEvents, parseServerSentEvents, type ServerSentEvent } from "../../../templates/runtime/sse.js";

const encoder = new TextEncoder();

/** A byte stream that delivers `bytes` cut at the given offsets. */
function streamOf(bytes: Uint8Array, cuts: number[] = []): ReadableStream<Uint8Array> {
  const bounds = [0, ...cuts, bytes.length];
  const chunks = bounds.slice(1).map((end, i) => bytes.slice(bounds[i], end));
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

function parse(text: string, cuts?: number[]): Promise<ServerSentEvent[]> {
  return collect(parseServerSentEvents(streamOf(encoder.encode(text), cuts)));
}

const sample = [
  "\uFEFFretry: 3000",
  ": a comment",
  "",
  "event: greeting",
  "data: héllo 😀",
  "id: 1",
  "",
  "data: line one",
  "data:line two",
  "data:  leading space kept",
  "",
  ": keep-alive",
  "",
  "event: empty",
  "data",
  "",
  "id: 2",
  "event: no data, not dispatched",
  "",
  "data: after",
  "unknown: field",
  "id",
  "",
  "data: unterminated at the end",
].join("\n");

const expected: ServerSentEvent[] = [
  { event: "greeting", data: "héllo 😀", id: "1", retry: 3000 },
  { data: "line one\nline two\n leading space kept", id: "1" },
  { event: "empty", data: "", id: "1" },
  { data: "after" },
];

describe("parseServerSentEvents", () => {
  it("parses fields, multi-line data, comments, ids and retry", async () => {
    expect(await parse(sample)).toEqual(expected);
  });

  it("gives the same events wherever one chunk boundary falls", async () => {
    const bytes = encoder.encode(sample);
    for (let cut = 1; cut < bytes.length; cut++) {
      const events = await collect(parseServerSentEvents(streamOf(bytes, [cut])));
      expect(events, `cut at byte ${cut}`).toEqual(expected);
    }
  });

  it("gives the same events when fed one byte at a time", async () => {
    const bytes = encoder.encode(sample);
    const cuts = Array.from({ length: bytes.length - 1 }, (_, i) => i + 1);
    expect(await collect(parseServerSentEvents(streamOf(bytes, cuts)))).toEqual(expected);
  });

  it.each([
    ["CRLF", "\r\n"],
    ["CR", "\r"],
    ["LF", "\n"],
  ])("accepts %s line ends, split anywhere", async (_name, eol) => {
    const text = sample.replaceAll("\n", eol);
    expect(await parse(text)).toEqual(expected);
    for (let cut = 1; cut < text.length; cut++) {
      expect(await parse(text, [cut]), `cut at ${cut}`).toEqual(expected);
    }
  });

  it("does not take a CR at the end of a chunk and a LF starting the next for two line ends", async () => {
    expect(await parse("data: a\r\n\r\ndata: b\r\n\r\n", [8, 10])).toEqual([{ data: "a" }, { data: "b" }]);
  });

  it("ignores a retry that is not a number and an id containing NUL", async () => {
    expect(await parse("retry: 1s\nid: a\0b\ndata: x\n\n")).toEqual([{ data: "x" }]);
  });

  it("reads a 30 MB event split into many odd-sized chunks, with every line end kind", async () => {
    const big = "x".repeat(30 * 1024 * 1024);
    const bytes = encoder.encode(`event: big\r\ndata: ${big}\r\ndata: tail\r\rdata: after\n\n`);
    const cuts: number[] = [];
    for (let at = 7, step = 1; at < bytes.length; at += 65_537 + (step++ % 3)) cuts.push(at);
    const events = await collect(parseServerSentEvents(streamOf(bytes, cuts)));
    expect(events).toHaveLength(2);
    expect(events[0]?.event).toBe("big");
    expect(events[0]?.data.length).toBe(big.length + "\ntail".length);
    expect(events[0]?.data.endsWith("x\ntail")).toBe(true);
    expect(events[1]).toEqual({ data: "after" });
  });

  it("yields nothing for an empty stream", async () => {
    expect(await parse("")).toEqual([]);
  });

  it("cancels the stream when the consumer stops early", async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(encoder.encode("data: tick\n\n"));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const event of parseServerSentEvents(stream)) {
      expect(event.data).toBe("tick");
      break;
    }
    expect(cancelled).toBe(true);
  });
});

describe("parseJsonEvents", () => {
  it("parses data as JSON, skips empty data and stops at [DONE]", async () => {
    const text = 'data: {"n":1}\n\ndata\n\ndata: [1,\ndata: 2]\n\ndata: [DONE]\n\ndata: {"n":3}\n\n';
    expect(await collect(parseJsonEvents(parseServerSentEvents(streamOf(encoder.encode(text)))))).toEqual([
      { n: 1 },
      [1, 2],
    ]);
  });
});
