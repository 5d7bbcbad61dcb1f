/**
 * Swagger 2.0 adapter.
 *
 * Design: the 2.0 document is converted, in memory, into an equivalent OpenAPI 3.0 document
 * (`convert.ts`, a pure function), and the existing 3.x reader (`convertV3`) turns that into the
 * IR. The alternative, a second reader producing the IR directly, would duplicate everything the
 * 3.x reader decides (schema typing, parameter merging, media-type kinds, security, naming input)
 * and let the two drift apart; with the conversion, a 2.0 spec and its 3.0 translation give the
 * same `ApiModel` by construction, and the 2.0-specific rules (body/formData parameters,
 * consumes/produces, collectionFormat, `x-nullable`, `type: file`, securityDefinitions,
 * host/basePath/schemes) live in one place as plain object-to-object rules.
 *
 * Errors keep pointing at the 2.0 source: the converter resolves every `$ref` against the original
 * files itself (so dangling refs are reported where they are written), and records where each
 * moved part of the converted document came from (`OriginMap`); a SpecError raised by the 3.x
 * reader is re-thrown with its location translated back.
 *
 * Not representable in the IR/3.0 and dropped: response headers and examples, operation-level
 * `schemes`, `collectionFormat` of form fields (arrays are sent as repeated fields), `tsv`
 * (sent comma-separated) and `ssv`/`pipes`/`multi` on path and header parameters (sent
 * comma-separated), `x-*` extensions (but for Codegen's own `x-codegen-pagination`).
 */
import type { ApiModel } from "../../ir/types.js";
import { SpecError, type Warning } from "../../util/errors.js";
import type { ParseContext } from "../context.js";
import { Resolver } from "../resolver.js";
import { convertV3 } from "../v3/index.js";
import { swagger2ToOpenApi3 } from "./convert.js";

export { type ConvertedDocument, swagger2ToOpenApi3 } from "./convert.js";

/** Converts a loaded Swagger 2.0 document (and the files it references) into the IR. */
export function convertV2(resolver: Resolver, warnings: Warning[] = []): ApiModel {
  const { document, origins } = swagger2ToOpenApi3(resolver);
  const { file, text } = resolver.root;
  const ctx: ParseContext = {
    resolver: Resolver.fromValue(file, text, document),
    dialect: "3.0",
    named: new Map(),
    types: [],
    warnings: [],
  };
  try {
    const model = convertV3(ctx, "2.0");
    // Warnings point at the 2.0 source, like errors.
    for (const w of ctx.warnings)
      warnings.push({
        message: w.message,
        location: w.location.file === file ? origins.original(w.location.pointer) : w.location,
      });
    return model;
  } catch (error) {
    if (error instanceof SpecError && error.location.file === file) {
      const options = error.hint === undefined ? { cause: error } : { hint: error.hint, cause: error };
      throw new SpecError(error.message, origins.original(error.location.pointer), options);
    }
    throw error;
  }
}
