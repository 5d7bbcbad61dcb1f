/**
 * Server-sent events from a local server that sends its frames slowly and cut at odd byte
 * boundaries: inside multi-byte UTF-8 characters, between CR and LF, inside field names.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeJson, readEvents } from "../../templates/runtime/client.js";
import type { ServerSentEvent } from "../../templates/runtime/sse.js";
import { testClient } from "../support/runtime-client.js";
import { type LocalServer, startServer } from "./support/local-server.js";

let server: LocalServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server.close();
});

const frames =
  'event: delta\r\ndata: {"text":"héllo 😀 wörld"}\r\n\r\n: ping\r\n\r\nid: 7\r\ndata: line 1\r\ndata: line 2\r\n\r\ndata: [DONE]\r\n\r\n';

describe("event streams over the network", () => {
  it("parses frames that arrive slowly, cut at every odd byte boundary", async () => {
    const bytes = Buffer.from(frames, "utf8");
    server.reset((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      let at = 0;
      const sizes = [1, 3, 5, 7, 2];
      const tick = (): void => {
        if (at >= bytes.length) {
          res.end();
          return;
        }
        const size = sizes[at % sizes.length] ?? 1;
        res.write(bytes.subarray(at, at + size));
        at += size;
        setTimeout(tick, 1);
      };
      tick();
    });
    const events = await testClient({ baseUrl: server.url }).request<AsyncIterable<ServerSentEvent>>({
      method: "POST",
      path: "/stream",
      body: { stream: true },
      encode: encodeJson,
      read: readEvents,
    });
    const received: ServerSentEvent[] = [];
    for await (const event of events) received.push(event);
    expect(received).toEqual([
      { event: "delta", data: '{"text":"héllo 😀 wörld"}' },
      { id: "7", data: "line 1\nline 2" },
      { id: "7", data: "[DONE]" },
    ]);
  });
});
