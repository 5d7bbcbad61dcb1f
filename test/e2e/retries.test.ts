/**
 * Retries with back-off against a local fault-injecting server: what is retried (network errors,
 * time-outs, 408/409/429/5xx), what is not (other 4xx, aborts), Retry-After, the retry budget, and
 * that a retried request sends the same body. Delays are made short with `retry-after-ms: 0`
 * where the test is not about them.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createClient, type RequestSpec, retryDelayMs } from "../../templates/runtime/client.js";
import { AbortError, ApiError, ClientError, NetworkError, TimeoutError } from "../../templates/runtime/errors.js";

/** What the server does with the n-th request (0-based); afterwards it answers 200. */
type Fault = (req: IncomingMessage, res: ServerResponse, socket: Socket) => void;

let server: Server;
let baseUrl = "";
let faults: Fault[] = [];
let received: { method: string; body: string }[] = [];
const sockets = new Set<Socket>();

const status = (code: number, headers: Record<string, string> = { "retry-after-ms": "0" }): Fault => (_req, res) => {
  res.writeHead(code, { "content-type": "application/json", ...headers }).end(JSON.stringify({ error: { message: `status ${code}` } }));
};
const reset: Fault = (_req, _res, socket) => socket.destroy();
const hang: Fault = () => undefined;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const n = received.length;
      received.push({ method: req.method ?? "", body });
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

const post: RequestSpec = { method: "POST", path: "/things", body: { name: "a", n: 1 }, bodyType: "json", responseType: "json" };

describe("retries", () => {
  it.each([
    ["503", status(503)],
    ["500", status(500)],
    ["429", status(429)],
    ["408", status(408)],
    ["409", status(409)],
    ["a reset connection", reset],
  ])("retries after %s and sends the same body again", async (_name, fault) => {
    faults = [fault, fault];
    const result = await createClient({ baseUrl }).request<{ attempt: number }>(post);
    expect(result.attempt).toBe(3);
    expect(received.map((r) => r.body)).toEqual(Array(3).fill('{"name":"a","n":1}'));
  });

  it("retries a time-out", async () => {
    faults = [hang];
    const result = await createClient({ baseUrl, timeoutMs: 200 }).request<{ attempt: number }>(post);
    expect(result.attempt).toBe(2);
  });

  it("gives up after maxRetries and throws the last error", async () => {
    faults = [status(503), status(503), status(503), status(503)];
    const error = await createClient({ baseUrl, maxRetries: 2 }).request(post).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(503);
    expect(received).toHaveLength(3);
  });

  it("maxRetries 0 (client or request) means one try", async () => {
    faults = [status(503), status(503)];
    await expect(createClient({ baseUrl, maxRetries: 0 }).request(post)).rejects.toBeInstanceOf(ApiError);
    expect(received).toHaveLength(1);
    received = [];
    faults = [status(503), status(503)];
    await expect(createClient({ baseUrl }).request(post, { maxRetries: 0 })).rejects.toBeInstanceOf(ApiError);
    expect(received).toHaveLength(1);
  });

  it.each([400, 401, 403, 404, 422])("does not retry %i", async (code) => {
    faults = [status(code)];
    await expect(createClient({ baseUrl }).request(post)).rejects.toBeInstanceOf(ApiError);
    expect(received).toHaveLength(1);
  });

  it("an abort during the back-off ends the call at once with AbortError", async () => {
    faults = [status(503, { "retry-after": "30" })];
    const controller = new AbortController();
    const call = createClient({ baseUrl }).request(post, { signal: controller.signal });
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
    const spec: RequestSpec = { method: "PUT", path: "/raw", body: stream, bodyType: "binary", responseType: "void" };
    await expect(createClient({ baseUrl }).request(spec)).rejects.toBeInstanceOf(ApiError);
    expect(received).toHaveLength(1);
  });
});

describe("retryDelayMs", () => {
  const api = (code: number, headers: Record<string, string> = {}) =>
    new ApiError({ status: code, statusText: "", headers: new Headers(headers), method: "GET", url: "u", body: undefined });
  const network = new NetworkError({ method: "GET", url: "u", cause: new Error("x") });
  const noJitter = () => 0;

  it("backs off exponentially from 0.5 s up to 8 s, less up to 25% jitter", () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => retryDelayMs(network, n, noJitter))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
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
