import { constants } from "node:fs";
import { open, readFile, realpath } from "node:fs/promises";
import { extname, isAbsolute, relative, resolve, sep } from "node:path";
import jsYaml from "js-yaml";
import { isMap, isScalar, isSeq, type Node, parseDocument } from "yaml";
import { CodegenError, ConfigError, SpecError, type SpecLocation, splitPointer } from "../util/errors.js";
import { isUrl } from "../util/url.js";
import { checkAliases, checkJsonDepth, MAX_DEPTH, mayHaveAnchors, pointerBeyondMaxDepth, tooDeep } from "./guard.js";

/** One loaded spec file: its absolute path, its text and the parsed value. */
export interface LoadedFile {
  readonly file: string;
  readonly text: string;
  readonly root: unknown;
}

/**
 * Reads and parses a JSON or YAML file (or http(s) URL). Throws SpecError with line and column on
 * syntax errors. `input` marks the file the user named (the spec, an overlay): that it cannot be read
 * is then a ConfigError (a bad command line or config), not a problem of the spec.
 */
export async function loadFile(path: string, options: { input?: "Spec" | "Overlay" } = {}): Promise<LoadedFile> {
  const file = isUrl(path) ? path : resolve(path);
  const text = isUrl(file) ? await fetchText(file, options.input) : await readText(file, options.input);
  return { file, text, root: parseText(file, text) };
}

async function readText(file: string, input: "Spec" | "Overlay" | undefined): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (cause) {
    const code = (cause as { code?: string }).code;
    const message =
      code === "ENOENT" ? `${input ?? "Referenced"} file not found: ${file}` : `Cannot read ${file}: ${String(cause)}`;
    const hint = "Check the --input and --overlay paths (or the job's `input` and `overlays` in the config file).";
    throw input ? new ConfigError(message, { hint }) : new CodegenError(message, { hint });
  }
}

/** Fetches a spec over http(s); no retries, a clear error when offline. */
async function fetchText(url: string, input: "Spec" | "Overlay" | undefined): Promise<string> {
  const fail = (why: string): never => {
    const message = `Cannot fetch ${url}: ${why}`;
    const hint = "Check the URL and the network, or download the spec and pass its path.";
    throw input ? new ConfigError(message, { hint }) : new CodegenError(message, { hint });
  };
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(30_000),
      headers: { accept: "application/json, application/yaml, text/yaml, */*" },
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return fail(cause?.code ?? cause?.message ?? (error as Error).message);
  }
  if (!response.ok) return fail(`HTTP ${response.status} ${response.statusText}`.trim());
  return response.text();
}

/** The 1-based line and column of a JSON.parse error (Node reports a character position, or none at the end). */
export function jsonSyntaxPosition(text: string, error: Error): { line: number; column: number } {
  const match = /at position (\d+)/.exec(error.message) ?? /\(line (\d+) column (\d+)\)/.exec(error.message);
  let offset = text.length;
  if (match && match.length === 3) return { line: Number(match[1]), column: Number(match[2]) };
  if (match) offset = Number(match[1]);
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - (before.lastIndexOf("\n") + 1) + 1 };
}

/** The largest file a `$ref` may name. The biggest real specs are a few MB. */
export const MAX_REF_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Reads and parses a file named by a `$ref` (at `from`), which must be a regular file of at most
 * MAX_REF_FILE_BYTES inside `root` once symlinks are resolved: a spec cannot make Codegen read
 * /etc/passwd, a device or a FIFO.
 */
export async function loadReferencedFile(path: string, root: string, from: SpecLocation): Promise<LoadedFile> {
  const file = resolve(path);
  const refused = (why: string, hint: string): SpecError => new SpecError(`$ref to ${file}: ${why}`, from, { hint });
  const widen = `Keep referenced files in the spec's folder (${root}), or widen that folder with the \`refRoot\` config option / --ref-root.`;
  const realRoot = await realpath(root).catch(() => {
    throw new CodegenError(`The folder $refs may read from does not exist: ${root}`, {
      hint: "Fix `refRoot` in the config (or --ref-root).",
    });
  });
  let real: string;
  try {
    real = await realpath(file);
  } catch (cause) {
    const code = (cause as { code?: string }).code;
    const hint = "Check the path in the $ref (relative to the file it is written in).";
    if (code === "ENOENT") throw new SpecError(`Referenced file not found: ${file} (named by a $ref)`, from, { hint });
    throw refused(`cannot be read (${code ?? String(cause)})`, hint);
  }
  const inside = relative(realRoot, real);
  if (inside === "" || inside === ".." || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    throw refused("outside the folder that references may read", widen);
  }
  // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then rejects it.
  const handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK).catch((cause: unknown) => {
    throw refused(
      `cannot be read (${(cause as { code?: string }).code ?? String(cause)})`,
      "Check the file's permissions.",
    );
  });
  let text: string;
  try {
    const stat = await handle.stat();
    if (!stat.isFile())
      throw refused("not a regular file", "A $ref must name a JSON or YAML file, not a folder, device or pipe.");
    if (stat.size > MAX_REF_FILE_BYTES) {
      throw refused(
        `larger than ${MAX_REF_FILE_BYTES / 1024 / 1024} MB`,
        "A $ref must name a spec file; split very large files.",
      );
    }
    const buffer = Buffer.alloc(stat.size);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    text = buffer.toString("utf8", 0, filled);
  } finally {
    await handle.close();
  }
  return { file, text, root: parseText(file, text) };
}

/** Parses spec text; JSON by extension or first character, YAML otherwise. */
export function parseText(file: string, text: string): unknown {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const json = extname(isUrl(file) ? new URL(file).pathname : file).toLowerCase() === ".json";
  const looksJson = json || /^\s*[{[]/.test(source);
  if (looksJson) {
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (error) {
      if (json) {
        const position = jsonSyntaxPosition(source, error as Error);
        throw new SpecError(
          `Invalid JSON at line ${position.line}, column ${position.column}: ${(error as Error).message}`,
          { file, pointer: "", position },
          {
            hint: "Fix the JSON syntax error (a YAML file should use the .yaml extension).",
          },
        );
      }
      // Fall through: YAML is a superset of JSON and reports lines.
    }
    if (value !== undefined) {
      checkJsonDepth(file, source, value);
      return value;
    }
  }
  let value: unknown;
  try {
    value = parseYamlText(source);
  } catch (error) {
    const mark = (error as { mark?: { line: number; column: number } }).mark;
    const position = mark ? { line: mark.line + 1, column: mark.column + 1 } : undefined;
    const where = position ? ` at line ${position.line}, column ${position.column}` : "";
    const reason = (error as { reason?: string }).reason ?? (error as Error).message.split("\n")[0] ?? "";
    if (reason.startsWith("nesting exceeded maxDepth")) throw tooDeep(...deepYamlLocation(file, source, where));
    throw new SpecError(
      `Invalid YAML${where}: ${reason}`,
      { file, pointer: "", ...(position ? { position } : {}) },
      {
        hint: "Fix the YAML syntax at that line.",
      },
    );
  }
  // js-yaml shares one object between an anchor and its aliases (and closes a cycle for an anchor
  // used inside itself): check the shape before anything walks it.
  if (mayHaveAnchors(source)) checkAliases(file, source, value);
  return value;
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

function parseYamlText(source: string, maxDepth = MAX_DEPTH): unknown {
  // `json: true`: a duplicated key takes the last value instead of failing, like JSON.parse.
  // `maxDepth` (js-yaml 4.1.1+) is missing from its type definitions.
  const options: jsYaml.LoadOptions & { maxDepth: number } = { schema: YAML_SCHEMA, json: true, maxDepth };
  return jsYaml.load(source, options);
}

/**
 * Where YAML text nests too deep, as a JSON pointer: read again without js-yaml's limit, where the
 * stack allows, and find the first node beyond it. Else the document root and the line.
 */
function deepYamlLocation(file: string, source: string, where: string): [SpecLocation, string] {
  try {
    const pointer = pointerBeyondMaxDepth(parseYamlText(source, 50 * MAX_DEPTH));
    if (pointer !== undefined) return [{ file, pointer }, ""];
  } catch {
    // Deeper still (or the stack ran out): the line js-yaml reported is what we know.
  }
  return [{ file, pointer: "" }, where];
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
