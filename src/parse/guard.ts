/**
 * Limits on a loaded document, checked once right after parsing so that every later walk over it
 * terminates quickly: no cycles (a YAML anchor used inside itself), bounded nesting (the same
 * limit for JSON and YAML, aliases included) and bounded alias expansion (a "billion laughs"
 * document of a few hundred bytes that expands to gigabytes).
 */
import { joinPointer, SpecError, type SpecLocation } from "../util/errors.js";

/**
 * The deepest nesting accepted, counted in nodes on a path from the root (a scalar leaf counts):
 * js-yaml's own `maxDepth` semantics, applied to JSON too. Real specs stay below 30.
 */
export const MAX_DEPTH = 100;

/**
 * The most a YAML document may grow through aliases: one unit per node plus one per character of
 * each string, counted as if every alias were a copy. Without aliases a document's size is
 * about half its text length (0.4-0.6 in the corpus), so real specs stay far below the budget.
 */
export function expansionBudget(textLength: number): number {
  return 1_000_000 + 4 * textLength;
}

/** Throws a SpecError naming the pointer when a JSON value nests deeper than MAX_DEPTH. */
export function checkJsonDepth(file: string, text: string, value: unknown): void {
  // Cheap pre-check on the text: the bracket depth (outside strings) plus a scalar leaf.
  if (bracketDepth(text) + 1 <= MAX_DEPTH) return;
  const pointer = pointerBeyondMaxDepth(value);
  if (pointer !== undefined) throw tooDeep({ file, pointer });
}

/** The pointer of the first node deeper than MAX_DEPTH in a tree, if any. */
export function pointerBeyondMaxDepth(value: unknown): string | undefined {
  const path: (string | number)[] = [];
  const visit = (node: unknown, depth: number): boolean => {
    if (depth > MAX_DEPTH) return true;
    if (node === null || typeof node !== "object") return false;
    for (const [key, child] of Object.entries(node)) {
      path.push(Array.isArray(node) ? Number(key) : key);
      if (visit(child, depth + 1)) return true;
      path.pop();
    }
    return false;
  };
  return visit(value, 1) ? joinPointer("", ...path) : undefined;
}

/** The deepest nesting of `[`/`{` in JSON text, not counting brackets inside strings. */
function bracketDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > max) max = depth;
    } else if (c === 93 /* ] */ || c === 125 /* } */) {
      depth--;
    }
  }
  return max;
}

/**
 * Checks a document parsed from YAML text with anchors, where js-yaml shares one object between an
 * anchor and its aliases: rejects cycles, nesting beyond MAX_DEPTH through aliases, and expansion
 * beyond the budget. Each distinct object is measured once (memoized), so this is linear in the
 * text, whatever the expansion.
 */
export function checkAliases(file: string, text: string, value: unknown): void {
  const budget = expansionBudget(text.length);
  /** Per object: its height (nodes on the longest path down, itself included) and expanded size. */
  const measured = new Map<object, { height: number; size: number }>();
  const inProgress = new Set<object>();
  const path: (string | number)[] = [];
  const visit = (node: unknown, depth: number): { height: number; size: number } => {
    if (depth > MAX_DEPTH) throw tooDeep({ file, pointer: joinPointer("", ...path) });
    if (typeof node === "string") return { height: 1, size: 1 + node.length };
    if (node === null || typeof node !== "object") return { height: 1, size: 1 };
    const known = measured.get(node);
    if (known) {
      if (depth - 1 + known.height > MAX_DEPTH) throw tooDeep({ file, pointer: joinPointer("", ...path) });
      return known;
    }
    if (inProgress.has(node)) {
      throw new SpecError(
        "A YAML anchor is used inside itself (a recursive alias)",
        { file, pointer: joinPointer("", ...path) },
        {
          hint: "An alias (*name) must not refer to an anchor (&name) that contains it: write the structure out, or use a $ref for recursive schemas.",
        },
      );
    }
    inProgress.add(node);
    let height = 0;
    let size = 1;
    for (const [key, child] of Object.entries(node)) {
      path.push(Array.isArray(node) ? Number(key) : key);
      const m = visit(child, depth + 1);
      path.pop();
      if (m.height > height) height = m.height;
      size += m.size;
      if (size > budget) {
        throw new SpecError(
          "YAML aliases expand this document beyond what a spec needs (an alias bomb?)",
          { file, pointer: joinPointer("", ...path) },
          {
            hint: `Aliases (*name) may expand the document to at most ${budget} nodes and characters; write repeated parts once and reference them with $ref.`,
          },
        );
      }
    }
    inProgress.delete(node);
    const result = { height: height + 1, size };
    measured.set(node, result);
    return result;
  };
  visit(value, 1);
}

/** True when YAML text may define an anchor (`&name` where a node's properties can start). */
export function mayHaveAnchors(text: string): boolean {
  return /(?:^|[\s[{,])&[^\s[\]{},]/m.test(text);
}

/** The error for nesting beyond MAX_DEPTH; `where` adds a line and column when known. */
export function tooDeep(location: SpecLocation, where = ""): SpecError {
  return new SpecError(`The document nests deeper than ${MAX_DEPTH} levels${where}`, location, {
    hint: `Codegen accepts up to ${MAX_DEPTH} levels of nesting (real specs use fewer than 30): name deeply nested schemas under components/schemas and use $ref.`,
  });
}
