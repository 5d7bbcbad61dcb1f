/**
 * `x-codegen-client` at the document's root (usually added by an overlay): the API's conventions a
 * client follows, `{ idempotencyHeader, requestIdHeader }`. Untrusted like the rest of the spec:
 * an unknown field or a value that is not a header name is a located error.
 */
import type { Conventions } from "../../ir/conventions.js";
import { joinPointer, SpecError } from "../../util/errors.js";
import { isObject } from "../context.js";
import { HEADER_NAME } from "./support.js";

/** The extension's name. */
export const CLIENT_EXTENSION = "x-codegen-client";

const FIELDS = ["idempotencyHeader", "requestIdHeader"] as const;

/** Reads the document's `x-codegen-client`; undefined when it has none. */
export function readClientConventions(root: Record<string, unknown>, file: string): Conventions | undefined {
  if (!Object.hasOwn(root, CLIENT_EXTENSION)) return undefined;
  const value = root[CLIENT_EXTENSION];
  const pointer = `/${CLIENT_EXTENSION}`;
  if (!isObject(value)) {
    throw new SpecError(`\`${CLIENT_EXTENSION}\` must be an object`, { file, pointer }, { hint: hintText() });
  }
  const conventions: { -readonly [K in keyof Conventions]: Conventions[K] } = {};
  for (const [key, field] of Object.entries(value)) {
    const at = { file, pointer: joinPointer(pointer, key) };
    if (!(FIELDS as readonly string[]).includes(key)) {
      throw new SpecError(`\`${CLIENT_EXTENSION}\` has no field ${JSON.stringify(key)}`, at, { hint: hintText() });
    }
    if (typeof field !== "string" || !HEADER_NAME.test(field)) {
      throw new SpecError(`\`${CLIENT_EXTENSION}.${key}\` must be a header name such as "Idempotency-Key"`, at, {
        hint: hintText(),
      });
    }
    conventions[key as (typeof FIELDS)[number]] = field;
  }
  return conventions;
}

function hintText(): string {
  return `Give \`${CLIENT_EXTENSION}: { idempotencyHeader: <header>, requestIdHeader: <header> }\` (both optional), or remove it.`;
}
