import { joinPointer } from "../../util/errors.js";
import { isObject } from "../context.js";
import { child, deref, type Located, location } from "../located.js";
import { schemaContent } from "./content.js";
import type { ConversionContext } from "./context.js";
import { type Json, put } from "./json.js";
import { convertSchema } from "./schemas.js";

/**
 * The 3.0 `responses` of the operation at `opAt`, converted to `converted` (refs inlined, `x-*`
 * keys dropped). `produces` is the operation's list of media types.
 */
export function convertResponses(ctx: ConversionContext, opAt: Located, produces: string[], converted: string): Json {
  const op = opAt.value as Json;
  const out: Json = {};
  if (!isObject(op.responses)) return out;
  for (const [status, raw] of Object.entries(op.responses)) {
    if (status.startsWith("x-")) continue;
    const pointer = joinPointer(converted, status);
    const at = deref(ctx, child(opAt, raw, "responses", status));
    ctx.origins.set(pointer, location(at));
    put(out, status, convertResponse(ctx, at, produces, pointer));
  }
  return out;
}

/** One response, its schema under every produced media type; a non-object passes through as is. */
function convertResponse(ctx: ConversionContext, at: Located, produces: string[], converted: string): unknown {
  const r = at.value;
  if (!isObject(r)) return r;
  // Response headers and examples have no use in the client and are dropped.
  const response: Json = { description: typeof r.description === "string" ? r.description : "" };
  if (r.schema !== undefined) {
    const schema = convertSchema(ctx, child(at, r.schema, "schema"));
    response.content = schemaContent(ctx, at, schema, produces, converted);
  }
  return response;
}
