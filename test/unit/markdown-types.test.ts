/** Type text as Markdown (src/emit/markdown/type-text.ts) and heading anchors (slug.ts). */
import { describe, expect, it } from "vitest";
import { Slugger } from "../../src/emit/markdown/slug.js";
import { typeMarkdown, typeOneLine } from "../../src/emit/markdown/type-text.js";

const links = (name: string): string | undefined => (["Pet", "Owner"].includes(name) ? `${name}.md` : undefined);

describe("typeMarkdown", () => {
  it.each([
    ["string", "`string`"],
    ["Pet", "[`Pet`](Pet.md)"],
    ["Pet[]", "[`Pet`](Pet.md)`[]`"],
    ['"asc" | "desc"', '`"asc" \\| "desc"`'],
    ["Pet | Owner | null", "[`Pet`](Pet.md) `\\|` [`Owner`](Owner.md) `\\| null`"],
    ['"Pet" | Pet', '`"Pet" \\|` [`Pet`](Pet.md)'],
    ["{\n  /** The pet. */\n  Pet: Pet;\n  Owner?: string;\n}", "`{ Pet:` [`Pet`](Pet.md)`; Owner?: string }`"],
    ["Record<string, never>", "`Record<string, never>`"],
  ])("%j -> %s", (text, expected) => {
    expect(typeMarkdown(text, links, { inTable: true })).toBe(expected);
  });

  it("leaves pipes alone outside tables", () => {
    expect(typeMarkdown('"a" | "b"', links)).toBe('`"a" | "b"`');
  });

  it("prints one line without comments", () => {
    expect(typeOneLine("{\n  /** Doc with `Pet`. */\n  a: Pet;\n}")).toBe("{ a: Pet }");
  });
});

describe("Slugger", () => {
  it("makes GitHub's anchors, numbering repeats in page order", () => {
    const slugs = new Slugger();
    expect(
      ["Pets", "getPet", "getpet", "GETPET", "getpet-1", "Hello, World!", "ünï code"].map((t) => slugs.slug(t)),
    ).toEqual(["pets", "getpet", "getpet-1", "getpet-2", "getpet-1-1", "hello-world", "ünï-code"]);
  });
});
