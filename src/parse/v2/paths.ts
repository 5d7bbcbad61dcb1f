import { joinPointer } from "../../util/errors.js";
import { isObject } from "../context.js";
import { PAGINATION_EXTENSION } from "../extensions/pagination.js";
import { child, deref, type Located, location } from "../located.js";
import { mediaTypes } from "./content.js";
import { type ConversionContext, rootAt } from "./context.js";
import { carryExtensions } from "./extensions.js";
import { type Json, put } from "./json.js";
import { convertParameters, operationParameters } from "./parameters.js";
import { convertRequestBody } from "./request-bodies.js";
import { convertResponses } from "./responses.js";
import { copySecurity } from "./security.js";
import { operationServers } from "./servers.js";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch"] as const;

/** The 3.0 `paths`: each path item (refs inlined) with its operations; `x-*` keys dropped. */
export function convertPaths(ctx: ConversionContext): Json {
  const out: Json = {};
  const paths = isObject(ctx.root.paths) ? ctx.root.paths : {};
  for (const [path, raw] of Object.entries(paths)) {
    if (path.startsWith("x-")) continue;
    const converted = joinPointer("/paths", path);
    const itemAt = deref(ctx, rootAt(ctx, raw, converted));
    ctx.origins.set(converted, location(itemAt));
    if (isObject(itemAt.value)) put(out, path, convertPathItem(ctx, itemAt, converted));
  }
  return out;
}

/** The operations of a path item, converted to `converted`; its other keys are dropped. */
function convertPathItem(ctx: ConversionContext, itemAt: Located, converted: string): Json {
  const out: Json = {};
  for (const [method, op] of Object.entries(itemAt.value as Json)) {
    if (!(METHODS as readonly string[]).includes(method) || !isObject(op)) continue;
    out[method] = convertOperation(ctx, itemAt, child(itemAt, op, method), joinPointer(converted, method));
  }
  return out;
}

/** One operation of the path item at `itemAt`, converted to `converted`. */
function convertOperation(ctx: ConversionContext, itemAt: Located, opAt: Located, converted: string): Json {
  const op = opAt.value as Json;
  ctx.origins.set(converted, location(opAt));
  const out = operationInfo(op);
  const params = operationParameters(ctx, itemAt, opAt);
  out.parameters = convertParameters(ctx, params.plain, converted);
  const consumes = mediaTypes(op.consumes, ctx.root.consumes);
  const requestBody = convertRequestBody(ctx, params, consumes, joinPointer(converted, "requestBody"));
  if (requestBody) out.requestBody = requestBody;
  const produces = mediaTypes(op.produces, ctx.root.produces);
  out.responses = convertResponses(ctx, opAt, produces, joinPointer(converted, "responses"));
  if (Array.isArray(op.security)) out.security = copySecurity(op.security);
  carryExtensions(ctx, opAt, out, converted);
  const servers = operationServers(ctx.root, op);
  if (servers) {
    out.servers = servers;
    ctx.origins.set(joinPointer(converted, "servers", 0, "url"), location(child(opAt, op.schemes, "schemes")));
  }
  return out;
}

/** The descriptive fields of an operation and Codegen's own extensions (`x-codegen-*`), copied. */
function operationInfo(op: Json): Json {
  const out: Json = {};
  if (Array.isArray(op.tags)) out.tags = [...op.tags];
  for (const key of ["summary", "description", "operationId", "deprecated"] as const) {
    if (op[key] !== undefined) out[key] = op[key];
  }
  for (const key of Object.keys(op)) {
    if (key.startsWith("x-codegen-")) out[key] = op[key];
  }
  if (isObject(op.externalDocs)) out.externalDocs = { ...op.externalDocs };
  // Codegen's own extension carries over (its errors point back at the 2.0 operation).
  if (op[PAGINATION_EXTENSION] !== undefined) out[PAGINATION_EXTENSION] = op[PAGINATION_EXTENSION];
  return out;
}
