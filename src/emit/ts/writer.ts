import { CodeBlockWriter } from "ts-morph";

/** A function that writes code with ts-morph's CodeBlockWriter. */
export type Write = (writer: CodeBlockWriter) => void;

/** Writes a JSDoc block for `text` (already comment-safe), if any. */
export function writeDoc(writer: CodeBlockWriter, text: string | undefined): void {
  if (text === undefined) return;
  const lines = text.split("\n");
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
