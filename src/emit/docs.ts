import type { Doc } from "../ir/types.js";
import { commentText, docValue } from "../util/escape.js";

/** Extra JSDoc tags an emitter wants beside the spec's documentation. */
export type DocTag = [tag: string, text: string];

/** The text of a JSDoc block (without `/**` and `*\/`), comment-safe; undefined when empty. */
export function docText(doc: Doc, tags: DocTag[] = []): string | undefined {
  const paragraphs: string[] = [];
  if (doc.title && doc.title !== doc.description) paragraphs.push(commentText(doc.title));
  if (doc.summary && doc.summary !== doc.description) paragraphs.push(commentText(doc.summary));
  if (doc.description) paragraphs.push(commentText(doc.description));
  const lines: string[] = [];
  // `binary` is already said by the `Blob` type.
  if (doc.format && doc.format !== "binary") lines.push(`@format ${commentText(doc.format)}`);
  for (const [key, value] of Object.entries(doc.constraints ?? {})) lines.push(`@${key} ${commentText(String(value))}`);
  if (doc.default !== undefined) lines.push(`@default ${docValue(doc.default)}`);
  for (const example of doc.examples ?? []) lines.push(`@example ${docValue(example)}`);
  for (const [tag, text] of tags) lines.push(`@${tag}${text ? ` ${commentText(text)}` : ""}`);
  if (doc.deprecated) lines.push("@deprecated");
  const body = [...paragraphs.filter((p) => p !== ""), ...(lines.length > 0 ? [lines.join("\n")] : [])].join("\n\n");
  return body === "" ? undefined : body;
}
