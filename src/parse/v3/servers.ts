import type { Server } from "../../ir/types.js";
import { isObject } from "../context.js";

/** The server URLs, with server variables replaced by their defaults. */
export function convertServers(value: unknown): Server[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).flatMap((s): Server[] => {
    if (typeof s.url !== "string") return [];
    let url = s.url;
    // Substitute server variables with their defaults.
    if (isObject(s.variables)) {
      for (const [name, variable] of Object.entries(s.variables)) {
        if (isObject(variable) && variable.default !== undefined) url = url.replaceAll(`{${name}}`, String(variable.default));
      }
    }
    return typeof s.description === "string" ? [{ url, description: s.description }] : [{ url }];
  });
}
