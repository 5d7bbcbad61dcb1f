/**
 * The intermediate representation: the contract between parse/ and emit/.
 * Plain, JSON-serialisable data, complete when parse returns it and never changed afterwards. It has
 * forgotten the spec (no `$ref` strings, no spec objects) and knows no target: it keeps the spec's
 * names (operationId, schema name, tag) and states what the API means; each emitter allocates its
 * own identifiers and file names (the TypeScript client's: src/emit/ts/names.ts).
 */

import type { Conventions } from "./conventions.js";
import type { Pagination } from "./pagination.js";
import type { Poll } from "./poll.js";
import type { StreamOperation } from "./stream.js";

export type { Conventions } from "./conventions.js";
export type * from "./pagination.js";
export type * from "./poll.js";
export type { StreamFraming, StreamOperation } from "./stream.js";

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** Documentation carried from the spec to JSDoc. */
export interface Doc {
  readonly title?: string;
  readonly summary?: string;
  readonly description?: string;
  readonly deprecated?: boolean;
  readonly default?: JsonValue;
  readonly examples?: readonly JsonValue[];
  /**
   * The schema's `format` (`int64`, `date-time`, `uuid`, ...) where the type beside this Doc cannot
   * carry it (an enum's, an object's, a nullable union's). A string, number or integer type carries
   * its own `format` (the one source then, left out here); emitters show the type's, else this one.
   */
  readonly format?: string;
  /** The schema's validation keywords, as the spec gives them (in the order of parse/schema/doc.ts). */
  readonly constraints?: Constraints;
}

/**
 * A schema's validation keywords: numbers for bounds and counts, a string for `pattern`, booleans
 * for `uniqueItems` and 3.0's boolean `exclusiveMinimum`/`exclusiveMaximum`. The spec is untrusted:
 * a value of another primitive type is kept as the spec gives it.
 */
export interface Constraints {
  readonly minimum?: Scalar;
  readonly maximum?: Scalar;
  readonly exclusiveMinimum?: Scalar;
  readonly exclusiveMaximum?: Scalar;
  readonly multipleOf?: Scalar;
  readonly minLength?: Scalar;
  readonly maxLength?: Scalar;
  readonly pattern?: Scalar;
  readonly minItems?: Scalar;
  readonly maxItems?: Scalar;
  readonly uniqueItems?: Scalar;
  readonly minProperties?: Scalar;
  readonly maxProperties?: Scalar;
}

/** A JSON primitive other than null. */
export type Scalar = string | number | boolean;

/** A type expression. `ref` targets a NamedType by id. */
export type TypeExpr =
  | { readonly kind: "ref"; readonly target: string }
  | { readonly kind: "unknown" }
  | { readonly kind: "never" }
  /** `format` is the schema's `format` keyword, as the spec gives it (`date-time`, `uuid`, `float`, ...). */
  | { readonly kind: "string"; readonly format?: string }
  | { readonly kind: "number"; readonly format?: string }
  /** `int64` marks 64-bit integers (`format: int64`/`uint64`), which may be emitted as `bigint`. */
  | { readonly kind: "integer"; readonly format?: string; readonly int64?: true }
  | { readonly kind: "boolean" }
  | { readonly kind: "null" }
  | { readonly kind: "blob" }
  | { readonly kind: "literal"; readonly value: string | number | boolean | null }
  | { readonly kind: "array"; readonly items: TypeExpr }
  | { readonly kind: "tuple"; readonly items: readonly TypeExpr[]; readonly rest?: TypeExpr }
  | ObjectType
  | { readonly kind: "union"; readonly members: readonly TypeExpr[]; readonly discriminator?: Discriminator }
  | { readonly kind: "intersection"; readonly members: readonly TypeExpr[] };

/** A property whose value tells the members of a union apart. */
export interface Discriminator {
  readonly property: string;
  /**
   * Values naming each target (a NamedType id), settled: every member of the union that is a ref
   * has at least one entry (its schema name when the spec's mapping gives none).
   */
  readonly mapping: readonly { value: string; target: string }[];
}

export interface ObjectType {
  readonly kind: "object";
  readonly properties: readonly Property[];
  /** Type of additional properties; absent when the object is closed. */
  readonly additional?: TypeExpr;
}

export interface Property {
  /** The name exactly as in the spec (emitters quote it when needed). */
  readonly name: string;
  readonly type: TypeExpr;
  readonly required: boolean;
  readonly readOnly?: boolean;
  readonly writeOnly?: boolean;
  readonly doc: Doc;
}

/** A named, exported type (a component schema, or a schema that had to be named). */
export interface NamedType {
  /** Stable key used by `ref` expressions. */
  readonly id: string;
  /** The name as in the spec. */
  readonly originalName: string;
  readonly type: TypeExpr;
  readonly doc: Doc;
}

export type ParameterLocation = "path" | "query" | "header" | "cookie";

export type ParameterStyle = "form" | "simple" | "label" | "matrix" | "spaceDelimited" | "pipeDelimited" | "deepObject";

export interface Parameter {
  readonly name: string;
  readonly in: ParameterLocation;
  readonly required: boolean;
  readonly type: TypeExpr;
  readonly style: ParameterStyle;
  readonly explode: boolean;
  readonly allowReserved: boolean;
  /** Serialised as JSON (a content-based parameter). */
  readonly json: boolean;
  readonly doc: Doc;
}

/** How a body is put on the wire. */
export type BodyKind = "json" | "multipart" | "form" | "binary" | "text";

/** Styles a form or multipart body property may be serialised with (the query parameter styles). */
export type EncodingStyle = "form" | "spaceDelimited" | "pipeDelimited" | "deepObject";

/** How one property of a form or multipart body is encoded (OpenAPI's Encoding object). */
export interface PropertyEncoding {
  readonly property: string;
  /** Multipart: the media type of the property's part. */
  readonly contentType?: string;
  /** The declared style; present (with `explode`) only when the spec gives a style or explode. */
  readonly style?: EncodingStyle;
  /** Resolved with `style`: as declared, else `true` for `form` and `false` otherwise. */
  readonly explode?: boolean;
}

export interface RequestBodyContent {
  readonly mediaType: string;
  readonly kind: BodyKind;
  readonly type: TypeExpr;
  /** Per-property encodings of form and multipart bodies (empty for other kinds). */
  readonly encoding: readonly PropertyEncoding[];
}

export interface RequestBody {
  readonly required: boolean;
  readonly contents: readonly RequestBodyContent[];
  /** The content a client sends by default: JSON, else multipart, form, text, bytes; else the first declared. */
  readonly chosen: RequestBodyContent;
  readonly doc: Doc;
}

/** How a response body is read (`jsonl`: one JSON value a line, as JSON Lines and NDJSON). */
export type ResponseKind = "json" | "text" | "blob" | "sse" | "jsonl" | "void";

export interface ResponseContent {
  readonly mediaType: string;
  readonly kind: ResponseKind;
  readonly type: TypeExpr;
}

/**
 * A response's status key as data: one code (`200`), a class of codes (`2XX` is class 2), or
 * `default`. Emitters spell it themselves.
 */
export type Status =
  | { readonly kind: "code"; readonly code: number }
  | { readonly kind: "range"; readonly class: 1 | 2 | 3 | 4 | 5 }
  | { readonly kind: "default" };

export interface Response {
  /** The status key; a key that is none of a code 100-599, a range `1XX`-`5XX` or `default` is left out (with a warning). */
  readonly status: Status;
  /** `success` for every 2XX response, and for `default` when no 2XX one is declared; else `error`. */
  readonly role: "success" | "error";
  readonly description?: string;
  readonly contents: readonly ResponseContent[];
  /**
   * The content a client reads: for a success JSON, else an event stream, text, bytes; for an error
   * JSON, else text; else the first declared. Absent when the response has no content.
   */
  readonly chosen?: ResponseContent;
}

/**
 * The event streams among an operation's 2XX responses: `text/event-stream`, else streams of JSON
 * values a line (JSON Lines, NDJSON).
 */
export interface EventStreams {
  /** A response offers the stream beside another media type, so a client may read it either way. */
  readonly beside: boolean;
  /** The data types of the events, where more than plain text (JSON of these types). */
  readonly data: readonly TypeExpr[];
  /** The stream is JSON values a line (no server-sent event frames, so no event names). */
  readonly lines?: true;
}

/** An operation's method (`query`: OpenAPI 3.2's QUERY, a safe request with a body). */
export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace" | "query";

export interface Operation {
  /** The operationId as in the spec, or derived from method and path (`GET /pets/{id}` -> `getPetsById`). */
  readonly operationId: string;
  readonly method: HttpMethod;
  readonly path: string;
  /** The group the operation belongs to: its first tag, else derived from its path (`/v1/customers/{id}` -> `customers`). */
  readonly group: string;
  readonly tags: readonly string[];
  readonly doc: Doc;
  readonly parameters: readonly Parameter[];
  readonly requestBody?: RequestBody;
  /** Every declared response, in declared order. */
  readonly responses: readonly Response[];
  /** Present when a 2XX response is an event stream. */
  readonly events?: EventStreams;
  /**
   * Present when a boolean flag of the JSON body switches the answer to an event stream (detected,
   * or declared by the `x-codegen-stream` extension).
   */
  readonly stream?: StreamOperation;
  /** Alternatives of scheme-name sets; absent = the API's default. */
  readonly security?: readonly (readonly string[])[];
  /**
   * The operation's own servers (its `servers`, else its path item's), absolute where the API's
   * first server allows, without a trailing slash; absent when it has none or they are the API's.
   */
  readonly servers?: readonly Server[];
  /** Present when the operation's results continue on further pages (src/ir/pagination.ts). */
  readonly pagination?: Pagination;
  /** Present when the operation starts work whose end another operation reports (`x-codegen-poll`). */
  readonly poll?: Poll;
}

export type SecurityScheme =
  | { type: "http"; scheme: "bearer" | "basic" }
  | { type: "apiKey"; in: "header" | "query" | "cookie"; name: string }
  | { type: "oauth2" | "openIdConnect" };

export interface SecuritySchemeEntry {
  readonly key: string;
  readonly scheme: SecurityScheme;
  readonly description?: string;
}

export interface Server {
  readonly url: string;
  readonly description?: string;
}

/** A webhook: only its payload type is emitted. */
export interface Webhook {
  /** The name as in the spec. */
  readonly name: string;
  readonly method: HttpMethod;
  readonly body?: TypeExpr;
  readonly doc: Doc;
}

export interface ApiModel {
  readonly title: string;
  readonly version: string;
  /** The OpenAPI/Swagger version the spec declared. */
  readonly specVersion: string;
  readonly doc: Doc;
  readonly servers: readonly Server[];
  readonly securitySchemes: readonly SecuritySchemeEntry[];
  readonly security: readonly (readonly string[])[];
  readonly types: readonly NamedType[];
  readonly operations: readonly Operation[];
  /** Descriptions of the spec's tags, by tag name. */
  readonly tagDescriptions: Readonly<Record<string, string>>;
  /** Webhook payload types, in document order. */
  readonly webhooks: readonly Webhook[];
  /** The API's client conventions (idempotency and request-id headers), where the spec states them. */
  readonly conventions?: Conventions;
}
