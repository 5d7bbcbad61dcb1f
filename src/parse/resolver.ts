import { dirname, resolve as resolvePath } from "node:path";
import { joinPointer, SpecError, splitPointer } from "../util/errors.js";
import { isUrl } from "../util/url.js";
import { type LoadedFile, loadFile, loadReferencedFile } from "./load.js";
import type { Located } from "./located.js";

/**
 * Holds the root document and every file it references, loaded up front, so that resolution is
 * synchronous. One instance per generation: no module-level caches.
 */
export class Resolver {
  private readonly files = new Map<string, LoadedFile>();

  private constructor(readonly root: LoadedFile) {
    this.files.set(root.file, root);
  }

  /**
   * A resolver over a loaded root document (overlays already applied): loads every file named by a
   * relative `$ref` where OpenAPI allows a reference. Referenced files must lie inside `refRoot`
   * (default: the root file's folder).
   */
  static async over(root: LoadedFile, options: { refRoot?: string | undefined } = {}): Promise<Resolver> {
    const resolver = new Resolver(root);
    await resolver.loadReferencedFiles(resolver.root, options.refRoot ?? dirname(root.file));
    return resolver;
  }

  /** Every file loaded: the spec and the files its `$ref`s name (absolute paths or URLs). */
  get sources(): string[] {
    return [...this.files.keys()];
  }

  /** Builds a resolver over an already-parsed document (no external files). */
  static fromValue(file: string, text: string, root: unknown): Resolver {
    return new Resolver({ file, text, root });
  }

  /** The text of a loaded file (for locating errors). */
  textOf(file: string): string | undefined {
    return this.files.get(file)?.text;
  }

  private async loadReferencedFiles(start: LoadedFile, refRoot: string): Promise<void> {
    const queue: LoadedFile[] = [start];
    while (queue.length > 0) {
      const current = queue.shift() as LoadedFile;
      for (const { ref, pointer } of collectExternalRefs(current.root)) {
        const target = resolveFile(current.file, ref.split("#")[0] as string);
        if (this.files.has(target)) continue;
        const from = { file: current.file, pointer };
        const loaded = isUrl(target)
          ? await loadReferencedUrl(target, current.file, from)
          : await loadReferencedFile(target, refRoot, from);
        this.files.set(target, loaded);
        queue.push(loaded);
      }
    }
  }

  /**
   * Resolves `ref` written in `fromFile`; throws a SpecError naming `at` when it dangles. A pointer
   * may pass through `$ref`s on its way (`#/paths/~1x/get/.../schema/allOf/0` where `schema` is a
   * reference), as in other resolvers: the result is the canonical location of the value.
   */
  resolve(ref: string, fromFile: string, at: string): Located {
    return this.lookup(ref, fromFile, at, { followed: 0 });
  }

  /** `budget` counts the references stepped through in this whole resolution, nested ones included. */
  private lookup(ref: string, fromFile: string, at: string, budget: { followed: number }): Located {
    const hash = ref.indexOf("#");
    const filePart = hash === -1 ? ref : ref.slice(0, hash);
    const pointer = hash === -1 ? "" : ref.slice(hash + 1);
    if (ref.trim() === "") {
      throw new SpecError(
        `Empty $ref ${JSON.stringify(ref)}`,
        { file: fromFile, pointer: at },
        {
          hint: 'A $ref names what it points to, e.g. "#/components/schemas/Pet" or "./pet.yaml".',
        },
      );
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(filePart)) {
      throw new SpecError(
        `Remote $ref "${ref}" is not supported`,
        { file: fromFile, pointer: at },
        {
          hint: "Codegen does not fetch URLs: download the file and reference it by a relative path.",
        },
      );
    }
    const file = filePart === "" ? fromFile : resolveFile(fromFile, filePart);
    const loaded = this.files.get(file);
    if (!loaded) {
      throw new SpecError(
        `Cannot resolve $ref "${ref}": file ${file} is not loaded`,
        { file: fromFile, pointer: at },
        {
          hint: "Only local files can be referenced; URLs are not fetched.",
        },
      );
    }
    let current: Located = { file, pointer: "", value: loaded.root };
    for (const segment of splitPointer(pointer)) {
      let value = current.value;
      // A reference on the way stands for its target: step through it.
      while (isRefObject(value) && !Object.hasOwn(value, segment)) {
        if (++budget.followed > MAX_HOPS) throw tooManyHops({ file: fromFile, pointer: at });
        current = this.lookup(value.$ref, current.file, joinPointer(current.pointer, "$ref"), budget);
        value = current.value;
      }
      if (value === null || typeof value !== "object" || !Object.hasOwn(value, segment)) {
        throw new SpecError(
          `$ref "${ref}" points to nothing`,
          { file: fromFile, pointer: at },
          {
            hint: `Check that "${pointer}" exists in ${file}.`,
          },
        );
      }
      // The canonical pointer (decoded, then escaped), so every spelling of a ref names one location.
      current = {
        file: current.file,
        pointer: joinPointer(current.pointer, segment),
        value: (value as Record<string, unknown>)[segment],
      };
    }
    return current;
  }

  /**
   * Follows `$ref`s from a value until one that is not a reference (for parameters, responses,
   * request bodies and path items, which are references or objects).
   */
  follow(at: Located): Located {
    let current = at;
    for (let hops = 0; hops < MAX_HOPS; hops++) {
      const value = current.value;
      if (value === null || typeof value !== "object" || typeof (value as { $ref?: unknown }).$ref !== "string")
        return current;
      current = this.resolve((value as { $ref: string }).$ref, current.file, joinPointer(current.pointer, "$ref"));
    }
    throw tooManyHops(at);
  }
}

/** The file a relative reference names, from the file (or URL) it is written in. */
function resolveFile(fromFile: string, relativeRef: string): string {
  return isUrl(fromFile) ? new URL(relativeRef, fromFile).href : resolvePath(dirname(fromFile), relativeRef);
}

/**
 * A file named by a `$ref` in a spec read over http(s): fetched only from the same origin as the
 * file naming it (a spec cannot make Codegen fetch from elsewhere).
 */
async function loadReferencedUrl(
  target: string,
  fromFile: string,
  from: { file: string; pointer: string },
): Promise<LoadedFile> {
  if (!isUrl(fromFile) || new URL(target).origin !== new URL(fromFile).origin) {
    throw new SpecError(`$ref to ${target}: outside the origin of ${fromFile}`, from, {
      hint: "Keep referenced files beside the spec (same scheme, host and port).",
    });
  }
  return loadFile(target);
}

/** The most `$ref`s followed in a row (a longer chain is a cycle in practice). */
const MAX_HOPS = 32;

function tooManyHops(at: { file: string; pointer: string }): SpecError {
  return new SpecError(
    "$ref chain too long or circular",
    { file: at.file, pointer: at.pointer },
    {
      hint: "Make the $ref point at the object itself.",
    },
  );
}

function isRefObject(value: unknown): value is { $ref: string } {
  return value !== null && typeof value === "object" && typeof (value as { $ref?: unknown }).$ref === "string";
}

/**
 * Keys whose values are maps from names (of properties, schemas, paths, media types...) to
 * objects: their keys are names, never keywords, so `example` or `x-foo` there is a name.
 */
const NAME_MAPS = new Set([
  "properties",
  "patternProperties",
  "definitions",
  "$defs",
  "dependentSchemas",
  "schemas",
  "responses",
  "parameters",
  "requestBodies",
  "headers",
  "securitySchemes",
  "securityDefinitions",
  "links",
  "callbacks",
  "pathItems",
  "paths",
  "webhooks",
  "content",
  "encoding",
  "mapping",
  "variables",
]);

/** Keywords whose values are data, not spec objects: a `$ref` inside them is not a reference. */
function holdsData(key: string): boolean {
  return (
    key === "example" ||
    key === "examples" ||
    key === "default" ||
    key === "enum" ||
    key === "const" ||
    key.startsWith("x-")
  );
}

/**
 * Every `$ref` that names another file, with the pointer of its first occurrence. Only places where
 * OpenAPI allows a reference are searched: not example values, defaults, enums or `x-` extensions.
 */
function collectExternalRefs(value: unknown): { ref: string; pointer: string }[] {
  const refs = new Set<string>();
  walkReferencePlaces(value, (ref) => {
    if (isExternal(ref)) refs.add(ref);
  });
  if (refs.size === 0) return [];
  // Pointers are only needed for the refs found (for error locations): a second walk names them.
  const pointers = new Map<string, string>();
  walkReferencePlaces(
    value,
    (ref, path) => {
      if (refs.has(ref) && !pointers.has(ref)) pointers.set(ref, joinPointer("", ...path(), "$ref"));
    },
    true,
  );
  return [...refs].sort().map((ref) => ({ ref, pointer: pointers.get(ref) as string }));
}

function isExternal(ref: string): boolean {
  return ref.trim() !== "" && !ref.startsWith("#") && !/^[a-z][a-z0-9+.-]*:/i.test(ref);
}

/**
 * Calls `found` with each `$ref` string where OpenAPI allows a reference and, when asked for, a
 * function giving the path of the object holding it. Each object is visited once (a YAML alias
 * shares one object between places); iterative, so nesting cannot overflow the stack.
 */
function walkReferencePlaces(
  value: unknown,
  found: (ref: string, path: () => (string | number)[]) => void,
  withPaths = false,
): void {
  const seen = new Set<object>();
  const nodes: unknown[] = [value];
  /** Per pending node: whether its keys are names (see NAME_MAPS). */
  const names: boolean[] = [false];
  /** With paths: per pending node, its index in `steps` (-1 for the root). */
  const at: number[] = [-1];
  const steps: { parent: number; key: string | number }[] = [];
  const pathOf = (step: number) => (): (string | number)[] => {
    const path: (string | number)[] = [];
    for (let s = step; s >= 0; s = (steps[s] as { parent: number }).parent)
      path.unshift((steps[s] as { key: string | number }).key);
    return path;
  };
  const noPath = (): (string | number)[] => [];
  while (nodes.length > 0) {
    const node = nodes.pop();
    const inNames = names.pop() as boolean;
    const step = withPaths ? (at.pop() as number) : -1;
    if (node === null || typeof node !== "object" || seen.has(node)) continue;
    seen.add(node);
    const push = (child: unknown, key: string | number, childNames: boolean): void => {
      nodes.push(child);
      names.push(childNames);
      if (withPaths) at.push(steps.push({ parent: step, key }) - 1);
    };
    if (Array.isArray(node)) {
      node.forEach((child, i) => push(child, i, false));
      continue;
    }
    for (const key in node) {
      const child = (node as Record<string, unknown>)[key];
      if (key === "$ref" && typeof child === "string") {
        found(child, withPaths ? pathOf(step) : noPath);
      } else if (child !== null && typeof child === "object" && (inNames || !holdsData(key))) {
        push(child, key, !inNames && NAME_MAPS.has(key));
      }
    }
  }
}
