import type { Json } from "./json.js";

/**
 * The 3.0 `servers` of a 2.0 document: `{scheme}://{host}{basePath}`, with the first of `schemes`
 * (else https); just the base path without a host; none without either.
 */
export function convertServers(root: Json): Json[] {
  const { schemes, host, basePath } = root;
  const scheme = (Array.isArray(schemes) ? schemes.find((s): s is string => typeof s === "string") : undefined) ?? "https";
  let base = typeof basePath === "string" ? basePath.trim().replace(/\/+$/, "") : "";
  if (base !== "" && !base.startsWith("/")) base = `/${base}`;
  if (typeof host === "string" && host.trim() !== "") return [{ url: `${scheme}://${host.trim().replace(/\/+$/, "")}${base}` }];
  return base === "" ? [] : [{ url: base }];
}
