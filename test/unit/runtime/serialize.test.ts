import { describe, expect, it } from "vitest";
import {
  buildPath,
  encodePathSegment,
  formUrlEncoded,
  multipartFormData,
  type ParamSerializer,
  type ParamStyle,
  plainParams,
  serializeCookies,
  serializeHeader,
  serializeQuery,
  styled,
} from "../../../templates/runtime/serialize.js";

const primitive = 5;
const array = [3, 4, 5];
const object = { role: "admin", firstName: "Alex" };

/** [style, explode, primitive, array, object]: the examples of the OpenAPI style table. */
type StyleRow = [ParamStyle["style"], boolean, string, string, string];

describe("serializeQuery", () => {
  const rows: StyleRow[] = [
    ["form", true, "id=5", "id=3&id=4&id=5", "role=admin&firstName=Alex"],
    ["form", false, "id=5", "id=3,4,5", "id=role,admin,firstName,Alex"],
    ["spaceDelimited", true, "id=5", "id=3&id=4&id=5", "role=admin&firstName=Alex"],
    ["spaceDelimited", false, "id=5", "id=3%204%205", "id=role%20admin%20firstName%20Alex"],
    ["pipeDelimited", true, "id=5", "id=3&id=4&id=5", "role=admin&firstName=Alex"],
    ["pipeDelimited", false, "id=5", "id=3|4|5", "id=role|admin|firstName|Alex"],
    // OpenAPI leaves deepObject arrays undefined: indexed brackets, as qs, Rack and Stripe parse them.
    ["deepObject", true, "id=5", "id[0]=3&id[1]=4&id[2]=5", "id[role]=admin&id[firstName]=Alex"],
  ];
  it.each(rows)("%s explode=%s", (style, explode, p, a, o) => {
    const styles = { "query:id": { style, explode } };
    expect(serializeQuery({ id: primitive }, styles)).toBe(p);
    expect(serializeQuery({ id: array }, styles)).toBe(a);
    expect(serializeQuery({ id: object }, styles)).toBe(o);
  });

  it("defaults to form, explode=true", () => {
    expect(serializeQuery({ id: array, q: "x" })).toBe("id=3&id=4&id=5&q=x");
  });

  it("defaults explode to false for non-form styles", () => {
    expect(serializeQuery({ id: array }, { "query:id": { style: "pipeDelimited" } })).toBe("id=3|4|5");
  });

  it.each<[string, unknown, string]>([
    ["undefined is skipped", undefined, ""],
    ["null is an empty value", null, "v="],
    ["empty string", "", "v="],
    ["empty array is skipped", [], ""],
    ["empty object is skipped", {}, ""],
    ["undefined array items are skipped", [1, undefined, 2], "v=1&v=2"],
    ["boolean", true, "v=true"],
    ["number", 1.5, "v=1.5"],
    ["bigint", 10n, "v=10"],
    ["Date", new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), "v=2024-01-02T03%3A04%3A05.000Z"],
    ["reserved characters are encoded", "a b&c=d/e?f#g+h", "v=a%20b%26c%3Dd%2Fe%3Ff%23g%2Bh"],
    ["unicode", "é😀", "v=%C3%A9%F0%9F%98%80"],
  ])("%s", (_name, value, expected) => {
    expect(serializeQuery({ v: value })).toBe(expected);
  });

  it("encodes parameter names", () => {
    expect(serializeQuery({ "a b": 1 })).toBe("a%20b=1");
  });

  it("deepObject nests objects and indexes arrays", () => {
    const filter = { a: { b: 1 }, tags: ["x", "y"], skip: undefined, none: null };
    expect(serializeQuery({ filter }, { "query:filter": { style: "deepObject", explode: true } })).toBe(
      "filter[a][b]=1&filter[tags][0]=x&filter[tags][1]=y&filter[none]=",
    );
  });

  it("deepObject encodes keys but keeps the brackets", () => {
    expect(serializeQuery({ f: { "a]b": "c d" } }, { "query:f": { style: "deepObject" } })).toBe("f[a%5Db]=c%20d");
  });

  it("allowReserved leaves reserved characters but still encodes query delimiters", () => {
    const styles = { "query:u": { allowReserved: true } };
    expect(serializeQuery({ u: "https://x.test/a?b=c:d@e,f;g!$'()*" }, styles)).toBe(
      "u=https://x.test/a?b=c:d@e,f;g!$'()*",
    );
    expect(serializeQuery({ u: "a#b&c+d[e] f" }, styles)).toBe("u=a%23b%26c%2Bd%5Be%5D%20f");
    expect(serializeQuery({ u: "100%25 done %" }, styles)).toBe("u=100%25%20done%20%25");
  });

  it("json parameters are stringified then encoded", () => {
    expect(serializeQuery({ f: { a: [1] } }, { "query:f": { json: true } })).toBe("f=%7B%22a%22%3A%5B1%5D%7D");
  });
});

describe("buildPath", () => {
  const rows: StyleRow[] = [
    ["simple", false, "5", "3,4,5", "role,admin,firstName,Alex"],
    ["simple", true, "5", "3,4,5", "role=admin,firstName=Alex"],
    ["label", false, ".5", ".3,4,5", ".role,admin,firstName,Alex"],
    ["label", true, ".5", ".3.4.5", ".role=admin.firstName=Alex"],
    ["matrix", false, ";id=5", ";id=3,4,5", ";id=role,admin,firstName,Alex"],
    ["matrix", true, ";id=5", ";id=3;id=4;id=5", ";role=admin;firstName=Alex"],
  ];
  it.each(rows)("%s explode=%s", (style, explode, p, a, o) => {
    const styles = { "path:id": { style, explode } };
    expect(buildPath("/u/{id}", { id: primitive }, styles)).toBe(`/u/${p}`);
    expect(buildPath("/u/{id}", { id: array }, styles)).toBe(`/u/${a}`);
    expect(buildPath("/u/{id}", { id: object }, styles)).toBe(`/u/${o}`);
  });

  it("fills several placeholders, including several in one segment", () => {
    expect(buildPath("/threads/{thread_id}/runs/{run_id}", { thread_id: "t1", run_id: "r 2" })).toBe(
      "/threads/t1/runs/r%202",
    );
    expect(buildPath("/files/{name}.{ext}", { name: "a", ext: "txt" })).toBe("/files/a.txt");
  });

  it.each<[string, string, string]>([
    ["parent traversal", "../secret", "/files/..%2Fsecret/content"],
    ["slash", "a/b", "/files/a%2Fb/content"],
    ["query", "a?x=1", "/files/a%3Fx%3D1/content"],
    ["fragment", "a#x", "/files/a%23x/content"],
    ["percent", "%2e%2e", "/files/%252e%252e/content"],
    ["backslash", "..\\x", "/files/..%5Cx/content"],
    ["three dots", "...", "/files/.../content"],
    ["unicode", "ü 😀", "/files/%C3%BC%20%F0%9F%98%80/content"],
  ])("keeps the path structure: %s", (_name, value, expected) => {
    const path = buildPath("/files/{id}/content", { id: value });
    expect(path).toBe(expected);
    expect(new URL(`https://api.test/v1${path}`).pathname).toBe(`/v1${expected}`);
  });

  it.each([".", ".."])("rejects a value forming the dot segment %j", (value) => {
    expect(() => buildPath("/files/{id}/content", { id: value })).toThrow(TypeError);
    expect(() => buildPath("/files/{a}{b}", { a: ".", b: "." })).toThrow(/"\." or "\.\." segments/);
  });

  it.each<[string, Record<string, unknown> | undefined]>([
    ["no values", undefined],
    ["undefined", { id: undefined }],
    ["null", { id: null }],
    ["empty string", { id: "" }],
    ["empty array", { id: [] }],
  ])("rejects a missing value: %s", (_name, values) => {
    expect(() => buildPath("/files/{id}", values)).toThrow(
      new TypeError('Missing value for path parameter "id" of /files/{id}'),
    );
  });

  it("has one path encoder", () => {
    expect(encodePathSegment("a/b c")).toBe("a%2Fb%20c");
  });
});

describe("serializeHeader", () => {
  it.each<[string, boolean, unknown, string | undefined]>([
    ["primitive", false, 5, "5"],
    ["array", false, array, "3,4,5"],
    ["array exploded", true, array, "3,4,5"],
    ["object", false, object, "role,admin,firstName,Alex"],
    ["object exploded", true, object, "role=admin,firstName=Alex"],
    ["undefined", false, undefined, undefined],
    ["null", false, null, ""],
    ["not encoded", false, "a b/c", "a b/c"],
  ])("%s", (_name, explode, value, expected) => {
    expect(serializeHeader("X-Id", value, { "header:X-Id": { explode } })).toBe(expected);
  });

  it("defaults to simple, explode=false", () => {
    expect(serializeHeader("X-Id", object)).toBe("role,admin,firstName,Alex");
  });

  it("json headers are JSON text", () => {
    expect(serializeHeader("X-F", { a: 1 }, { "header:X-F": { json: true } })).toBe('{"a":1}');
  });
});

describe("serializeCookies", () => {
  it.each<[string, boolean, unknown, string[]]>([
    ["primitive", true, 5, ["id=5"]],
    ["array exploded", true, array, ["id=3", "id=4", "id=5"]],
    ["array", false, array, ["id=3,4,5"]],
    ["object exploded", true, object, ["role=admin", "firstName=Alex"]],
    ["object", false, object, ["id=role,admin,firstName,Alex"]],
    ["undefined", true, undefined, []],
    ["encoded", true, "a b;c,d", ["id=a%20b%3Bc%2Cd"]],
  ])("%s", (_name, explode, value, expected) => {
    expect(serializeCookies({ id: value }, { "cookie:id": { explode } })).toEqual(expected);
  });

  it("defaults to form, explode=true", () => {
    expect(serializeCookies({ a: [1, 2], b: "x" })).toEqual(["a=1", "a=2", "b=x"]);
  });
});

describe("formUrlEncoded", () => {
  it("uses Stripe-style bracket notation with indexed arrays", () => {
    const body = formUrlEncoded({
      amount: 100,
      currency: "usd",
      metadata: { order_id: "6735", note: "a&b=c" },
      items: [
        { price: "price_1", quantity: 2 },
        { price: "price_2", tax_rates: ["t1", "t2"] },
      ],
      expand: ["customer"],
      capture: false,
      skipped: undefined,
      cleared: null,
      at: new Date(Date.UTC(2024, 0, 1)),
    });
    expect(body).toBeInstanceOf(URLSearchParams);
    expect([...(body as URLSearchParams)]).toEqual([
      ["amount", "100"],
      ["currency", "usd"],
      ["metadata[order_id]", "6735"],
      ["metadata[note]", "a&b=c"],
      ["items[0][price]", "price_1"],
      ["items[0][quantity]", "2"],
      ["items[1][price]", "price_2"],
      ["items[1][tax_rates][0]", "t1"],
      ["items[1][tax_rates][1]", "t2"],
      ["expand[0]", "customer"],
      ["capture", "false"],
      ["cleared", ""],
      ["at", "2024-01-01T00:00:00.000Z"],
    ]);
    expect(String(body)).toContain("metadata%5Bnote%5D=a%26b%3Dc");
  });

  it("passes URLSearchParams and strings through", () => {
    const params = new URLSearchParams("a=1");
    expect(formUrlEncoded(params)).toBe(params);
    expect(formUrlEncoded("a=1&b=2")).toBe("a=1&b=2");
  });

  it("rejects a body that is not an object", () => {
    expect(() => formUrlEncoded([1])).toThrow(TypeError);
  });
});

describe("multipartFormData", () => {
  it("sends files, repeated parts, JSON parts and text", async () => {
    const file = new File(["file content"], "notes.txt", { type: "text/plain" });
    const blob = new Blob([new Uint8Array([1, 2, 3])], { type: "application/octet-stream" });
    const form = multipartFormData({
      file,
      blob,
      purpose: "assistants",
      count: 3,
      flag: true,
      tags: ["a", "b"],
      files: [file, blob],
      meta: { a: 1, b: [true] },
      skipped: undefined,
    });
    const namedFile = form.get("file") as File;
    expect(namedFile.name).toBe("notes.txt");
    expect(await namedFile.text()).toBe("file content");
    expect((form.get("blob") as File).name).toBe("blob");
    expect(new Uint8Array(await (form.get("blob") as File).arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    expect(form.get("purpose")).toBe("assistants");
    expect(form.get("count")).toBe("3");
    expect(form.get("flag")).toBe("true");
    expect(form.getAll("tags")).toEqual(["a", "b"]);
    expect(form.getAll("files").map((f) => (f as File).name)).toEqual(["notes.txt", "blob"]);
    expect(form.get("meta")).toBe('{"a":1,"b":[true]}');
    expect(form.has("skipped")).toBe(false);
  });

  it("sends a property with an encoding content type as a typed part", async () => {
    const form = multipartFormData(
      { meta: { a: 1 }, raw: new Blob(["x"]), typed: new Blob(["y"], { type: "image/png" }) },
      {
        meta: { contentType: "application/json" },
        raw: { contentType: "text/csv" },
        typed: { contentType: "text/csv" },
      },
    );
    const meta = form.get("meta") as File;
    expect(meta.type).toBe("application/json");
    expect(await meta.text()).toBe('{"a":1}');
    expect((form.get("raw") as File).type).toBe("text/csv");
    expect((form.get("typed") as File).type).toBe("image/png");
  });

  it("passes FormData through and rejects non-objects", () => {
    const form = new FormData();
    expect(multipartFormData(form)).toBe(form);
    expect(() => multipartFormData("x")).toThrow(TypeError);
  });

  it("produces a multipart body with a boundary", async () => {
    const request = new Request("https://api.test/", { method: "POST", body: multipartFormData({ a: "1" }) });
    expect(request.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    expect(await request.text()).toContain('name="a"');
  });
});

describe("plainParams (the core's serialiser for parameters in their default style)", () => {
  const values: unknown[] = [
    5,
    "a b/c?d#e&f=g",
    "",
    null,
    true,
    new Date("2024-01-02T03:04:05Z"),
    [3, undefined, "x y"],
    [],
    { role: "admin", first: "Al ex", none: undefined },
    {},
    [{ a: 1 }],
  ];

  it.each(values.map((value) => [JSON.stringify(value) ?? String(value), value]))(
    "gives what styled({}) gives for %s in every location",
    (_name, value) => {
      const full = styled({});
      expect(plainParams.query({ q: value, other: 1 })).toBe(full.query({ q: value, other: 1 }));
      expect(plainParams.header("X-H", value)).toBe(full.header("X-H", value));
      expect(plainParams.cookies({ c: value })).toEqual(full.cookies({ c: value }));
      const path = (serializer: ParamSerializer): string => {
        try {
          return serializer.path("/a/{id}", { id: value });
        } catch (error) {
          return `throws ${(error as Error).message}`;
        }
      };
      expect(path(plainParams)).toBe(path(full));
    },
  );

  it("keeps values inside their path segment and refuses dot segments", () => {
    expect(plainParams.path("/f/{id}/c", { id: "../x" })).toBe("/f/..%2Fx/c");
    expect(() => plainParams.path("/f/{id}", { id: ".." })).toThrow(TypeError);
    expect(() => plainParams.path("/f/{id}", {})).toThrow('Missing value for path parameter "id" of /f/{id}');
  });
});
