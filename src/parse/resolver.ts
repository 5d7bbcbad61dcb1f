import { dirname, resolve as resolvePath } from "node:path";
import { SpecError, type Warning, joinPointer, splitPointer } from "../util/errors.js";
import { isUrl } from "../util/url.js";
import { loadFile, type LoadedFile } from "./load.js";
import { applyOverlays } from "./overlay.js";

/** A resolved `$ref`: the file and pointer it names, and the value found there. */
export interface Resolved {
  readonly file: string;
  readonly pointer: string;
  readonly value: unknown;
}

/**
 * Holds the root document and every file it references, loaded up front, so that resolution is
 * synchronous. One instance per generation: no module-level caches.
 */
export class Resolver {
  private readonly files = new Map<string, LoadedFile>();

  private constructor(readonly root: LoadedFile) {
    this.files.set(root.file, root);
  }

  /** What applying overlays reported (targets that matched nothing). */
  readonly warnings: Warning[] = [];
  /** The overlay files read. */
  private overlays: readonly string[] = [];

  /** Loads the root file (a path or http(s) URL), applies overlays to it, then loads every file named by a relative `$ref`. */
  static async load(path: string, overlays: readonly string[] = []): Promise<Resolver> {
    let root = await loadFile(path, { input: "Spec" });
    const applied = overlays.length > 0 ? await applyOverlays(root.root, overlays) : undefined;
    if (applied) root = { ...root, root: applied.document };
    const resolver = new Resolver(root);
    resolver.overlays = applied?.files ?? [];
    if (applied) resolver.warnings.push(...applied.warnings);
    await resolver.loadReferencedFiles(resolver.root);
    return resolver;
  }

  /** Every file read: the spec, the files its `$ref`s name, and the overlays (absolute paths or URLs). */
  get sources(): string[] {
    return [...this.files.keys(), ...this.overlays];
  }

  /** Builds a resolver over an already-parsed document (no external files). */
  static fromValue(file: string, text: string, root: unknown): Resolver {
    return new Resolver({ file, text, root });
  }

  /** The text of a loaded file (for locating errors). */
  textOf(file: string): string | undefined {
    return this.files.get(file)?.text;
  }

  private async loadReferencedFiles(start: LoadedFile): Promise<void> {
    const queue: LoadedFile[] = [start];
    while (queue.length > 0) {
      const current = queue.shift() as LoadedFile;
      for (const ref of collectExternalRefs(current.root)) {
        const target = resolveFile(current.file, ref.split("#")[0] as string);
        if (this.files.has(target)) continue;
        const loaded = await loadFile(target);
        this.files.set(target, loaded);
        queue.push(loaded);
      }
    }
  }

  /** Resolves `ref` written in `fromFile`; throws a SpecError naming `at` when it dangles. */
  resolve(ref: string, fromFile: string, at: string): Resolved {
    const hash = ref.indexOf("#");
    const filePart = hash === -1 ? ref : ref.slice(0, hash);
    const pointer = hash === -1 ? "" : ref.slice(hash + 1);
    if (/^[a-z][a-z0-9+.-]*:/i.test(filePart)) {
      throw new SpecError(`Remote $ref "${ref}" is not supported`, { file: fromFile, pointer: at }, {
        hint: "Codegen does not fetch URLs: download the file and reference it by a relative path.",
      });
    }
    const file = filePart === "" ? fromFile : resolveFile(fromFile, filePart);
    const loaded = this.files.get(file);
    if (!loaded) {
      throw new SpecError(`Cannot resolve $ref "${ref}": file ${file} is not loaded`, { file: fromFile, pointer: at }, {
        hint: "Only local files can be referenced; URLs are not fetched.",
      });
    }
    let value: unknown = loaded.root;
    const segments = splitPointer(pointer);
    for (const segment of segments) {
      if (value !== null && typeof value === "object" && Object.hasOwn(value, segment)) {
        value = (value as Record<string, unknown>)[segment];
      } else {
        throw new SpecError(`$ref "${ref}" points to nothing`, { file: fromFile, pointer: at }, {
          hint: `Check that "${pointer}" exists in ${file}.`,
        });
      }
    }
    // The canonical pointer (decoded, then escaped), so every spelling of a ref names one location.
    return { file, pointer: joinPointer("", ...segments), value };
  }

  /**
   * Follows `$ref`s from a value until one that is not a reference (for parameters, responses,
   * request bodies and path items, which are references or objects).
   */
  follow(at: Resolved): Resolved {
    let current = at;
    for (let hops = 0; hops < 32; hops++) {
      const value = current.value;
      if (value === null || typeof value !== "object" || typeof (value as { $ref?: unknown }).$ref !== "string") return current;
      current = this.resolve((value as { $ref: string }).$ref, current.file, joinPointer(current.pointer, "$ref"));
    }
    throw new SpecError("$ref chain too long or circular", { file: at.file, pointer: at.pointer }, {
      hint: "Make the $ref point at the object itself.",
    });
  }
}

/** The file a relative reference names, from the file (or URL) it is written in. */
function resolveFile(fromFile: string, relativeRef: string): string {
  return isUrl(fromFile) ? new URL(relativeRef, fromFile).href : resolvePath(dirname(fromFile), relativeRef);
}

/** Every `$ref` string in a value that names another file. */
function collectExternalRefs(value: unknown): string[] {
  const out = new Set<string>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...node);
    } else if (node !== null && typeof node === "object") {
      for (const [key, child] of Object.entries(node)) {
        if (key === "$ref" && typeof child === "string") {
          if (!child.startsWith("#") && !/^[a-z][a-z0-9+.-]*:/i.test(child)) out.add(child);
        } else {
          stack.push(child);
        }
      }
    }
  }
  return [...out].sort();
}
