import { describe, expect, it } from "vitest";
import { type Int64Plan, parseJson, stringifyJson } from "../../../templates/runtime/json.js";

describe("stringifyJson", () => {
  it("writes bigint values as exact JSON numbers, anywhere", () => {
    expect(stringifyJson({ id: 9007199254740993n, list: [1n, -12345678901234567890n], s: "9007199254740993" })).toBe(
      '{"id":9007199254740993,"list":[1,-12345678901234567890],"s":"9007199254740993"}',
    );
  });

  it("is JSON.stringify when there is no bigint", () => {
    const value = { a: [1, "x", null, { b: true }] };
    expect(stringifyJson(value)).toBe(JSON.stringify(value));
  });
});

describe("parseJson with an int64 plan", () => {
  const plans: Record<string, Int64Plan> = {
    Node: { p: { id: 1, children: { a: "Node" } } },
    Event: [{ p: { seq: 1 } }, { p: { offset: 1 } }],
  };

  it("reads the planned integers as exact bigint and leaves every other number alone", () => {
    const text =
      '{"id": 9007199254740993, "size": 1.5, "other": 12345678901234567890, "children": [{"id": 7, "children": []}]}';
    expect(parseJson(text, { plan: "Node", plans })).toEqual({
      id: 9007199254740993n,
      size: 1.5,
      other: 12345678901234567000,
      children: [{ id: 7n, children: [] }],
    });
  });

  it("never touches digits inside strings, including escaped quotes", () => {
    const text =
      '{"id": "12345678901234567890", "note": "say \\"99999999999999999999\\" ok", "n": 99999999999999999999}';
    expect(parseJson(text, { plan: { p: { n: 1 } }, plans })).toEqual({
      id: "12345678901234567890",
      note: 'say "99999999999999999999" ok',
      n: 99999999999999999999n,
    });
  });

  it("applies every member plan of a union, maps and arrays", () => {
    expect(
      parseJson('{"e": {"seq": 3}, "f": {"offset": 4}}', { plan: { p: { e: "Event", f: "Event" } }, plans }),
    ).toEqual({
      e: { seq: 3n },
      f: { offset: 4n },
    });
    expect(parseJson('{"a": 1, "b": 2}', { plan: { m: 1 }, plans })).toEqual({ a: 1n, b: 2n });
    expect(parseJson("[1, 2, -3]", { plan: { a: 1 }, plans })).toEqual([1n, 2n, -3n]);
  });

  it("keeps a __proto__ key a plain property", () => {
    const value = parseJson('{"__proto__": {"n": 5}, "id": 1}', {
      plan: { p: { ["__proto__"]: { p: { n: 1 } }, id: 1 } },
      plans,
    }) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(value, "__proto__")?.value).toEqual({ n: 5n });
    expect(value.id).toBe(1n);
  });

  it("is JSON.parse without a plan", () => {
    expect(parseJson('{"n": 12345678901234567890}')).toEqual({ n: 12345678901234567000 });
  });
});
