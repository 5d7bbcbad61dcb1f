import { isObject } from "../context.js";
import type { Resolver } from "../resolver.js";
import { type ConversionContext, createContext } from "./context.js";
import { carryExtensions } from "./extensions.js";
import type { Json } from "./json.js";
import type { OriginMap } from "./origins.js";
import { convertPaths } from "./paths.js";
import { convertDefinitions } from "./schemas.js";
import { convertSecuritySchemes, copySecurity } from "./security.js";
import { convertServers } from "./servers.js";

/** The result of converting a Swagger 2.0 document: an OpenAPI 3.0 document and where its parts came from. */
export interface ConvertedDocument {
  readonly document: Json;
  readonly origins: OriginMap;
}

/**
 * Converts a loaded Swagger 2.0 document into an equivalent OpenAPI 3.0 document. Pure: builds new
 * objects and never mutates the input (unchanged leaf values such as `enum` lists and examples are
 * shared, read-only). Every `$ref` is resolved through `resolver` while converting, so a dangling
 * one is reported at its original location, and rewritten to the converted document:
 * `#/definitions/X` becomes `#/components/schemas/X`; any other schema target (another file, or
 * elsewhere in this one) is copied into `components.schemas` under a free name taken from its
 * pointer; parameter, response and path-item references are inlined, because their 3.0 form depends
 * on the operation using them (`consumes`/`produces`, body vs. form vs. plain parameters).
 */
export function swagger2ToOpenApi3(resolver: Resolver): ConvertedDocument {
  const ctx = createContext(resolver);
  return { document: assembleDocument(ctx), origins: ctx.origins };
}

/**
 * The 3.0 document, section by section in its key order. Definitions are converted before paths,
 * so that their names are reserved before any other schema is copied in.
 */
function assembleDocument(ctx: ConversionContext): Json {
  const root = ctx.root;
  const document: Json = { openapi: "3.0.3", info: isObject(root.info) ? { ...root.info } : {} };
  if (Array.isArray(root.tags)) document.tags = root.tags.map((t) => (isObject(t) ? { ...t } : t));
  if (isObject(root.externalDocs)) document.externalDocs = { ...root.externalDocs };
  document.servers = convertServers(root);
  // The server URL comes from host/basePath: point messages about it there.
  const from = typeof root.host === "string" ? "/host" : "/basePath";
  ctx.origins.set("/servers/0/url", { file: ctx.file, pointer: from });
  const definitions = convertDefinitions(ctx);
  document.paths = convertPaths(ctx);
  document.components = convertComponents(ctx, definitions);
  if (Array.isArray(root.security)) document.security = copySecurity(root.security);
  carryExtensions(ctx, { value: root, file: ctx.file, pointer: "" }, document, "");
  return document;
}

/** `components`: converted definitions then the schemas copied in while converting paths, and security schemes. */
function convertComponents(ctx: ConversionContext, definitions: Json): Json {
  const components: Json = { schemas: { ...definitions, ...ctx.hoisted } };
  const securitySchemes = convertSecuritySchemes(ctx);
  if (securitySchemes) components.securitySchemes = securitySchemes;
  return components;
}
