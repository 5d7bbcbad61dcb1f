/**
 * OpenAPI Overlay 1.0: a separate document of actions (`target` JSONPath, then `update` or
 * `remove`) applied to the spec before it is read. The way to add what a spec does not state
 * without editing it: descriptions, `x-` hints for SDK semantics, fixes to a vendor's spec.
 */

import { exec, type JsonValue } from "jsonpath-rfc9535";
import { joinPointer, SpecError, type SpecLocation, type Warning } from "../util/errors.js";
import { isObject } from "./context.js";
import { loadFile } from "./load.js";

/** Where an overlay put a value into the document: its place there and in the overlay. */
interface Placed {
  /** The JSON pointer of the updated node in the document. */
  readonly target: string;
  /** The update's keys merged into an object there; undefined when the update replaced or appended the node. */
  readonly keys: ReadonlySet<string> | undefined;
  /** The `update` value in the overlay file. */
  readonly from: SpecLocation;
}

/**
 * The places overlays wrote into the document, so that a problem found in a value an overlay
 * added is reported in the overlay file (where it can be fixed, with its line), not at a pointer
 * of the spec that names text the spec file does not have.
 */
export class OverlayOrigins {
  private readonly placed: Placed[] = [];

  add(placed: Placed): void {
    this.placed.push(placed);
  }

  /** `location` in the overlay that wrote it (the last one), else unchanged. */
  original(location: SpecLocation, documentFile: string): SpecLocation {
    if (location.file !== documentFile) return location;
    for (const placed of [...this.placed].reverse()) {
      const { target } = placed;
      if (location.pointer !== target && !location.pointer.startsWith(`${target}/`)) continue;
      const rest = location.pointer.slice(target.length);
      if (placed.keys) {
        // Merged into an object: only what lies under one of the update's own keys came from it.
        const key = rest.split("/")[1]?.replaceAll("~1", "/").replaceAll("~0", "~");
        if (key === undefined || !placed.keys.has(key)) continue;
      }
      return { file: placed.from.file, pointer: `${placed.from.pointer}${rest}` };
    }
    return location;
  }
}

/** Applies overlay files in order to a copy of `document`; returns it and what matched nothing. */
export async function applyOverlays(
  document: unknown,
  overlayFiles: readonly string[],
): Promise<{ document: unknown; warnings: Warning[]; files: string[]; origins: OverlayOrigins }> {
  let current = structuredClone(document);
  const warnings: Warning[] = [];
  const files: string[] = [];
  const origins = new OverlayOrigins();
  for (const path of overlayFiles) {
    const { file, root } = await loadFile(path, { input: "Overlay" });
    files.push(file);
    if (!isObject(root) || typeof root.overlay !== "string" || !/^1\./.test(root.overlay)) {
      throw new SpecError(
        "Not an OpenAPI Overlay 1.x document",
        { file, pointer: "/overlay" },
        {
          hint: "An overlay starts with `overlay: 1.0.0` and lists `actions` ({ target, update | remove }).",
        },
      );
    }
    if (!Array.isArray(root.actions)) {
      throw new SpecError("An overlay needs an `actions` array", { file, pointer: "/actions" });
    }
    root.actions.forEach((action, i) => {
      current = applyAction(current, action, { file, pointer: joinPointer("/actions", i) }, warnings, origins);
    });
  }
  return { document: current, warnings, files, origins };
}

function applyAction(
  document: unknown,
  action: unknown,
  at: { file: string; pointer: string },
  warnings: Warning[],
  origins: OverlayOrigins,
): unknown {
  if (!isObject(action) || typeof action.target !== "string") {
    throw new SpecError("An overlay action needs a `target` (a JSONPath)", { file: at.file, pointer: at.pointer });
  }
  if (action.remove !== true && action.update === undefined) {
    throw new SpecError("An overlay action needs `update` or `remove: true`", at, {
      hint: "Give the action what to change.",
    });
  }
  let matches;
  try {
    matches = matchTarget(document, action.target);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SpecError(
      `Invalid JSONPath ${JSON.stringify(action.target)}: ${message}`,
      { file: at.file, pointer: joinPointer(at.pointer, "target") },
      {
        hint: "Targets are RFC 9535 JSONPath expressions, e.g. `$.paths['/pets'].get` or `$.paths.*[?@.operationId == 'x']`.",
      },
    );
  }
  if (matches.length === 0) {
    warnings.push({
      message: `Overlay target ${action.target} matches nothing`,
      location: { file: at.file, pointer: joinPointer(at.pointer, "target") },
    });
    return document;
  }
  if (action.remove === true) {
    // Last match first, so removing array items does not shift the ones still to remove.
    for (const match of [...matches].reverse()) {
      if (match.parent === undefined) throw new SpecError("An overlay cannot remove the whole document", at);
      if (Array.isArray(match.parent)) match.parent.splice(match.key as number, 1);
      else delete match.parent[match.key as string];
    }
    return document;
  }
  let result = document;
  const from = { file: at.file, pointer: joinPointer(at.pointer, "update") };
  for (const match of matches) {
    const target = joinPointer("", ...match.path);
    if (Array.isArray(match.value))
      origins.add({ target: joinPointer(target, match.value.length), keys: undefined, from });
    else if (isObject(match.value) && isObject(action.update))
      origins.add({ target, keys: new Set(Object.keys(action.update)), from });
    else origins.add({ target, keys: undefined, from });
    const updated = update(match.value, structuredClone(action.update));
    if (match.parent === undefined) result = updated;
    else if (Array.isArray(match.parent)) match.parent[match.key as number] = updated;
    else match.parent[match.key as string] = updated;
  }
  return result;
}

/** One node a target selects: its value, its path, and its parent and key (none for the root). */
export interface TargetMatch {
  readonly value: unknown;
  readonly path: readonly (string | number)[];
  readonly parent: Record<string, unknown> | unknown[] | undefined;
  readonly key: string | number | undefined;
}

/**
 * The nodes an RFC 9535 JSONPath selects (jsonpath-rfc9535, which passes the JSONPath Compliance
 * Test Suite), located through their normalized paths so they can be updated or removed.
 */
export function matchTarget(document: unknown, target: string): TargetMatch[] {
  const matches: TargetMatch[] = [];
  exec(document as JsonValue, target, (value, path) => {
    let parent: unknown;
    let node: unknown = document;
    for (const key of path) {
      parent = node;
      node = (node as Record<string | number, unknown>)[key];
    }
    const key = path.length === 0 ? undefined : path[path.length - 1];
    matches.push({ value, path: [...path], parent: parent as TargetMatch["parent"], key });
  });
  return matches;
}

/** Overlay update: objects merge recursively, an array gets the value appended, the rest is replaced. */
function update(target: unknown, value: unknown): unknown {
  if (Array.isArray(target)) return [...target, value];
  if (isObject(target) && isObject(value)) {
    const out: Record<string, unknown> = { ...target };
    for (const [key, v] of Object.entries(value)) {
      const existing = Object.hasOwn(out, key) ? out[key] : undefined;
      const merged = isObject(existing) && isObject(v) ? update(existing, v) : v;
      // defineProperty, not assignment: a `__proto__` key stays a plain property.
      Object.defineProperty(out, key, { value: merged, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}
