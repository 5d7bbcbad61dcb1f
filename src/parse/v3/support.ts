import type { Doc } from "../../ir/types.js";
import { isObject, type ParseContext } from "../context.js";
import type { Draft } from "../draft.js";

/** Records a warning at a pointer of the root file. */
export function warn(ctx: ParseContext, message: string, pointer: string, file = ctx.resolver.root.file): void {
  ctx.warnings.push({ message, location: { file, pointer } });
}

/** The summary, description and deprecation of an operation or parameter. */
export function operationDoc(op: Record<string, unknown>): Doc {
  const doc: Draft<Doc> = {};
  if (typeof op.summary === "string") doc.summary = op.summary;
  if (typeof op.description === "string") doc.description = op.description;
  if (op.deprecated === true) doc.deprecated = true;
  return doc;
}

/** True for a schema that describes raw bytes. */
export function isBinarySchema(schema: unknown): boolean {
  return isObject(schema) && (schema.format === "binary" || schema.type === "file");
}
