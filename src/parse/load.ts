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
    // Real-world specs redefine anchors and use many aliases; accept both like other tools do.
    return parseYaml(source, { maxAliasCount: -1, uniqueKeys: false, merge: true, prettyErrors: true });
  } catch (error) {
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
