/**
 * The Markdown escaping boundary (src/emit/markdown/escape.ts): spec text rendered by a CommonMark +
 * GFM renderer (markdown-it, raw HTML and linkify on, the strictest setting) comes out as the same
 * text, with no element the text did not ask for in plain prose.
 */
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { codeBlock, codeSpan, htmlCommentText, markdownBlock, markdownCell } from "../../src/emit/markdown/escape.js";

const md = new MarkdownIt({ html: true, linkify: true });

/** Tags in rendered HTML. */
function tags(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => (m[1] as string).toLowerCase());
}

/** The text of rendered HTML (tags dropped, entities decoded). */
function decode(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

const text = (html: string): string => decode(html).trim();

const HOSTILE = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "[click](javascript:alert(1))",
  "[click]( javascript:alert(1) )",
  "![img](https://evil.test/x.png)",
  "<https://evil.test>",
  "https://evil.test/path",
  "www.evil.test",
  "mail me@evil.test",
  "# Heading",
  "## Heading ##",
  "a | b | c",
  "*bold* **strong** _em_ __strong__ ~~strike~~",
  "`code` ``more``",
  "&lt;script&gt; &amp; &#60;b&#62;",
  "<!-- comment",
  "\\*not escaped\\* \\",
  "$x^2$ and $$y$$",
  "[ref]: javascript:alert(1)",
  "> quote",
  "1. item",
  "- item",
  "+ item",
  "---",
  "===",
  "| table |",
  "{{handlebars}}",
];

describe("markdownCell", () => {
  it.each(HOSTILE)("keeps %j literal text in prose and in a table cell", (payload) => {
    const paragraph = md.render(markdownCell(payload));
    expect(tags(paragraph)).toEqual(["p", "p"]);
    expect(text(paragraph)).toBe(payload);

    const table = md.render(`| a | b |\n| --- | --- |\n| ${markdownCell(payload)} | end |\n`);
    expect(tags(table).filter((t) => t === "td")).toHaveLength(4);
    expect(tags(table).every((t) => ["table", "thead", "tbody", "tr", "th", "td"].includes(t))).toBe(true);
    expect(text(table.slice(table.indexOf("<tbody>")))).toBe(`${payload}\nend`);
  });

  it("folds newlines and control characters into one line", () => {
    expect(markdownCell("a\r\nb\n\nc\u2028d\u0007e")).toBe("a b c de");
  });

  it("writes no raw < > or unescaped link syntax", () => {
    for (const payload of HOSTILE) {
      const cell = markdownCell(payload);
      expect(cell).not.toMatch(/[<>]/);
      expect(cell).not.toMatch(/(^|[^\\])[[\]]/);
      expect(cell).not.toMatch(/(^|[^\\])`/);
    }
  });
});

describe("markdownBlock", () => {
  it("keeps paragraphs and list-like lines, and renders every hostile line as text", () => {
    const source = HOSTILE.join("\n");
    const html = md.render(markdownBlock(source));
    expect(new Set(tags(html))).toEqual(new Set(["p", "br"]));
    expect(text(html).replace(/<br>|\n/g, "")).toBe(HOSTILE.join("").replace(/\n/g, ""));
  });

  it("turns blank lines into paragraph breaks and trims indentation (no indented code)", () => {
    const html = md.render(markdownBlock("First line\n\n\n        indented code?\nsame paragraph"));
    expect(tags(html)).toEqual(["p", "p", "p", "p"]);
    expect(html).toContain("indented code?\nsame paragraph");
  });

  it("breaks the line before a list-like line", () => {
    expect(markdownBlock("Options:\n- a\n- b")).toBe("Options:\\\n\\- a\\\n\\- b");
  });

  it("does not let a setext underline turn the line above into a heading", () => {
    expect(tags(md.render(markdownBlock("Title\n===\nOther\n---")))).not.toContain("h1");
    expect(tags(md.render(markdownBlock("Title\n===\nOther\n---")))).not.toContain("h2");
  });
});

describe("codeSpan", () => {
  it.each(["plain", "a`b", "``x``", "`start", "end`", " spaced ", "<script>", "a | b", ""])(
    "renders %j as one code element with that text",
    (value) => {
      const html = md.renderInline(codeSpan(value));
      expect(tags(html)).toEqual(["code", "code"]);
      const inside = /^<code>(.*)<\/code>$/.exec(html)?.[1] ?? "";
      expect(decode(inside)).toBe(value === "" ? " " : value);
    },
  );

  it("escapes pipes inside a table cell", () => {
    const html = md.render(`| a |\n| --- |\n| ${codeSpan('"asc" | "desc"', { inTable: true })} |\n`);
    expect(html).toContain("<td><code>&quot;asc&quot; | &quot;desc&quot;</code></td>");
  });
});

describe("codeBlock", () => {
  it("uses a fence longer than any backtick run inside", () => {
    const block = codeBlock("a\n```\n<script>\n````", "ts");
    const html = md.render(`${block}\n\nafter`);
    expect(tags(html)).toEqual(["pre", "code", "code", "pre", "p", "p"]);
    expect(block.startsWith("`````ts\n")).toBe(true);
  });
});

describe("htmlCommentText", () => {
  it("cannot close the comment or open a tag", () => {
    const inside = htmlCommentText("spec --> <script>alert(1)</script> --!>\nnext");
    expect(inside).not.toMatch(/--|[<>\n]/);
    expect(tags(md.render(`<!-- ${inside} -->\n\ntext`))).toEqual(["p", "p"]);
  });
});
