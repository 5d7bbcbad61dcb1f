/**
 * Hooks and logging against a local server: the order of onRequest/onResponse/onError/onRetry over
 * retries, credentials resolved once per try (a token function), a token refreshed after a 401
 * through onError, header signing in onRequest, and a logger that never prints a secret.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Logger, logging, type RequestSpec, readJson } from "../../templates/runtime/client.js";
import { type ApiError, AuthenticationError } from "../../templates/runtime/errors.js";
import { type TestClientOptions as ClientOptions, testClient } from "../support/runtime-client.js";
import { type LocalServer, startServer } from "./support/local-server.js";

let server: LocalServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => server.reset());

const bearer: ClientOptions = {
  securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
  security: [["bearer"]],
};
const get: RequestSpec = { method: "GET", path: "/x", read: readJson };
const statusThenOk =
  (...statuses: number[]) =>
  (_req: unknown, res: import("node:http").ServerResponse, n: number) => {
    const status = statuses[n] ?? 200;
    res
      .writeHead(status, { "content-type": "application/json", "retry-after-ms": "0", "x-request-id": `req_${n}` })
      .end(status === 200 ? '{"ok":true}' : '{"error":"x"}');
  };

describe("hooks", () => {
  it("run in order around each try: onRequest, onResponse, onError, onRetry, then the next try", async () => {
    server.reset(statusThenOk(503, 502));
    const events: string[] = [];
    const client = testClient({
      baseUrl: server.url,
      hooks: {
        onRequest: ({ attempt }) => void events.push(`request ${attempt}`),
        onResponse: ({ attempt, response, requestId }) =>
          void events.push(`response ${attempt} ${response.status} ${requestId}`),
        onError: ({ attempt, error }) => void events.push(`error ${attempt} ${(error as ApiError).status}`),
        onRetry: async ({ attempt, delayMs }) => {
          await new Promise((resolve) => setTimeout(resolve, 1));
          events.push(`retry after ${attempt} in ${delayMs}`);
        },
      },
    });
    await client.request(get);
    expect(events).toEqual([
      "request 1",
      "response 1 503 req_0",
      "error 1 503",
      "retry after 1 in 0",
      "request 2",
      "response 2 502 req_1",
      "error 2 502",
      "retry after 2 in 0",
      "request 3",
      "response 3 200 req_2",
    ]);
  });

  it("resolves credentials once per try: a token function is called for each of them", async () => {
    server.reset(statusThenOk(503, 503));
    let calls = 0;
    const client = testClient({ ...bearer, baseUrl: server.url, apiKey: () => `token-${++calls}` });
    await client.request(get);
    expect(calls).toBe(3);
    expect(server.received.map((r) => r.headers.authorization)).toEqual([
      "Bearer token-1",
      "Bearer token-2",
      "Bearer token-3",
    ]);
  });

  it("refreshes a token after a 401 through onError, and the next try sends the new one", async () => {
    server.reset((req, res) => {
      const ok = req.headers.authorization === "Bearer fresh";
      res
        .writeHead(ok ? 200 : 401, { "content-type": "application/json" })
        .end(ok ? '{"ok":true}' : '{"error":"expired"}');
    });
    let token = "expired";
    let refreshes = 0;
    const client = testClient({
      ...bearer,
      baseUrl: server.url,
      apiKey: () => token,
      hooks: {
        onError: async ({ error }) => {
          if (!(error instanceof AuthenticationError) || refreshes > 0) return undefined;
          refreshes++;
          token = "fresh";
          return "retry";
        },
      },
    });
    expect(await client.request(get)).toEqual({ ok: true });
    expect(server.received.map((r) => r.headers.authorization)).toEqual(["Bearer expired", "Bearer fresh"]);
  });

  it("a forced retry still respects maxRetries", async () => {
    server.reset(statusThenOk(401, 401, 401, 401));
    const client = testClient({ baseUrl: server.url, maxRetries: 1, hooks: { onError: () => "retry" } });
    await expect(client.request(get)).rejects.toBeInstanceOf(AuthenticationError);
    expect(server.received).toHaveLength(2);
  });

  it("onRequest can sign the request by setting headers", async () => {
    const client = testClient({
      baseUrl: server.url,
      hooks: {
        onRequest: ({ method, url, headers }) => headers.set("x-signature", `${method} ${new URL(url).pathname}`),
      },
    });
    await client.request(get);
    expect(server.received[0]?.headers["x-signature"]).toBe("GET /x");
  });

  it("an error thrown by a hook ends the call with that error", async () => {
    const boom = new Error("hook failed");
    const client = testClient({ baseUrl: server.url, hooks: { onResponse: () => Promise.reject(boom) } });
    await expect(client.request(get)).rejects.toBe(boom);
    expect(server.received).toHaveLength(1);
  });
});

describe("logger", () => {
  const KEY = "sk-log-Secret-99";
  function recorder(): { logger: Logger; lines: string[] } {
    const lines: string[] = [];
    const at =
      (level: string) =>
      (message: string, ...details: unknown[]) =>
        void lines.push(`${level} ${message} ${details.map(String).join(" ")}`);
    return { logger: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") }, lines };
  }

  it("logs requests (debug), responses, retries and failures at their levels, never a credential", async () => {
    server.reset(statusThenOk(503, 401));
    const { logger, lines } = recorder();
    const client = testClient({
      baseUrl: server.url,
      apiKey: KEY,
      hooks: logging(logger, "debug"),
      headers: { "x-team": "blue" },
      securitySchemes: {
        query: { type: "apiKey", in: "query", name: "key" },
        header: { type: "apiKey", in: "header", name: "X-Api-Key" },
        bearer: { type: "http", scheme: "bearer" },
      },
      security: [["query", "header", "bearer"]],
    });
    await expect(client.request(get)).rejects.toBeInstanceOf(AuthenticationError);
    const levels = lines.map((line) => line.split(" ")[0]);
    expect(levels).toEqual(["debug", "info", "warn", "debug", "info", "error"]);
    expect(lines[0]).toContain("x-team: blue");
    expect(lines[0]).toContain("x-api-key: [REDACTED]");
    expect(lines[0]).toContain("authorization: [REDACTED]");
    expect(lines[0]).toContain("key=[REDACTED]");
    expect(lines[1]).toContain("503");
    expect(lines[5]).toContain("AuthenticationError");
    for (const line of lines) {
      expect(line).not.toContain(KEY);
      expect(line).not.toContain(encodeURIComponent(KEY));
    }
  });

  it("logs at info and above by default, and nothing without a logger", async () => {
    const { logger, lines } = recorder();
    await testClient({ baseUrl: server.url, hooks: logging(logger) }).request(get);
    expect(lines.map((line) => line.split(" ")[0])).toEqual(["info"]);
    const off = recorder();
    await testClient({ baseUrl: server.url, hooks: logging(off.logger, "off") }).request(get);
    expect(off.lines).toEqual([]);
  });
});
