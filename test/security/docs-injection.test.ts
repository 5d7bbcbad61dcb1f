/**
 * The spec is untrusted input, for the Markdown reference too: Markdown and HTML planted in every
 * place a spec string lands in the docs (titles, descriptions, tags, operation ids, parameter and
 * property names, enum values, defaults, examples, media types, security schemes) must stay inert
 * text. Checks the raw Markdown (no raw `<` outside code, every unescaped `[` one of our relative
 * links, no table row with an extra cell, one heading per thing) and the HTML a CommonMark + GFM
 * renderer makes of it (raw HTML and linkify on: only the elements the layout uses).
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type GeneratedFile, generateDocs } from "../../src/index.js";
import { freshDir, TMP, writeJson } from "../compile/support.js";
import { brokenLinks, headings, markdown } from "../support/markdown.js";

const PAYLOADS = [
  '<script>alert("pwned")</script>',
  "<img src=x onerror=pwned()>",
  "[pwned](javascript:alert(1))",
  "![pwned](https://evil.test/p.png)",
  "\n# pwned heading\n",
  "a | pwned | b",
  "\n\n---\npwned\n===\n",
  "``` pwned",
  "<!-- pwned",
  "[pwned]: javascript:alert(1)",
  "https://evil.test/pwned www.evil.test",
  "*pwned* __pwned__ ~~pwned~~",
  "&lt;script&gt;pwned",
  "`pwned` ``pwned``",
  "$pwned$ <https://evil.test>",
];
const p = (i: number): string => PAYLOADS[i % PAYLOADS.length] as string;

function hostileSpec(): object {
  const schemas: Record<string, unknown> = {};
  PAYLOADS.forEach((payload, i) => {
    schemas[`S${i}${payload}`] = {
      title: payload,
      description: payload,
      type: "object",
      required: [payload],
      properties: {
        [payload]: {
          type: "string",
          description: payload,
          default: payload,
          example: payload,
          enum: [payload, `${payload}2`],
        },
        [`n${i}`]: { type: "integer", format: payload, minimum: 1, default: 1 },
        [`ref${i}`]: { $ref: `#/components/schemas/S${(i + 1) % PAYLOADS.length}Base` },
      },
    };
    schemas[`S${i}Base`] = { type: "string", enum: [payload, "plain"], description: payload };
  });
  const paths: Record<string, unknown> = {};
  PAYLOADS.forEach((payload, i) => {
    paths[`/items${i}/{id${i}}/${encodeURIComponent(payload)}`] = {
      [i % 2 === 0 ? "get" : "post"]: {
        operationId: `op${i}${payload}`,
        tags: [`tag${i % 3}${payload}`],
        summary: payload,
        description: payload,
        parameters: [
          { name: `id${i}`, in: "path", required: true, schema: { type: "string" }, description: payload },
          { name: payload, in: "query", schema: { type: "string", enum: [payload] }, description: payload },
          { name: `X-${i}${payload}`, in: "header", schema: { type: "string" }, example: payload },
        ],
        ...(i % 2 === 1
          ? {
              requestBody: {
                required: true,
                description: payload,
                content: { "application/json": { schema: { $ref: `#/components/schemas/S${i}Base` } } },
              },
            }
          : {}),
        responses: {
          "200": {
            description: payload,
            content: {
              "application/json": {
                schema: { type: "object", properties: { [payload]: { type: "string", const: payload } } },
              },
            },
          },
          "4XX": {
            description: payload,
            content: { "application/json": { schema: { type: "string", enum: [payload] } } },
          },
          default: { description: payload },
        },
        security: [{ [`key${p(i)}`]: [] }],
      },
    };
  });
  return {
    openapi: "3.1.0",
    info: { title: p(0), description: p(4), version: p(2) },
    servers: [{ url: `https://example.test/${p(1)}` }],
    tags: [0, 1, 2].map((i) => ({ name: `tag${i}${p(i)}`, description: p(i + 5) })),
    paths,
    components: {
      schemas,
      securitySchemes: Object.fromEntries(
        PAYLOADS.map((payload, i) => [
          `key${payload}`,
          { type: "apiKey", in: "header", name: p(i + 1), description: payload },
        ]),
      ),
    },
  };
}

let files: GeneratedFile[] = [];

beforeAll(async () => {
  const dir = freshDir(join(TMP, "docs-injection"));
  writeJson(join(dir, "hostile.json"), hostileSpec());
  files = await generateDocs({ input: join(dir, "hostile.json"), output: join(dir, "out") });
});

/** The Markdown with our header comment, fenced code blocks and code spans taken out. */
function prose(content: string): string {
  const lines = content.split("\n").slice(1);
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of lines) {
    const marker = /^(`{3,})/.exec(line)?.[1];
    if (fence === undefined && marker) fence = marker;
    else if (fence !== undefined && line === fence) fence = undefined;
    else if (fence === undefined) out.push(line);
  }
  // A code span: a backtick run, then the shortest text up to an equal run not touching another backtick.
  return out.join("\n").replace(/(?<![`\\])(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g, "");
}

/** Positions of characters not escaped by a backslash. */
function unescaped(text: string, char: string): number[] {
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === char) at.push(i);
  }
  return at;
}

const LINK =
  /^\[(?:\\.|[^\]\\])*\]\(((?:\.\.\/)?(?:README|api\/[a-z0-9_-]+|(?:models\/)?[A-Za-z0-9_-]+)\.md(?:#[a-z0-9_-]+)?|#[a-z0-9_-]+)\)/;
const ALLOWED_TAGS = new Set([
  "h1",
  "h2",
  "h3",
  "p",
  "a",
  "code",
  "pre",
  "strong",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "ul",
  "li",
  "br",
]);

describe("untrusted spec text stays inert in the Markdown reference", () => {
  it("generates page names that stay inside the docs folder", () => {
    expect(files.length).toBeGreaterThan(PAYLOADS.length);
    for (const file of files) expect(file.path).toMatch(/^(README|api\/[a-z0-9_-]+|models\/[A-Za-z0-9_-]+)\.md$/);
  });

  it("writes no raw < outside code, and every unescaped [ starts one of our relative links", () => {
    for (const file of files) {
      const text = prose(file.content);
      expect(
        text.includes("<"),
        `${file.path}: raw < in ${JSON.stringify(text.slice(text.indexOf("<") - 40, text.indexOf("<") + 40))}`,
      ).toBe(false);
      for (const at of unescaped(text, "[")) {
        expect(LINK.test(text.slice(at)), `${file.path}: ${JSON.stringify(text.slice(at, at + 80))}`).toBe(true);
      }
      // Bare URLs are broken up (`https\://`), so GFM's autolinks do not make links of them.
      expect(text).not.toMatch(/https?:\/\/|www\./i);
    }
  });

  it("keeps every table row to its header's number of cells", () => {
    for (const file of files) {
      let columns: number | undefined;
      for (const line of prose(file.content).split("\n")) {
        if (!line.startsWith("|")) {
          columns = undefined;
          continue;
        }
        const pipes = unescaped(line, "|").length;
        columns ??= pipes;
        expect(pipes, `${file.path}: ${line}`).toBe(columns);
      }
    }
  });

  it("renders only the elements of the layout: no planted HTML, images, headings or links", () => {
    let seen = 0;
    for (const file of files) {
      const html = markdown.render(file.content);
      const tags = new Set(
        [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => (m[1] as string).toLowerCase()),
      );
      for (const tag of tags) expect(ALLOWED_TAGS.has(tag), `${file.path}: <${tag}>`).toBe(true);
      for (const m of html.matchAll(/href="([^"]*)"/g))
        expect(m[1], file.path).toMatch(/^(\.\.\/)?[A-Za-z0-9_/-]*(\.md)?(#[a-z0-9_-]+)?$/);
      expect(
        headings(file.content).filter((h) => h.text.startsWith("pwned")),
        file.path,
      ).toEqual([]);
      expect(
        headings(file.content).filter((h) => h.level === 1),
        file.path,
      ).toHaveLength(1);
      seen += html.split("pwned").length - 1;
    }
    // The payloads did land in the pages (as text), so the checks above looked at something.
    expect(seen).toBeGreaterThan(PAYLOADS.length * 10);
  });

  it("links resolve even with hostile names (anchors of operation headings, scheme anchors, model pages)", () => {
    expect(brokenLinks(new Map(files.map((f) => [f.path, f.content])))).toEqual([]);
  });
});
