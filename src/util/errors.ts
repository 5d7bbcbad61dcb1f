/** Where in a spec something is: the file and an RFC 6901 JSON pointer into it. */
export interface SpecLocation {
  readonly file: string;
  readonly pointer: string;
  /** The exact place, when known without the pointer (syntax errors): 1-based line and column. */
  readonly position?: { readonly line: number; readonly column: number };
}

/** Something in a spec that Codegen read differently from what it says, or left out. */
export interface Warning {
  readonly message: string;
  readonly location: SpecLocation;
}

/** Base class of every error the library throws on purpose. The CLI maps these to messages. */
export class CodegenError extends Error {
  override name = "CodegenError";
  /** What the user can do about it. */
  readonly hint: string | undefined;

  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.hint = options.hint;
  }
}

/** A problem with the input spec, with the place it was found. */
export class SpecError extends CodegenError {
  override name = "SpecError";
  readonly location: SpecLocation;

  constructor(message: string, location: SpecLocation, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options);
    this.location = location;
  }
}

/** A problem with the user's configuration or command line. */
export class ConfigError extends CodegenError {
  override name = "ConfigError";
}

/** The output folder cannot be written safely (or at all); the user's files are left as they were. */
export class OutputError extends CodegenError {
  override name = "OutputError";
}

/** Escapes one segment of a JSON pointer (RFC 6901). */
export function escapePointerSegment(segment: string | number): string {
  return String(segment).replaceAll("~", "~0").replaceAll("/", "~1");
}

/** Appends segments to a JSON pointer. */
export function joinPointer(base: string, ...segments: (string | number)[]): string {
  return segments.reduce<string>((acc, s) => `${acc}/${escapePointerSegment(s)}`, base);
}

/** Splits a JSON pointer (without the leading `#`) into unescaped segments. */
export function splitPointer(pointer: string): string[] {
  if (pointer === "" || pointer === "/") return pointer === "/" ? [""] : [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => decodeURIComponentSafe(s).replaceAll("~1", "/").replaceAll("~0", "~"));
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
