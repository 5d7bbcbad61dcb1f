/**
 * OpenAPI Overlay 1.0: a separate document of actions (`target` JSONPath, then `update` or
 * `remove`) applied to the spec before it is read. The way to add what a spec does not state
 * without editing it: descriptions, `x-` hints for SDK semantics, fixes to a vendor's spec.
 */

import { exec, type JsonValue } from "jsonpath-rfc9535";
import { joinPointer, SpecError, type Warning } from "../util/errors.js";
import { isObject } from "./context.js";
import { loadFile } from "./load.js";

/** Applies overlay files in order to a copy of `document`; returns it and what matched nothing. */
export async function applyOverlays(
  document: unknown,
  overlayFiles: readonly string[],
): Promise<{ document: unknown; warnings: Warning[]; files: string[] }> {
  let current = structuredClone(document);
  const warnings: Warning[] = [];
  const files: string[] = [];
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
      current = applyAction(current, action, { file, pointer: joinPointer("/actions", i) }, warnings);
    });
  }
  return { document: current, warnings, files };
}

function applyAction(
  document: unknown,
  action: unknown,
  at: { file: string; pointer: string },
  warnings: Warning[],
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
  for (const match of matches) {
    const updated = update(match.value, structuredClone(action.update));
    if (match.parent === undefined) result = updated;
    else if (Array.isArray(match.parent)) match.parent[match.key as number] = updated;
    else match.parent[match.key as string] = updated;
  }
  return result;
}

/** One node a target selects: its value, and its parent and key (none for the root). */
export interface TargetMatch {
  readonly value: unknown;
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
    matches.push({ value, parent: parent as TargetMatch["parent"], key });
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
