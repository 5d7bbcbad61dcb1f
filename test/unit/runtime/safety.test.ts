/**
 * The small decisions behind safe calls, table by table: which failures are retried for which
 * requests, how secrets are redacted from text and error bodies, and where a redirect may go.
 */
import { describe, expect, it } from "vitest";
import { type HttpMethod, readJson } from "../../../templates/runtime/client.js";
import { AbortError, ApiError, NetworkError, RequestError, TimeoutError } from "../../../templates/runtime/errors.js";
import { redactCause, redactDeep, redactor } from "../../../templates/runtime/redact.js";
import { nextHop } from "../../../templates/runtime/redirect.js";
import { shouldRetry } from "../../../templates/runtime/retry.js";
import { testClient } from "../../support/runtime-client.js";

const api = (status: number, headers: Record<string, string> = {}) =>
  new ApiError({ method: "POST", url: "u", status, statusText: "", headers: new Headers(headers), body: undefined });
const network = (code?: string) =>
  new NetworkError({
    method: "POST",
    url: "u",
    cause: new TypeError("fetch failed", { cause: Object.assign(new Error("x"), { code }) }),
  });
const timeout = new TimeoutError({ method: "POST", url: "u", timeoutMs: 1 });

describe("shouldRetry", () => {
  const post = { method: "POST" as HttpMethod, hasIdempotencyKey: false };
  const keyed = { ...post, hasIdempotencyKey: true };
  const put = { method: "PUT" as HttpMethod, hasIdempotencyKey: false };
  it.each<[string, unknown, boolean, boolean, boolean]>([
    // name, error, POST, POST with key, PUT
    ["408", api(408), true, true, true],
    ["429", api(429), true, true, true],
    ["502", api(502), true, true, true],
    ["503", api(503), true, true, true],
    ["504", api(504), true, true, true],
    ["500", api(500), false, true, true],
    ["409", api(409), false, true, true],
    ["501", api(501), false, false, false],
    ["400", api(400), false, false, false],
    ["404", api(404), false, false, false],
    ["refused before sending", network("ECONNREFUSED"), true, true, true],
    ["DNS failure", network("ENOTFOUND"), true, true, true],
    ["reset after sending", network("ECONNRESET"), false, true, true],
    ["socket closed", network("UND_ERR_SOCKET"), false, true, true],
    ["unknown network failure", network(), false, true, true],
    ["time-out", timeout, false, true, true],
    ["abort", new AbortError({ method: "POST", url: "u" }), false, false, false],
    ["usage error", new TypeError("bad"), false, false, false],
    ["x-should-retry: false on 503", api(503, { "x-should-retry": "false" }), false, false, false],
    ["x-should-retry: true on 400", api(400, { "x-should-retry": "true" }), true, true, true],
    ["stripe-should-retry: true on 500", api(500, { "stripe-should-retry": "true" }), true, true, true],
    ["x-should-retry: maybe (ignored) on 500", api(500, { "x-should-retry": "maybe" }), false, true, true],
  ])("%s: POST %s, POST with key %s, PUT %s", (_name, error, forPost, forKeyed, forPut) => {
    expect([shouldRetry(error, post), shouldRetry(error, keyed), shouldRetry(error, put)]).toEqual([
      forPost,
      forKeyed,
      forPut,
    ]);
  });
});

describe("redactor", () => {
  it.each<[string, string[], string, string]>([
    ["a raw secret", ["sk-1"], "key sk-1 here", "key [REDACTED] here"],
    ["its URL-encoded form", ["a/b+c d"], "?k=a%2Fb%2Bc%20d", "?k=[REDACTED]"],
    ["a form-encoded space", ["a b"], "?k=a+b", "?k=[REDACTED]"],
    ["a longer secret before a shorter one it contains", ["abc", "abcdef"], "abcdef abc", "[REDACTED] [REDACTED]"],
    ["nothing without secrets", [], "plain", "plain"],
    ["an empty secret is not one", [""], "plain", "plain"],
  ])("replaces %s", (_name, secrets, text, expected) => {
    expect(redactor(secrets)(text)).toBe(expected);
  });

  it("redacts strings deep in a body and copies only what changes", () => {
    const redact = redactor(["s3cret"]);
    const clean = { a: [1, "x"], b: { c: "y" } };
    expect(redactDeep(clean, redact)).toBe(clean);
    const dirty = { a: [1, "key s3cret"], b: { c: "y" }, __proto__x: "s3cret" };
    expect(redactDeep(dirty, redact)).toEqual({ a: [1, "key [REDACTED]"], b: { c: "y" }, __proto__x: "[REDACTED]" });
    expect(dirty.a[1]).toBe("key s3cret");
  });

  it("replaces a cause chain that shows a secret, keeping names and codes", () => {
    const redact = redactor(["s3cret"]);
    const inner = Object.assign(new Error("connect to ?k=s3cret failed"), { code: "ECONNRESET" });
    const outer = new TypeError("fetch failed", { cause: inner });
    const clean = redactCause(outer, redact) as Error;
    expect(clean).not.toBe(outer);
    expect(clean.name).toBe("TypeError");
    expect((clean.cause as Error).message).toBe("connect to ?k=[REDACTED] failed");
    expect((clean.cause as { code?: string }).code).toBe("ECONNRESET");
    const harmless = new Error("nothing here");
    expect(redactCause(harmless, redact)).toBe(harmless);
  });
});

describe("nextHop", () => {
  const hop = {
    url: "https://api.test/v1/things?x=1",
    method: "POST" as HttpMethod,
    headers: new Headers({
      authorization: "Bearer t",
      "x-api-key": "k",
      accept: "application/json",
      "content-type": "application/json",
      "x-custom": "c",
    }),
    body: { body: '{"a":1}', contentType: "application/json" },
  };
  const redirect = (status: number, location?: string) =>
    new Response(null, { status, headers: location ? { location } : {} });
  const summary = (next: ReturnType<typeof nextHop>) =>
    typeof next === "string"
      ? next
      : [next.method, next.url, next.body ? "body" : "no body", [...next.headers.keys()].sort().join(",")];

  it.each<[string, number, string, unknown]>([
    [
      "303 same origin: GET, no body",
      303,
      "/v1/result",
      ["GET", "https://api.test/v1/result", "no body", "accept,authorization,x-api-key,x-custom"],
    ],
    [
      "301 after POST: GET",
      301,
      "/v1/moved",
      ["GET", "https://api.test/v1/moved", "no body", "accept,authorization,x-api-key,x-custom"],
    ],
    [
      "307 same origin: same method and body",
      307,
      "/v1/again",
      ["POST", "https://api.test/v1/again", "body", "accept,authorization,content-type,x-api-key,x-custom"],
    ],
    [
      "303 to another origin: only accept",
      303,
      "https://evil.test/r",
      ["GET", "https://evil.test/r", "no body", "accept"],
    ],
    [
      "303 to another port: another origin",
      303,
      "https://api.test:8443/r",
      ["GET", "https://api.test:8443/r", "no body", "accept"],
    ],
    ["303 to http: another origin", 303, "http://api.test/r", ["GET", "http://api.test/r", "no body", "accept"]],
    [
      "307 to another origin: refused",
      307,
      "https://evil.test/r",
      "the 307 redirect leads to another origin (https://evil.test); the request body is not sent there",
    ],
    ["no Location", 302, "", "the 302 redirect has no Location header"],
    ["a javascript: Location", 302, "javascript:alert(1)", "the redirect leads to a javascript: URL"],
  ])("%s", (_name, status, location, expected) => {
    expect(summary(nextHop(redirect(status, location || undefined), hop))).toEqual(expected);
  });
});

describe("redirects a platform hides", () => {
  it("an opaque redirect (browsers) is a RequestError, not a silent failure", async () => {
    const opaque = {
      type: "opaqueredirect",
      status: 0,
      ok: false,
      headers: new Headers(),
      body: null,
    } as unknown as Response;
    const client = testClient({ baseUrl: "https://api.test", fetch: async () => opaque, maxRetries: 0 });
    const error = await client.request({ method: "GET", path: "/x", read: readJson }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect((error as Error).message).toMatch(/redirected, and this platform hides where to/);
  });
});
