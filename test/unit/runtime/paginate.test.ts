/** The pagination runtime's readers: the `Link` header's next target, and values at a body path. */
import { describe, expect, it } from "vitest";
import { nextLink, valueAt } from "../../../templates/runtime/paginate.js";
import { readJson } from "../../../templates/runtime/read.js";
import { testClient } from "../../support/runtime-client.js";

describe("nextLink", () => {
  it.each([
    ['<https://a.test/items?page=2>; rel="next"', "https://a.test/items?page=2"],
    ['<?page=1>; rel="first", </items?page=3>; rel="next", <?page=9>; rel="last"', "/items?page=3"],
    ['<https://a.test/p2>; rel="prev next"', "https://a.test/p2"],
    ["<https://a.test/p2>; REL=NEXT", "https://a.test/p2"],
    ['<https://a.test/p1>; title="a, b; rel=next"; rel="prev", <https://a.test/p3>; rel="next"', "https://a.test/p3"],
    ['<https://a.test/p1>; rel="prev"', undefined],
    ['<https://a.test/p1>; rel="nextish"', undefined],
    ['<https://a.test/unterminated; rel="next"', undefined],
    ["", undefined],
    [null, undefined],
  ])("%s -> %s", (header, target) => {
    expect(nextLink(header)).toBe(target);
  });
});

describe("valueAt", () => {
  it("reads own properties along the path only", () => {
    const body = JSON.parse('{"meta":{"total":5},"__proto__":{"x":1}}') as unknown;
    expect(valueAt(body, ["meta", "total"])).toBe(5);
    expect(valueAt(body, ["__proto__", "x"])).toBe(1);
    expect(valueAt(body, ["meta", "constructor"])).toBeUndefined();
    expect(valueAt(body, ["missing", "x"])).toBeUndefined();
    expect(valueAt([1, 2], [])).toEqual([1, 2]);
    expect(valueAt(null, ["a"])).toBeUndefined();
  });
});

describe("RequestOptions.url (next-page links)", () => {
  /** The URLs a request with `url` fetched, or the error it threw. */
  async function sent(url: string, apiKeyIn: "header" | "query" = "header"): Promise<string[] | string> {
    const urls: string[] = [];
    const client = testClient({
      baseUrl: "https://api.test/v1",
      apiKey: "k",
      securitySchemes: { key: { type: "apiKey", in: apiKeyIn, name: "key" } },
      security: [["key"]],
      maxRetries: 0,
      fetch: async (input) => {
        urls.push(String(input));
        return new Response("{}", { headers: { "content-type": "application/json" } });
      },
    });
    try {
      await client.request({ method: "GET", path: "/items", query: { page: 1 }, read: readJson }, { url });
      return urls;
    } catch (error) {
      return String(error);
    }
  }

  it.each([
    ["/v1/items?page=2", "https://api.test/v1/items?page=2"],
    ["?page=2#frag", "https://api.test/v1/items?page=2"],
    ["https://api.test/other?x=1", "https://api.test/other?x=1"],
  ])("takes %s on the operation's origin, instead of its path and query", async (target, href) => {
    expect(await sent(target)).toEqual([href]);
  });

  it("adds query credentials once, even when the link carries them", async () => {
    expect(await sent("/v1/items?page=2&key=old", "query")).toEqual(["https://api.test/v1/items?page=2&key=k"]);
  });

  it.each([
    "https://evil.test/v1/items",
    "http://api.test/v1/items",
    "https://api.test:8443/v1/items",
    "//evil.test/v1",
    "javascript:alert(1)",
    "data:text/plain,x",
  ])("refuses %s before sending anything", async (target) => {
    expect(await sent(target)).toMatch(/RequestError: .*another origin/);
  });
});
