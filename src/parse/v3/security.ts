import type { SecuritySchemeEntry } from "../../ir/types.js";
import { joinPointer } from "../../util/errors.js";
import { isObject, type ParseContext } from "../context.js";
import { deref } from "../located.js";
import { warn } from "./support.js";

/** The security schemes the client can apply; others are left out with a warning. */
export function convertSecuritySchemes(ctx: ParseContext, value: unknown): SecuritySchemeEntry[] {
  if (!isObject(value)) return [];
  const out: SecuritySchemeEntry[] = [];
  for (const [key, raw] of Object.entries(value)) {
    const { value: s } = deref(ctx, {
      value: raw,
      file: ctx.resolver.root.file,
      pointer: joinPointer("/components/securitySchemes", key),
    });
    if (!isObject(s)) continue;
    const description = typeof s.description === "string" ? s.description : undefined;
    let entry: SecuritySchemeEntry | undefined;
    if (s.type === "http") {
      const scheme = String(s.scheme ?? "").toLowerCase();
      if (scheme !== "basic" && scheme !== "bearer") {
        warn(
          ctx,
          `HTTP auth scheme "${String(s.scheme)}" of "${key}" is sent as a bearer token`,
          joinPointer("/components/securitySchemes", key, "scheme"),
        );
      }
      entry = { key, scheme: { type: "http", scheme: scheme === "basic" ? "basic" : "bearer" } };
    } else if (
      s.type === "apiKey" &&
      typeof s.name === "string" &&
      (s.in === "header" || s.in === "query" || s.in === "cookie")
    ) {
      entry = { key, scheme: { type: "apiKey", in: s.in, name: s.name } };
    } else if (s.type === "oauth2" || s.type === "openIdConnect") {
      entry = { key, scheme: { type: s.type } };
    } else {
      warn(
        ctx,
        `Security scheme "${key}" (type ${JSON.stringify(s.type)}) is not supported and is left out`,
        joinPointer("/components/securitySchemes", key),
      );
    }
    if (entry) out.push(description === undefined ? entry : { ...entry, description });
  }
  return out;
}

/** A security requirement as alternatives of scheme-name sets. */
export function convertSecurity(value: unknown): string[][] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter(isObject).map((req) => Object.keys(req));
}
