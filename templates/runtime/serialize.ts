/** Where a parameter goes. */
export type ParamLocation = "path" | "query" | "header" | "cookie";

/**
 * How one parameter is serialised: OpenAPI's `style` and `explode`. Absent fields take the
 * location's default: path and header `simple`, query and cookie `form`; `explode` is true for
 * `form` and false for every other style.
 */
export interface ParamStyle {
  /** The OpenAPI style. */
  style?: "form" | "simple" | "label" | "matrix" | "spaceDelimited" | "pipeDelimited" | "deepObject" | undefined;
  /** Whether arrays and objects become separate parameters (or `k=v` pairs). */
  explode?: boolean | undefined;
  /** Query only: leave RFC 3986 reserved characters unencoded (except `#`, `&`, `+`, `[`, `]`). */
  allowReserved?: boolean | undefined;
  /** A content-based parameter (`content: application/json`): the value is sent as JSON text. */
  json?: boolean | undefined;
}

/** Parameter styles by `${location}:${name}`, as {@link styled} takes them. */
export type ParamStyles = Readonly<Record<string, ParamStyle>>;

type Style = NonNullable<ParamStyle["style"]>;

const DEFAULT_STYLES: Record<ParamLocation, Style> = {
  path: "simple",
  query: "form",
  header: "simple",
  cookie: "form",
};

/** A parameter value reduced to what the OpenAPI styles distinguish. */
type Shaped =
  | { kind: "primitive"; value: string }
  | { kind: "array"; values: string[] }
  | { kind: "object"; entries: [string, string][] };

/**
 * Percent-encodes a value for use inside one path segment. This is the only path encoder: `/`,
 * `?`, `#` and `%` are encoded, so a value can never change the path's structure.
 */
export function encodePathSegment(value: string): string {
  return encodeURIComponent(value);
}

/**
 * Serialises an operation's parameters (`RequestSpec.params`): {@link plainParams} where every
 * parameter is in its location's default style, {@link styled} otherwise.
 */
export interface ParamSerializer {
  /** Fills the path template; see {@link buildPath}. */
  path(template: string, values: Readonly<Record<string, unknown>> | undefined): string;
  /** The encoded query string without `?`; see {@link serializeQuery}. */
  query(query: Readonly<Record<string, unknown>> | undefined): string;
  /** One header's value, `undefined` for none; see {@link serializeHeader}. */
  header(name: string, value: unknown): string | undefined;
  /** `name=value` cookie pairs; see {@link serializeCookies}. */
  cookies(cookies: Readonly<Record<string, unknown>> | undefined): string[];
}

/**
 * Parameters in their location's default style (path and header `simple`, query and cookie
 * `form` exploded): what the request core uses unless an operation passes {@link styled}. Small,
 * so a bundle without styled parameters leaves the other styles out; the same output as
 * {@link styled} gives for these styles.
 */
export const plainParams: ParamSerializer = {
  // Most paths have no parameters: nothing to fill or check.
  path: (template, values) =>
    template.includes("{")
      ? checkedPath(
          template,
          template.replace(/\{([^{}]+)\}/g, (_match, name: string) => {
            const value = values?.[name];
            const text = value === null ? "" : simpleText(value, encodeURIComponent);
            if (!text) throw new TypeError(`Missing value for path parameter "${name}" of ${template}`);
            return text;
          }),
        )
      : template,
  query: (query) => (query ? formExploded(query).join("&") : ""),
  header: (_name, value) => simpleText(value, same),
  cookies: formExploded,
};

/**
 * A value as the default styles see it: `[name, text]` for a primitive and for each item of an
 * array, `[key, text]` for each property of a plain object; none for `undefined` or an empty array
 * or object (`undefined` items and properties are left out).
 */
function plainPairs(name: string, value: unknown): [string, string][] {
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map((item) => [name, toText(item)]);
  if (isPlainObject(value)) {
    return Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => [key, toText(item)]);
  }
  return value === undefined ? [] : [[name, toText(value)]];
}

/** `simple` style without explode: `a,b`, objects `k,v,k2,v2`; `undefined` when there is nothing to send. */
function simpleText(value: unknown, encode: (text: string) => string): string | undefined {
  const pairs = plainPairs("", value);
  const object = isPlainObject(value);
  return pairs.length > 0
    ? pairs.flatMap(([key, text]) => (object ? [encode(key), encode(text)] : [encode(text)])).join(",")
    : undefined;
}

/** `form` style with explode, percent-encoded: `name=a&name=b`, objects `k=v`. */
function formExploded(values: Readonly<Record<string, unknown>> | undefined): string[] {
  return Object.keys(values ?? {})
    .flatMap((name) => plainPairs(name, values?.[name]))
    .map(([key, text]) => `${encodeURIComponent(key)}=${encodeURIComponent(text)}`);
}

/**
 * The serialiser of an operation whose parameters have styles other than their location's
 * default, by `${location}:${name}` (e.g. `query:tags`); generated code passes it as
 * `RequestSpec.params`.
 */
export function styled(styles: ParamStyles): ParamSerializer {
  return {
    path: (template, values) => buildPath(template, values, styles),
    query: (query) => serializeQuery(query, styles),
    header: (name, value) => serializeHeader(name, value, styles),
    cookies: (cookies) => serializeCookies(cookies, styles),
  };
}

/** The filled path, unless a value formed a `.` or `..` segment, which URL parsers resolve even when percent-encoded. */
function checkedPath(template: string, path: string): string {
  if (/(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)/i.test(path)) {
    throw new TypeError(`Path parameters of ${template} must not form "." or ".." segments: ${path}`);
  }
  return path;
}

/**
 * Fills a path template such as `/threads/{thread_id}` with serialised, encoded values.
 *
 * @throws {TypeError} when a value is missing (`undefined`, `null`, empty) or would form a `.` or
 * `..` segment, which URL parsers resolve even when percent-encoded.
 */
export function buildPath(template: string, values?: Readonly<Record<string, unknown>>, styles?: ParamStyles): string {
  const path = template.replace(/\{([^{}]+)\}/g, (_match, name: string) => {
    const { style, explode } = resolveStyle("path", name, styles);
    const shaped = shape(values?.[name], styles?.[`path:${name}`]?.json);
    const text = shaped && values?.[name] !== null ? expand(name, shaped, style, explode, encodePathSegment) : "";
    if (text === "") throw new TypeError(`Missing value for path parameter "${name}" of ${template}`);
    return text;
  });
  return checkedPath(template, path);
}

/**
 * Serialises query parameters to an encoded query string without the leading `?` (empty when
 * there are none). `undefined` values, empty arrays and empty objects are skipped; `null` is sent
 * as an empty value (`name=`). `deepObject` nests with brackets and indexes arrays, at the top
 * level too (OpenAPI leaves deepObject arrays undefined; this is the `indices` format that qs,
 * Rack/Rails and Stripe parse): `expand[0]=a&expand[1]=b`, `items[0][price]=x`,
 * `filter[tags][0]=a`.
 */
export function serializeQuery(query?: Readonly<Record<string, unknown>>, styles?: ParamStyles): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(query ?? {})) {
    const config = styles?.[`query:${name}`];
    const { style, explode } = resolveStyle("query", name, styles);
    const encode = config?.allowReserved ? encodeReserved : encodeURIComponent;
    if (style === "deepObject" && !config?.json && (isPlainObject(value) || Array.isArray(value))) {
      for (const [path, leaf] of flattenBrackets(name, value))
        parts.push(`${bracketKey(path, encode)}=${encode(toText(leaf))}`);
      continue;
    }
    const shaped = shape(value, config?.json);
    if (!shaped) continue;
    for (const [key, text] of formPairs(name, shaped, style, explode, encode)) parts.push(`${key}=${text}`);
  }
  return parts.join("&");
}

/**
 * Serialises a header parameter (`simple` style: `a,b,c`; objects `k,v,k2,v2`, exploded
 * `k=v,k2=v2`). Returns `undefined` when the value should not be sent. Values are not encoded.
 */
export function serializeHeader(name: string, value: unknown, styles?: ParamStyles): string | undefined {
  const shaped = shape(value, styles?.[`header:${name}`]?.json);
  if (!shaped) return undefined;
  const { explode } = resolveStyle("header", name, styles);
  return expand(name, shaped, "simple", explode, (text) => text);
}

/**
 * Serialises cookie parameters (`form` style) to `name=value` pairs for a `Cookie` header; names
 * and values are percent-encoded, exploded arrays and objects become several pairs.
 */
export function serializeCookies(cookies?: Readonly<Record<string, unknown>>, styles?: ParamStyles): string[] {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(cookies ?? {})) {
    const shaped = shape(value, styles?.[`cookie:${name}`]?.json);
    if (!shaped) continue;
    const { explode } = resolveStyle("cookie", name, styles);
    for (const [key, text] of formPairs(name, shaped, "form", explode, encodeURIComponent))
      pairs.push(`${key}=${text}`);
  }
  return pairs;
}

/**
 * How one property of a form or multipart body is encoded: the OpenAPI `encoding` object. A
 * `style` (or `explode`) encodes the property like a query parameter of that style, with its
 * name: `deepObject` as `name[key][0]=v` parts, `form` with `explode` as `key=v` / repeated
 * `name=v` parts, `form`, `spaceDelimited` and `pipeDelimited` without `explode` as one delimited
 * value. Without one, a form body nests with brackets and a multipart body sends objects as JSON
 * parts.
 */
export interface PartEncoding {
  /** The media type of a multipart part (ignored where `style` is given). */
  contentType?: string | undefined;
  /** The serialisation style; `explode` defaults to `true` for `form`, else `false`. */
  style?: "form" | "spaceDelimited" | "pipeDelimited" | "deepObject" | undefined;
  /** Whether arrays and objects become separate parts; alone, it implies `style: "form"`. */
  explode?: boolean | undefined;
}

/** Per-property body encodings, as in `RequestSpec.encoding`. */
export type BodyEncoding = Readonly<Record<string, PartEncoding>>;

/**
 * Encodes an `application/x-www-form-urlencoded` body. Nested objects and arrays use bracket
 * notation with indexed arrays, as Stripe-style APIs expect: `metadata[key]=v`,
 * `items[0][price]=x`; a property with a declared `style` is encoded by that style (see
 * {@link PartEncoding}). `undefined` is skipped, `null` is sent as an empty value. A
 * `URLSearchParams` or string body is passed through.
 */
export function formUrlEncoded(body: unknown, encoding?: BodyEncoding): URLSearchParams | string {
  if (body instanceof URLSearchParams || typeof body === "string") return body;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(asRecord(body, "form"))) {
    const styled = styledFields(name, value, ownEntry(encoding, name));
    const fields =
      styled ?? flattenBrackets(name, value).map(([path, leaf]): [string, unknown] => [bracketKey(path, same), leaf]);
    for (const [key, leaf] of fields) params.append(key, toText(leaf));
  }
  return params;
}

/** Per-property multipart settings, as in `RequestSpec.encoding`. */
export type MultipartEncoding = BodyEncoding;

/**
 * Encodes a `multipart/form-data` body. `Blob` and `File` values become file parts (a `File`
 * keeps its name, a bare `Blob` is named `blob`), arrays become repeated parts, objects become
 * JSON text parts, other values become text parts. A property with an `encoding` content type is
 * sent as a part of that type; one with a `style` as the parts that style makes (see
 * {@link PartEncoding}), e.g. `meta[create]=true` and `expand[0]=links` for `deepObject`. A
 * `FormData` body is passed through.
 */
export function multipartFormData(body: unknown, encoding?: BodyEncoding): FormData {
  if (body instanceof FormData) return body;
  const form = new FormData();
  for (const [name, value] of Object.entries(asRecord(body, "multipart"))) {
    const styled = holdsBlob(value) ? undefined : styledFields(name, value, ownEntry(encoding, name));
    if (styled) {
      for (const [key, leaf] of styled) appendPart(form, key, leaf, undefined);
      continue;
    }
    const contentType = ownEntry(encoding, name)?.contentType;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined) appendPart(form, name, item, contentType);
    }
  }
  return form;
}

/**
 * The unencoded `[name, value]` fields of one body property with a declared style, or `undefined`
 * when it has none (the body's default applies).
 */
function styledFields(
  name: string,
  value: unknown,
  encoding: PartEncoding | undefined,
): [string, unknown][] | undefined {
  if (encoding?.style === undefined && encoding?.explode === undefined) return undefined;
  const style = encoding.style ?? "form";
  if (style === "deepObject") return flattenBrackets(name, value).map(([path, leaf]) => [bracketKey(path, same), leaf]);
  const shaped = shape(value, false);
  return shaped ? formPairs(name, shaped, style, encoding.explode ?? style === "form", same) : [];
}

/** The encoding of property `name`, never one inherited from `Object.prototype` (`constructor`, `toString`). */
function ownEntry(encoding: BodyEncoding | undefined, name: string): PartEncoding | undefined {
  return encoding !== undefined && Object.hasOwn(encoding, name) ? encoding[name] : undefined;
}

/** Whether a value is a file or an array holding one: files are parts of their own, whatever the style. */
function holdsBlob(value: unknown): boolean {
  return isBlob(value) || (Array.isArray(value) && value.some(isBlob));
}

function same(text: string): string {
  return text;
}

function appendPart(form: FormData, name: string, value: unknown, contentType: string | undefined): void {
  if (isBlob(value)) {
    const blob =
      contentType && !value.type && !contentType.includes("*") ? new Blob([value], { type: contentType }) : value;
    form.append(name, blob, fileName(value));
  } else if (contentType) {
    const text = /json/i.test(contentType) ? JSON.stringify(value) : toText(value);
    form.append(name, new Blob([text], { type: contentType }));
  } else {
    form.append(name, toText(value));
  }
}

/** True for a `Blob` (and so a `File`). */
export function isBlob(value: unknown): value is Blob {
  return typeof Blob !== "undefined" && value instanceof Blob;
}

function fileName(blob: Blob): string {
  const name: unknown = (blob as { name?: unknown }).name;
  return typeof name === "string" && name !== "" ? name : "blob";
}

function asRecord(body: unknown, kind: string): Record<string, unknown> {
  if (isPlainObject(body)) return body;
  throw new TypeError(`A ${kind} body must be a plain object, got ${body === null ? "null" : typeof body}`);
}

function resolveStyle(
  location: ParamLocation,
  name: string,
  styles: ParamStyles | undefined,
): { style: Style; explode: boolean } {
  const config = styles?.[`${location}:${name}`];
  const style = config?.style ?? DEFAULT_STYLES[location];
  return { style, explode: config?.explode ?? style === "form" };
}

/**
 * Reduces a value to a primitive, an array or an object of strings (as {@link plainPairs} sees
 * it); `undefined` when nothing is sent.
 */
function shape(value: unknown, json: boolean | undefined): Shaped | undefined {
  if (value === undefined) return undefined;
  if (json) return { kind: "primitive", value: JSON.stringify(value) };
  const pairs = plainPairs("", value);
  if (Array.isArray(value))
    return pairs.length > 0 ? { kind: "array", values: pairs.map(([, text]) => text) } : undefined;
  if (isPlainObject(value)) return pairs.length > 0 ? { kind: "object", entries: pairs } : undefined;
  return { kind: "primitive", value: pairs[0]?.[1] ?? "" };
}

/**
 * RFC 6570 expansion for the path and header styles: `simple` (`a,b`), `label` (`.a.b`) and
 * `matrix` (`;x=a;x=b`). Other styles are treated as `simple`.
 */
function expand(
  name: string,
  shaped: Shaped,
  style: Style,
  explode: boolean,
  encode: (text: string) => string,
): string {
  const prefix = style === "label" ? "." : style === "matrix" ? ";" : "";
  const separator = explode && prefix ? prefix : ",";
  const named = style === "matrix";
  const label = named ? `${name}=` : "";
  switch (shaped.kind) {
    case "primitive":
      return named && shaped.value === "" ? `;${name}` : `${prefix}${label}${encode(shaped.value)}`;
    case "array":
      if (explode) return prefix + shaped.values.map((value) => label + encode(value)).join(separator);
      return prefix + label + shaped.values.map(encode).join(",");
    case "object":
      if (explode)
        return prefix + shaped.entries.map(([key, value]) => `${encode(key)}=${encode(value)}`).join(separator);
      return prefix + label + shaped.entries.flatMap(([key, value]) => [encode(key), encode(value)]).join(",");
  }
}

/** `form`, `spaceDelimited` and `pipeDelimited` serialisation to encoded `[name, value]` pairs. */
function formPairs(
  name: string,
  shaped: Shaped,
  style: Style,
  explode: boolean,
  encode: (text: string) => string,
): [string, string][] {
  const key = encode(name);
  const delimiter = style === "spaceDelimited" ? encode(" ") : style === "pipeDelimited" ? "|" : ",";
  switch (shaped.kind) {
    case "primitive":
      return [[key, encode(shaped.value)]];
    case "array":
      if (explode) return shaped.values.map((value) => [key, encode(value)]);
      return [[key, shaped.values.map(encode).join(delimiter)]];
    case "object":
      if (explode) return shaped.entries.map(([k, value]) => [encode(k), encode(value)]);
      return [[key, shaped.entries.flatMap(([k, value]) => [encode(k), encode(value)]).join(delimiter)]];
  }
}

/**
 * Flattens nested objects and arrays to `[key path, leaf]` pairs, arrays by index (empty ones
 * leave nothing); leaves are primitives, `null`, dates and files.
 */
function flattenBrackets(name: string, value: unknown): [string[], unknown][] {
  const leaves: [string[], unknown][] = [];
  const visit = (path: string[], current: unknown): void => {
    if (current === undefined) return;
    if (Array.isArray(current)) current.forEach((item, index) => visit([...path, String(index)], item));
    else if (isPlainObject(current)) for (const [key, item] of Object.entries(current)) visit([...path, key], item);
    else leaves.push([path, current]);
  };
  visit([name], value);
  return leaves;
}

/** `name[a][b]`, each part encoded, the brackets literal. */
function bracketKey(path: string[], encode: (text: string) => string): string {
  const [first = "", ...rest] = path;
  return encode(first) + rest.map((part) => `[${encode(part)}]`).join("");
}

/**
 * Query encoding for `allowReserved`: RFC 3986 reserved characters and existing percent-escapes
 * pass through, except those that would break the query (`#`, `&`, `+`, `[`, `]`).
 */
function encodeReserved(text: string): string {
  return encodeURIComponent(text)
    .replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B|3D)/gi, (escape) => decodeURIComponent(escape))
    .replace(/%25([0-9A-Fa-f]{2})/g, "%$1");
}

/** The text of one value: `null` is empty, a `Date` is ISO 8601, objects are JSON. */
function toText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Whether `value` is an object literal (or has a null prototype): what is serialised, or redacted, key by key. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
