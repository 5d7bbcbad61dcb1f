import type { ApiModel, Doc, HttpMethod, Operation, Webhook } from "../../ir/types.js";
import { joinPointer, SpecError } from "../../util/errors.js";
import { isObject, type ParseContext } from "../context.js";
import type { Draft } from "../draft.js";
import { readClientConventions } from "../extensions/client.js";
import { type LocatedOperation, readPoll } from "../extensions/poll.js";
import { deref, type Located } from "../located.js";
import { namedRef } from "../schema/index.js";
import { convertRequestBody } from "./bodies.js";
import { convertOperation } from "./operations.js";
import { convertSecurity, convertSecuritySchemes } from "./security.js";
import { convertServers, isAbsoluteUrl, operationServers } from "./servers.js";
import { operationDoc, warn } from "./support.js";

export { groupFromPath } from "./operations.js";

const METHODS: readonly HttpMethod[] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
/** OpenAPI 3.2's path items also have `query`. */
const METHODS_32: readonly HttpMethod[] = [...METHODS, "query"];

/**
 * The OpenAPI 3.0/3.1 adapter: converts a document into the IR (names not yet allocated).
 * Beside this file: operations, parameters, bodies (requests and responses), security, servers.
 */
export function convertV3(ctx: ParseContext, specVersion: string): ApiModel {
  const { root: loaded } = ctx.resolver;
  const root = loaded.root as Record<string, unknown>;
  const file = loaded.file;
  const info = isObject(root.info) ? root.info : {};
  const components = isObject(root.components) ? root.components : {};

  // Component schemas first, in document order, so they keep their own names.
  const schemas = isObject(components.schemas) ? components.schemas : {};
  for (const [name, value] of Object.entries(schemas)) {
    namedRef(ctx, { value, file, pointer: joinPointer("/components/schemas", name) }, name);
  }

  const servers = convertServers(root.servers);
  const converted: LocatedOperation[] = [];
  forEachOperation(ctx, root.paths, "/paths", (path, method, itemAt, opAt) => {
    const operation = convertOperation(ctx, path, method, itemAt, opAt);
    const own = operationServers(ctx, itemAt, opAt, servers);
    converted.push({ operation: own ? { ...operation, servers: own } : operation, at: opAt });
  });
  // Extensions that name other operations, read once every operation is known.
  const operations = converted.map((entry): Operation => {
    const poll = readPoll(entry, converted, ctx.types);
    return poll ? { ...entry.operation, poll } : entry.operation;
  });

  const webhooks: Webhook[] = [];
  forEachOperation(ctx, root.webhooks, "/webhooks", (name, method, _itemAt, opAt) => {
    const hook: Draft<Webhook> = { name, method, doc: operationDoc(opAt.value as Record<string, unknown>) };
    const content = convertRequestBody(ctx, opAt)?.contents[0];
    if (content) hook.body = content.type;
    webhooks.push(hook);
  });

  const first = servers[0]?.url;
  if (first !== undefined && !isAbsoluteUrl(first)) {
    warn(
      ctx,
      `The server URL "${first}" is relative: outside a browser, pass \`baseUrl\` to createClient`,
      "/servers/0/url",
    );
  }

  const doc: Draft<Doc> = {};
  if (typeof info.description === "string") doc.description = info.description;
  const conventions = readClientConventions(root, file);
  return {
    title: typeof info.title === "string" ? info.title : "API",
    version: typeof info.version === "string" ? info.version : String(info.version ?? ""),
    specVersion,
    doc,
    servers,
    securitySchemes: convertSecuritySchemes(ctx, components.securitySchemes),
    security: convertSecurity(root.security) ?? [],
    types: ctx.types,
    operations,
    tagDescriptions: tagDescriptions(root.tags),
    webhooks,
    ...(conventions === undefined ? {} : { conventions }),
  };
}

/** Calls `visit` for each operation of a map of path items (paths or webhooks), in document order. */
function forEachOperation(
  ctx: ParseContext,
  items: unknown,
  base: string,
  visit: (key: string, method: HttpMethod, itemAt: Located, opAt: Located) => void,
): void {
  const file = ctx.resolver.root.file;
  if (items === undefined) return;
  if (!isObject(items)) {
    throw new SpecError(
      `\`${base.slice(1)}\` must be an object`,
      { file, pointer: base },
      { hint: "Map each path to a path item object." },
    );
  }
  for (const [key, rawItem] of Object.entries(items)) {
    if (key.startsWith("x-")) continue;
    const itemAt = deref(ctx, { value: rawItem, file, pointer: joinPointer(base, key) });
    if (!isObject(itemAt.value)) {
      throw new SpecError(
        "A path item must be an object",
        { file: itemAt.file, pointer: itemAt.pointer },
        {
          hint: "Give the path an object with its operations (get, post, ...).",
        },
      );
    }
    if (isObject(itemAt.value.additionalOperations)) {
      for (const name of Object.keys(itemAt.value.additionalOperations)) {
        warn(
          ctx,
          `The ${JSON.stringify(name)} operation of ${key} (additionalOperations) is left out: Codegen generates the standard methods and QUERY`,
          joinPointer(itemAt.pointer, "additionalOperations", name),
          itemAt.file,
        );
      }
    }
    for (const method of ctx.openapi === "3.2" ? METHODS_32 : METHODS) {
      const op = itemAt.value[method];
      if (op === undefined) continue;
      const opAt = { value: op, file: itemAt.file, pointer: joinPointer(itemAt.pointer, method) };
      if (!isObject(op)) {
        throw new SpecError(
          "An operation must be an object",
          { file: opAt.file, pointer: opAt.pointer },
          {
            hint: "Give the operation its `responses` (and parameters, requestBody, ...).",
          },
        );
      }
      visit(key, method, itemAt, opAt);
    }
  }
}

function tagDescriptions(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(value)) return out;
  for (const tag of value) {
    if (isObject(tag) && typeof tag.name === "string" && typeof tag.description === "string")
      out[tag.name] = tag.description;
  }
  return out;
}
