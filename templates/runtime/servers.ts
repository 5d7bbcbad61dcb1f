import type { ClientOptions } from "./client.js";

/**
 * The URL a request's path is appended to, without a trailing slash. The spec's server is the
 * operation's own (`server`), else `defaultBaseUrl`; `servers` maps it to another URL, else an
 * explicit `baseUrl` replaces it.
 */
export function baseUrlFor(options: Readonly<ClientOptions>, server: string | undefined): string {
  const spec = server ?? options.defaultBaseUrl;
  const mapped =
    spec === undefined || options.servers === undefined
      ? undefined
      : Object.entries(options.servers).find(([from]) => trim(from) === trim(spec))?.[1];
  return trim(mapped ?? options.baseUrl ?? spec ?? "");
}

function trim(url: string): string {
  return url.endsWith("/") ? url.replace(/\/+$/, "") : url;
}
