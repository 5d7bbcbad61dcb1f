import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RequestSpec, readJson, readText } from "../../templates/runtime/client.js";
import { AbortError, ApiError, NetworkError, TimeoutError } from "../../templates/runtime/errors.js";
import { type TestClient, testClient } from "../support/runtime-client.js";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const routes: Record<string, Handler> = {
  "/assistants/asst_missing": (_req, res) => {
    res.writeHead(404, "Not Found", { "content-type": "application/json", "x-request-id": "req_123" });
    res.end(JSON.stringify({ error: { message: "No assistant found", type: "invalid_request_error" } }));
  },
  "/boom": (_req, res) => {
    res.writeHead(500, "Internal Server Error", { "content-type": "text/plain" });
    res.end("something broke");
  },
  "/empty": (_req, res) => {
    res.writeHead(204).end();
  },
  "/models": (req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ data: [{ id: "gpt" }], auth: req.headers.authorization }));
  },
  "/hang": () => {
    // Never answers.
  },
  "/slow-body": (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.write('{"data": [');
    // Never finishes the body.
  },
};

/** Starts a server on 127.0.0.1 and an ephemeral port; `close` also destroys open sockets. */
async function listen(handler: Handler): Promise<{ server: Server; port: number; close: () => Promise<void> }> {
  const server = createServer(handler);
  const sockets = new Set<Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve, reject) => {
      for (const socket of sockets) socket.destroy();
      server.close((error) => (error ? reject(error) : resolve()));
    });
  return { server, port, close };
}

let client: TestClient;
let close: () => Promise<void> = async () => undefined;

beforeAll(async () => {
  const started = await listen((req, res) => {
    const route = routes[new URL(req.url ?? "/", "http://localhost").pathname];
    if (route) route(req, res);
    else res.writeHead(404).end();
  });
  close = started.close;
  client = testClient({
    baseUrl: `http://127.0.0.1:${started.port}/`,
    apiKey: "sk-test",
    maxRetries: 0, // retries are tested in retries.test.ts

    securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    security: [["bearer"]],
  });
});

afterAll(async () => {
  await close();
});

const get = (path: string, read: RequestSpec["read"] = readJson): RequestSpec => ({ method: "GET", path, read });

/** The error a request fails with; fails the test if it succeeds. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable("the request should fail"),
    (error: unknown) => error,
  );
}

describe("runtime against a real server", () => {
  it("returns a parsed JSON body, sending credentials", async () => {
    expect(await client.request(get("/models"))).toEqual({ data: [{ id: "gpt" }], auth: "Bearer sk-test" });
  });

  it("returns undefined for 204", async () => {
    expect(await client.request(get("/empty"))).toBeUndefined();
  });

  it("throws ApiError with the parsed JSON body of a 404", async () => {
    const error = await rejection(client.request(get("/assistants/asst_missing")));
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError<{ error: { message: string; type: string } }>;
    expect(apiError.status).toBe(404);
    expect(apiError.statusText).toBe("Not Found");
    expect(apiError.body).toEqual({ error: { message: "No assistant found", type: "invalid_request_error" } });
    expect(apiError.headers.get("x-request-id")).toBe("req_123");
    expect(apiError.message).toBe("404 Not Found: No assistant found (request id req_123)");
    expect(apiError.requestId).toBe("req_123");
    expect(apiError.method).toBe("GET");
    expect(apiError.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/assistants\/asst_missing$/);
  });

  it("throws ApiError with the text body of a 500", async () => {
    const error = await rejection(client.request(get("/boom", readText)));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 500,
      body: "something broke",
      message: "500 Internal Server Error: something broke",
    });
  });

  it("throws NetworkError when the connection is refused", async () => {
    const closed = await listen(() => undefined);
    await closed.close();
    const refused = testClient({ baseUrl: `http://127.0.0.1:${closed.port}`, maxRetries: 0 });
    const error = await rejection(refused.request(get("/models")));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).cause).toBeInstanceOf(Error);
    expect((error as NetworkError).message).toMatch(/ECONNREFUSED/);
  });

  it("throws TimeoutError when the server never answers", async () => {
    const started = Date.now();
    const error = await rejection(client.request(get("/hang"), { timeoutMs: 200 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(200);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("throws TimeoutError when the body streams too slowly", async () => {
    const error = await rejection(client.request(get("/slow-body"), { timeoutMs: 200 }));
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it("throws AbortError when aborted in flight", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await rejection(client.request(get("/hang"), { signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortError);
  });

  it("throws AbortError when the signal is aborted before the call", async () => {
    const error = await rejection(client.request(get("/models"), { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(AbortError);
  });
});
