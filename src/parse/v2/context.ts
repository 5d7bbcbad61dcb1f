import type { Located } from "../located.js";
import type { Resolver } from "../resolver.js";
import type { Json } from "./json.js";
import { OriginMap } from "./origins.js";

/** State of one Swagger 2.0 -> OpenAPI 3.0 conversion, passed to every step. One per call. */
export interface ConversionContext {
  readonly resolver: Resolver;
  /** The root file and its document. */
  readonly file: string;
  readonly root: Json;
  /** Where each moved part of the converted document came from. */
  readonly origins: OriginMap;
  /** Schemas copied into `components.schemas` from outside `definitions`, in order of discovery. */
  readonly hoisted: Json;
  /** `file#pointer` of each copied schema -> its name in `components.schemas`. */
  readonly hoistedNames: Map<string, string>;
  /** Every name in use in `components.schemas`. */
  readonly takenNames: Set<string>;
}

export function createContext(resolver: Resolver): ConversionContext {
  const file = resolver.root.file;
  return {
    resolver,
    file,
    root: resolver.root.root as Json,
    origins: new OriginMap(file),
    hoisted: {},
    hoistedNames: new Map(),
    takenNames: new Set(),
  };
}

/** A value at `pointer` in the root file. */
export function rootAt(ctx: ConversionContext, value: unknown, pointer: string): Located {
  return { value, file: ctx.file, pointer };
}
