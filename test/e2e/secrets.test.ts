/**
 * Credentials stay secret, against local servers: an API key sent in the query string (or a
 * header, or basic auth) never shows in any field or printout of an error, the client does not
 * print its key, a key with control characters is refused without being quoted, and a redirect to
 * another origin carries no credentials, default headers or body.
 */
import { inspect } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { encodeJson, type RequestSpec, readJson } from "../../templates/runtime/client.js";
import { ApiError, NetworkError, RequestError, TimeoutError } from "../../templates/runtime/errors.js";
import { type TestClientOptions as ClientOptions, testClient } from "../support/runtime-client.js";
import { closedPortUrl, type LocalServer, startServer } from "./support/local-server.js";

const KEY = "sk-live-Secret/Key+42";
const queryKey: ClientOptions = {
  apiKey: KEY,
  securitySchemes: { key: { type: "apiKey", in: "query", name: "api_key" } },
  security: [["key"]],
  maxRetries: 0,
};

let api: LocalServer;
let other: LocalServer;

beforeAll(async () => {
  api = await startServer();
  other = await startServer();
});

afterAll(async () => {
  await api.close();
  await other.close();
});

beforeEach(() => {
  api.reset();
  other.reset();
});

const get: RequestSpec = { method: "GET", path: "/things", query: { limit: 2 }, read: readJson };

/** Every way an error is printed, read or logged. */
function everyView(error: unknown): string[] {
  const e = error as RequestError;
  return [
    e.message,
    String(e),
    e.stack ?? "",
    e.url,
    JSON.stringify(e),
    inspect(e, { depth: 10, showHidden: true }),
    inspect(e.cause, { depth: 10, showHidden: true }),
  ];
}

/** The key as it may appear: raw, URL-encoded, or with `+` for spaces. */
const FORMS = [KEY, encodeURIComponent(KEY)];

function expectNoKey(texts: string[]): void {
  for (const text of texts) for (const form of FORMS) expect(text).not.toContain(form);
}

describe("secrets in errors", () => {
  it("the server receives the key, but an ApiError echoing the URL shows [REDACTED] instead", async () => {
    api.reset((req, res) => {
      res
        .writeHead(401, { "content-type": "application/json" })
        .end(JSON.stringify({ error: { message: `Bad key in ${req.url}` } }));
    });
    const error = await testClient({ ...queryKey, baseUrl: api.url })
      .request(get)
      .catch((e: unknown) => e);
    expect(api.received[0]?.url).toBe(`/things?limit=2&api_key=${encodeURIComponent(KEY)}`);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).url).toBe(`${api.url}/things?limit=2&api_key=[REDACTED]`);
    expect((error as ApiError).message).toContain("[REDACTED]");
    expectNoKey(everyView(error));
  });

  it("NetworkError (connection refused) keeps the key out of every field", async () => {
    const error = await testClient({ ...queryKey, baseUrl: await closedPortUrl() })
      .request(get)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).url).toContain("api_key=[REDACTED]");
    expectNoKey(everyView(error));
  });

  it("NetworkError whose cause quotes the URL and the key has them redacted in the cause chain", async () => {
    const leakyFetch: typeof fetch = async (input) => {
      throw new TypeError("fetch failed", { cause: new Error(`connect failed for ${String(input)} (key ${KEY})`) });
    };
    const error = await testClient({ ...queryKey, baseUrl: api.url, fetch: leakyFetch })
      .request(get)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toContain("[REDACTED]");
    expectNoKey(everyView(error));
  });

  it("TimeoutError keeps the key out of every field", async () => {
    api.reset(() => undefined);
    const error = await testClient({ ...queryKey, baseUrl: api.url, timeoutMs: 100 })
      .request(get)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expectNoKey(everyView(error));
  });

  it("a basic-auth password and a header key stay out of errors too", async () => {
    api.reset((req, res) =>
      res.writeHead(403).end(`you sent ${req.headers.authorization} ${req.headers["x-api-key"]}`),
    );
    const basic = await testClient({
      baseUrl: api.url,
      username: "me",
      password: KEY,
      securitySchemes: { basic: { type: "http", scheme: "basic" } },
      security: [["basic"]],
      maxRetries: 0,
    })
      .request(get)
      .catch((e: unknown) => e);
    const token = btoa(`me:${KEY}`);
    expect(String(basic)).not.toContain(token);
    expectNoKey(everyView(basic));
    const header = await testClient({
      baseUrl: api.url,
      apiKey: KEY,
      securitySchemes: { key: { type: "apiKey", in: "header", name: "X-API-Key" } },
      security: [["key"]],
      maxRetries: 0,
    })
      .request(get)
      .catch((e: unknown) => e);
    expectNoKey(everyView(header));
  });
});

describe("the client object", () => {
  it("prints its options without the key or password", () => {
    const client = testClient({ ...queryKey, baseUrl: api.url, password: "hunter2-password" });
    for (const text of [
      inspect(client, { depth: 5 }),
      JSON.stringify(client),
      inspect(client.options),
      JSON.stringify(client.options),
    ]) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain("hunter2-password");
      expect(text).toContain("[REDACTED]");
      expect(text).toContain(api.url);
    }
    expect(client.options.apiKey).toBe(KEY);
  });

  it.each([
    ["a line break", `${KEY}\n`],
    ["a carriage return", `${KEY}\r`],
    ["a NUL", `${KEY}\u0000`],
  ])("refuses a key with %s, with a clear TypeError that does not quote it", async (_name, key) => {
    const error = await testClient({ ...queryKey, apiKey: key, baseUrl: api.url })
      .request(get)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/apiKey.*control character/);
    expectNoKey([(error as Error).message, (error as Error).stack ?? ""]);
    expect(api.received).toHaveLength(0);
  });
});

describe("redirects", () => {
  const headerKey: ClientOptions = {
    apiKey: KEY,
    headers: { "OpenAI-Organization": "org-private", accept: "application/json" },
    securitySchemes: {
      key: { type: "apiKey", in: "header", name: "X-API-Key" },
      bearer: { type: "http", scheme: "bearer" },
    },
    security: [["key", "bearer"]],
    maxRetries: 0,
  };
  const redirectTo =
    (status: number, location: () => string) => (_req: unknown, res: import("node:http").ServerResponse) => {
      res.writeHead(status, { location: location() }).end();
    };

  it("follows a same-origin redirect with every header", async () => {
    api.reset((req, res, n) =>
      n === 0
        ? redirectTo(302, () => "/moved")(req, res)
        : res.writeHead(200, { "content-type": "application/json" }).end("{}"),
    );
    await testClient({ ...headerKey, baseUrl: api.url }).request(get);
    expect(api.received.map((r) => r.url)).toEqual(["/things?limit=2", "/moved"]);
    expect(api.received[1]?.headers["x-api-key"]).toBe(KEY);
    expect(api.received[1]?.headers["openai-organization"]).toBe("org-private");
  });

  it.each([301, 302, 303, 307, 308])(
    "a %i to another origin carries no credentials and no default headers",
    async (status) => {
      api.reset(redirectTo(status, () => `${other.url}/landing`));
      const result = await testClient({ ...headerKey, baseUrl: api.url }).request<{ ok: boolean }>(get);
      expect(result).toEqual({ ok: true });
      expect(other.received).toHaveLength(1);
      const headers = other.received[0]?.headers ?? {};
      expect(headers["x-api-key"]).toBeUndefined();
      expect(headers.authorization).toBeUndefined();
      expect(headers["openai-organization"]).toBeUndefined();
      expect(headers.accept).toBe("application/json");
    },
  );

  it("a 307/308 POST to another origin is not resent there with its body", async () => {
    for (const status of [307, 308]) {
      api.reset(redirectTo(status, () => `${other.url}/landing`));
      const post: RequestSpec = {
        method: "POST",
        path: "/things",
        body: { secret: "payload" },
        encode: encodeJson,
        read: readJson,
      };
      const error = await testClient({ ...headerKey, baseUrl: api.url })
        .request(post)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RequestError);
      expect((error as Error).message).toMatch(/another origin/);
      expect(other.received).toHaveLength(0);
    }
  });

  it("a 303 after a POST to another origin becomes a GET without body or credentials", async () => {
    api.reset(redirectTo(303, () => `${other.url}/result`));
    const post: RequestSpec = {
      method: "POST",
      path: "/things",
      body: { secret: "payload" },
      encode: encodeJson,
      read: readJson,
    };
    await testClient({ ...headerKey, baseUrl: api.url }).request(post);
    expect(
      other.received.map((r) => [r.method, r.body.length, r.headers["content-type"], r.headers["x-api-key"]]),
    ).toEqual([["GET", 0, undefined, undefined]]);
  });

  it("stops after 20 redirects with a clear RequestError", async () => {
    api.reset(redirectTo(302, () => "/again"));
    const error = await testClient({ ...headerKey, baseUrl: api.url })
      .request(get)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect((error as Error).message).toMatch(/more than 20 redirects/);
    expect(api.received).toHaveLength(21);
  });
});
