/**
 * Retries with back-off against a local fault-injecting server: what is retried for every method
 * (408/429/502/503/504, connections refused before sending), what only for idempotent methods or
 * with an idempotency key (409, other 5xx, connections dropped after sending), what never (other
 * 4xx, aborts), should-retry headers, Retry-After within the call's time-out, the retry budget,
 * and that a retried request sends the same body and key. Delays are made short with
 * `retry-after-ms: 0` where the test is not about them.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  encodeBinary,
  encodeJson,
  type RequestSpec,
  readJson,
  readVoid,
  retryDelayMs,
} from "../../templates/runtime/client.js";
import { AbortError, ApiError, ClientError, NetworkError, TimeoutError } from "../../templates/runtime/errors.js";
import { testClient } from "../support/runtime-client.js";

/** What the server does with the n-th request (0-based); afterwards it answers 200. */
type Fault = (req: IncomingMessage, res: ServerResponse, socket: Socket) => void;

let server: Server;
let baseUrl = "";
let faults: Fault[] = [];
let received: { method: string; body: string; headers: IncomingMessage["headers"] }[] = [];
const sockets = new Set<Socket>();

const status =
  (code: number, headers: Record<string, string> = { "retry-after-ms": "0" }): Fault =>
  (_req, res) => {
    res
      .writeHead(code, { "content-type": "application/json", ...headers })
      .end(JSON.stringify({ error: { message: `status ${code}` } }));
  };
const reset: Fault = (_req, _res, socket) => socket.destroy();
const hang: Fault = () => undefined;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const n = received.length;
      received.push({ method: req.method ?? "", body, headers: req.headers });
      const fault = faults[n];
      if (fault) fault(req, res, req.socket);
      else res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, attempt: n + 1 }));
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  faults = [];
  received = [];
});

const post: RequestSpec = {
  method: "POST",
  path: "/things",
  body: { name: "a", n: 1 },
  encode: encodeJson,
  read: readJson,
};

const put: RequestSpec = { ...post, method: "PUT" };

describe("retries", () => {
  it.each([
    ["503", status(503)],
    ["502", status(502)],
    ["504", status(504)],
    ["429", status(429)],
    ["408", status(408)],
  ])("retries a POST after %s (not processed) and sends the same body again", async (_name, fault) => {
    faults = [fault, fault];
    const result = await testClient({ baseUrl }).request<{ attempt: number }>(post);
    expect(result.attempt).toBe(3);
    expect(received.map((r) => r.body)).toEqual(Array(3).fill('{"name":"a","n":1}'));
  });

  it.each([
    ["500", status(500)],
    ["409", status(409)],
    ["a connection dropped after the request was received", reset],
  ])("sends a POST only once after %s (it may have been processed)", async (_name, fault) => {
    faults = [fault, fault];
    await expect(testClient({ baseUrl }).request(post)).rejects.toBeInstanceOf(ClientError);
    expect(received).toHaveLength(1);
  });

  it.each([
    ["500", status(500)],
    ["409", status(409)],
    ["a connection dropped after the request was received", reset],
  ])("retries an idempotent PUT after %s", async (_name, fault) => {
    faults = [fault, fault];
    const result = await testClient({ baseUrl }).request<{ attempt: number }>(put);
    expect(result.attempt).toBe(3);
  });

  it.each([
    ["500", status(500)],
    ["a connection dropped after the request was received", reset],
  ])("retries a POST with an idempotency key after %s, sending the same key every time", async (_name, fault) => {
    faults = [fault, fault];
    const client = testClient({ baseUrl, idempotencyHeader: "Idempotency-Key" });
    const result = await client.request<{ attempt: number }>(post);
    expect(result.attempt).toBe(3);
    const keys = received.map((r) => r.headers["idempotency-key"]);
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(keys).size).toBe(1);
  });

  it("uses the caller's idempotency key, and a new key for each call", async () => {
    const client = testClient({ baseUrl, idempotencyHeader: "Idempotency-Key" });
    faults = [status(500)];
    await client.request(post, { idempotencyKey: "mine-1" });
    await client.request(post, { headers: { "idempotency-key": "mine-2" } });
    await client.request(post);
    await client.request(post);
    const keys = received.map((r) => r.headers["idempotency-key"]);
    expect(keys.slice(0, 3)).toEqual(["mine-1", "mine-1", "mine-2"]);
    expect(keys[3]).not.toBe(keys[4]);
  });

  it("a key the caller passes makes a POST retryable even without a configured header", async () => {
    faults = [status(500)];
    faults[2] = status(500);
    await testClient({ baseUrl }).request(post, { idempotencyKey: "k-1" });
    await testClient({ baseUrl }).request({ ...post, headers: { "Idempotency-Key": "k-2" } });
    expect(received.map((r) => r.headers["idempotency-key"])).toEqual(["k-1", "k-1", "k-2", "k-2"]);
  });

  it("sends no idempotency key with GET, or without a configured header", async () => {
    await testClient({ baseUrl, idempotencyHeader: "Idempotency-Key" }).request({
      method: "GET",
      path: "/x",
      read: readJson,
    });
    await testClient({ baseUrl }).request(post);
    expect(received.map((r) => r.headers["idempotency-key"])).toEqual([undefined, undefined]);
  });

  it("retries a POST whose connection was refused before it was sent", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    let tries = 0;
    const fetchFirstRefused: typeof fetch = (input, init) =>
      tries++ === 0 ? fetch(String(input).replace(baseUrl, deadUrl), init) : fetch(input, init);
    const result = await testClient({ baseUrl, fetch: fetchFirstRefused }).request<{ attempt: number }>(post);
    expect(tries).toBe(2);
    expect(result.attempt).toBe(1);
  });

  it.each([
    ["x-should-retry: false on a 503", status(503, { "x-should-retry": "false", "retry-after-ms": "0" }), 1],
    ["stripe-should-retry: false on a 429", status(429, { "stripe-should-retry": "false", "retry-after-ms": "0" }), 1],
    ["x-should-retry: true on a 400", status(400, { "x-should-retry": "true", "retry-after-ms": "0" }), 2],
    [
      "stripe-should-retry: true on a POST's 500",
      status(500, { "stripe-should-retry": "true", "retry-after-ms": "0" }),
      2,
    ],
  ])("obeys %s", async (_name, fault, tries) => {
    faults = [fault];
    await testClient({ baseUrl })
      .request(post)
      .catch(() => undefined);
    expect(received).toHaveLength(tries);
  });

  it("does not wait for a Retry-After beyond the call's time-out: it throws the 429 at once", async () => {
    faults = [status(429, { "retry-after": "999999" }), status(429, { "retry-after": "999999" })];
    const error = await testClient({ baseUrl, timeoutMs: 1000 })
      .request(post)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(429);
    expect(received).toHaveLength(1);
  });

  it("a time-out covers the whole call: the hung try is not repeated after it", async () => {
    faults = [hang];
    const error = await testClient({ baseUrl, timeoutMs: 200 })
      .request({ method: "GET", path: "/x", read: readJson })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(received).toHaveLength(1);
  });

  it("a retry gets only what is left of the time-out", async () => {
    faults = [status(503, { "retry-after-ms": "150" }), hang];
    const error = await testClient({ baseUrl, timeoutMs: 300 })
      .request(post)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(300);
    expect(received).toHaveLength(2);
  });

  it("gives up after maxRetries and throws the last error", async () => {
    faults = [status(503), status(503), status(503), status(503)];
    const error = await testClient({ baseUrl, maxRetries: 2 })
      .request(post)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(503);
    expect(received).toHaveLength(3);
  });

  it("maxRetries 0 (client or request) means one try", async () => {
    faults = [status(503), status(503)];
    await expect(testClient({ baseUrl, maxRetries: 0 }).request(post)).rejects.toBeInstanceOf(ApiError);
    expect(received).toHaveLength(1);
    received = [];
    faults = [status(503), status(503)];
    await expect(testClient({ baseUrl }).request(post, { maxRetries: 0 })).rejects.toBeInstanceOf(ApiError);
    expect(received).toHaveLength(1);
  });

  it.each([400, 401, 403, 404, 422, 501])("does not retry %i", async (code) => {
    faults = [status(code)];
    await expect(testClient({ baseUrl }).request(post)).rejects.toBeInstanceOf(ApiError);
    expect(received).toHaveLength(1);
  });

  it("an abort during the back-off ends the call at once with AbortError", async () => {
    faults = [status(503, { "retry-after": "30" })];
    const controller = new AbortController();
    const call = testClient({ baseUrl }).request(post, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(call).rejects.toBeInstanceOf(AbortError);
    expect(received).toHaveLength(1);
  });

  it("never retries a streamed request body", async () => {
    faults = [status(503)];
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("bytes"));
        controller.close();
      },
    });
    const spec: RequestSpec = { method: "PUT", path: "/raw", body: stream, encode: encodeBinary, read: readVoid };
    await expect(testClient({ baseUrl }).request(spec)).rejects.toBeInstanceOf(ApiError);
    expect(received).toHaveLength(1);
  });
});

describe("retryDelayMs", () => {
  const api = (code: number, headers: Record<string, string> = {}) =>
    new ApiError({
      status: code,
      statusText: "",
      headers: new Headers(headers),
      method: "GET",
      url: "u",
      body: undefined,
    });
  const network = new NetworkError({ method: "GET", url: "u", cause: new Error("x") });
  const noJitter = () => 0;

  it("backs off exponentially from 0.5 s up to 8 s, less up to 25% jitter", () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => retryDelayMs(network, n, noJitter))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000,
    ]);
    expect(retryDelayMs(network, 0, () => 1)).toBe(375);
    expect(retryDelayMs(new TimeoutError({ method: "GET", url: "u", timeoutMs: 1 }), 1, noJitter)).toBe(1000);
  });

  it("honours retry-after-ms, Retry-After seconds and dates, capped at a minute", () => {
    expect(retryDelayMs(api(429, { "retry-after-ms": "250" }), 0)).toBe(250);
    expect(retryDelayMs(api(503, { "retry-after": "2" }), 0)).toBe(2000);
    expect(retryDelayMs(api(503, { "retry-after": "3600" }), 0)).toBe(60_000);
    const soon = new Date(Date.now() + 5000).toUTCString();
    const wait = retryDelayMs(api(503, { "retry-after": soon }), 0) ?? -1;
    expect(wait).toBeGreaterThan(3000);
    expect(wait).toBeLessThanOrEqual(5000);
    expect(retryDelayMs(api(503, { "retry-after": "soon" }), 0, noJitter)).toBe(500);
  });

  it("does not retry other errors", () => {
    expect(retryDelayMs(api(404), 0)).toBeUndefined();
    expect(retryDelayMs(new AbortError({ method: "GET", url: "u" }), 0)).toBeUndefined();
    expect(retryDelayMs(new ClientError("bad JSON"), 0)).toBeUndefined();
    expect(retryDelayMs(new TypeError("missing path parameter"), 0)).toBeUndefined();
  });
});
