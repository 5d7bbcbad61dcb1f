import { createHash } from "node:crypto";
import type { ApiModel, Group, NamedType, Operation } from "./types.js";
import { typesNeedingVariants } from "./variants.js";
import { camelCase, pascalCase, words } from "../util/case.js";

/** ECMAScript reserved words and strict-mode/TypeScript keywords that cannot name a value. */
const RESERVED_VALUES = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "implements interface let package private protected public static yield await arguments eval async of as"
  ).split(" "),
);

/**
 * Names a type may not take: TypeScript's own type keywords, the globals generated models and
 * modules refer to, and the runtime's exported names (the index re-exports both).
 */
const RESERVED_TYPES = new Set(
  (
    "any unknown never void undefined null object string number boolean bigint symbol " +
    "Record Omit Promise Blob AsyncIterable ApiPromise Client ClientOptions RequestOptions RequestSpec ServerSentEvent " +
    "ApiError ClientError RequestError NetworkError TimeoutError AbortError"
  ).split(" "),
);

/**
 * Values exported by the runtime and the client module, and values an API module imports itself
 * (`int64Plans`, emit/hbs/view-models.ts apiImports); operations must not shadow them.
 */
const RUNTIME_VALUES = new Set([
  "int64Plans",
  "createClient",
  "defaultBaseUrl",
  "defaultHeaders",
  "DEFAULT_TIMEOUT_MS",
  "DEFAULT_MAX_RETRIES",
  "parseJsonEvents",
  "parseServerSentEvents",
  "ApiError",
  "ClientError",
  "RequestError",
  "NetworkError",
  "TimeoutError",
  "AbortError",
]);

/** Allocates unique names from a set, deterministically: the first claimant keeps the base name. */
export class NameAllocator {
  private readonly taken = new Set<string>();

  constructor(
    reserved: Iterable<string>,
    private readonly normalize: (name: string) => string = (n) => n,
  ) {
    for (const name of reserved) this.taken.add(this.normalize(name));
  }

  has(name: string): boolean {
    return this.taken.has(this.normalize(name));
  }

  /** The first of `base`, `base2`, `base3`, … for which every derived name is free; claims them all. */
  claim(base: string, derive: (candidate: string) => string[] = (c) => [c]): string {
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? base : `${base}${n}`;
      const names = derive(candidate);
      if (names.every((name) => !this.has(name))) {
        for (const name of names) this.taken.add(this.normalize(name));
        return candidate;
      }
    }
  }
}

/** A PascalCase type identifier for any spec name. */
export function typeIdentifier(original: string, fallback = "Type"): string {
  let name = pascalCase(original);
  if (name === "") name = fallback;
  if (/^[0-9]/.test(name)) name = `_${name}`;
  return RESERVED_TYPES.has(name) ? `${name}Model` : name;
}

/** A camelCase value identifier for any spec name. */
export function valueIdentifier(original: string, fallback = "operation"): string {
  let name = /^[a-z][A-Za-z0-9]*$/.test(original) ? original : camelCase(original);
  if (name === "") name = fallback;
  if (/^[0-9]/.test(name)) name = `_${name}`;
  return RESERVED_VALUES.has(name) || RUNTIME_VALUES.has(name) ? `${name}_` : name;
}

/** The operationId to use when the spec gives none: method and path (`GET /pets/{id}` -> `getPetsById`). */
export function deriveOperationId(method: string, path: string): string {
  const segments = path
    .split("/")
    .filter(Boolean)
    .map((s) => {
      const param = /^\{(.+)\}$/.exec(s);
      return param ? `By ${param[1] as string}` : s;
    });
  return camelCase([method, ...segments].join(" "));
}

/** True when a success response offers `text/event-stream` beside another media type. */
function offersStreamBeside(op: Operation): boolean {
  return op.responses.some(
    (r) => r.status.startsWith("2") && r.contents.some((c) => c.kind === "sse") && r.contents.some((c) => c.kind !== "sse"),
  );
}

/**
 * The longest module file name (without `.ts`) made from a tag; far below every file system's limit
 * of 255 bytes, leaving room for a collision suffix.
 */
export const MAX_FILE_STEM = 64;

/**
 * A kebab-case module file name for a tag: only `a-z`, `0-9`, `-` and `_`, so it never leaves its
 * folder. A longer name is cut to MAX_FILE_STEM with a hash of the whole name, so it stays stable
 * and distinct.
 */
export function fileIdentifier(tag: string): string {
  let name = words(tag)
    .map((w) => w.toLowerCase())
    .join("-")
    // Digits stay with the letters before them: `core_v1` -> `core-v1`, not `core-v-1`.
    .replace(/([a-z])-(?=[0-9])/g, "$1");
  name = name === "" ? "default" : /^[0-9]/.test(name) ? `_${name}` : name;
  if (name.length <= MAX_FILE_STEM) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
  return `${name.slice(0, MAX_FILE_STEM - hash.length - 1).replace(/-+$/, "")}-${hash}`;
}

/**
 * The one naming pass: allocates type names, function names, operation type prefixes and module
 * file names for a whole model. Deterministic: names are claimed in document order, and a name only
 * changes when something in the spec claims it first.
 */
export function allocateNames(model: ApiModel, options: { reservedTypes?: string[] } = {}): void {
  const types = new NameAllocator([...RESERVED_TYPES, ...(options.reservedTypes ?? [])]);
  for (const named of model.types) named.name = types.claim(typeIdentifier(named.originalName));
  // Request/response variants of types with readOnly/writeOnly properties (after every base name).
  const needing = typesNeedingVariants(model.types);
  for (const named of model.types) {
    const variants: NonNullable<NamedType["variants"]> = {};
    if (needing.input.has(named.id)) variants.input = types.claim(`${named.name}Input`);
    if (needing.output.has(named.id)) variants.output = types.claim(`${named.name}Output`);
    if (variants.input || variants.output) named.variants = variants;
  }

  const values = new NameAllocator([...RESERVED_VALUES, ...RUNTIME_VALUES]);
  for (const op of model.operations) {
    if (op.operationId === "") op.operationId = deriveOperationId(op.method, op.path);
    op.name = values.claim(valueIdentifier(op.operationId));
    if (offersStreamBeside(op)) op.streamName = values.claim(`${op.name}Stream`);
    const base = typeIdentifier(op.name, "Operation");
    op.typeNames = {
      params: types.claim(`${base}Params`),
      response: types.claim(`${base}Response`),
      error: types.claim(`${base}Error`),
      event: types.claim(`${base}Event`),
    };
  }
  for (const hook of model.webhooks) {
    hook.typeName = types.claim(typeIdentifier(`${hook.name} webhook`), (c) => [`${c}Payload`]);
  }

  // An untagged operation (grouped by its path) joins a tag whose module would have the same name.
  const tagByFile = new Map<string, string>();
  for (const op of model.operations) {
    const tag = op.tags[0];
    if (tag !== undefined && !tagByFile.has(fileIdentifier(tag))) tagByFile.set(fileIdentifier(tag), tag);
  }
  for (const op of model.operations) {
    if (op.tags.length === 0) op.group = tagByFile.get(fileIdentifier(op.group)) ?? op.group;
  }

  // Module files: unique case-insensitively, so they survive case-insensitive file systems.
  const files = new NameAllocator(["index"], (n) => n.toLowerCase());
  const groups = new Map<string, Group>();
  for (const op of model.operations) {
    if (groups.has(op.group)) continue;
    const group: Group = { tag: op.group, fileName: files.claim(fileIdentifier(op.group)) };
    const description = Object.hasOwn(model.tagDescriptions, op.group) ? model.tagDescriptions[op.group] : undefined;
    if (description !== undefined) group.description = description;
    groups.set(op.group, group);
  }
  model.groups = [...groups.values()];
}

/** Operations in a group, in document order. */
export function operationsOf(model: ApiModel, group: Group): Operation[] {
  return model.operations.filter((op) => op.group === group.tag);
}
