/**
 * The one escaping boundary of the Markdown target. Spec text is untrusted: every value from a spec
 * that lands in a Markdown page passes through one of these functions, so it renders as the literal
 * text the spec holds: no HTML, no links or images, no headings, lists, emphasis or table breaks.
 */

/**
 * Punctuation that means something anywhere in a line (CommonMark + GFM + GitHub): backslash
 * escapes, code spans, emphasis, links and images, headings' closing `#`s, table pipes,
 * strikethrough, math. Escaped with a backslash.
 */
const PUNCTUATION = /[\\`*_[\]#|~$@]/g;

/** Control characters (tab and line feed excepted) and line/paragraph separators. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u2028\u2029]/g;

/** Line endings normalised, control characters dropped. */
function clean(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u2028\u2029]/g, "\n")
    .replace(CONTROL, "");
}

/**
 * Inline text, escaped: `&`, `<` and `>` become entities (no raw HTML, no autolink `<...>`), Markdown
 * punctuation gets a backslash, and bare URLs are broken up (`https\://`, `www\.`) so GFM does not
 * turn them into links. Newlines are kept (see `markdownCell` and `markdownBlock`).
 */
export function markdownInline(text: string): string {
  return clean(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(PUNCTUATION, (c) => `\\${c}`)
    .replace(/([A-Za-z][A-Za-z0-9+.-]*):(?=\/\/)/g, "$1\\:")
    .replace(/\b(www)\./gi, "$1\\.");
}

/** A line's start that Markdown would read as a block marker (list item, setext underline) made plain. */
function plainLineStart(line: string): string {
  return line.replace(/^([-+=])/, "\\$1").replace(/^(\d+)([.)])/, "$1\\$2");
}

/** Text for one table cell or one line: escaped, whitespace (newlines included) folded to one space. */
export function markdownCell(text: string): string {
  return plainLineStart(markdownInline(clean(text).replace(/\s+/g, " ").trim()));
}

/**
 * Multi-line text as paragraphs: escaped like inline text, each line trimmed (no indented code
 * blocks), a line that starts with something Markdown reads as a block marker (list items, setext
 * underlines) made plain, blank lines kept as paragraph breaks. A line that looks like a
 * list item starts a new line (a hard break) so spec lists stay readable.
 */
export function markdownBlock(text: string): string {
  const lines = clean(text)
    .split("\n")
    .map((line) => line.trim());
  const out: string[] = [];
  for (const line of lines) {
    if (line === "") {
      if (out.length > 0 && out[out.length - 1] !== "") out.push("");
      continue;
    }
    const escaped = plainLineStart(markdownInline(line));
    const previous = out[out.length - 1];
    if (previous !== undefined && previous !== "" && /^([-*+]|\d+[.)])\s/.test(line))
      out[out.length - 1] = `${previous}\\`;
    out.push(escaped);
  }
  while (out[out.length - 1] === "") out.pop();
  return out.join("\n");
}

/**
 * A code span for any text (on one line): the fence is one backtick longer than the longest run
 * inside, and content that starts or ends with a backtick is padded. `|` is escaped for table cells
 * (GFM reads `\|` as `|` inside code spans in tables).
 */
export function codeSpan(text: string, options: { inTable?: boolean } = {}): string {
  const content = clean(text).replace(/\s+/g, " ");
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const padded = /^`|`$/.test(content) || /^ .* $/.test(content) ? ` ${content} ` : content;
  const body = options.inTable ? padded.replaceAll("|", "\\|") : padded;
  return `${fence}${body === "" ? " " : body}${fence}`;
}

/** A fenced code block: the fence is longer than any backtick run inside, so nothing can close it. */
export function codeBlock(code: string, language: string): string {
  const text = clean(code);
  const longest = Math.max(0, ...[...text.matchAll(/`{3,}/g)].map((m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${text}\n${fence}`;
}

/** Text inside an HTML comment (`<!-- ... -->`): one line, no `--`, `<` or `>`. */
export function htmlCommentText(text: string): string {
  return clean(text).replace(/\s+/g, " ").replace(/[<>]/g, "").replace(/-{2,}/g, "-").trim();
}
