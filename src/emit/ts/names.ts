/**
 * The TypeScript client's names, allocated from the IR: type names, function names, the exported
 * types of each operation, module file names. The IR keeps the spec's names (operationId, schema
 * name, tag); everything TypeScript decides (identifiers, reserved words, the runtime's and the
 * emitter's own names, case-insensitive file names) is decided here.
 */
import { createHash } from "node:crypto";
import type { ApiModel, NamedType, Operation, Webhook } from "../../ir/types.js";
import { typesNeedingVariants } from "../../ir/variants.js";
import { camelCase, pascalCase, words } from "../../util/case.js";
import type { Warning } from "../../util/errors.js";
import { breakAliasCycles } from "./cycles.js";
import { RUNTIME_FUNCTIONS } from "./runtime-functions.js";

/** A named type with its TypeScript names. */
export interface ClientType extends NamedType {
  /** The TypeScript identifier allocated for it. */
  readonly name: string;
  /**
   * Names of the request-side variant (readOnly properties left out) and the response-side one
   * (writeOnly left out), present when the type or a type it refers to has such properties.
   */
  readonly variants?: { input?: string; output?: string };
}

/** An operation with its TypeScript names and the module it lands in. */
export interface ClientOperation extends Operation {
  /** The camelCase function name, unique in the client. */
  readonly name: string;
  /**
   * The name of a second function that reads the response as an event stream, present when a 2XX
   * response offers `text/event-stream` beside another media type.
   */
  readonly streamName?: string;
  /** The names of the operation's own exported types (used where needed). */
  readonly typeNames: { params: string; response: string; error: string; event: string };
}

/** A webhook with the name of its payload type (without the `Payload` suffix). */
export interface ClientWebhook extends Webhook {
  readonly typeName: string;
}

/** One API module: a group's tag and its file. */
export interface ClientGroup {
  /** The group's tag (or path-derived group). */
  readonly tag: string;
  /** The module file name (kebab-case, unique case-insensitively). */
  readonly fileName: string;
  readonly description?: string;
}

/** The IR with the TypeScript client's names: what the TS emitter (and the docs, through it) reads. */
export interface ClientModel extends Omit<ApiModel, "types" | "operations" | "webhooks"> {
  readonly types: ClientType[];
  readonly operations: ClientOperation[];
  readonly webhooks: ClientWebhook[];
  readonly groups: ClientGroup[];
}

/** ECMAScript reserved words and strict-mode/TypeScript keywords that cannot name a value. */
const RESERVED_VALUES = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "implements interface let package private protected public static yield await arguments eval async of as"
  ).split(" "),
);

/**
 * Every name the generated index.ts exports besides the models and API modules (templates/files/
 * index.ts.hbs: the client module's and the runtime's exports). A model or operation of the same
 * name would be shadowed there, so none takes one; test/unit/emitter-names.test.ts keeps this list
 * equal to the template's.
 */
export const INDEX_EXPORTS: readonly string[] = [
  "createClient",
  "defaultBaseUrl",
  "defaultHeaders",
  "ApiPromise",
  "Client",
  "ClientOptions",
  "RequestOptions",
  "RequestSpec",
  "WithResponse",
  "request",
  "retries",
  "DEFAULT_MAX_RETRIES",
  "RetryOptions",
  "RetryPolicy",
  "ErrorHookContext",
  "HookContext",
  "Hooks",
  "ResponseHookContext",
  "RetryHookContext",
  "logging",
  "Logger",
  "LogLevel",
  "readJson",
  "readOptionalJson",
  "readText",
  "readBlob",
  "readVoid",
  "readEvents",
  "ResponseReader",
  "encodeJson",
  "encodeText",
  "encodeForm",
  "encodeMultipart",
  "encodeBinary",
  "encodeBody",
  "BodyEncoder",
  "AbortError",
  "ApiError",
  "AuthenticationError",
  "BadRequestError",
  "ClientError",
  "ConflictError",
  "InternalServerError",
  "NetworkError",
  "NotFoundError",
  "PermissionDeniedError",
  "RateLimitError",
  "RequestError",
  "ResponseBodyError",
  "TimeoutError",
  "UnprocessableEntityError",
  "toFile",
  "BinaryInput",
  "ToFileOptions",
  "parseJsonEvents",
  "parseServerSentEvents",
  "ServerSentEvent",
];

/**
 * Names a type may not take: TypeScript's own type keywords, the globals generated models and
 * modules refer to, the names an API module imports (emit/hbs/view-models.ts apiImports) and the
 * index's other exports.
 */
const RESERVED_TYPES = new Set([
  ..."any unknown never void undefined null object string number boolean bigint symbol Record Omit Promise Blob AsyncIterable".split(
    " ",
  ),
  ...["ApiPromise", "Client", "RequestOptions", "ServerSentEvent"],
  ...INDEX_EXPORTS,
]);

/**
 * Values an API module imports itself (`int64Plans`, the runtime functions operations call) and
 * the index's other exports; operations must not shadow them.
 */
const RUNTIME_VALUES = new Set(["int64Plans", ...Object.keys(RUNTIME_FUNCTIONS), ...INDEX_EXPORTS]);

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
 * Names a model for the TypeScript client, then breaks the alias cycles TypeScript cannot express
 * (reported as warnings). Deterministic: names are claimed in document order, and a name only
 * changes when something in the spec claims it first. The IR is not changed.
 */
export function nameModel(
  model: ApiModel,
  options: { reservedTypes?: readonly string[] } = {},
): { model: ClientModel; warnings: Warning[] } {
  const types = new NameAllocator([...RESERVED_TYPES, ...(options.reservedTypes ?? [])]);
  const named = model.types.map((t): ClientType => ({ ...t, name: types.claim(typeIdentifier(t.originalName)) }));
  // Request/response variants of types with readOnly/writeOnly properties (after every base name).
  const needing = typesNeedingVariants(model.types);
  const withVariants = named.map((t): ClientType => {
    const variants: { input?: string; output?: string } = {};
    if (needing.input.has(t.id)) variants.input = types.claim(`${t.name}Input`);
    if (needing.output.has(t.id)) variants.output = types.claim(`${t.name}Output`);
    return variants.input || variants.output ? { ...t, variants } : t;
  });

  const values = new NameAllocator([...RESERVED_VALUES, ...RUNTIME_VALUES]);
  // An untagged operation (grouped by its path) joins a tag whose module would have the same name.
  const tagByFile = new Map<string, string>();
  for (const op of model.operations) {
    const tag = op.tags[0];
    if (tag !== undefined && !tagByFile.has(fileIdentifier(tag))) tagByFile.set(fileIdentifier(tag), tag);
  }
  const operations = model.operations.map((op): ClientOperation => {
    const name = values.claim(valueIdentifier(op.operationId));
    const streamName = op.events?.beside ? values.claim(`${name}Stream`) : undefined;
    const base = typeIdentifier(name, "Operation");
    const typeNames = {
      params: types.claim(`${base}Params`),
      response: types.claim(`${base}Response`),
      error: types.claim(`${base}Error`),
      event: types.claim(`${base}Event`),
    };
    const group = op.tags.length === 0 ? (tagByFile.get(fileIdentifier(op.group)) ?? op.group) : op.group;
    return { ...op, name, ...(streamName === undefined ? {} : { streamName }), typeNames, group };
  });
  const webhooks = model.webhooks.map(
    (hook): ClientWebhook => ({
      ...hook,
      typeName: types.claim(typeIdentifier(`${hook.name} webhook`), (c) => [`${c}Payload`]),
    }),
  );

  // Module files: unique case-insensitively, so they survive case-insensitive file systems.
  const files = new NameAllocator(["index"], (n) => n.toLowerCase());
  const groups = new Map<string, ClientGroup>();
  for (const op of operations) {
    if (groups.has(op.group)) continue;
    const fileName = files.claim(fileIdentifier(op.group));
    const description = Object.hasOwn(model.tagDescriptions, op.group) ? model.tagDescriptions[op.group] : undefined;
    groups.set(
      op.group,
      description === undefined ? { tag: op.group, fileName } : { tag: op.group, fileName, description },
    );
  }
  const { types: broken, warnings } = breakAliasCycles(withVariants);
  return { model: { ...model, types: broken, operations, webhooks, groups: [...groups.values()] }, warnings };
}

/** Operations in a group, in document order. */
export function operationsOf(model: ClientModel, group: ClientGroup): ClientOperation[] {
  return model.operations.filter((op) => op.group === group.tag);
}
