/**
 * Bracket notation (`a[0][b]=c`) of deepObject query parameters and of form and multipart body
 * properties, checked by parsing the output back with a qs-like reference parser written here
 * (node:querystring cannot read brackets): arrays of objects, nested arrays and empty arrays, and a
 * property test over random nested values.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type BodyEncoding,
  formUrlEncoded,
  multipartFormData,
  serializeQuery,
} from "../../../templates/runtime/serialize.js";

type Parsed = string | Parsed[] | { [key: string]: Parsed };

/**
 * A small qs-style parser (`arrayFormat: "indices"`): `a[0]=x` makes an array, `a[k]=x` an
 * object; keys and values are percent-decoded (`+` is a space, as in form bodies).
 */
function parseBrackets(pairs: Iterable<[string, string]>): Record<string, Parsed> {
  const root: Record<string, Parsed> = {};
  for (const [key, value] of pairs) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    if (!match) throw new Error(`not a bracket key: ${key}`);
    const path = [match[1] as string, ...[...(match[2] ?? "").matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] as string)];
    let node: Record<string, Parsed> | Parsed[] = root;
    path.forEach((segment, i) => {
      const last = i === path.length - 1;
      const container = node as Record<string, Parsed>;
      if (last) {
        container[segment] = value;
        return;
      }
      const next = path[i + 1] as string;
      container[segment] ??= /^\d+$/.test(next) ? [] : {};
      node = container[segment] as Record<string, Parsed> | Parsed[];
    });
  }
  return root;
}

function parseQuery(query: string): Record<string, Parsed> {
  const pairs =
    query === ""
      ? []
      : query.split("&").map((part): [string, string] => {
          const [key = "", value = ""] = part.split("=");
          return [decodeURIComponent(key), decodeURIComponent(value)];
        });
  return parseBrackets(pairs);
}

function formEntries(form: FormData): [string, string][] {
  return [...form.entries()].map(([key, value]) => [key, typeof value === "string" ? value : `file:${value.name}`]);
}

const deep = { "query:v": { style: "deepObject" as const, explode: true } };

describe("deepObject query parameters", () => {
  it("index top-level arrays (Stripe's expand)", () => {
    expect(
      serializeQuery(
        { expand: ["data.customer", "data.invoice"] },
        { "query:expand": { style: "deepObject", explode: true } },
      ),
    ).toBe("expand[0]=data.customer&expand[1]=data.invoice");
  });

  it("index arrays of objects instead of sending JSON text", () => {
    const items = [
      { id: "si_1", quantity: 2 },
      { price: "p 2", tax_rates: ["t1"] },
    ];
    const query = serializeQuery({ v: items }, deep);
    expect(query).toBe("v[0][id]=si_1&v[0][quantity]=2&v[1][price]=p%202&v[1][tax_rates][0]=t1");
    expect(parseQuery(query)).toEqual({
      v: [
        { id: "si_1", quantity: "2" },
        { price: "p 2", tax_rates: ["t1"] },
      ],
    });
  });

  it("index nested arrays and skip empty arrays", () => {
    expect(parseQuery(serializeQuery({ v: [["a", "b"], ["c"]] }, deep))).toEqual({ v: [["a", "b"], ["c"]] });
    expect(serializeQuery({ v: [] }, deep)).toBe("");
    expect(serializeQuery({ v: { a: [], b: "x" } }, deep)).toBe("v[b]=x");
  });

  it("still sends a content-based (JSON) parameter as JSON text", () => {
    expect(serializeQuery({ v: ["a"] }, { "query:v": { style: "deepObject", json: true } })).toBe("v=%5B%22a%22%5D");
  });
});

/** Nested values the notation can carry exactly: string leaves, non-empty containers, keys that are not indexes. */
const key = fc.stringMatching(/^[a-z_][a-z0-9 _.&=%+-]{0,6}$/);
const leaf = fc.string({ maxLength: 6 });
const nested = fc.letrec<{ value: Parsed }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("value"), { minLength: 1, maxLength: 3 }),
    fc.dictionary(key, tie("value"), { minKeys: 1, maxKeys: 3 }),
  ),
})).value;

describe("round trip through a qs-style parser", () => {
  it("deepObject query parameters", () => {
    fc.assert(
      fc.property(nested, (value) => {
        expect(parseQuery(serializeQuery({ v: value }, deep))).toEqual({ v: value });
      }),
    );
  });

  it("form bodies, default and with a deepObject encoding", () => {
    fc.assert(
      fc.property(nested, (value) => {
        expect(parseBrackets(formUrlEncoded({ v: value }) as URLSearchParams)).toEqual({ v: value });
        const styled = formUrlEncoded({ v: value }, { v: { style: "deepObject", explode: true } }) as URLSearchParams;
        expect(parseBrackets(new URLSearchParams(String(styled)))).toEqual({ v: value });
      }),
    );
  });

  it("multipart bodies with a deepObject encoding", () => {
    fc.assert(
      fc.property(nested, (value) => {
        const form = multipartFormData({ v: value }, { v: { style: "deepObject", explode: true } });
        expect(parseBrackets(formEntries(form))).toEqual({ v: value });
      }),
    );
  });
});

describe("body properties with a declared style", () => {
  const encoding: BodyEncoding = {
    file_link_data: { style: "deepObject", explode: true },
    expand: { style: "deepObject", explode: true },
    tags: { style: "form", explode: false },
    ids: { style: "pipeDelimited" },
    words: { style: "spaceDelimited", explode: false },
    flat: { style: "form", explode: true },
    many: { explode: true },
    meta: { contentType: "application/json" },
  };
  const body = {
    file: new File(["x"], "a.txt"),
    purpose: "dispute_evidence",
    file_link_data: { create: true, expires_at: 1700000000, metadata: { k: "v" } },
    expand: ["links"],
    tags: ["a", "b,c"],
    ids: [1, 2],
    words: ["x", "y"],
    flat: { role: "admin", name: "Alex" },
    many: ["m1", "m2"],
    meta: { a: 1 },
  };

  it("multipart: one text part per field of the style, files untouched", async () => {
    const form = multipartFormData(body, encoding);
    expect(formEntries(form).filter(([name]) => name !== "meta")).toEqual([
      ["file", "file:a.txt"],
      ["purpose", "dispute_evidence"],
      ["file_link_data[create]", "true"],
      ["file_link_data[expires_at]", "1700000000"],
      ["file_link_data[metadata][k]", "v"],
      ["expand[0]", "links"],
      ["tags", "a,b,c"],
      ["ids", "1|2"],
      ["words", "x y"],
      ["role", "admin"],
      ["name", "Alex"],
      ["many", "m1"],
      ["many", "m2"],
    ]);
    const meta = form.get("meta") as File;
    expect([meta.type, await meta.text()]).toEqual(["application/json", '{"a":1}']);
  });

  it("a file property keeps its file parts even with a style", () => {
    const form = multipartFormData(
      { files: [new File(["x"], "x.txt")] },
      { files: { style: "deepObject", explode: true } },
    );
    expect(formEntries(form)).toEqual([["files", "file:x.txt"]]);
  });

  it("form bodies: the same fields, URL-encoded", () => {
    const { file: _file, meta: _meta, ...rest } = body;
    const params = formUrlEncoded(rest, encoding) as URLSearchParams;
    expect([...params]).toEqual([
      ["purpose", "dispute_evidence"],
      ["file_link_data[create]", "true"],
      ["file_link_data[expires_at]", "1700000000"],
      ["file_link_data[metadata][k]", "v"],
      ["expand[0]", "links"],
      ["tags", "a,b,c"],
      ["ids", "1|2"],
      ["words", "x y"],
      ["role", "admin"],
      ["name", "Alex"],
      ["many", "m1"],
      ["many", "m2"],
    ]);
  });

  it("form bodies without a style keep bracket notation", () => {
    expect(String(formUrlEncoded({ tags: ["a", "b"], flat: { k: "v" } }))).toBe(
      "tags%5B0%5D=a&tags%5B1%5D=b&flat%5Bk%5D=v",
    );
  });
});

describe("property names that Object.prototype also has", () => {
  it("take no encoding from the prototype, and their own one when given", () => {
    const body = JSON.parse('{"constructor": {"a": 1}, "toString": ["x"], "__proto__": {"b": 2}}') as Record<
      string,
      unknown
    >;
    expect(formEntries(multipartFormData(body))).toEqual([
      ["constructor", '{"a":1}'],
      ["toString", "x"],
      ["__proto__", '{"b":2}'],
    ]);
    const encoding: BodyEncoding = JSON.parse(
      '{"constructor": {"style": "deepObject"}, "__proto__": {"style": "deepObject"}}',
    ) as BodyEncoding;
    expect(formEntries(multipartFormData(body, encoding))).toEqual([
      ["constructor[a]", "1"],
      ["toString", "x"],
      ["__proto__[b]", "2"],
    ]);
  });
});
