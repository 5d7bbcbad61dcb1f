import type { Json } from "./json.js";

/**
 * The 3.0 `servers` of a 2.0 document: `{scheme}://{host}{basePath}`, with the first of `schemes`
 * (else https); just the base path without a host; none without either.
 */
export function convertServers(root: Json): Json[] {
  const { schemes, host, basePath } = root;
  const scheme = firstScheme(schemes) ?? "https";
  let base = typeof basePath === "string" ? basePath.trim().replace(/\/+$/, "") : "";
  if (base !== "" && !base.startsWith("/")) base = `/${base}`;
  if (typeof host === "string" && host.trim() !== "")
    return [{ url: `${scheme}://${host.trim().replace(/\/+$/, "")}${base}` }];
  return base === "" ? [] : [{ url: base }];
}

/**
 * The 3.0 `servers` of an operation whose own `schemes` do not include the document's first one
 * (2.0 has no per-operation host or base path, only schemes): the document's URL with the
 * operation's first scheme; `undefined` otherwise.
 */
export function operationServers(root: Json, op: Json): Json[] | undefined {
  const schemes = Array.isArray(op.schemes) ? op.schemes.filter((s): s is string => typeof s === "string") : [];
  if (schemes.length === 0 || typeof root.host !== "string" || root.host.trim() === "") return undefined;
  const apiScheme = firstScheme(root.schemes) ?? "https";
  if (schemes.some((s) => s.toLowerCase() === apiScheme.toLowerCase())) return undefined;
  return convertServers({ ...root, schemes });
}

function firstScheme(schemes: unknown): string | undefined {
  return Array.isArray(schemes) ? schemes.find((s): s is string => typeof s === "string") : undefined;
}
