import { describe, expect, it } from "vitest";
import { wrapDoc } from "../../src/emit/ts/writer.js";
import {
  commentText,
  docValue,
  jsonLiteral,
  primitiveLiteral,
  propertyKey,
  stringLiteral,
} from "../../src/util/escape.js";

describe("escaping", () => {
  it.each([
    ['a"b', '"a\\"b"'],
    ["line\nbreak", '"line\\nbreak"'],
    ["back\\slash", '"back\\\\slash"'],
    ["\u2028", '"\\u2028"'],
    ["${x}`", '"${x}`"'],
  ])("stringLiteral(%j) round-trips", (input, expected) => {
    expect(stringLiteral(input)).toBe(expected);
    // biome-ignore lint/security/noGlobalEval: evaluating the emitted literal is what proves it round-trips
    expect(eval(stringLiteral(input))).toBe(input);
  });

  it.each([
    ["name", "name"],
    ["harassment/threatening", '"harassment/threatening"'],
    ["timestamp_granularities[]", '"timestamp_granularities[]"'],
    ["x5t#S256", '"x5t#S256"'],
    ["1a", '"1a"'],
    ["$ok_", "$ok_"],
  ])("propertyKey(%j) = %s", (input, expected) => {
    expect(propertyKey(input)).toBe(expected);
  });

  it("comment text cannot close the comment", () => {
    const text = commentText("evil */ alert(1) /* more\r\nline2\u2028line3");
    expect(text).not.toContain("*/");
    expect(text).toBe("evil *\\/ alert(1) /\\* more\nline2\nline3");
  });

  it("primitive literals", () => {
    expect(primitiveLiteral(-1)).toBe("-1");
    expect(primitiveLiteral(null)).toBe("null");
    expect(primitiveLiteral("*/")).toBe('"*/"');
  });

  it("doc values are one-line and comment-safe", () => {
    expect(docValue({ a: "*/" })).toBe('{"a":"*\\/"}');
    expect(docValue("x".repeat(300)).length).toBeLessThanOrEqual(200);
  });
});

describe("jsonLiteral", () => {
  it("prints JSON data as a TypeScript literal with safe keys and strings", () => {
    expect(jsonLiteral({ a: { type: "http" }, "b-c": [1, null, true], 'x"': "*/" })).toBe(
      '{ a: { type: "http" }, "b-c": [1, null, true], "x\\"": "*/" }',
    );
    expect(jsonLiteral({})).toBe("{}");
    expect(jsonLiteral([["k"]])).toBe('[["k"]]');
    expect(jsonLiteral({ __proto__: 1 } as unknown as Record<string, number>)).toBe("{}");
    expect(jsonLiteral(JSON.parse('{"__proto__": 1}'))).toBe('{ ["__proto__"]: 1 }');
  });
});

describe("JSDoc wrapping", () => {
  it("wraps prose at spaces, keeps list indentation, leaves fences, tables, tags and long words alone", () => {
    const text = [
      "one two three four five six seven",
      "- item alpha beta gamma delta epsilon",
      "```",
      "code that is long and must stay on one line",
      "```",
      "| a table row that is long | stays |",
      "@example a tag line that is long stays",
      "https://example.com/a-very-long-url-without-spaces-at-all",
    ].join("\n");
    expect(wrapDoc(text, 20)).toEqual([
      "one two three four",
      "five six seven",
      "- item alpha beta",
      "  gamma delta",
      "  epsilon",
      "```",
      "code that is long and must stay on one line",
      "```",
      "| a table row that is long | stays |",
      "@example a tag line that is long stays",
      "https://example.com/a-very-long-url-without-spaces-at-all",
    ]);
  });
});
