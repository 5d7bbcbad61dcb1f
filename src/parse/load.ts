import { readFile } from "node:fs/promises";
import { extname, resolve } from "node:path";
import { parse as parseYaml, parseDocument, isMap, isSeq, isScalar, type Node } from "yaml";
import { CodegenError, SpecError, splitPointer } from "../util/errors.js";

/** One loaded spec file: its absolute path, its text and the parsed value. */
export interface LoadedFile {
  readonly file: string;
  readonly text: string;
  readonly root: unknown;
}

/** Reads and parses a JSON or YAML file. Throws SpecError with the line on syntax errors. */
export async function loadFile(path: string): Promise<LoadedFile> {
  const file = resolve(path);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    const code = (cause as { code?: string }).code;
    throw new CodegenError(
      code === "ENOENT" ? `Spec file not found: ${file}` : `Cannot read spec file ${file}: ${String(cause)}`,
      { hint: "Check the --input path (or the job's `input` in the config file)." },
    );
  }
  return { file, text, root: parseText(file, text) };
}

/** Parses spec text; JSON by extension or first character, YAML otherwise. */
export function parseText(file: string, text: string): unknown {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const looksJson = extname(file).toLowerCase() === ".json" || /^\s*[{[]/.test(source);
  if (looksJson) {
    try {
      return JSON.parse(source);
    } catch (error) {
      if (extname(file).toLowerCase() === ".json") {
        throw new SpecError(`Invalid JSON: ${(error as Error).message}`, { file, pointer: "" }, {
          hint: "Fix the JSON syntax error (a YAML file should use the .yaml extension).",
        });
      }
      // Fall through: YAML is a superset of JSON and reports lines.
    }
  }
  try {
    return parseYamlText(source);
  } catch (error) {
    // Some real specs under-indent the continuation lines of quoted scalars, which YAML forbids
    // but js-yaml 4 and PyYAML accept. Retry once with those lines re-indented.
    const repaired = reindentQuotedContinuations(source);
    if (repaired !== undefined) {
      try {
        return parseYamlText(repaired);
      } catch {
        // Report the original error below.
      }
    }
    const linePos = (error as { linePos?: { line: number; col: number }[] }).linePos?.[0];
    const where = linePos ? ` at line ${linePos.line}, column ${linePos.col}` : "";
    const first = ((error as Error).message.split("\n")[0] ?? "").trim();
    throw new SpecError(`Invalid YAML${where}: ${first}`, { file, pointer: "" }, {
      hint: "Fix the YAML syntax at that line.",
    });
  }
}

/**
 * The 1-based line of a JSON pointer in a file's text, found by re-parsing with source ranges.
 * Only called when reporting an error, so the normal path pays nothing for it.
 */
export function lineOfPointer(text: string, pointer: string): number | undefined {
  try {
    const doc = parseDocument(text, { uniqueKeys: false });
    let node: Node | null | undefined = doc.contents as Node | null;
    // The line of the key naming the last segment (or of the item itself in a sequence).
    let offset: number | undefined = node?.range?.[0];
    for (const segment of splitPointer(pointer)) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
        if (!pair) return undefined;
        offset = (pair.key as Node).range?.[0];
        node = pair.value as Node | null | undefined;
      } else if (isSeq(node)) {
        node = node.items[Number(segment)] as Node | null | undefined;
        if (!node) return undefined;
        offset = node.range?.[0];
      } else {
        return undefined;
      }
    }
    if (offset === undefined) return undefined;
    let line = 1;
    for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
    return line;
  } catch {
    return undefined;
  }
}

function parseYamlText(source: string): unknown {
  // Real-world specs redefine anchors and use many aliases; accept both like other tools do.
  return parseYaml(source, { maxAliasCount: -1, uniqueKeys: false, merge: true, prettyErrors: true });
}

/**
 * Re-indents the continuation lines of multi-line quoted scalars (`key: "text ...` whose closing
 * quote is on a later line) that are not indented deeper than their key. Returns undefined when
 * nothing needed repair.
 */
export function reindentQuotedContinuations(text: string): string | undefined {
  const lines = text.split("\n");
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(?:- )?[^\s#"'][^:#]*:\s+(["'])(.*)$/.exec(lines[i] as string);
    if (!open) continue;
    const indent = (open[1] as string).length;
    const quote = open[2] as string;
    if (closesQuote(open[3] as string, quote)) continue;
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j] as string;
      const current = line.length - line.trimStart().length;
      if (line.trim() !== "" && current <= indent) {
        lines[j] = " ".repeat(indent + 2) + line.trimStart();
        changed = true;
      }
      if (closesQuote(line, quote)) {
        i = j;
        break;
      }
    }
  }
  return changed ? lines.join("\n") : undefined;
}

/** True when the text closes a scalar opened with `quote` (escapes and doubled quotes skipped). */
function closesQuote(text: string, quote: string): boolean {
  for (let k = 0; k < text.length; k++) {
    const ch = text[k];
    if (quote === '"' && ch === "\\") {
      k++;
    } else if (ch === quote) {
      if (quote === "'" && text[k + 1] === "'") k++;
      else return true;
    }
  }
  return false;
}
