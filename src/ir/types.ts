/**
 * The intermediate representation: the contract between parse/ and emit/.
 * Plain, JSON-serialisable data. It has forgotten the spec: no `$ref` strings, no spec objects,
 * names already allocated (see naming.ts).
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Documentation carried from the spec to JSDoc. */
export interface Doc {
  title?: string;
  summary?: string;
  description?: string;
  deprecated?: boolean;
  default?: JsonValue;
  examples?: JsonValue[];
  format?: string;
  /** Constraints worth showing in JSDoc (e.g. `minimum: 0`, `pattern: ^a`). */
  constraints?: [string, string][];
}

/** A type expression. `ref` targets a NamedType by id. */
export type TypeExpr =
  | { kind: "ref"; target: string }
  | { kind: "unknown" }
  | { kind: "never" }
  | { kind: "string" }
  | { kind: "number" }
  /** `int64` marks 64-bit integers (`format: int64`/`uint64`), which may be emitted as `bigint`. */
  | { kind: "integer"; int64?: true }
  | { kind: "boolean" }
  | { kind: "null" }
  | { kind: "blob" }
  | { kind: "literal"; value: string | number | boolean | null }
  | { kind: "array"; items: TypeExpr }
  | { kind: "tuple"; items: TypeExpr[]; rest?: TypeExpr }
  | ObjectType
  | { kind: "union"; members: TypeExpr[]; discriminator?: Discriminator }
  | { kind: "intersection"; members: TypeExpr[] };

/** A property whose value tells the members of a union apart. */
export interface Discriminator {
  property: string;
  /** Values naming each target (a NamedType id); targets without an entry use their original name. */
  mapping: { value: string; target: string }[];
}

export interface ObjectType {
  kind: "object";
  properties: Property[];
  /** Type of additional properties; absent when the object is closed. */
  additional?: TypeExpr;
}

export interface Property {
  /** The name exactly as in the spec (emitters quote it when needed). */
  name: string;
  type: TypeExpr;
  required: boolean;
  readOnly?: boolean;
  writeOnly?: boolean;
  doc: Doc;
}

/** A named, exported type (a component schema, or a schema that had to be named). */
export interface NamedType {
  /** Stable key used by `ref` expressions. */
  id: string;
  /** The name as in the spec. */
  originalName: string;
  /** The TypeScript identifier allocated for it. */
  name: string;
  type: TypeExpr;
  doc: Doc;
  /**
   * Names of the request-side variant (readOnly properties left out) and the response-side one
   * (writeOnly left out), present when the type or a type it refers to has such properties.
   */
  variants?: { input?: string; output?: string };
}

export type ParameterLocation = "path" | "query" | "header" | "cookie";

export type ParameterStyle = "form" | "simple" | "label" | "matrix" | "spaceDelimited" | "pipeDelimited" | "deepObject";

export interface Parameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
  type: TypeExpr;
  style: ParameterStyle;
  explode: boolean;
  allowReserved: boolean;
  /** Serialised as JSON (a content-based parameter). */
  json: boolean;
  doc: Doc;
}

/** How a body is put on the wire. */
export type BodyKind = "json" | "multipart" | "form" | "binary" | "text";

/** Styles a form or multipart body property may be serialised with (the query parameter styles). */
export type EncodingStyle = "form" | "spaceDelimited" | "pipeDelimited" | "deepObject";

/** How one property of a form or multipart body is encoded (OpenAPI's Encoding object). */
export interface PropertyEncoding {
  property: string;
  /** Multipart: the media type of the property's part. */
  contentType?: string;
  /** The declared style; present (with `explode`) only when the spec gives a style or explode. */
  style?: EncodingStyle;
  /** Resolved with `style`: as declared, else `true` for `form` and `false` otherwise. */
  explode?: boolean;
}

export interface RequestBodyContent {
  mediaType: string;
  kind: BodyKind;
  type: TypeExpr;
  /** Per-property encodings of form and multipart bodies (empty for other kinds). */
  encoding: PropertyEncoding[];
}

export interface RequestBody {
  required: boolean;
  contents: RequestBodyContent[];
  doc: Doc;
}

/** How a response body is read. */
export type ResponseKind = "json" | "text" | "blob" | "sse" | "void";

export interface ResponseContent {
  mediaType: string;
  kind: ResponseKind;
  type: TypeExpr;
}

export interface Response {
  /** "200", "2XX", "default", ... */
  status: string;
  description?: string;
  contents: ResponseContent[];
}

export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

export interface Operation {
  /** The operationId as in the spec, or derived from method and path. */
  operationId: string;
  /** Allocated camelCase function name, unique in the API. */
  name: string;
  /**
   * Allocated name of a second function that reads the response as an event stream, present when
   * a success response offers `text/event-stream` beside another media type.
   */
  streamName?: string;
  /** Allocated names of the operation's own exported types (used by the emitter where needed). */
  typeNames: { params: string; response: string; error: string; event: string };
  method: HttpMethod;
  path: string;
  /** The module the operation lands in (first tag, or "default"). */
  group: string;
  tags: string[];
  doc: Doc;
  parameters: Parameter[];
  requestBody?: RequestBody;
  responses: Response[];
  /** Alternatives of scheme-name sets; absent = the API's default. */
  security?: string[][];
  /**
   * The operation's own servers (its `servers`, else its path item's), absolute where the API's
   * first server allows, without a trailing slash; absent when it has none or they are the API's.
   */
  servers?: Server[];
}

export type SecurityScheme =
  | { type: "http"; scheme: "bearer" | "basic" }
  | { type: "apiKey"; in: "header" | "query" | "cookie"; name: string }
  | { type: "oauth2" | "openIdConnect" };

export interface SecuritySchemeEntry {
  key: string;
  scheme: SecurityScheme;
  description?: string;
}

export interface Server {
  url: string;
  description?: string;
}

export interface Group {
  /** Original tag name. */
  tag: string;
  /** Allocated module file name (kebab-case, unique). */
  fileName: string;
  description?: string;
}

export interface ApiModel {
  title: string;
  version: string;
  /** The OpenAPI/Swagger version the spec declared. */
  specVersion: string;
  doc: Doc;
  servers: Server[];
  securitySchemes: SecuritySchemeEntry[];
  security: string[][];
  types: NamedType[];
  operations: Operation[];
  groups: Group[];
  /** Descriptions of the spec's tags, by tag name. */
  tagDescriptions: Record<string, string>;
  /** Webhook payload types, by name: only their types are emitted. */
  webhooks: { name: string; typeName: string; method: HttpMethod; body?: TypeExpr; doc: Doc }[];
}
