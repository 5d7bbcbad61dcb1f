/**
 * TypeScript type text as Markdown: on one line, comments dropped, code spans for the syntax and a
 * link for every named type that has a page. Type text is tokenised (the TypeScript emitter's own
 * printed types: identifiers, string and number literals, comments, punctuation), so a string
 * literal or a property key that happens to spell a type name is never linked.
 */
import { codeSpan } from "./escape.js";

type Segment = { code: string } | { name: string; href: string };

/** Finds the page of a type name (relative to the page being written), if it has one. */
export type LinkFinder = (name: string) => string | undefined;

type TokenKind = "trivia" | "identifier" | "string" | "other";
interface Token {
  kind: TokenKind;
  text: string;
}

/**
 * One token of type text: whitespace and comments are trivia; a string literal runs to its
 * unescaped closing quote (the printer escapes spec text in literals); an identifier is a JavaScript
 * name; anything else is one punctuation character or a run of digits.
 */
const TOKEN =
  /\s+|\/\*[\s\S]*?(?:\*\/|$)|\/\/[^\n]*|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|`(?:[^`\\]|\\.)*`?|[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*|\d[\w.]*|[\s\S]/gy;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match !== null && match[0] !== ""; match = TOKEN.exec(text)) {
    const token = match[0];
    const first = token[0] as string;
    const kind: TokenKind =
      /\s/.test(first) || token.startsWith("/*") || token.startsWith("//")
        ? "trivia"
        : first === '"' || first === "'" || first === "`"
          ? "string"
          : /[A-Za-z_$\u0080-\uffff]/.test(first)
            ? "identifier"
            : "other";
    tokens.push({ kind, text: token });
  }
  return tokens;
}

/** Splits type text into code and linked names, whitespace folded, comments dropped. */
function segments(text: string, links: LinkFinder): Segment[] {
  const tokens = tokenize(text);
  const out: Segment[] = [];
  const pushCode = (code: string): void => {
    const last = out[out.length - 1];
    if (last && "code" in last) last.code += code;
    else out.push({ code });
  };
  tokens.forEach((token, i) => {
    if (token.kind === "trivia") {
      pushCode(" ");
      return;
    }
    const last = out[out.length - 1];
    if (token.kind === "other" && token.text === "}" && last && "code" in last) {
      // `{ a: string; }` reads better as `{ a: string }` on one line (a `;` token, never inside a literal).
      last.code = last.code.replace(/;\s*$/, " ");
    }
    if (token.kind === "identifier") {
      // A property key is followed by `:` or `?:`; only a type reference links.
      let j = i + 1;
      while (tokens[j]?.kind === "trivia") j++;
      const next = tokens[j];
      const isKey = next !== undefined && (next.text === ":" || next.text === "?");
      const href = isKey ? undefined : links(token.text);
      if (href !== undefined) {
        out.push({ name: token.text, href });
        return;
      }
    }
    pushCode(token.text);
  });
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
