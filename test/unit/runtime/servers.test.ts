/** Which URL a request goes to: `baseUrlFor` over the spec's servers, `baseUrl` and `servers`. */
import { describe, expect, it } from "vitest";
import { baseUrlFor, type ClientOptions } from "../../../templates/runtime/client.js";

const spec = { defaultBaseUrl: "https://api.test/v1" };
const files = "https://files.test/";

describe("baseUrlFor", () => {
  it.each<[string, ClientOptions, string | undefined, string]>([
    ["the API's server", spec, undefined, "https://api.test/v1"],
    ["the operation's own server", spec, files, "https://files.test"],
    ["baseUrl replaces the API's server", { ...spec, baseUrl: "http://mock/" }, undefined, "http://mock"],
    ["baseUrl replaces the operation's own server too", { ...spec, baseUrl: "http://mock" }, files, "http://mock"],
    [
      "servers maps the operation's server, over baseUrl",
      { ...spec, baseUrl: "http://mock", servers: { "https://files.test": "http://files-mock/" } },
      files,
      "http://files-mock",
    ],
    [
      "servers maps the API's server",
      { ...spec, servers: { "https://api.test/v1/": "http://api-mock" } },
      undefined,
      "http://api-mock",
    ],
    [
      "an unmapped server falls back to baseUrl",
      { ...spec, baseUrl: "http://mock", servers: { "https://other.test": "http://x" } },
      files,
      "http://mock",
    ],
    ["nothing at all: relative paths", {}, undefined, ""],
  ])("%s", (_name, options, server, expected) => {
    expect(baseUrlFor(options, server)).toBe(expected);
  });
});
