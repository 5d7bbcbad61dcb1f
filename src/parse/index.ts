import type { ApiModel } from "../ir/types.js";
import { SpecError, type SpecLocation, type Warning } from "../util/errors.js";
import { isObject, type ParseContext } from "./context.js";
import { type LoadedFile, loadFile } from "./load.js";
import { applyOverlays, type OverlayOrigins } from "./overlay.js";
import { Resolver } from "./resolver.js";
import { convertV2 } from "./v2/index.js";
import { convertV3 } from "./v3/index.js";
import { validateSpec } from "./validate/index.js";

export { jsonSyntaxPosition, lineFinder, lineOfPointer } from "./load.js";
export { Resolver } from "./resolver.js";

/**
 * Parse stage entry point: loads a spec file (and the files it references), validates it against
 * the OpenAPI schema of its version (warnings), detects its version and converts it into the IR.
 * `sources` lists every file read: the spec, its `$ref`ed files, the overlays.
 */
export async function parseSpec(
  path: string,
  options: { overlays?: readonly string[]; refRoot?: string | undefined } = {},
): Promise<{ model: ApiModel; resolver: Resolver; warnings: Warning[]; sources: string[] }> {
  const { root, overlays, warnings: overlayWarnings, origins } = await loadRoot(path, options.overlays ?? []);
  const resolver = await Resolver.over(root, { refRoot: options.refRoot });
  // Problems in what an overlay added are reported in the overlay, where it can be fixed.
  const original = (location: SpecLocation): SpecLocation => origins?.original(location, root.file) ?? location;
  const found: Warning[] = [...validateSpec(resolver.root.root, resolver.root.file)];
  let model: ApiModel;
  try {
    model = convertDocument(resolver, found);
  } catch (error) {
    if (!(error instanceof SpecError) || !origins) throw error;
    const location = original(error.location);
    if (location === error.location) throw error;
    throw new SpecError(
      error.message,
      location,
      error.hint === undefined ? { cause: error } : { hint: error.hint, cause: error },
    );
  }
  const warnings = [...overlayWarnings, ...found.map((w) => ({ ...w, location: original(w.location) }))];
  return { model, resolver, warnings, sources: [...resolver.sources, ...overlays] };
}

/** Loads the root file (a path or http(s) URL) and applies the overlays to it. */
async function loadRoot(
  path: string,
  overlays: readonly string[],
): Promise<{ root: LoadedFile; overlays: string[]; warnings: Warning[]; origins?: OverlayOrigins }> {
  const root = await loadFile(path, { input: "Spec" });
  if (overlays.length === 0) return { root, overlays: [], warnings: [] };
  const applied = await applyOverlays(root.root, overlays);
  return {
    root: { ...root, root: applied.document },
    overlays: applied.files,
    warnings: applied.warnings,
    origins: applied.origins,
  };
}

/** Converts an already-loaded document; warnings are appended to `warnings`. */
export function convertDocument(resolver: Resolver, warnings: Warning[] = []): ApiModel {
  const { root, file } = resolver.root;
  if (!isObject(root)) {
    throw new SpecError(
      "The spec is not an object",
      { file, pointer: "" },
      {
        hint: "An OpenAPI document is a JSON/YAML object with an `openapi` (or `swagger`) field.",
      },
    );
  }
  if (typeof root.swagger === "string" || typeof root.swagger === "number") {
    // `swagger: 2.0` unquoted in YAML is the number 2.
    if (String(root.swagger).trim() === "2.0" || root.swagger === 2) return convertV2(resolver, warnings);
    throw new SpecError(
      `Unsupported Swagger version "${String(root.swagger)}"`,
      { file, pointer: "/swagger" },
      {
        hint: "Codegen reads Swagger 2.0 and OpenAPI 3.0.x/3.1.x/3.2.x; convert older Swagger specs first.",
      },
    );
  }
  const version = typeof root.openapi === "string" ? root.openapi : undefined;
  if (version === undefined) {
    throw new SpecError(
      "Missing `openapi` version field",
      { file, pointer: "/openapi" },
      {
        hint: 'Add `openapi: "3.0.3"` (or 3.1.x) at the top of the document.',
      },
    );
  }
  const match = /^3\.(0|1|2)(\.\d+)?$/.exec(version.trim());
  if (!match) {
    throw new SpecError(
      `Unsupported OpenAPI version "${version}"`,
      { file, pointer: "/openapi" },
      {
        hint: "Codegen reads OpenAPI 3.0.x, 3.1.x and 3.2.x.",
      },
    );
  }
  const ctx: ParseContext = {
    resolver,
    // 3.2's schema objects are 3.1's (JSON Schema 2020-12).
    dialect: match[1] === "0" ? "3.0" : "3.1",
    openapi: `3.${match[1]}` as "3.0" | "3.1" | "3.2",
    named: new Map(),
    types: [],
    warnings,
  };
  return convertV3(ctx, version.trim());
}
