import CodeBlockWriter from "code-block-writer";

/** A function that writes code with CodeBlockWriter (ts-morph's code writer, without ts-morph's compiler). */
export type Write = (writer: CodeBlockWriter) => void;

/** The width JSDoc prose is wrapped to, indentation included. */
const DOC_WIDTH = 100;

/**
 * Wraps prose lines at spaces so a comment line stays within `width` characters. Lines inside
 * code fences, table rows, tag lines (`@example` and the like) and indented code are left alone.
 */
export function wrapDoc(text: string, width: number): string[] {
  const out: string[] = [];
  let fenced = false;
  for (const line of text.split("\n")) {
    if (line.trimStart().startsWith("```")) fenced = !fenced;
    if (fenced || line.length <= width || /^(\s*\||@|\s{4})/.test(line) || line.trimStart().startsWith("```")) {
      out.push(line);
      continue;
    }
    const indent = /^(\s*(?:[-*+]|\d+\.)?\s*)/.exec(line)?.[1] ?? "";
    const continuation = " ".repeat(indent.length);
    let current = "";
    for (const word of line.slice(indent.length).split(" ")) {
      if (current !== "" && current.length + 1 + word.length > width) {
        out.push(current);
        current = continuation + word;
      } else {
        current = current === "" ? indent + word : `${current} ${word}`;
      }
    }
    out.push(current);
  }
  return out;
}

/** Writes a JSDoc block for `text` (already comment-safe), if any; prose is wrapped to 100 columns. */
export function writeDoc(writer: CodeBlockWriter, text: string | undefined): void {
  if (text === undefined) return;
  const width = Math.max(40, DOC_WIDTH - writer.getIndentationLevel() * 2 - 3);
  const lines = wrapDoc(text, width);
  if (lines.length === 1) {
    writer.writeLine(`/** ${lines[0]} */`);
    return;
  }
  writer.writeLine("/**");
  for (const line of lines) writer.writeLine(line === "" ? " *" : ` * ${line}`);
  writer.writeLine(" */");
}

/** Runs a write function into a fresh writer and returns the text (two-space indent, `\n`). */
export function render(write: Write): string {
  const writer = new CodeBlockWriter({ indentNumberOfSpaces: 2, newLine: "\n", useSingleQuote: false });
  write(writer);
  return writer.toString();
}
