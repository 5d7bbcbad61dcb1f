/**
 * Error paths through the generated OpenAI client (not the runtime alone): a local test server
 * answers 404 with a JSON error body and 500 with text; a closed port refuses the connection; a
 * server that never answers trips the time-out; a caller aborts a call in flight.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiError as CommittedApiError, ErrorResponse } from "../../generated/openai/index.js";
import { openai } from "./support/fresh-openai.js";

// Run against a fresh generation (support/fresh-openai.ts), typed through the committed copy.
const {
  AbortError,
  ApiError,
  ClientError,
  createClient,
  deleteThread,
  getAssistant,
  listAssistants,
  NetworkError,
  TimeoutError,
} = openai;
type ApiError<TBody = unknown> = CommittedApiError<TBody>;
type NetworkError = InstanceType<typeof NetworkError>;
type TimeoutError = InstanceType<typeof TimeoutError>;

let server: Server;
let baseUrl = "";
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    if (path === "/v1/assistants/asst_missing") {
      res.writeHead(404, { "content-type": "application/json", "x-request-id": "req_404" });
      res.end(
        JSON.stringify({
          error: {
            message: "No assistant found with id 'asst_missing'.",
            type: "invalid_request_error",
            param: null,
            code: null,
          },
        }),
      );
    } else if (path === "/v1/assistants") {
      res.writeHead(500, { "content-type": "text/plain" }).end("upstream exploded");
    } else if (path.startsWith("/v1/threads/")) {
      // Never answers: for the time-out and abort cases.
    } else {
      res.writeHead(404).end();
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

describe("generated client error paths", () => {
  it("404 with a JSON body: ApiError with status, headers and the parsed, typed body", async () => {
    const client = createClient({ baseUrl, apiKey: "sk-test" });
    const error = await caught(getAssistant(client, { path: { assistant_id: "asst_missing" } }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(ClientError);
    const apiError = error as ApiError<ErrorResponse>;
    expect(apiError.status).toBe(404);
    expect(apiError.headers.get("x-request-id")).toBe("req_404");
    expect(apiError.body.error.message).toBe("No assistant found with id 'asst_missing'.");
    expect(apiError.message).toContain("404");
  });

  it("500 with a text body: ApiError carrying the text", async () => {
    const error = await caught(listAssistants(createClient({ baseUrl, apiKey: "sk-test" })));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(500);
    expect((error as ApiError).body).toBe("upstream exploded");
  });

  it("refused connection: NetworkError", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await caught(listAssistants(createClient({ baseUrl: `http://127.0.0.1:${port}/v1`, apiKey: "k" })));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).cause).toBeDefined();
  });

  it("time-out: TimeoutError with the limit", async () => {
    const client = createClient({ baseUrl, apiKey: "k", timeoutMs: 150 });
    const error = await caught(deleteThread(client, { path: { thread_id: "thread_slow" } }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(150);
  });

  it("per-call time-out overrides the client's", async () => {
    const client = createClient({ baseUrl, apiKey: "k", timeoutMs: 60_000 });
    const error = await caught(deleteThread(client, { path: { thread_id: "thread_slow" } }, { timeoutMs: 100 }));
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it("aborted call: AbortError, in flight and before sending", async () => {
    const client = createClient({ baseUrl, apiKey: "k" });
    const controller = new AbortController();
    const call = deleteThread(client, { path: { thread_id: "thread_slow" } }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await caught(call)).toBeInstanceOf(AbortError);
    const pre = await caught(deleteThread(client, { path: { thread_id: "t" } }, { signal: AbortSignal.abort() }));
    expect(pre).toBeInstanceOf(AbortError);
  });
});
