/**
 * Reading generated Markdown the way a renderer does (markdown-it: CommonMark + GFM tables), for
 * tests: headings and their GitHub-style anchors, links, and a check that every relative link
 * resolves to an existing page and anchor.
 */

import { dirname, join, normalize } from "node:path";
import MarkdownIt from "markdown-it";

export const markdown = new MarkdownIt({ html: true, linkify: true });

type Token = ReturnType<typeof markdown.parse>[number];

/** The rendered text of an inline token (text and code spans). */
function inlineText(token: Token | undefined): string {
  return (token?.children ?? [])
    .map((c) => (c.type === "text" || c.type === "code_inline" || c.type === "text_special" ? c.content : ""))
    .join("");
}

/** Headings of a page, in order: level and rendered text. */
export function headings(content: string): { level: number; text: string }[] {
  const tokens = markdown.parse(content, {});
  const out: { level: number; text: string }[] = [];
  tokens.forEach((token, i) => {
    if (token.type === "heading_open") out.push({ level: Number(token.tag.slice(1)), text: inlineText(tokens[i + 1]) });
  });
  return out;
}

/** GitHub's heading anchors (github-slugger): lower case, punctuation dropped, spaces to `-`, repeats numbered. */
export function anchors(content: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const { text } of headings(content)) {
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
      .replace(/ /g, "-");
    let slug = base;
    while (seen.has(slug)) {
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      slug = `${base}-${n}`;
    }
    seen.set(slug, 0);
    out.add(slug);
  }
  return out;
}

/** Every link target of a page. */
export function links(content: string): string[] {
  const out: string[] = [];
  const walk = (tokens: Token[]): void => {
    for (const token of tokens) {
      if (token.type === "link_open") out.push(String(token.attrGet("href") ?? ""));
      if (token.type === "image") out.push(String(token.attrGet("src") ?? ""));
      if (token.children) walk(token.children);
    }
  };
  walk(markdown.parse(content, {}));
  return out;
}

/** Problems with the relative links of a set of pages (paths relative to the docs root): missing files or anchors. */
export function brokenLinks(pages: Map<string, string>): string[] {
  const problems: string[] = [];
  const anchorCache = new Map<string, Set<string>>();
  const anchorsOf = (path: string): Set<string> => {
    let found = anchorCache.get(path);
    if (!found) {
      found = anchors(pages.get(path) ?? "");
      anchorCache.set(path, found);
    }
    return found;
  };
  for (const [path, content] of pages) {
    for (const href of links(content)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("/")) {
        problems.push(`${path}: ${href} is not a relative link`);
        continue;
      }
      // markdown-it percent-encodes hrefs (`#ünï` -> `#%C3%BCn%C3%AF`); browsers decode them again.
      const [file = "", encoded] = decodeURI(href).split("#");
      const fragment = encoded === undefined ? undefined : decodeURIComponent(encoded);
      const target =
        file === ""
          ? path
          : normalize(join(dirname(path), file))
              .split("\\")
              .join("/");
      if (!pages.has(target)) {
        problems.push(`${path}: ${href} -> ${target} does not exist`);
        continue;
      }
      if (fragment !== undefined && !anchorsOf(target).has(fragment))
        problems.push(`${path}: ${href} -> no anchor #${fragment} in ${target}`);
    }
  }
  return problems;
}
