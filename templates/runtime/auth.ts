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
 * credentials and lets the server answer 401. `apiKey` is the client's key, already resolved when
 * the option is a function (the request core calls it for every try).
 *
 * @throws {TypeError} when a credential is not a string or holds a control character.
 */
export function authenticate(
  options: Readonly<ClientOptions>,
  requirement: SecurityRequirement | undefined,
  apiKey: unknown,
): AuthParts {
  const parts: AuthParts = { headers: {}, secrets: [] };
  const schemes = options.securitySchemes ?? {};
  // Own properties only: a scheme named `constructor` must not find Object.prototype's.
  const scheme = (name: string): SecurityScheme | undefined =>
    Object.hasOwn(schemes, name) ? schemes[name] : undefined;
  const basic = (found: SecurityScheme): boolean => found.type === "http" && found.scheme === "basic";
  const ready = (found: SecurityScheme | undefined): boolean =>
    !!found && (basic(found) ? options.username !== undefined : apiKey !== undefined && apiKey !== "");
  const chosen = requirement?.find((names) => names.length > 0 && names.every((name) => ready(scheme(name))));
  for (const name of chosen ?? []) {
    const found = scheme(name) as SecurityScheme;
    if (basic(found)) {
      const password = checked(options.password ?? "", "password");
      const token = base64(`${checked(options.username, "username")}:${password}`);
      parts.headers["authorization"] = `Basic ${token}`;
      parts.secrets.push(password, token);
      continue;
    }
    const key = checked(apiKey, "apiKey");
    parts.secrets.push(key);
    if (found.type !== "apiKey") parts.headers["authorization"] = `Bearer ${key}`;
    else if (found.in === "header") parts.headers[found.name] = key;
    else if (found.in === "query") parts.query = { ...parts.query, [found.name]: key };
    else parts.cookies = { ...parts.cookies, [found.name]: key };
  }
  return parts;
}

/**
 * The credential, unless it is not a string or holds a control character: a key read with its
 * line break would otherwise fail inside fetch with a message that may quote it. The message
 * never quotes it.
 */
function checked(value: unknown, option: string): string {
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
  return btoa(Array.from(new TextEncoder().encode(text), (byte) => String.fromCharCode(byte)).join(""));
}
