import type {
  ApiModel,
  Doc,
  HttpMethod,
  Operation,
  Parameter,
  ParameterLocation,
  ParameterStyle,
  RequestBody,
  RequestBodyContent,
  Response,
  ResponseContent,
  SecuritySchemeEntry,
  Server,
  TypeExpr,
} from "../../ir/types.js";
import { SpecError, joinPointer } from "../../util/errors.js";
import { isObject, type ParseContext } from "../context.js";
import { baseMediaType, requestBodyKind, responseKind } from "../media.js";
import { convertSchema, namedRef, schemaDoc, type SchemaAt } from "../schema/index.js";

const METHODS: readonly HttpMethod[] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const LOCATIONS = new Set<ParameterLocation>(["path", "query", "header", "cookie"]);
const STYLES = new Set<ParameterStyle>(["form", "simple", "label", "matrix", "spaceDelimited", "pipeDelimited", "deepObject"]);

/** Converts an OpenAPI 3.0/3.1 document into the IR (names not yet allocated). */
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

  const operations: Operation[] = [];
  forEachOperation(ctx, root.paths, "/paths", (path, method, itemAt, opAt) => {
    operations.push(convertOperation(ctx, path, method, itemAt, opAt));
  });

  const webhooks: ApiModel["webhooks"] = [];
  forEachOperation(ctx, root.webhooks, "/webhooks", (name, method, _itemAt, opAt) => {
    const hook: ApiModel["webhooks"][number] = { name, typeName: "", method, doc: operationDoc(opAt.value as Record<string, unknown>) };
    const content = convertRequestBody(ctx, opAt)?.contents[0];
    if (content) hook.body = content.type;
    webhooks.push(hook);
  });

  const servers = convertServers(root.servers);
  const first = servers[0]?.url;
  if (first !== undefined && !/^[a-z][a-z0-9+.-]*:\/\//i.test(first)) {
    warn(ctx, `The server URL "${first}" is relative: outside a browser, pass \`baseUrl\` to createClient`, "/servers/0/url");
  }

  const doc: Doc = {};
  if (typeof info.description === "string") doc.description = info.description;
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
    groups: [],
    tagDescriptions: tagDescriptions(root.tags),
    webhooks,
  };
}

/**
 * The module of an untagged operation: its first path segment that is neither a parameter nor a
 * version or API prefix (`/v1/customers/{id}` -> `customers`), else "default".
 */
export function groupFromPath(path: string): string {
  const segment = path
    .split("/")
    .find((s) => s !== "" && !s.includes("{") && !/^(v\d+(\.\d+)*|api|rest)$/i.test(s));
  return segment ?? "default";
}

/** Calls `visit` for each operation of a map of path items (paths or webhooks), in document order. */
function forEachOperation(
  ctx: ParseContext,
  items: unknown,
  base: string,
  visit: (key: string, method: HttpMethod, itemAt: SchemaAt, opAt: SchemaAt) => void,
): void {
  const file = ctx.resolver.root.file;
  if (items === undefined) return;
  if (!isObject(items)) {
    throw new SpecError(`\`${base.slice(1)}\` must be an object`, { file, pointer: base }, { hint: "Map each path to a path item object." });
  }
  for (const [key, rawItem] of Object.entries(items)) {
    if (key.startsWith("x-")) continue;
    const itemAt = deref(ctx, { value: rawItem, file, pointer: joinPointer(base, key) });
    if (!isObject(itemAt.value)) {
      throw new SpecError("A path item must be an object", { file: itemAt.file, pointer: itemAt.pointer }, {
        hint: "Give the path an object with its operations (get, post, ...).",
      });
    }
    for (const method of METHODS) {
      const op = itemAt.value[method];
      if (op === undefined) continue;
      const opAt = { value: op, file: itemAt.file, pointer: joinPointer(itemAt.pointer, method) };
      if (!isObject(op)) {
        throw new SpecError("An operation must be an object", { file: opAt.file, pointer: opAt.pointer }, {
          hint: "Give the operation its `responses` (and parameters, requestBody, ...).",
        });
      }
      visit(key, method, itemAt, opAt);
    }
  }
}

/** Follows `$ref`s (of non-schema objects) until a plain object is reached. */
export function deref(ctx: ParseContext, at: SchemaAt): SchemaAt {
  return ctx.resolver.follow(at);
}

function tagDescriptions(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(value)) return out;
  for (const tag of value) {
    if (isObject(tag) && typeof tag.name === "string" && typeof tag.description === "string") out[tag.name] = tag.description;
  }
  return out;
}

function convertServers(value: unknown): Server[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).flatMap((s): Server[] => {
    if (typeof s.url !== "string") return [];
    let url = s.url;
    // Substitute server variables with their defaults.
    if (isObject(s.variables)) {
      for (const [name, variable] of Object.entries(s.variables)) {
        if (isObject(variable) && variable.default !== undefined) url = url.replaceAll(`{${name}}`, String(variable.default));
      }
    }
    return typeof s.description === "string" ? [{ url, description: s.description }] : [{ url }];
  });
}

/** Records a warning at a pointer of the root file. */
function warn(ctx: ParseContext, message: string, pointer: string, file = ctx.resolver.root.file): void {
  ctx.warnings.push({ message, location: { file, pointer } });
}

function convertSecuritySchemes(ctx: ParseContext, value: unknown): SecuritySchemeEntry[] {
  if (!isObject(value)) return [];
  const out: SecuritySchemeEntry[] = [];
  for (const [key, raw] of Object.entries(value)) {
    const { value: s } = deref(ctx, { value: raw, file: ctx.resolver.root.file, pointer: joinPointer("/components/securitySchemes", key) });
    if (!isObject(s)) continue;
    const description = typeof s.description === "string" ? s.description : undefined;
    let entry: SecuritySchemeEntry | undefined;
    if (s.type === "http") {
      const scheme = String(s.scheme ?? "").toLowerCase();
      if (scheme !== "basic" && scheme !== "bearer") {
        warn(ctx, `HTTP auth scheme "${String(s.scheme)}" of "${key}" is sent as a bearer token`, joinPointer("/components/securitySchemes", key, "scheme"));
      }
      entry = { key, scheme: { type: "http", scheme: scheme === "basic" ? "basic" : "bearer" } };
    } else if (s.type === "apiKey" && typeof s.name === "string" && (s.in === "header" || s.in === "query" || s.in === "cookie")) {
      entry = { key, scheme: { type: "apiKey", in: s.in, name: s.name } };
    } else if (s.type === "oauth2" || s.type === "openIdConnect") {
      entry = { key, scheme: { type: s.type } };
    } else {
      warn(ctx, `Security scheme "${key}" (type ${JSON.stringify(s.type)}) is not supported and is left out`, joinPointer("/components/securitySchemes", key));
    }
    if (entry) out.push(description === undefined ? entry : { ...entry, description });
  }
  return out;
}

function convertSecurity(value: unknown): string[][] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter(isObject).map((req) => Object.keys(req));
}

function operationDoc(op: Record<string, unknown>): Doc {
  const doc: Doc = {};
  if (typeof op.summary === "string") doc.summary = op.summary;
  if (typeof op.description === "string") doc.description = op.description;
  if (op.deprecated === true) doc.deprecated = true;
  return doc;
}

function convertOperation(ctx: ParseContext, path: string, method: HttpMethod, itemAt: SchemaAt, opAt: SchemaAt): Operation {
  const op = opAt.value as Record<string, unknown>;
  const item = itemAt.value as Record<string, unknown>;
  const tags = Array.isArray(op.tags) ? op.tags.filter((t): t is string => typeof t === "string") : [];

  // Path-level parameters, overridden by operation-level ones with the same name and location.
  const byKey = new Map<string, Parameter>();
  for (const [owner, list] of [
    [itemAt, item.parameters],
    [opAt, op.parameters],
  ] as const) {
    if (!Array.isArray(list)) continue;
    list.forEach((raw, i) => {
      const param = convertParameter(ctx, { value: raw, file: owner.file, pointer: joinPointer(owner.pointer, "parameters", i) });
      if (param) byKey.set(`${param.in}:${param.name}`, param);
    });
  }
  // Path template names without a declared parameter still need a value.
  for (const match of path.matchAll(/\{([^}]+)\}/g)) {
    const name = match[1] as string;
    if (!byKey.has(`path:${name}`)) {
      warn(ctx, `Path parameter "${name}" of ${method.toUpperCase()} ${path} is not declared; it is typed as a required string`, opAt.pointer, opAt.file);
      byKey.set(`path:${name}`, {
        name,
        in: "path",
        required: true,
        type: { kind: "string" },
        style: "simple",
        explode: false,
        allowReserved: false,
        json: false,
        doc: {},
      });
    }
  }

  const operation: Operation = {
    operationId: typeof op.operationId === "string" && op.operationId.trim() !== "" ? op.operationId : "",
    name: "",
    typeNames: { params: "", response: "", error: "", event: "" },
    method,
    path,
    group: tags[0] ?? groupFromPath(path),
    tags,
    doc: operationDoc(op),
    parameters: [...byKey.values()],
    responses: convertResponses(ctx, opAt),
  };
  const body = convertRequestBody(ctx, opAt);
  if (body) operation.requestBody = body;
  const security = convertSecurity(op.security);
  if (security) operation.security = security;
  return operation;
}

function convertParameter(ctx: ParseContext, raw: SchemaAt): Parameter | undefined {
  const at = deref(ctx, raw);
  const p = at.value;
  if (!isObject(p) || typeof p.name !== "string" || !LOCATIONS.has(p.in as ParameterLocation)) {
    throw new SpecError("Invalid parameter: it needs a `name` and `in` (path, query, header or cookie)", { file: at.file, pointer: at.pointer }, {
      hint: "Fix or remove the parameter.",
    });
  }
  const location = p.in as ParameterLocation;
  // Content-type headers are set by the client itself.
  if (location === "header" && /^(accept|content-type|authorization)$/i.test(p.name)) {
    warn(ctx, `Header parameter "${p.name}" is left out: the client sets it (from the media types and the security schemes)`, at.pointer, at.file);
    return undefined;
  }
  const defaultStyle: ParameterStyle = location === "query" || location === "cookie" ? "form" : "simple";
  const style = STYLES.has(p.style as ParameterStyle) ? (p.style as ParameterStyle) : defaultStyle;
  let type: TypeExpr = { kind: "unknown" };
  let json = false;
  if (p.schema !== undefined) {
    type = convertSchema(ctx, { value: p.schema, file: at.file, pointer: joinPointer(at.pointer, "schema") });
  } else if (isObject(p.content)) {
    const [mediaType, media] = Object.entries(p.content)[0] ?? [];
    if (mediaType !== undefined && isObject(media)) {
      type = convertSchema(ctx, { value: media.schema, file: at.file, pointer: joinPointer(at.pointer, "content", mediaType, "schema") });
      json = requestBodyKind(mediaType) === "json";
    }
  }
  const doc = { ...schemaDoc(p.schema), ...operationDoc(p) };
  if (p.example !== undefined) doc.examples = [p.example as never];
  return {
    name: p.name,
    in: location,
    required: location === "path" ? true : p.required === true,
    type,
    style,
    explode: typeof p.explode === "boolean" ? p.explode : style === "form",
    allowReserved: p.allowReserved === true,
    json,
    doc,
  };
}

function convertRequestBody(ctx: ParseContext, opAt: SchemaAt): RequestBody | undefined {
  const op = opAt.value as Record<string, unknown>;
  if (op.requestBody === undefined) return undefined;
  const at = deref(ctx, { value: op.requestBody, file: opAt.file, pointer: joinPointer(opAt.pointer, "requestBody") });
  const body = at.value;
  if (!isObject(body) || !isObject(body.content)) return undefined;
  const contents: RequestBodyContent[] = [];
  for (const [mediaType, media] of Object.entries(body.content)) {
    if (!isObject(media)) continue;
    const schemaAt = { value: media.schema, file: at.file, pointer: joinPointer(at.pointer, "content", mediaType, "schema") };
    let kind = requestBodyKind(mediaType);
    // A wildcard media type with a structured schema is JSON in practice (e.g. Kubernetes' `*/*`).
    const wildcard = /^(\*\/\*|application\/\*)$/.test(baseMediaType(mediaType));
    if (kind === "binary" && wildcard && media.schema !== undefined && !isBinarySchema(media.schema)) kind = "json";
    let type: TypeExpr;
    if (kind === "binary") type = { kind: "blob" };
    else if (kind === "text") type = { kind: "string" };
    else type = convertSchema(ctx, schemaAt);
    const encoding: RequestBodyContent["encoding"] = [];
    if (isObject(media.encoding)) {
      for (const [property, enc] of Object.entries(media.encoding)) {
        if (isObject(enc) && typeof enc.contentType === "string") encoding.push({ property, contentType: enc.contentType });
      }
    }
    contents.push({ mediaType: wildcard && kind === "json" ? "application/json" : mediaType, kind, type, encoding });
  }
  if (contents.length === 0) return undefined;
  const doc: Doc = {};
  if (typeof body.description === "string") doc.description = body.description;
  return { required: body.required === true, contents, doc };
}

function convertResponses(ctx: ParseContext, opAt: SchemaAt): Response[] {
  const op = opAt.value as Record<string, unknown>;
  if (!isObject(op.responses)) return [];
  const out: Response[] = [];
  for (const [status, raw] of Object.entries(op.responses)) {
    const at = deref(ctx, { value: raw, file: opAt.file, pointer: joinPointer(opAt.pointer, "responses", status) });
    const r = at.value;
    if (!isObject(r)) continue;
    const contents: ResponseContent[] = [];
    if (isObject(r.content)) {
      for (const [mediaType, media] of Object.entries(r.content)) {
        if (!isObject(media)) continue;
        const schemaAt = { value: media.schema, file: at.file, pointer: joinPointer(at.pointer, "content", mediaType, "schema") };
        contents.push(convertResponseContent(ctx, mediaType, schemaAt));
      }
    }
    const response: Response = { status: status.toUpperCase(), contents };
    if (typeof r.description === "string") response.description = r.description;
    out.push(response);
  }
  return out;
}

/** True for a schema that describes raw bytes. */
function isBinarySchema(schema: unknown): boolean {
  return isObject(schema) && (schema.format === "binary" || schema.type === "file");
}

function convertResponseContent(ctx: ParseContext, mediaType: string, schemaAt: SchemaAt): ResponseContent {
  let kind = responseKind(mediaType);
  const base = baseMediaType(mediaType);
  const schema = schemaAt.value;
  // `*/*` and friends are usually JSON in practice unless the schema says bytes.
  if (kind === "blob" && (base === "*/*" || base === "application/*") && schema !== undefined && !isBinarySchema(schema)) kind = "json";
  switch (kind) {
    case "blob":
      return { mediaType, kind, type: { kind: "blob" } };
    case "text":
      return { mediaType, kind, type: { kind: "string" } };
    case "sse":
      return { mediaType, kind, type: schema === undefined ? { kind: "string" } : convertSchema(ctx, schemaAt) };
    default:
      return { mediaType, kind, type: convertSchema(ctx, schemaAt) };
  }
}
