import { joinPointer } from "../../util/errors.js";
import { child, type Located, location } from "../located.js";
import type { ConversionContext } from "./context.js";
import { type Json, put } from "./json.js";

const DEFAULT_MEDIA_TYPE = "application/json";

/** `consumes`/`produces` of an operation: its own, else the document's, else JSON; de-duplicated. */
export function mediaTypes(own: unknown, global: unknown): string[] {
  for (const list of [own, global]) {
    if (!Array.isArray(list)) continue;
    const types = [...new Set(list.filter((m): m is string => typeof m === "string" && m.trim() !== ""))];
    // An empty operation-level list clears the global one.
    return types.length > 0 ? types : [DEFAULT_MEDIA_TYPE];
  }
  return [DEFAULT_MEDIA_TYPE];
}

/**
 * A 3.0 `content` map giving each media type the same `schema` (or none when it is undefined), for
 * the 2.0 body parameter or response at `at`, converted to `converted`. Each schema's origin is
 * recorded as the `schema` of `at`.
 */
export function schemaContent(
  ctx: ConversionContext,
  at: Located,
  schema: unknown,
  types: string[],
  converted: string,
): Json {
  const content: Json = {};
  for (const mediaType of types) {
    ctx.origins.set(joinPointer(converted, "content", mediaType, "schema"), location(child(at, undefined, "schema")));
    put(content, mediaType, schema === undefined ? {} : { schema });
  }
  return content;
}
