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
import { packageTemplatesDir } from "../hbs/engine.js";
import { indexExports } from "../hbs/exports.js";
import { breakAliasCycles } from "./cycles.js";
import { apiModuleImportNames } from "./module-imports.js";

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
   * response offers `text/event-stream` beside another media type, or when the operation has a
   * `stream` (a body flag switches the answer to typed events).
   */
  readonly streamName?: string;
  /**
   * The name of the function that walks the operation's pages (`paginate` + the function name in
   * PascalCase: `paginateListAssistants`), present when the operation has pagination.
   */
  readonly paginateName?: string;
  /** The name of the function that starts the work and polls until it is done, present when the IR has `poll`. */
  readonly pollName?: string;
  /**
   * The names of the operation's own exported types (used where needed); `streamParams`, the
   * params of the stream function, only with a `stream`.
   */
  readonly typeNames: { params: string; response: string; error: string; event: string; streamParams?: string };
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
  readonly types: readonly ClientType[];
  readonly operations: readonly ClientOperation[];
  readonly webhooks: readonly ClientWebhook[];
  readonly groups: readonly ClientGroup[];
}

/** ECMAScript reserved words and strict-mode/TypeScript keywords that cannot name a value. */
const RESERVED_VALUES = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "implements interface let package private protected public static yield await arguments eval async of as"
  ).split(" "),
);

/** TypeScript's own type keywords and the globals generated models and modules refer to. */
const GLOBAL_TYPES = new Set(
  "any unknown never void undefined null object string number boolean bigint symbol Record Omit Promise Blob AsyncIterable".split(
    " ",
  ),
);

/** The names the TypeScript client keeps free for itself, by kind. */
export interface ReservedNames {
  readonly types: ReadonlySet<string>;
  readonly values: ReadonlySet<string>;
}

/**
 * The names no model or operation may take: the globals, the names an API module imports
 * (module-imports.ts) and the index's other exports (`indexExports`, read from the index template
 * by emit/hbs/exports.ts), which a model or operation of the same name would shadow.
 */
export function reservedNames(indexExports: readonly string[]): ReservedNames {
  const runtime = [...apiModuleImportNames(), ...indexExports];
  return { types: new Set([...GLOBAL_TYPES, ...runtime]), values: new Set([...RESERVED_VALUES, ...runtime]) };
}

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
export function typeIdentifier(
  original: string,
  fallback = "Type",
  reserved: ReadonlySet<string> = GLOBAL_TYPES,
): string {
  let name = pascalCase(original);
  if (name === "") name = fallback;
  if (/^[0-9]/.test(name)) name = `_${name}`;
  return reserved.has(name) ? `${name}Model` : name;
}

/** A camelCase value identifier for any spec name. */
export function valueIdentifier(
  original: string,
  fallback = "operation",
  reserved: ReadonlySet<string> = RESERVED_VALUES,
): string {
  let name = /^[a-z][A-Za-z0-9]*$/.test(original) ? original : camelCase(original);
  if (name === "") name = fallback;
  if (/^[0-9]/.test(name)) name = `_${name}`;
  return reserved.has(name) ? `${name}_` : name;
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
  options: { reservedTypes?: readonly string[]; indexExports?: readonly string[] } = {},
): { model: ClientModel; warnings: Warning[] } {
  const reserved = reservedNames(options.indexExports ?? indexExports(packageTemplatesDir()));
  const types = new NameAllocator([...reserved.types, ...(options.reservedTypes ?? [])]);
  const typeName = (original: string, fallback?: string) => typeIdentifier(original, fallback, reserved.types);
  const named = model.types.map((t): ClientType => ({ ...t, name: types.claim(typeName(t.originalName)) }));
  // Request/response variants of types with readOnly/writeOnly properties (after every base name).
  const needing = typesNeedingVariants(model.types);
  const withVariants = named.map((t): ClientType => {
    const variants: { input?: string; output?: string } = {};
    if (needing.input.has(t.id)) variants.input = types.claim(`${t.name}Input`);
    if (needing.output.has(t.id)) variants.output = types.claim(`${t.name}Output`);
    return variants.input || variants.output ? { ...t, variants } : t;
  });

  const values = new NameAllocator(reserved.values);
  // An untagged operation (grouped by its path) joins a tag whose module would have the same name.
  const tagByFile = new Map<string, string>();
  for (const op of model.operations) {
    const tag = op.tags[0];
    if (tag !== undefined && !tagByFile.has(fileIdentifier(tag))) tagByFile.set(fileIdentifier(tag), tag);
  }
  const operations = model.operations.map((op): ClientOperation => {
    const name = values.claim(valueIdentifier(op.operationId, undefined, reserved.values));
    const base = typeName(name, "Operation");
    const typeNames = {
      params: types.claim(`${base}Params`),
      response: types.claim(`${base}Response`),
      error: types.claim(`${base}Error`),
      event: types.claim(`${base}Event`),
      ...(op.stream?.flag ? { streamParams: types.claim(`${base}StreamParams`) } : {}),
    };
    const group = op.tags.length === 0 ? (tagByFile.get(fileIdentifier(op.group)) ?? op.group) : op.group;
    return { ...op, name, typeNames, group };
  });
  // The SDK layer's functions after every operation's own name, so adding one never renames an operation.
  const withHelpers = operations.map((op): ClientOperation => {
    const helpers: { streamName?: string; paginateName?: string; pollName?: string } = {};
    // A raw-frames variant for server-sent events beside another media type; JSON lines only typed.
    if ((op.events?.beside && !op.events.lines) || op.stream?.flag)
      helpers.streamName = values.claim(`${op.name}Stream`);
    if (op.pagination)
      helpers.paginateName = values.claim(`paginate${op.name.charAt(0).toUpperCase()}${op.name.slice(1)}`);
    if (op.poll) helpers.pollName = values.claim(`${op.name}AndPoll`);
    return Object.keys(helpers).length > 0 ? { ...op, ...helpers } : op;
  });
  const webhooks = model.webhooks.map(
    (hook): ClientWebhook => ({
      ...hook,
      typeName: types.claim(typeName(`${hook.name} webhook`), (c) => [`${c}Payload`]),
    }),
  );

  // Module files: unique case-insensitively, so they survive case-insensitive file systems.
  const files = new NameAllocator(["index"], (n) => n.toLowerCase());
  const groups = new Map<string, ClientGroup>();
  for (const op of withHelpers) {
    if (groups.has(op.group)) continue;
    const fileName = files.claim(fileIdentifier(op.group));
    const description = Object.hasOwn(model.tagDescriptions, op.group) ? model.tagDescriptions[op.group] : undefined;
    groups.set(
      op.group,
      description === undefined ? { tag: op.group, fileName } : { tag: op.group, fileName, description },
    );
  }
  const { types: broken, warnings } = breakAliasCycles(withVariants);
  return {
    model: { ...model, types: broken, operations: withHelpers, webhooks, groups: [...groups.values()] },
    warnings,
  };
}

/** Operations in a group, in document order. */
export function operationsOf(model: ClientModel, group: ClientGroup): ClientOperation[] {
  return model.operations.filter((op) => op.group === group.tag);
}
