import { SpecError, joinPointer, splitPointer, type SpecLocation } from "../../util/errors.js";
import { isObject } from "../context.js";
import { baseMediaType } from "../media.js";
import type { Resolver } from "../resolver.js";
import { nameFromPointer, type SchemaAt } from "../schema.js";
import { OriginMap } from "./origins.js";

type Json = Record<string, unknown>;

/** The result of converting a Swagger 2.0 document: an OpenAPI 3.0 document and where its parts came from. */
export interface ConvertedDocument {
  readonly document: Json;
  readonly origins: OriginMap;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch"] as const;

/** Keywords of a 2.0 non-body parameter (and of its `items`) that belong in a 3.0 `schema`. */
const PARAMETER_SCHEMA_KEYS = new Set([
  "type",
  "format",
  "items",
  "default",
  "maximum",
  "exclusiveMaximum",
  "minimum",
  "exclusiveMinimum",
  "maxLength",
  "minLength",
  "pattern",
  "maxItems",
  "minItems",
  "uniqueItems",
  "enum",
  "multipleOf",
  "x-nullable",
]);

/** Security flows: 2.0 name -> 3.0 name. */
const OAUTH_FLOWS: Record<string, string> = {
  implicit: "implicit",
  password: "password",
  application: "clientCredentials",
  accessCode: "authorizationCode",
};

const DEFAULT_MEDIA_TYPE = "application/json";

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
  return new Converter(resolver).run();
}

class Converter {
  private readonly file: string;
  private readonly root: Json;
  readonly origins: OriginMap;
  /** Converted definitions, then schemas copied from other locations, in order of discovery. */
  private readonly definitions: Json = {};
  private readonly hoisted: Json = {};
  private readonly hoistedNames = new Map<string, string>();
  private readonly takenNames = new Set<string>();

  constructor(private readonly resolver: Resolver) {
    this.file = resolver.root.file;
    this.root = resolver.root.root as Json;
    this.origins = new OriginMap(this.file);
  }

  run(): ConvertedDocument {
    const root = this.root;
    const document: Json = { openapi: "3.0.3", info: isObject(root.info) ? { ...root.info } : {} };
    if (Array.isArray(root.tags)) document.tags = root.tags.map((t) => (isObject(t) ? { ...t } : t));
    if (isObject(root.externalDocs)) document.externalDocs = { ...root.externalDocs };
    document.servers = this.servers();

    // Definitions first (their names are reserved before any other schema is copied in).
    const definitions = isObject(root.definitions) ? root.definitions : {};
    for (const name of Object.keys(definitions)) this.takenNames.add(name);
    for (const [name, value] of Object.entries(definitions)) {
      const pointer = joinPointer("/definitions", name);
      this.origins.set(joinPointer("/components/schemas", name), { file: this.file, pointer });
      put(this.definitions, name, this.schema({ value, file: this.file, pointer }));
    }

    document.paths = this.paths();

    const components: Json = { schemas: { ...this.definitions, ...this.hoisted } };
    const securitySchemes = this.securitySchemes();
    if (securitySchemes) components.securitySchemes = securitySchemes;
    document.components = components;
    if (Array.isArray(root.security)) document.security = copySecurity(root.security);
    return { document, origins: this.origins };
  }

  // ---- servers and security ------------------------------------------------------------------

  private servers(): Json[] {
    const { schemes, host, basePath } = this.root;
    const scheme = (Array.isArray(schemes) ? schemes.find((s): s is string => typeof s === "string") : undefined) ?? "https";
    let base = typeof basePath === "string" ? basePath.trim().replace(/\/+$/, "") : "";
    if (base !== "" && !base.startsWith("/")) base = `/${base}`;
    if (typeof host === "string" && host.trim() !== "") return [{ url: `${scheme}://${host.trim().replace(/\/+$/, "")}${base}` }];
    return base === "" ? [] : [{ url: base }];
  }

  private securitySchemes(): Json | undefined {
    const defs = this.root.securityDefinitions;
    if (!isObject(defs)) return undefined;
    const out: Json = {};
    for (const [key, raw] of Object.entries(defs)) {
      const pointer = joinPointer("/securityDefinitions", key);
      this.origins.set(joinPointer("/components/securitySchemes", key), { file: this.file, pointer });
      const s = this.deref({ value: raw, file: this.file, pointer }).value;
      if (!isObject(s)) continue;
      let scheme: Json;
      if (s.type === "basic") {
        scheme = { type: "http", scheme: "basic" };
      } else if (s.type === "apiKey") {
        scheme = { type: "apiKey", name: s.name, in: s.in };
      } else if (s.type === "oauth2") {
        const flow: Json = {};
        if (typeof s.authorizationUrl === "string") flow.authorizationUrl = s.authorizationUrl;
        if (typeof s.tokenUrl === "string") flow.tokenUrl = s.tokenUrl;
        flow.scopes = isObject(s.scopes) ? { ...s.scopes } : {};
        const flows: Json = {};
        put(flows, OAUTH_FLOWS[String(s.flow)] ?? "implicit", flow);
        scheme = { type: "oauth2", flows };
      } else {
        continue;
      }
      if (typeof s.description === "string") scheme.description = s.description;
      put(out, key, scheme);
    }
    return out;
  }

  // ---- paths and operations --------------------------------------------------------------------

  private paths(): Json {
    const out: Json = {};
    const paths = isObject(this.root.paths) ? this.root.paths : {};
    for (const [path, raw] of Object.entries(paths)) {
      if (path.startsWith("x-")) continue;
      const converted = joinPointer("/paths", path);
      const itemAt = this.deref({ value: raw, file: this.file, pointer: converted });
      this.origins.set(converted, location(itemAt));
      const item = itemAt.value;
      if (!isObject(item)) continue;
      const outItem: Json = {};
      for (const [method, op] of Object.entries(item)) {
        if (!(METHODS as readonly string[]).includes(method) || !isObject(op)) continue;
        const opAt = { value: op, file: itemAt.file, pointer: joinPointer(itemAt.pointer, method) };
        outItem[method] = this.operation(itemAt, opAt, joinPointer(converted, method));
      }
      put(out, path, outItem);
    }
    return out;
  }

  private operation(itemAt: SchemaAt, opAt: SchemaAt, converted: string): Json {
    const item = itemAt.value as Json;
    const op = opAt.value as Json;
    this.origins.set(converted, location(opAt));
    const out: Json = {};
    if (Array.isArray(op.tags)) out.tags = [...op.tags];
    for (const key of ["summary", "description", "operationId", "deprecated"] as const) {
      if (op[key] !== undefined) out[key] = op[key];
    }
    if (isObject(op.externalDocs)) out.externalDocs = { ...op.externalDocs };

    const { plain, body, form } = this.mergedParameters(itemAt, item, opAt, op);
    out.parameters = plain.map((at, i) => {
      const pointer = joinPointer(converted, "parameters", i);
      this.origins.set(pointer, location(at));
      this.origins.set(joinPointer(pointer, "schema"), location(at));
      return this.parameter(at);
    });
    const consumes = this.mediaTypes(op.consumes, this.root.consumes);
    if (body) out.requestBody = this.bodyRequest(body, consumes, joinPointer(converted, "requestBody"));
    else if (form.length > 0) out.requestBody = this.formRequest(form, consumes, joinPointer(converted, "requestBody"));

    out.responses = this.responses(opAt, this.mediaTypes(op.produces, this.root.produces), joinPointer(converted, "responses"));
    if (Array.isArray(op.security)) out.security = copySecurity(op.security);
    return out;
  }

  /**
   * Path-level parameters then operation-level ones (refs followed), an operation-level parameter
   * replacing the path-level one with the same name and location; split into body, form and plain.
   */
  private mergedParameters(
    itemAt: SchemaAt,
    item: Json,
    opAt: SchemaAt,
    op: Json,
  ): { plain: SchemaAt[]; body: SchemaAt | undefined; form: SchemaAt[] } {
    const merged = new Map<string, SchemaAt>();
    let invalid = 0;
    for (const [owner, list] of [
      [itemAt, item.parameters],
      [opAt, op.parameters],
    ] as const) {
      if (!Array.isArray(list)) continue;
      let bodyHere: SchemaAt | undefined;
      list.forEach((raw, i) => {
        const at = this.deref({ value: raw, file: owner.file, pointer: joinPointer(owner.pointer, "parameters", i) });
        const p = at.value;
        if (!isObject(p) || typeof p.name !== "string" || typeof p.in !== "string") {
          // Passed through as is: the 3.x reader reports it (at this location).
          merged.set(`#invalid${invalid++}`, at);
          return;
        }
        if (p.in === "body") {
          if (bodyHere) {
            throw new SpecError("An operation can have only one `in: body` parameter", location(at), {
              hint: "Merge the body parameters into one schema.",
            });
          }
          bodyHere = at;
        }
        // There is one body whatever its name: an operation-level one replaces a path-level one.
        merged.set(p.in === "body" ? "body" : `${p.in}:${p.name}`, at);
      });
    }
    const plain: SchemaAt[] = [];
    const form: SchemaAt[] = [];
    let body: SchemaAt | undefined;
    for (const at of merged.values()) {
      const where = isObject(at.value) ? at.value.in : undefined;
      if (where === "body") body = at;
      else if (where === "formData") form.push(at);
      else plain.push(at);
    }
    if (body && form[0]) {
      throw new SpecError("An operation cannot have both `in: body` and `in: formData` parameters", location(form[0]), {
        hint: "Use either one body parameter or form parameters.",
      });
    }
    return { plain, body, form };
  }

  /** A 2.0 path/query/header parameter as a 3.0 parameter with a `schema`. */
  private parameter(at: SchemaAt): unknown {
    const p = at.value;
    if (!isObject(p) || typeof p.name !== "string" || typeof p.in !== "string") return p;
    const out: Json = { name: p.name, in: p.in };
    if (typeof p.description === "string") out.description = p.description;
    if (p.required !== undefined) out.required = p.required;
    if (p.deprecated !== undefined) out.deprecated = p.deprecated;
    if (p.allowEmptyValue !== undefined) out.allowEmptyValue = p.allowEmptyValue;
    if (p.type === "array") Object.assign(out, collectionStyle(p.in, p.collectionFormat));
    out.schema = this.parameterSchema(at);
    return out;
  }

  /** The schema of a non-body parameter: its type keywords (or a non-standard `schema`). */
  private parameterSchema(at: SchemaAt): unknown {
    const p = at.value as Json;
    if (p.type === undefined && p.schema !== undefined) return this.schema(child(at, p.schema, "schema"));
    return this.items(at);
  }

  /** Type keywords of a parameter or an `items` object (which nest), as a schema. */
  private items(at: SchemaAt): Json {
    const value = at.value;
    if (!isObject(value)) return {};
    if (typeof value.$ref === "string") return this.schema(at) as Json;
    const out: Json = {};
    let binary = false;
    for (const [key, v] of Object.entries(value)) {
      if (!PARAMETER_SCHEMA_KEYS.has(key)) continue;
      if (key === "items") out.items = this.items(child(at, v, "items"));
      else if (key === "x-nullable") {
        if (v === true) out.nullable = true;
      } else if (key === "type" && v === "file") {
        out.type = "string";
        out.format = "binary";
        binary = true;
      } else if (!(key === "format" && binary)) {
        out[key] = v;
      }
    }
    return out;
  }

  private bodyRequest(at: SchemaAt, mediaTypes: string[], converted: string): Json {
    const p = at.value as Json;
    this.origins.set(converted, location(at));
    const schema = p.schema === undefined ? undefined : this.schema(child(at, p.schema, "schema"));
    const content: Json = {};
    for (const mediaType of mediaTypes) {
      this.origins.set(joinPointer(converted, "content", mediaType, "schema"), location(child(at, undefined, "schema")));
      put(content, mediaType, schema === undefined ? {} : { schema });
    }
    const out: Json = {};
    if (typeof p.description === "string") out.description = p.description;
    out.required = p.required === true;
    out.content = content;
    return out;
  }

  /** `in: formData` parameters as one object schema: multipart with files (or when consumed), else urlencoded. */
  private formRequest(params: SchemaAt[], consumes: string[], converted: string): Json {
    const multipart =
      params.some((at) => (at.value as Json).type === "file") ||
      consumes.some((m) => baseMediaType(m) === "multipart/form-data");
    const mediaType = multipart ? "multipart/form-data" : "application/x-www-form-urlencoded";
    const schemaPointer = joinPointer(converted, "content", mediaType, "schema");
    this.origins.set(converted, location(params[0] as SchemaAt));
    const properties: Json = {};
    const required: string[] = [];
    for (const at of params) {
      const p = at.value as Json;
      const name = p.name as string;
      this.origins.set(joinPointer(schemaPointer, "properties", name), location(at));
      const schema = this.parameterSchema(at);
      put(properties, name, typeof p.description === "string" && isObject(schema) ? { ...schema, description: p.description } : schema);
      if (p.required === true) required.push(name);
    }
    const schema: Json = { type: "object", properties };
    if (required.length > 0) schema.required = required;
    const content: Json = {};
    put(content, mediaType, { schema });
    return { required: required.length > 0, content };
  }

  private responses(opAt: SchemaAt, mediaTypes: string[], converted: string): Json {
    const op = opAt.value as Json;
    const out: Json = {};
    if (!isObject(op.responses)) return out;
    for (const [status, raw] of Object.entries(op.responses)) {
      if (status.startsWith("x-")) continue;
      const pointer = joinPointer(converted, status);
      const at = this.deref({ value: raw, file: opAt.file, pointer: joinPointer(opAt.pointer, "responses", status) });
      this.origins.set(pointer, location(at));
      const r = at.value;
      if (!isObject(r)) {
        put(out, status, r);
        continue;
      }
      // Response headers and examples have no use in the client and are dropped.
      const response: Json = { description: typeof r.description === "string" ? r.description : "" };
      if (r.schema !== undefined) {
        const schema = this.schema(child(at, r.schema, "schema"));
        const content: Json = {};
        for (const mediaType of mediaTypes) {
          this.origins.set(joinPointer(pointer, "content", mediaType, "schema"), location(child(at, undefined, "schema")));
          put(content, mediaType, { schema });
        }
        response.content = content;
      }
      put(out, status, response);
    }
    return out;
  }

  /** `consumes`/`produces` of an operation: its own, else the document's, else JSON; de-duplicated. */
  private mediaTypes(own: unknown, global: unknown): string[] {
    for (const list of [own, global]) {
      if (!Array.isArray(list)) continue;
      const types = [...new Set(list.filter((m): m is string => typeof m === "string" && m.trim() !== ""))];
      // An empty operation-level list clears the global one.
      return types.length > 0 ? types : [DEFAULT_MEDIA_TYPE];
    }
    return [DEFAULT_MEDIA_TYPE];
  }

  // ---- schemas ---------------------------------------------------------------------------------

  /**
   * A 2.0 schema as a 3.0 schema: same shape, with `$ref`s rewritten, `x-nullable` as `nullable`,
   * `type: file` as a binary string and a string `discriminator` as `{ propertyName }`. Only
   * schema-valued keywords are walked, so a `$ref` inside an example or enum value is left alone.
   */
  private schema(at: SchemaAt): unknown {
    const s = at.value;
    if (!isObject(s)) return s;
    const out: Json = {};
    let binary = false;
    const sub = (value: unknown, ...segments: (string | number)[]): unknown => this.schema(child(at, value, ...segments));
    for (const [key, value] of Object.entries(s)) {
      switch (key) {
        case "$ref":
          out.$ref = typeof value === "string" ? this.schemaRef(value, at) : value;
          break;
        case "properties":
        case "patternProperties":
          out[key] = isObject(value) ? mapEntries(value, (v, name) => sub(v, key, name)) : value;
          break;
        case "items":
          out.items = Array.isArray(value) ? value.map((v, i) => sub(v, key, i)) : sub(value, key);
          break;
        case "additionalProperties":
        case "additionalItems":
        case "not":
          out[key] = sub(value, key);
          break;
        case "allOf":
        case "anyOf":
        case "oneOf":
          out[key] = Array.isArray(value) ? value.map((v, i) => sub(v, key, i)) : value;
          break;
        case "x-nullable":
          if (value === true) out.nullable = true;
          break;
        case "type":
          if (value === "file") {
            out.type = "string";
            out.format = "binary";
            binary = true;
          } else {
            out.type = value;
          }
          break;
        case "format":
          if (!binary) out.format = value;
          break;
        case "discriminator":
          out.discriminator = typeof value === "string" ? { propertyName: value } : this.discriminator(value, at);
          break;
        default:
          put(out, key, value);
      }
    }
    return out;
  }

  /** A (non-standard in 2.0) 3.0-style discriminator object: `mapping` refs rewritten like `$ref`s. */
  private discriminator(value: unknown, at: SchemaAt): unknown {
    if (!isObject(value) || !isObject(value.mapping)) return value;
    const mappingAt = child(at, value.mapping, "discriminator", "mapping");
    const mapping = mapEntries(value.mapping, (target, key) =>
      typeof target === "string" && (target.startsWith("#") || target.includes("/") || /\.(json|ya?ml)(#|$)/i.test(target))
        ? this.schemaRef(target, child(mappingAt, target, key), "")
        : target,
    );
    return { ...value, mapping };
  }

  /** The converted document's reference for a schema `$ref` written at `at`. */
  private schemaRef(ref: string, at: SchemaAt, key = "$ref"): string {
    const target = this.resolver.resolve(ref, at.file, key === "" ? at.pointer : joinPointer(at.pointer, key));
    const segments = splitPointer(target.pointer);
    if (target.file === this.file && segments[0] === "definitions" && segments.length > 1) {
      return `#${joinPointer("/components/schemas", ...segments.slice(1))}`;
    }
    return `#${joinPointer("/components/schemas", this.hoist(target, segments))}`;
  }

  /** Copies a schema found outside `definitions` into `components.schemas`; returns its key there. */
  private hoist(target: { file: string; pointer: string; value: unknown }, segments: string[]): string {
    const pointer = joinPointer("", ...segments);
    const key = `${target.file}#${pointer}`;
    const known = this.hoistedNames.get(key);
    if (known !== undefined) return known;
    const base = nameFromPointer(pointer);
    let name = base;
    for (let n = 2; this.takenNames.has(name); n++) name = `${base}${n}`;
    this.takenNames.add(name);
    this.hoistedNames.set(key, name);
    this.origins.set(joinPointer("/components/schemas", name), { file: target.file, pointer });
    put(this.hoisted, name, {}); // placeholder: keeps discovery order and ends recursion
    put(this.hoisted, name, this.schema({ value: target.value, file: target.file, pointer }));
    return name;
  }

  /** Follows `$ref`s of non-schema objects (parameters, responses, path items) to the object. */
  private deref(at: SchemaAt): SchemaAt {
    let current = at;
    for (let hops = 0; hops < 32; hops++) {
      const value = current.value;
      if (!isObject(value) || typeof value.$ref !== "string") return current;
      const r = this.resolver.resolve(value.$ref, current.file, joinPointer(current.pointer, "$ref"));
      current = { value: r.value, file: r.file, pointer: joinPointer("", ...splitPointer(r.pointer)) };
    }
    throw new SpecError("$ref chain too long or circular", location(at), { hint: "Make the $ref point at the object itself." });
  }
}

/** 3.0 `style`/`explode` of a 2.0 array parameter's `collectionFormat` (default `csv`). */
function collectionStyle(where: string, format: unknown): { style: string; explode: boolean } {
  if (where !== "query") {
    // Path and header values are comma-separated in 3.0; ssv/pipes/multi have no 3.0 equivalent there.
    return { style: "simple", explode: false };
  }
  switch (format) {
    case "multi":
      return { style: "form", explode: true };
    case "ssv":
      return { style: "spaceDelimited", explode: false };
    case "pipes":
      return { style: "pipeDelimited", explode: false };
    default:
      // csv, and tsv which has no 3.0 equivalent: sent comma-separated.
      return { style: "form", explode: false };
  }
}

function copySecurity(list: unknown[]): unknown[] {
  return list.map((req) => (isObject(req) ? mapEntries(req, (scopes) => (Array.isArray(scopes) ? [...scopes] : scopes)) : req));
}

function child(at: SchemaAt, value: unknown, ...segments: (string | number)[]): SchemaAt {
  return { value, file: at.file, pointer: joinPointer(at.pointer, ...segments) };
}

function location(at: SchemaAt): SpecLocation {
  return { file: at.file, pointer: at.pointer };
}

/** Sets an own property, even one named `__proto__`. */
function put(target: Json, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function mapEntries(source: Json, map: (value: unknown, key: string) => unknown): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(source)) put(out, key, map(value, key));
  return out;
}
