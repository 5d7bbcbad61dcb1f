import { readFile } from "node:fs/promises";
import { extname, resolve } from "node:path";
import jsYaml from "js-yaml";
import { parseDocument, isMap, isSeq, isScalar, type Node } from "yaml";
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
    const mark = (error as { mark?: { line: number; column: number } }).mark;
    const where = mark ? ` at line ${mark.line + 1}, column ${mark.column + 1}` : "";
    const reason = (error as { reason?: string }).reason ?? (error as Error).message.split("\n")[0] ?? "";
    throw new SpecError(`Invalid YAML${where}: ${reason}`, { file, pointer: "" }, {
      hint: "Fix the YAML syntax at that line.",
    });
  }
}

/**
 * YAML 1.2 core schema (no timestamps or binary: a date stays a string, as in JSON) plus merge keys.
 * js-yaml is used for reading because it is 5-6x faster and far leaner than `yaml` on multi-MB
 * specs, and it reads the quirks real specs have (redefined anchors, under-indented continuation
 * lines of quoted scalars). `yaml` (with source ranges) serves error locations: lineOfPointer.
 */
const YAML_SCHEMA = jsYaml.CORE_SCHEMA.extend({
  // `types` is exported by js-yaml 4 but missing from its type definitions.
  implicit: [(jsYaml as unknown as { types: { merge: jsYaml.Type } }).types.merge],
});

function parseYamlText(source: string): unknown {
  // `json: true`: a duplicated key takes the last value instead of failing, like JSON.parse.
  return jsYaml.load(source, { schema: YAML_SCHEMA, json: true });
}

/**
 * A function from JSON pointer to 1-based line in `text`, for error and warning locations. The text
 * is parsed once, with source ranges, on the first call; the normal path pays nothing for it.
 */
export function lineFinder(text: string): (pointer: string) => number | undefined {
  let root: Node | null | undefined;
  let lineStarts: number[] | undefined;
  return (pointer) => {
    try {
      if (lineStarts === undefined) {
        root = parseDocument(text, { uniqueKeys: false }).contents as Node | null;
        lineStarts = [0];
        for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
      }
      const offset = offsetOfPointer(root, pointer);
      if (offset === undefined) return undefined;
      let low = 0;
      let high = lineStarts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if ((lineStarts[mid] as number) <= offset) low = mid;
        else high = mid - 1;
      }
      return low + 1;
    } catch {
      return undefined;
    }
  };
}

/** The 1-based line of a JSON pointer in a file's text (one lookup; see lineFinder for many). */
export function lineOfPointer(text: string, pointer: string): number | undefined {
  return lineFinder(text)(pointer);
}

/** The source offset of the key naming the pointer's last segment (or of a sequence item). */
function offsetOfPointer(root: Node | null | undefined, pointer: string): number | undefined {
  let node = root;
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
  return offset;
}

