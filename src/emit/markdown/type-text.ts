/**
 * TypeScript type text as Markdown: on one line, comments dropped, code spans for the syntax and a
 * link for every named type that has a page. Type text is tokenised with the TypeScript scanner, so
 * a string literal or a property key that happens to spell a type name is never linked.
 */
import ts from "typescript";
import { codeSpan } from "./escape.js";

type Segment = { code: string } | { name: string; href: string };

/** Finds the page of a type name (relative to the page being written), if it has one. */
export type LinkFinder = (name: string) => string | undefined;

/** Splits type text into code and linked names, whitespace folded, comments dropped. */
function segments(text: string, links: LinkFinder): Segment[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  const out: Segment[] = [];
  const pushCode = (code: string): void => {
    const last = out[out.length - 1];
    if (last && "code" in last) last.code += code;
    else out.push({ code });
  };
  const isTrivia = (kind: ts.SyntaxKind): boolean =>
    kind === ts.SyntaxKind.WhitespaceTrivia ||
    kind === ts.SyntaxKind.NewLineTrivia ||
    kind === ts.SyntaxKind.SingleLineCommentTrivia ||
    kind === ts.SyntaxKind.MultiLineCommentTrivia;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (isTrivia(kind)) {
      pushCode(" ");
      continue;
    }
    const token = scanner.getTokenText();
    const last = out[out.length - 1];
    if (kind === ts.SyntaxKind.CloseBraceToken && last && "code" in last) {
      // `{ a: string; }` reads better as `{ a: string }` on one line (a `;` token, never inside a literal).
      last.code = last.code.replace(/;\s*$/, " ");
    }
    if (kind === ts.SyntaxKind.Identifier) {
      // A property key is followed by `:` or `?:`; only a type reference links.
      const next = scanner.lookAhead(() => {
        let k = scanner.scan();
        while (isTrivia(k)) k = scanner.scan();
        return k;
      });
      const href = next === ts.SyntaxKind.ColonToken || next === ts.SyntaxKind.QuestionToken ? undefined : links(token);
      if (href !== undefined) {
        out.push({ name: token, href });
        continue;
      }
    }
    pushCode(token);
  }
  return out.map((s) => ("code" in s ? { code: s.code.replace(/\s+/g, " ") } : s));
}

/** The type as Markdown; `inTable` escapes `|` for a table cell. */
export function typeMarkdown(text: string, links: LinkFinder, options: { inTable?: boolean } = {}): string {
  const parts = segments(text, links);
  return parts
    .map((part, i) => {
      if ("href" in part) return `[${codeSpan(part.name)}](${part.href})`;
      let code = part.code;
      if (i === 0) code = code.trimStart();
      if (i === parts.length - 1) code = code.trimEnd();
      const lead = /^\s/.test(code) ? " " : "";
      const trail = /\s$/.test(code) && code.trim() !== "" ? " " : "";
      return code.trim() === "" ? code : `${lead}${codeSpan(code.trim(), options)}${trail}`;
    })
    .join("");
}

/** The type text on one line without comments (for code blocks and examples). */
export function typeOneLine(text: string): string {
  return segments(text, () => undefined)
    .map((s) => ("code" in s ? s.code : s.name))
    .join("")
    .trim();
}
