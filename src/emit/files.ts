import type { GeneratedFile } from "../util/files.js";

/** `\n` line endings, no trailing spaces, exactly one final newline, at most one blank line in a row. */
export function normalize(text: string): string {
  return `${text
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim()}\n`;
}

/** The final file list: normalised contents, sorted by path (the output's one deterministic order). */
export function finalizeFiles(files: GeneratedFile[]): GeneratedFile[] {
  return files.map((f) => ({ path: f.path, content: normalize(f.content) })).sort((a, b) => (a.path < b.path ? -1 : 1));
}
