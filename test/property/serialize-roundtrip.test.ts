/**
 * Parameter values round-trip through the runtime's serialisers (templates/runtime/serialize.ts):
 * random primitives, arrays and objects, serialised for every location, style and explode, and
 * parsed back by a reference parser written here from the OpenAPI style table, give the value
 * again (as text: a number or boolean is sent as its `String`). deepObject's bracket nesting has
 * its own qs-style round trip in test/unit/runtime/brackets.test.ts; here it is one level deep.
 *
 * Values avoid the characters a style itself cannot tell apart from its delimiters (the style's
 * ambiguity, not ours): a space in spaceDelimited (both `%20`), `.` in label (left unencoded by
 * RFC 6570), `,` and `=` in headers (not encoded at all).
 *
 * Seed: `FC_SEED=<n>` reproduces a run (the seed is printed either way); `FC_RUNS=<factor>` scales it.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildPath,
  type ParamStyle,
  serializeCookies,
  serializeHeader,
  serializeQuery,
} from "../../templates/runtime/serialize.js";
import { logSeed, params } from "./seed.js";

beforeAll(() => logSeed("test/property/serialize-roundtrip.test.ts"));

type Kind = "primitive" | "array" | "object";
type Value = string | string[] | Record<string, string>;

/** A leaf value: text, or a number or boolean (sent as its String). */
const leaf = (avoid: RegExp) =>
  fc
    .oneof(
      fc.string({ unit: "grapheme", maxLength: 8 }),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
    )
    .filter((value) => !avoid.test(String(value)));

/** A value of each kind; objects and arrays are never empty (empty ones are not sent). */
function arbitraryValue(kind: Kind, avoid: RegExp): fc.Arbitrary<unknown> {
  switch (kind) {
    case "primitive":
      return leaf(avoid);
    case "array":
      return fc.array(leaf(avoid), { minLength: 1, maxLength: 4 });
    case "object":
      return fc.dictionary(
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 6 }).filter((s) => !avoid.test(s)),
        leaf(avoid),
        {
          minKeys: 1,
          maxKeys: 4,
          noNullPrototype: true,
        },
      );
  }
}

/** What a value is after serialisation, as text. */
function asText(value: unknown): Value {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
  return String(value);
}

const decode = decodeURIComponent;

/** Pairs `k1,v1,k2,v2` (already split) into an object. */
function pairsToObject(items: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < items.length; i += 2)
    Object.defineProperty(out, items[i] as string, {
      value: items[i + 1],
      enumerable: true,
      configurable: true,
      writable: true,
    });
  expect(items.length % 2, `odd number of key/value items: ${items.join(",")}`).toBe(0);
  return out;
}

/** `k=v` items into an object. */
function assignments(items: string[], dec: (s: string) => string): Record<string, string> {
  return pairsToObject(
    items.flatMap((item) => {
      const at = item.indexOf("=");
      expect(at, `no "=" in ${item}`).toBeGreaterThanOrEqual(0);
      return [dec(item.slice(0, at)), dec(item.slice(at + 1))];
    }),
  );
}

/** Reference parser of the query styles: the raw query string of one parameter `name`. */
function parseQuery(query: string, name: string, kind: Kind, style: string, explode: boolean): Value {
  const pairs = query.split("&").map((pair): [string, string] => {
    const at = pair.indexOf("=");
    return at < 0 ? [pair, ""] : [pair.slice(0, at), pair.slice(at + 1)];
  });
  if (style === "deepObject" && kind !== "primitive") {
    const leaves = pairs.map(([key, value]) => {
      const match = /^([^[\]]*)\[([^[\]]*)\]$/.exec(key);
      expect(match, `not name[key]: ${key}`).not.toBeNull();
      expect(decode((match as RegExpExecArray)[1] as string)).toBe(name);
      return [decode((match as RegExpExecArray)[2] as string), decode(value)];
    });
    if (kind === "array") {
      leaves.forEach(([index], i) => expect(index).toBe(String(i)));
      return leaves.map(([, value]) => value as string);
    }
    return pairsToObject(leaves.flat() as string[]);
  }
  // Exploded, every style is `form`: objects become the query's own `k=v` pairs, arrays repeat the name.
  if (kind === "object" && explode) return pairsToObject(pairs.flatMap(([k, v]) => [decode(k), decode(v)]));
  const mine = pairs.filter(([key]) => decode(key) === name).map(([, value]) => value);
  if (kind === "primitive") {
    expect(mine).toHaveLength(1);
    return decode(mine[0] as string);
  }
  if (explode) return mine.map(decode);
  expect(mine).toHaveLength(1);
  const delimiter = style === "spaceDelimited" ? "%20" : style === "pipeDelimited" ? "|" : ",";
  const items = (mine[0] as string).split(delimiter).map(decode);
  return kind === "array" ? items : pairsToObject(items);
}

/** Reference parser of the path styles (RFC 6570 simple, label, matrix) for one segment. */
function parsePath(
  segment: string,
  name: string,
  kind: Kind,
  style: string,
  explode: boolean,
  decode: (text: string) => string = decodeURIComponent,
): Value {
  let text = segment;
  if (style === "label") {
    expect(text.startsWith(".")).toBe(true);
    text = text.slice(1);
    const items = text.split(explode ? "." : ",");
    if (kind === "primitive") return decode(text);
    if (kind === "array") return items.map(decode);
    return explode ? assignments(items, decode) : pairsToObject(items.map(decode));
  }
  if (style === "matrix") {
    expect(text.startsWith(";")).toBe(true);
    const items = text.slice(1).split(";");
    const matrixValue = (item: string): string => {
      if (item === name) return "";
      expect(item.startsWith(`${name}=`), `${item} is not ${name}=…`).toBe(true);
      return item.slice(name.length + 1);
    };
    if (kind === "primitive") return decode(matrixValue(items[0] as string));
    if (kind === "object" && explode) return assignments(items, decode);
    if (explode) return items.map((item) => decode(matrixValue(item)));
    const list = matrixValue(items[0] as string)
      .split(",")
      .map(decode);
    return kind === "array" ? list : pairsToObject(list);
  }
  const items = text.split(",");
  if (kind === "primitive") return decode(text);
  if (kind === "array") return items.map(decode);
  return explode ? assignments(items, decode) : pairsToObject(items.map(decode));
}

const kinds = fc.constantFrom<Kind>("primitive", "array", "object");
const NAME = "p";

describe("parameter values round-trip through the serialisers", () => {
  it("query: form, spaceDelimited, pipeDelimited, deepObject; explode or not", () => {
    const arbitrary = fc
      .tuple(kinds, fc.constantFrom("form", "spaceDelimited", "pipeDelimited", "deepObject"), fc.boolean())
      .chain(([kind, style, explode]) =>
        fc.tuple(
          fc.constant(kind),
          fc.constant(style),
          fc.constant(explode),
          arbitraryValue(kind, style === "spaceDelimited" ? / / : /^$/),
        ),
      );
    fc.assert(
      fc.property(arbitrary, ([kind, style, explode, value]) => {
        const styles = { [`query:${NAME}`]: { style, explode } as ParamStyle };
        const query = serializeQuery({ [NAME]: value }, styles);
        expect(parseQuery(query, NAME, kind, style, explode)).toEqual(asText(value));
      }),
      params(11, 300),
    );
  });

  it("path: simple, label, matrix; explode or not", () => {
    const arbitrary = fc
      .tuple(kinds, fc.constantFrom("simple", "label", "matrix"), fc.boolean())
      .chain(([kind, style, explode]) =>
        fc.tuple(
          fc.constant(kind),
          fc.constant(style),
          fc.constant(explode),
          arbitraryValue(kind, style === "label" ? /\./ : /^$/),
        ),
      );
    fc.assert(
      fc.property(arbitrary, ([kind, style, explode, value]) => {
        const styles = { [`path:${NAME}`]: { style, explode } as ParamStyle };
        let path: string;
        try {
          path = buildPath(`/x/{${NAME}}`, { [NAME]: value }, styles);
        } catch (error) {
          // An empty segment, or one of "." / "..", is refused on purpose (see serialize.test.ts).
          expect(String(error)).toMatch(
            /Missing value for path parameter|must not form "\." or "\.\." segments: \/x\/\.{1,2}$/,
          );
          return;
        }
        expect(path.startsWith("/x/")).toBe(true);
        expect(parsePath(path.slice(3), NAME, kind, style, explode)).toEqual(asText(value));
      }),
      params(12, 300),
    );
  });

  it("header (simple) and cookie (form); explode or not", () => {
    const arbitrary = fc
      .tuple(kinds, fc.boolean())
      .chain(([kind, explode]) => fc.tuple(fc.constant(kind), fc.constant(explode), arbitraryValue(kind, /[,=\r\n]/)));
    fc.assert(
      fc.property(arbitrary, ([kind, explode, value]) => {
        const header = serializeHeader(NAME, value, { [`header:${NAME}`]: { explode } });
        expect(header).toBeTypeOf("string");
        // Header values are not percent-encoded.
        expect(parsePath(header as string, NAME, kind, "simple", explode, (text) => text)).toEqual(asText(value));
        const cookies = serializeCookies({ [NAME]: value }, { [`cookie:${NAME}`]: { explode } });
        expect(parseQuery(cookies.join("&"), NAME, kind, "form", explode)).toEqual(asText(value));
      }),
      params(13, 300),
    );
  });
});
