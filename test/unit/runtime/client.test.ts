import { describe, expect, it, vi } from "vitest";
import {
  bodyTypeOf,
  type ClientOptions as CoreClientOptions,
  createClient,
  encodeBinary,
  encodeBody,
  encodeForm,
  encodeJson,
  encodeMultipart,
  encodeText,
  type RequestOptions,
  type RequestSpec,
  readBlob,
  readEvents,
  readJson,
  readOptionalJson,
  readText,
  readVoid,
  type SecurityScheme,
  styled,
} from "../../../templates/runtime/client.js";
import { AbortError, ApiError, ClientError, NetworkError, TimeoutError } from "../../../templates/runtime/errors.js";
import type { ServerSentEvent } from "../../../templates/runtime/sse.js";
import { type TestClientOptions as ClientOptions, testClient } from "../../support/runtime-client.js";

const BASE = "https://api.test/v1";

/** What the client handed to fetch. */
interface Sent {
  url: string;
  init: RequestInit;
  request: Request;
}

/** A fake fetch that records each call and answers with `respond`. */
function fakeFetch(respond: (sent: Sent) => Response | Promise<Response> = () => new Response(null, { status: 204 })) {
  const calls: Sent[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const sent = { url: String(input), init, request: new Request(input, init) };
    calls.push(sent);
    return respond(sent);
  };
  return { fetch, calls };
}

/** Sends one request through a client with a fake fetch; returns the result and what was sent. */
async function send<T = unknown>(
  spec: Partial<RequestSpec>,
  options: ClientOptions = {},
  respond?: (sent: Sent) => Response | Promise<Response>,
  requestOptions?: RequestOptions,
): Promise<{ result: T; sent: Sent }> {
  const { fetch, calls } = fakeFetch(respond);
  // Retries have their own tests (retries.test.ts); here one failure is the answer.
  const client = testClient({ baseUrl: BASE, fetch, maxRetries: 0, ...options });
  const result = await client.request<T>({ method: "GET", path: "/x", read: readVoid, ...spec }, requestOptions);
  const [sent] = calls;
  if (!sent) throw new Error("fetch was not called");
  return { result, sent };
}

function json(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), {
    ...init,
    headers: { "content-type": "application/json", ...init.headers },
  });
}

describe("URL", () => {
  it("joins the base URL, the filled path and the query", async () => {
    const { sent } = await send({
      path: "/threads/{thread_id}/runs",
      pathParams: { thread_id: "t 1" },
      query: { limit: 10, order: undefined, include: ["a", "b"] },
    });
    expect(sent.url).toBe(`${BASE}/threads/t%201/runs?limit=10&include=a&include=b`);
    expect(sent.init.method).toBe("GET");
  });

  it("tolerates a trailing slash on the base URL and sends no `?` without a query", async () => {
    const { sent } = await send({ path: "/models" }, { baseUrl: `${BASE}/` });
    expect(sent.url).toBe(`${BASE}/models`);
  });

  it.each(["../../admin", "a/b", "a?admin=1", "a#admin", "ü/😀"])(
    "keeps path value %j inside its segment",
    async (id) => {
      const { sent } = await send({ path: "/files/{id}/content", pathParams: { id } });
      const url = new URL(sent.url);
      expect(url.pathname).toBe(`/v1/files/${encodeURIComponent(id)}/content`);
      expect(url.search).toBe("");
      expect(url.hash).toBe("");
    },
  );

  it("rejects a missing path parameter before calling fetch", async () => {
    const { fetch, calls } = fakeFetch();
    const client = testClient({ baseUrl: BASE, fetch });
    await expect(client.request({ method: "GET", path: "/a/{assistant_id}", read: readJson })).rejects.toThrow(
      new TypeError('Missing value for path parameter "assistant_id" of /a/{assistant_id}'),
    );
    await expect(
      client.request({ method: "GET", path: "/a/{id}", pathParams: { id: ".." }, read: readJson }),
    ).rejects.toThrow(TypeError);
    expect(calls).toHaveLength(0);
  });
});

describe("auth", () => {
  const schemes: Record<string, SecurityScheme> = {
    bearer: { type: "http", scheme: "bearer" },
    basic: { type: "http", scheme: "basic" },
    header: { type: "apiKey", in: "header", name: "X-API-Key" },
    query: { type: "apiKey", in: "query", name: "api_key" },
    cookie: { type: "apiKey", in: "cookie", name: "session" },
    oauth: { type: "oauth2" },
    oidc: { type: "openIdConnect" },
  };
  const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString("base64")}`;

  interface AuthRow {
    name: string;
    options: ClientOptions;
    security?: RequestSpec["security"];
    authorization?: string | null;
    apiKeyHeader?: string | null;
    query?: string;
    cookie?: string | null;
  }
  const rows: AuthRow[] = [
    { name: "bearer", options: { apiKey: "sk" }, security: [["bearer"]], authorization: "Bearer sk" },
    {
      name: "basic",
      options: { username: "user", password: "pa:ss" },
      security: [["basic"]],
      authorization: basic("user:pa:ss"),
    },
    {
      name: "basic, UTF-8, no password",
      options: { username: "jörg" },
      security: [["basic"]],
      authorization: basic("jörg:"),
    },
    {
      name: "apiKey header",
      options: { apiKey: "sk" },
      security: [["header"]],
      apiKeyHeader: "sk",
      authorization: null,
    },
    { name: "apiKey query", options: { apiKey: "s k" }, security: [["query"]], query: "?api_key=s%20k" },
    { name: "apiKey cookie", options: { apiKey: "sk" }, security: [["cookie"]], cookie: "session=sk" },
    { name: "oauth2", options: { apiKey: "tok" }, security: [["oauth"]], authorization: "Bearer tok" },
    { name: "openIdConnect", options: { apiKey: "tok" }, security: [["oidc"]], authorization: "Bearer tok" },
    {
      name: "async apiKey",
      options: { apiKey: async () => "late" },
      security: [["bearer"]],
      authorization: "Bearer late",
    },
    {
      name: "first satisfiable alternative",
      options: { apiKey: "sk" },
      security: [["basic"], ["bearer"], ["header"]],
      authorization: "Bearer sk",
      apiKeyHeader: null,
    },
    {
      name: "every scheme of an alternative",
      options: { apiKey: "sk" },
      security: [["header", "query"]],
      apiKeyHeader: "sk",
      query: "?api_key=sk",
    },
    {
      name: "unknown scheme is unsatisfiable",
      options: { apiKey: "sk" },
      security: [["nope"], ["header"]],
      apiKeyHeader: "sk",
    },
    {
      name: "a scheme named like an Object.prototype member is unknown",
      options: { apiKey: "sk" },
      security: [["constructor"], ["toString"]],
      authorization: null,
    },
    { name: "none satisfiable", options: {}, security: [["bearer"], ["basic"]], authorization: null },
    { name: "empty apiKey is no credential", options: { apiKey: "" }, security: [["bearer"]], authorization: null },
    {
      name: "`security: []` sends nothing",
      options: { apiKey: "sk", security: [["bearer"]] },
      security: [],
      authorization: null,
    },
    {
      name: "undefined uses the client default",
      options: { apiKey: "sk", security: [["header"]] },
      apiKeyHeader: "sk",
    },
    { name: "no requirement anywhere", options: { apiKey: "sk" }, authorization: null, apiKeyHeader: null },
    {
      name: "optional auth with a key",
      options: { apiKey: "sk" },
      security: [[], ["bearer"]],
      authorization: "Bearer sk",
    },
    { name: "optional auth without a key", options: {}, security: [[], ["bearer"]], authorization: null },
  ];
  it.each(rows)("$name", async (row) => {
    const spec: Partial<RequestSpec> = row.security ? { security: row.security } : {};
    const { sent } = await send(spec, { securitySchemes: schemes, ...row.options });
    const headers = sent.request.headers;
    if (row.authorization !== undefined) expect(headers.get("authorization")).toBe(row.authorization);
    if (row.apiKeyHeader !== undefined) expect(headers.get("x-api-key")).toBe(row.apiKeyHeader);
    if (row.cookie !== undefined) expect(headers.get("cookie")).toBe(row.cookie);
    expect(new URL(sent.url).search).toBe(row.query ?? "");
  });

  it("does not call an apiKey function when no credential is needed", async () => {
    const apiKey = vi.fn(() => "sk");
    await send({ security: [] }, { apiKey, securitySchemes: schemes, security: [["bearer"]] });
    expect(apiKey).not.toHaveBeenCalled();
  });
});

describe("headers", () => {
  it.each<[string, Record<string, string> | undefined, string | undefined, string | undefined, string]>([
    ["defaults alone", { "x-h": "default" }, undefined, undefined, "default"],
    ["a header parameter beats the defaults", { "x-h": "default" }, "param", undefined, "param"],
    ["request options beat everything", { "x-h": "default" }, "param", "option", "option"],
  ])("%s", async (_name, defaults, param, option, expected) => {
    const { sent } = await send(
      { headers: { "X-H": param } },
      defaults ? { headers: defaults } : {},
      undefined,
      option ? { headers: { "X-H": option } } : {},
    );
    expect(sent.request.headers.get("x-h")).toBe(expected);
  });

  it("orders defaults < credentials < header parameters < request options", async () => {
    const options: ClientOptions = {
      headers: { authorization: "default" },
      apiKey: "sk",
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      security: [["bearer"]],
    };
    const auth = await send({}, options);
    expect(auth.sent.request.headers.get("authorization")).toBe("Bearer sk");
    const param = await send({ headers: { Authorization: "param" } }, options);
    expect(param.sent.request.headers.get("authorization")).toBe("param");
    const option = await send({ headers: { Authorization: "param" } }, options, undefined, {
      headers: { Authorization: "option" },
    });
    expect(option.sent.request.headers.get("authorization")).toBe("option");
  });

  it("refuses a header value with a control character with a TypeError, before calling fetch", async () => {
    const { fetch, calls } = fakeFetch();
    const client = testClient({ baseUrl: BASE, fetch, maxRetries: 0 });
    const error = await client
      .request({ method: "GET", path: "/x", read: readVoid, headers: { "X-Trace": "a\r\nX-Admin: 1" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('The header "X-Trace" contains a control character');
    expect(calls).toHaveLength(0);
  });

  it("serialises header parameters and skips undefined ones", async () => {
    const { sent } = await send({
      headers: { "X-Ids": [1, 2], "X-Obj": { a: 1, b: 2 }, "X-None": undefined },
      params: styled({ "header:X-Obj": { explode: true } }),
    });
    expect(sent.request.headers.get("x-ids")).toBe("1,2");
    expect(sent.request.headers.get("x-obj")).toBe("a=1,b=2");
    expect(sent.request.headers.has("x-none")).toBe(false);
  });

  it("sends accept: application/json unless the operation names another", async () => {
    const json = await send({ read: readJson }, {}, () => new Response(null, { status: 204 }));
    expect(json.sent.request.headers.get("accept")).toBe("application/json");
    const events = await send({ read: readVoid, accept: "text/event-stream" });
    expect(events.sent.request.headers.get("accept")).toBe("text/event-stream");
  });

  it("keeps a given accept header", async () => {
    const { sent } = await send({ read: readJson }, { headers: { Accept: "application/vnd.api+json" } });
    expect(sent.request.headers.get("accept")).toBe("application/vnd.api+json");
  });

  it("joins cookies from the defaults, credentials and cookie parameters", async () => {
    const { sent } = await send(
      { cookies: { theme: "dark mode", ids: [1, 2], skip: undefined }, security: [["cookie"]] },
      {
        headers: { cookie: "a=1" },
        apiKey: "sk",
        securitySchemes: { cookie: { type: "apiKey", in: "cookie", name: "session" } },
      },
    );
    expect(sent.request.headers.get("cookie")).toBe("a=1; session=sk; theme=dark%20mode; ids=1; ids=2");
  });
});

describe("bodies", () => {
  it("sends JSON with application/json, over a default content type", async () => {
    const { sent } = await send(
      { method: "POST", body: { a: [1] }, encode: encodeJson },
      { headers: { "content-type": "text/x" } },
    );
    expect(sent.request.headers.get("content-type")).toBe("application/json");
    expect(await sent.request.text()).toBe('{"a":[1]}');
  });

  it("sends JSON by media type (encodeBody) with the spec's exact media type", async () => {
    const { sent } = await send({
      method: "PATCH",
      body: { a: null },
      encode: encodeBody,
      contentType: "application/merge-patch+json",
    });
    expect(sent.request.headers.get("content-type")).toBe("application/merge-patch+json");
    expect(await sent.request.text()).toBe('{"a":null}');
  });

  it("refuses a body without an encoder before calling fetch", async () => {
    await expect(send({ method: "POST", body: { a: 1 } })).rejects.toThrow(
      new TypeError("POST /x has a body but no encoder"),
    );
  });

  it("sends no body and no content type without a body", async () => {
    const { sent } = await send({ method: "POST", body: undefined, encode: encodeJson });
    expect(sent.init.body).toBeUndefined();
    expect(sent.request.headers.has("content-type")).toBe(false);
  });

  it("sends text", async () => {
    const { sent } = await send({ method: "POST", body: 42, encode: encodeText });
    expect(sent.request.headers.get("content-type")).toBe("text/plain");
    expect(await sent.request.text()).toBe("42");
  });

  it("sends a urlencoded form with bracket notation", async () => {
    const { sent } = await send({
      method: "POST",
      body: { metadata: { k: "v" }, items: [{ price: "p" }] },
      encode: encodeForm,
    });
    expect(sent.request.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(await sent.request.text()).toBe("metadata%5Bk%5D=v&items%5B0%5D%5Bprice%5D=p");
  });

  it("sends multipart without setting the content type, so fetch adds the boundary", async () => {
    const file = new File(["hi"], "a.txt");
    const { sent } = await send(
      {
        method: "POST",
        body: { file, purpose: "fine-tune" },
        encode: encodeMultipart,
        contentType: "multipart/form-data",
      },
      { headers: { "Content-Type": "application/json" } },
    );
    expect(sent.init.body).toBeInstanceOf(FormData);
    expect(new Headers(sent.init.headers).has("content-type")).toBe(false);
    expect(sent.request.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    const form = await sent.request.formData();
    expect((form.get("file") as File).name).toBe("a.txt");
    expect(form.get("purpose")).toBe("fine-tune");
  });

  it.each<[string, unknown, string | undefined, string]>([
    ["Uint8Array", new Uint8Array([1, 2]), undefined, "application/octet-stream"],
    ["ArrayBuffer", new Uint8Array([1, 2]).buffer, "application/pdf", "application/pdf"],
    [
      "Blob with a wildcard media type",
      new Blob([new Uint8Array([1, 2])], { type: "image/png" }),
      "image/*",
      "image/png",
    ],
  ])("passes a binary body through: %s", async (_name, body, contentType, expected) => {
    const spec: Partial<RequestSpec> = {
      method: "PUT",
      body,
      encode: encodeBinary,
      ...(contentType ? { contentType } : {}),
    };
    const { sent } = await send(spec);
    expect(sent.request.headers.get("content-type")).toBe(expected);
    expect(new Uint8Array(await sent.request.arrayBuffer())).toEqual(new Uint8Array([1, 2]));
  });

  it("streams a ReadableStream body", async () => {
    const body = new Blob(["streamed"]).stream();
    const { sent } = await send({ method: "PUT", body, encode: encodeBinary });
    expect((sent.init as { duplex?: string }).duplex).toBe("half");
    expect(await sent.request.text()).toBe("streamed");
  });

  it("rejects a binary body of the wrong kind", async () => {
    await expect(send({ method: "PUT", body: { a: 1 }, encode: encodeBinary })).rejects.toThrow(TypeError);
  });
});

describe("responses", () => {
  it.each<[string, RequestSpec["read"], () => Response, unknown]>([
    ["JSON", readJson, () => json({ id: "a" }), { id: "a" }],
    ["empty JSON where the spec allows no body", readOptionalJson, () => new Response("", { status: 200 }), undefined],
    ["204", readJson, () => new Response(null, { status: 204 }), undefined],
    ["text", readText, () => new Response("hello"), "hello"],
    ["void", readVoid, () => json({ ignored: true }), undefined],
  ])("reads %s", async (_name, read, respond, expected) => {
    const { result } = await send({ read }, {}, respond);
    expect(result).toEqual(expected);
  });

  it("reads a blob", async () => {
    const { result } = await send<Blob>({ read: readBlob }, {}, () => new Response(new Uint8Array([7])));
    expect(result).toBeInstanceOf(Blob);
    expect(new Uint8Array(await result.arrayBuffer())).toEqual(new Uint8Array([7]));
  });

  it("cancels the body of a void response", async () => {
    let cancelled = false;
    const body = new ReadableStream({
      cancel: () => {
        cancelled = true;
      },
    });
    await send({ read: readVoid }, {}, () => new Response(body));
    expect(cancelled).toBe(true);
  });

  it("rejects invalid JSON in a success response with a ClientError", async () => {
    const error = await send({ read: readJson }, {}, () => new Response("{oops")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect(error).not.toBeInstanceOf(ApiError);
    expect((error as Error).cause).toBeInstanceOf(SyntaxError);
  });

  it("returns server-sent events", async () => {
    const { result } = await send<AsyncIterable<ServerSentEvent>>(
      { read: readEvents },
      {},
      () =>
        new Response('event: a\ndata: {"x":1}\n\ndata: 2\n\n', { headers: { "content-type": "text/event-stream" } }),
    );
    const events: ServerSentEvent[] = [];
    for await (const event of result) events.push(event);
    expect(events).toEqual([{ event: "a", data: '{"x":1}' }, { data: "2" }]);
  });

  it("clears its timer once the body is read", async () => {
    vi.useFakeTimers();
    try {
      await send({ read: readJson }, {}, () => json({}));
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("errors", () => {
  async function failure(respond: () => Response, spec: Partial<RequestSpec> = {}): Promise<ApiError> {
    const error = await send({ read: readJson, ...spec }, {}, respond).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }

  it("throws ApiError with the parsed JSON body, status, headers, method and URL", async () => {
    const body = { error: { message: "No assistant found", type: "invalid_request_error" } };
    const error = await failure(
      () => json(body, { status: 404, statusText: "Not Found", headers: { "x-request-id": "req_1" } }),
      {
        method: "DELETE",
        path: "/assistants/{id}",
        pathParams: { id: "asst_1" },
      },
    );
    expect(error).toMatchObject({
      status: 404,
      statusText: "Not Found",
      method: "DELETE",
      url: `${BASE}/assistants/asst_1`,
      body,
    });
    expect(error.message).toBe("404 Not Found: No assistant found (request id req_1)");
    expect(error.requestId).toBe("req_1");
    expect(error.headers.get("x-request-id")).toBe("req_1");
  });

  it.each<[string, () => Response, unknown, string]>([
    [
      "problem+json",
      () =>
        new Response('{"title":"Bad","detail":"limit too high"}', {
          status: 400,
          headers: { "content-type": "application/problem+json" },
        }),
      { title: "Bad", detail: "limit too high" },
      "400: limit too high",
    ],
    [
      "invalid JSON falls back to text",
      () =>
        new Response("{nope", {
          status: 502,
          statusText: "Bad Gateway",
          headers: { "content-type": "application/json" },
        }),
      "{nope",
      "502 Bad Gateway: {nope",
    ],
    ["text", () => new Response("upstream down", { status: 503 }), "upstream down", "503: upstream down"],
    ["JSON in text/plain stays text", () => new Response('{"a":1}', { status: 500 }), '{"a":1}', '500: {"a":1}'],
    [
      "empty",
      () => new Response(null, { status: 500, statusText: "Internal Server Error" }),
      undefined,
      "500 Internal Server Error",
    ],
    ["object without message", () => json({ code: 7 }, { status: 409 }), { code: 7 }, '409: {"code":7}'],
  ])("reads a %s error body", async (_name, respond, body, message) => {
    const error = await failure(respond);
    expect(error.body).toEqual(body);
    expect(error.message).toBe(message);
  });

  it("truncates a long body in the message but keeps it whole in `body`", async () => {
    const long = "x".repeat(5000);
    const error = await failure(() => new Response(long, { status: 500 }));
    expect(error.body).toBe(long);
    expect(error.message.length).toBeLessThan(400);
    expect(error.message.endsWith("…")).toBe(true);
  });

  it("wraps a fetch failure in NetworkError with the cause", async () => {
    const cause = new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED") });
    const error = await send({}, {}, () => Promise.reject(cause)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).cause).toBe(cause);
    expect((error as NetworkError).message).toBe(`Network error on GET ${BASE}/x: fetch failed (connect ECONNREFUSED)`);
  });

  it("throws AbortError without calling fetch when the signal is already aborted", async () => {
    const { fetch, calls } = fakeFetch();
    const client = testClient({ baseUrl: BASE, fetch });
    const reason = new Error("user gave up");
    const request = client.request(
      { method: "GET", path: "/x", read: readJson },
      { signal: AbortSignal.abort(reason) },
    );
    await expect(request).rejects.toBeInstanceOf(AbortError);
    await expect(request).rejects.toMatchObject({ cause: reason });
    expect(calls).toHaveLength(0);
  });

  /** A fetch that never answers but rejects when its signal aborts, like the real one. */
  const hangingFetch = (_input: RequestInfo | URL, init?: RequestInit) =>
    new Promise<Response>((_resolve, reject) => {
      if (init?.signal?.aborted) reject(init.signal.reason);
      init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
    });

  it("throws AbortError when the caller aborts in flight", async () => {
    const controller = new AbortController();
    const client = testClient({ baseUrl: BASE, fetch: hangingFetch, maxRetries: 0 });
    const request = client.request({ method: "GET", path: "/x", read: readJson }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    await expect(request).rejects.toBeInstanceOf(AbortError);
  });

  it("throws AbortError when the caller aborts while credentials are resolved", async () => {
    const controller = new AbortController();
    const { fetch, calls } = fakeFetch();
    const client = testClient({
      baseUrl: BASE,
      fetch,
      apiKey: async () => "sk",
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      security: [["bearer"]],
    });
    const request = client.request({ method: "GET", path: "/x", read: readJson }, { signal: controller.signal });
    controller.abort();
    await expect(request).rejects.toBeInstanceOf(AbortError);
    expect(calls).toHaveLength(0);
  });

  it("throws TimeoutError when the time-out expires; the request option wins over the client's", async () => {
    const client = testClient({ baseUrl: BASE, fetch: hangingFetch, timeoutMs: 60_000, maxRetries: 0 });
    const error = await client
      .request({ method: "GET", path: "/x", read: readJson }, { timeoutMs: 10 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 10, message: `GET ${BASE}/x timed out after 10 ms` });
  });

  it("has no default time-out: without a signal or time-out, fetch gets no signal and no timer starts", async () => {
    vi.useFakeTimers();
    try {
      const { sent } = await send({ read: readJson }, {}, () => {
        expect(vi.getTimerCount()).toBe(0);
        return json({});
      });
      expect(sent.init.signal).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it("passes the caller's own signal to fetch when there is no time-out", async () => {
    const controller = new AbortController();
    const { sent } = await send({ read: readJson }, {}, () => json({}), { signal: controller.signal });
    expect(sent.init.signal).toBe(controller.signal);
  });

  it("with a time-out, fetch gets a signal of its own that the timer aborts", async () => {
    const { sent } = await send({ read: readJson }, { timeoutMs: 5_000 }, () => json({}));
    expect(sent.init.signal).toBeInstanceOf(AbortSignal);
  });

  it("lets an event stream outlive the time-out, but not the caller's signal", async () => {
    const encoder = new TextEncoder();
    const controller = new AbortController();
    const stream = (signal: AbortSignal | null | undefined) =>
      new ReadableStream<Uint8Array>({
        async pull(c) {
          await new Promise((resolve) => setTimeout(resolve, 15));
          if (signal?.aborted) c.error(signal.reason);
          else c.enqueue(encoder.encode("data: tick\n\n"));
        },
      });
    const client = testClient({
      baseUrl: BASE,
      timeoutMs: 10,
      maxRetries: 0,
      fetch: async (_input, init) => new Response(stream(init?.signal)),
    });
    const events = await client.request<AsyncIterable<ServerSentEvent>>(
      { method: "GET", path: "/x", read: readEvents },
      { signal: controller.signal },
    );
    let count = 0;
    const consume = async () => {
      for await (const _event of events) if (++count === 3) controller.abort();
    };
    await expect(consume()).rejects.toBeInstanceOf(AbortError);
    expect(count).toBe(3);
  });
});

describe("createClient", () => {
  it("exposes a frozen copy of its options", () => {
    const options: CoreClientOptions = { baseUrl: BASE };
    const client = createClient(options);
    expect(client.options).toEqual(options);
    expect(client.options).not.toBe(options);
    expect(Object.isFrozen(client.options)).toBe(true);
  });
});

describe("bodyTypeOf (requests that name only a media type)", () => {
  it.each([
    [undefined, "json"],
    ["application/json", "json"],
    ["application/merge-patch+json; charset=utf-8", "json"],
    ["multipart/form-data", "multipart"],
    ["application/x-www-form-urlencoded", "form"],
    ["text/plain", "text"],
    ["application/octet-stream", "binary"],
    ["image/png", "binary"],
  ])("%s -> %s", (contentType, expected) => {
    expect(bodyTypeOf(contentType)).toBe(expected);
  });
});

describe("credentials and headers worked out once per client", () => {
  it("a request's own headers never reach the next request, which starts from the client's headers again", async () => {
    const { fetch, calls } = fakeFetch();
    const bearer: SecurityScheme = { type: "http", scheme: "bearer" };
    const withScheme = testClient({
      ...{ baseUrl: BASE, fetch, maxRetries: 0, apiKey: "k", headers: { "X-Client": "c" } },
      ...{ security: [["bearer"]], securitySchemes: { bearer } },
    });
    await withScheme.request(
      { method: "GET", path: "/a", read: readVoid, headers: { "X-Param": "p" } },
      {
        headers: { "X-Call": "1" },
      },
    );
    await withScheme.request({ method: "GET", path: "/b", read: readVoid });
    const [first, second] = calls.map((sent) => Object.fromEntries(sent.request.headers));
    expect(first).toMatchObject({ "x-client": "c", "x-param": "p", "x-call": "1", authorization: "Bearer k" });
    expect(second).toEqual({ "x-client": "c", authorization: "Bearer k", accept: "application/json" });
  });

  it("the client copies its headers: changing the object passed in changes nothing", async () => {
    const { fetch, calls } = fakeFetch();
    const headers: Record<string, string> = { "X-A": "1" };
    const client = testClient({ baseUrl: BASE, fetch, maxRetries: 0, headers });
    headers["X-A"] = "2";
    headers["X-B"] = "3";
    await client.request({ method: "GET", path: "/a", read: readVoid });
    expect(Object.isFrozen(client.options.headers)).toBe(true);
    expect(Object.fromEntries(calls[0]?.request.headers ?? [])).toEqual({ "x-a": "1", accept: "application/json" });
  });

  it("a key function is still called for every request (and every try), a string key once per client", async () => {
    const { fetch, calls } = fakeFetch();
    let n = 0;
    const apiKey = vi.fn(() => `t${++n}`);
    const bearer: SecurityScheme = { type: "http", scheme: "bearer" };
    const client = testClient({
      baseUrl: BASE,
      fetch,
      maxRetries: 0,
      apiKey,
      security: [["bearer"]],
      securitySchemes: { bearer },
    });
    await client.request({ method: "GET", path: "/a", read: readVoid });
    await client.request({ method: "GET", path: "/a", read: readVoid });
    expect(apiKey).toHaveBeenCalledTimes(2);
    expect(calls.map((sent) => sent.request.headers.get("authorization"))).toEqual(["Bearer t1", "Bearer t2"]);
  });
});

describe("credentials of operations with a security requirement of their own", () => {
  it("each requirement gets its own credentials, whatever array it comes in", async () => {
    const { fetch, calls } = fakeFetch();
    const bearer: SecurityScheme = { type: "http", scheme: "bearer" };
    const header: SecurityScheme = { type: "apiKey", in: "header", name: "X-Key" };
    const client = testClient({
      ...{ baseUrl: BASE, fetch, maxRetries: 0, apiKey: "k" },
      ...{ security: [["bearer"]], securitySchemes: { bearer, header } },
    });
    for (const security of [[["header"]], [["header"]], [], undefined, [["header"]]])
      await client.request({ method: "GET", path: "/a", read: readVoid, security });
    expect(calls.map(({ request }) => [request.headers.get("authorization"), request.headers.get("x-key")])).toEqual([
      [null, "k"],
      [null, "k"],
      [null, null],
      ["Bearer k", null],
      [null, "k"],
    ]);
  });
});
