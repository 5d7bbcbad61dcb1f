import type { Server } from "../../ir/types.js";
import { joinPointer } from "../../util/errors.js";
import { isObject, type ParseContext } from "../context.js";
import type { Located } from "../located.js";
import { warn } from "./support.js";

/** The server URLs, with server variables replaced by their defaults. */
export function convertServers(value: unknown): Server[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).flatMap((s): Server[] => {
    if (typeof s.url !== "string") return [];
    let url = s.url;
    // Substitute server variables with their defaults.
    if (isObject(s.variables)) {
      for (const [name, variable] of Object.entries(s.variables)) {
        if (isObject(variable) && variable.default !== undefined)
          url = url.replaceAll(`{${name}}`, String(variable.default));
      }
    }
    return typeof s.description === "string" ? [{ url, description: s.description }] : [{ url }];
  });
}

/** Whether a server URL is absolute (has a scheme). */
export function isAbsoluteUrl(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url);
}

/**
 * An operation's own servers: its `servers`, else its path item's (an empty list counts as none).
 * A relative URL is resolved against the API's first server when that is absolute (else a
 * warning); trailing slashes are dropped. `undefined` when there are none or they are the API's.
 */
export function operationServers(
  ctx: ParseContext,
  itemAt: Located,
  opAt: Located,
  api: Server[],
): Server[] | undefined {
  const ownAt = [opAt, itemAt]
    .map((at) => ({ at, servers: convertServers((at.value as Record<string, unknown>).servers) }))
    .find(({ servers }) => servers.length > 0);
  if (!ownAt) return undefined;
  const base = api[0]?.url;
  const servers = ownAt.servers.map((server, i): Server => {
    let url = server.url;
    const resolved = isAbsoluteUrl(url) ? url : resolveUrl(url, base);
    if (resolved !== undefined) {
      url = resolved;
    } else {
      warn(
        ctx,
        `The server URL "${url}" is relative: outside a browser, pass \`baseUrl\` or \`servers\` to createClient`,
        joinPointer(ownAt.at.pointer, "servers", i, "url"),
        ownAt.at.file,
      );
    }
    return { ...server, url: url.replace(/\/+$/, "") };
  });
  const same = servers[0]?.url === base?.replace(/\/+$/, "");
  return same ? undefined : servers;
}

/** `url` resolved against an absolute `base` (as a folder), or `undefined` when that is not possible. */
function resolveUrl(url: string, base: string | undefined): string | undefined {
  if (base === undefined || !isAbsoluteUrl(base)) return undefined;
  try {
    return new URL(url, base.endsWith("/") ? base : `${base}/`).href;
  } catch {
    return undefined;
  }
}
