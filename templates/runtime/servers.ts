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

/**
 * A request's URL given as `target` (absolute, or relative to the operation's URL `operation`)
 * when it is an http(s) URL on the operation's origin; else why not. Without its fragment.
 */
export function sameOriginTarget(target: string, operation: string): URL | string {
  let base: URL;
  let url: URL;
  try {
    // A relative base URL (in a browser) is the page's.
    base = new URL(operation, (globalThis as { location?: { href?: string } }).location?.href);
    url = new URL(target, base);
  } catch {
    return "the URL it was given is not a URL";
  }
  if (url.origin !== base.origin) {
    return `the URL it was given is on another origin (${url.protocol}//${url.host}) than the operation (${base.origin}); credentials are not sent there`;
  }
  url.hash = "";
  return url;
}

function trim(url: string): string {
  return url.endsWith("/") ? url.replace(/\/+$/, "") : url;
}
