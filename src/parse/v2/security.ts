import { joinPointer } from "../../util/errors.js";
import { isObject } from "../context.js";
import { deref } from "../located.js";
import { type ConversionContext, rootAt } from "./context.js";
import { type Json, mapEntries, put } from "./json.js";

/** Security flows: 2.0 name -> 3.0 name. */
const OAUTH_FLOWS: Record<string, string> = {
  implicit: "implicit",
  password: "password",
  application: "clientCredentials",
  accessCode: "authorizationCode",
};

/** `securityDefinitions` as 3.0 `components.securitySchemes` (unknown types dropped); none without them. */
export function convertSecuritySchemes(ctx: ConversionContext): Json | undefined {
  const defs = ctx.root.securityDefinitions;
  if (!isObject(defs)) return undefined;
  const out: Json = {};
  for (const [key, raw] of Object.entries(defs)) {
    const pointer = joinPointer("/securityDefinitions", key);
    ctx.origins.set(joinPointer("/components/securitySchemes", key), { file: ctx.file, pointer });
    const scheme = convertSecurityScheme(deref(ctx, rootAt(ctx, raw, pointer)).value);
    if (scheme) put(out, key, scheme);
  }
  return out;
}

/** One 2.0 security definition as a 3.0 security scheme, or undefined for an unknown type. */
function convertSecurityScheme(s: unknown): Json | undefined {
  if (!isObject(s)) return undefined;
  const scheme = schemeOfType(s);
  if (scheme && typeof s.description === "string") scheme.description = s.description;
  return scheme;
}

function schemeOfType(s: Json): Json | undefined {
  switch (s.type) {
    case "basic":
      return { type: "http", scheme: "basic" };
    case "apiKey":
      return { type: "apiKey", name: s.name, in: s.in };
    case "oauth2":
      return { type: "oauth2", flows: oauth2Flows(s) };
    default:
      return undefined;
  }
}

/** The one flow of a 2.0 `oauth2` definition, as 3.0 `flows` (`implicit` when the flow is unknown). */
function oauth2Flows(s: Json): Json {
  const flow: Json = {};
  if (typeof s.authorizationUrl === "string") flow.authorizationUrl = s.authorizationUrl;
  if (typeof s.tokenUrl === "string") flow.tokenUrl = s.tokenUrl;
  flow.scopes = isObject(s.scopes) ? { ...s.scopes } : {};
  const flows: Json = {};
  const name = String(s.flow);
  put(flows, Object.hasOwn(OAUTH_FLOWS, name) ? (OAUTH_FLOWS[name] as string) : "implicit", flow);
  return flows;
}

/** A `security` requirement list, copied (the same in 2.0 and 3.0). */
export function copySecurity(list: unknown[]): unknown[] {
  return list.map((req) =>
    isObject(req) ? mapEntries(req, (scopes) => (Array.isArray(scopes) ? [...scopes] : scopes)) : req,
  );
}
