import { joinPointer, type SpecLocation } from "../util/errors.js";

/** A value of a loaded file together with where it is: a schema being read, or what a `$ref` names. */
export interface Located {
  readonly value: unknown;
  readonly file: string;
  readonly pointer: string;
}

/** `value`, located at `segments` below `at`. */
export function child(at: Located, value: unknown, ...segments: (string | number)[]): Located {
  return { value, file: at.file, pointer: joinPointer(at.pointer, ...segments) };
}

/** Where `at` is, as an error or origin location. */
export function location(at: Located): SpecLocation {
  return { file: at.file, pointer: at.pointer };
}

/** Follows `$ref`s of non-schema objects (parameters, responses, request bodies, path items) to the object. */
export function deref(ctx: { readonly resolver: { follow(at: Located): Located } }, at: Located): Located {
  return ctx.resolver.follow(at);
}
