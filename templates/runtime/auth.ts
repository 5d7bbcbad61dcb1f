import type { ClientOptions, SecurityRequirement, SecurityScheme } from "./client.js";
import { hasControlCharacter } from "./redact.js";

/** Where the chosen credentials go. */
export interface AuthParts {
  /** Headers to send, by name. */
  headers: Record<string, string>;
  /** Query parameters to send, by name; `undefined` for none. */
  query?: Record<string, string> | undefined;
  /** Cookies to send, by name; `undefined` for none. */
  cookies?: Record<string, string> | undefined;
  /** The secret values sent (keys, tokens, passwords, basic credentials), to redact from errors and logs. */
  secrets: string[];
}

/**
 * Applies the first alternative of the requirement whose credentials are all available; an empty
 * alternative (auth optional) is used only when no other one can be. With none, sends no
 * credentials and lets the server answer 401.
 */
export async function authenticate(
  options: Readonly<ClientOptions>,
  requirement: SecurityRequirement | undefined,
): Promise<AuthParts> {
  const parts: AuthParts = { headers: {}, secrets: [] };
  const schemes = options.securitySchemes ?? {};
  const chosen = requirement?.find(
    (names) => names.length > 0 && names.every((name) => hasCredentials(options, own(schemes, name))),
  );
  for (const name of chosen ?? []) {
    const scheme = own(schemes, name);
    if (scheme) await applyScheme(parts, scheme, options);
  }
  return parts;
}

/** An own property only: a scheme named `constructor` must not find Object.prototype's. */
function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Whether the client has what `scheme` needs: a user name for basic, else an API key. */
function hasCredentials(options: Readonly<ClientOptions>, scheme: SecurityScheme | undefined): boolean {
  if (!scheme) return false;
  if (scheme.type === "http" && scheme.scheme === "basic") return options.username !== undefined;
  return options.apiKey !== undefined && options.apiKey !== "";
}

/** Puts the credentials `scheme` calls for where it says. */
async function applyScheme(parts: AuthParts, scheme: SecurityScheme, options: Readonly<ClientOptions>): Promise<void> {
  if (scheme.type === "http" && scheme.scheme === "basic") {
    const username = checked(options.username ?? "", "username");
    const password = checked(options.password ?? "", "password");
    const token = base64(`${username}:${password}`);
    parts.headers["authorization"] = `Basic ${token}`;
    parts.secrets.push(password, token);
    return;
  }
  const key = typeof options.apiKey === "function" ? await options.apiKey() : options.apiKey;
  if (!key) return;
  parts.secrets.push(checked(key, "apiKey"));
  if (scheme.type !== "apiKey") parts.headers["authorization"] = `Bearer ${key}`;
  else if (scheme.in === "header") parts.headers[scheme.name] = key;
  else if (scheme.in === "query") parts.query = { ...parts.query, [scheme.name]: key };
  else parts.cookies = { ...parts.cookies, [scheme.name]: key };
}

/**
 * The credential, unless it holds a control character: a key read with its line break would
 * otherwise fail inside fetch with a message that may quote it. The message never quotes it.
 */
function checked(value: string, option: string): string {
  if (typeof value !== "string") throw new TypeError(`The client option "${option}" must be a string`);
  if (hasControlCharacter(value)) {
    throw new TypeError(
      `The client option "${option}" contains a control character (a line break or tab?); check how it was read`,
    );
  }
  return value;
}

/** Base64 of the UTF-8 bytes of `text`. */
function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
