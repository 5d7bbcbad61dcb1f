import type { NamedType } from "../ir/types.js";
import type { Warning } from "../util/errors.js";
import type { Resolver } from "./resolver.js";

/** Which dialect of schema object is being read. */
export type SchemaDialect = "3.0" | "3.1";

/** State of one conversion of a spec into the IR. Created per call: no module-level state. */
export interface ParseContext {
  readonly resolver: Resolver;
  readonly dialect: SchemaDialect;
  /** The OpenAPI minor version of a 3.x document (3.2 adds the `query` method, `itemSchema`, `querystring`). */
  readonly openapi?: "3.0" | "3.1" | "3.2";
  /** Named types by location key (`file#pointer`). */
  readonly named: Map<string, NamedType>;
  /** Named types in order of first registration. */
  readonly types: NamedType[];
  /** What was read differently from what the spec says, or left out. */
  readonly warnings: Warning[];
}

/** The key identifying a location in the loaded files. */
export function locationKey(file: string, pointer: string): string {
  return `${file}#${pointer}`;
}

/** True for a plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
