import type { Doc, TypeExpr } from "../ir/types.js";
import { commentText, docValue } from "../util/escape.js";

/** Extra JSDoc tags an emitter wants beside the spec's documentation. */
export type DocTag = [tag: string, text: string];

/** The format to show: the type's (a string, number or integer type carries its own), else the Doc's. */
export function shownFormat(doc: Doc, type: TypeExpr | undefined): string | undefined {
  return type !== undefined && "format" in type && type.format !== undefined ? type.format : doc.format;
}

/**
 * The text of a JSDoc block (without `/**` and `*\/`), comment-safe; undefined when empty. `type`
 * is the type the documentation is beside, whose format the block shows.
 */
export function docText(doc: Doc, tags: DocTag[] = [], type?: TypeExpr): string | undefined {
  const paragraphs: string[] = [];
  if (doc.title && doc.title !== doc.description) paragraphs.push(commentText(doc.title));
  if (doc.summary && doc.summary !== doc.description) paragraphs.push(commentText(doc.summary));
  if (doc.description) paragraphs.push(commentText(doc.description));
  const lines: string[] = [];
  // `binary` is already said by the `Blob` type.
  const format = shownFormat(doc, type);
  if (format && format !== "binary") lines.push(`@format ${commentText(format)}`);
  for (const [key, value] of Object.entries(doc.constraints ?? {})) lines.push(`@${key} ${commentText(String(value))}`);
  if (doc.default !== undefined) lines.push(`@default ${docValue(doc.default)}`);
  for (const example of doc.examples ?? []) lines.push(`@example ${docValue(example)}`);
  for (const [tag, text] of tags) lines.push(`@${tag}${text ? ` ${commentText(text)}` : ""}`);
  if (doc.deprecated) lines.push("@deprecated");
  const body = [...paragraphs.filter((p) => p !== ""), ...(lines.length > 0 ? [lines.join("\n")] : [])].join("\n\n");
  return body === "" ? undefined : body;
}
