/**
 * Codegen's own extensions (`x-codegen-*`, usually added by an overlay) are carried from a Swagger
 * 2.0 object to its 3.0 conversion unchanged, with their origins, so they mean the same in both
 * versions and errors in them point at the 2.0 document.
 */
import { joinPointer } from "../../util/errors.js";
import { child, type Located, location } from "../located.js";
import type { ConversionContext } from "./context.js";
import type { Json } from "./json.js";

/** Copies `at`'s `x-codegen-*` fields into `out` (converted to the pointer `converted`). */
export function carryExtensions(ctx: ConversionContext, at: Located, out: Json, converted: string): void {
  const value = at.value as Json;
  for (const key of Object.keys(value)) {
    if (!key.startsWith("x-codegen-")) continue;
    out[key] = value[key];
    ctx.origins.set(joinPointer(converted, key), location(child(at, value[key], key)));
  }
}
