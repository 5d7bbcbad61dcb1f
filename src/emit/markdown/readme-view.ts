/** The view of README.md, the reference's index. */
import type { SecurityScheme } from "../../ir/types.js";
import { operationNames, typeNames, webhookPayloadName } from "./client-names.js";
import { codeSpan, markdownBlock, markdownCell } from "./escape.js";
import { type HeaderView, securityText, summaryOf, typeOn, type ViewContext } from "./view-context.js";

export interface ReadmeView extends HeaderView {
  title: string;
  version: string;
  description: string;
  baseUrl: string;
  groups: { link: string; summary: string }[];
  endpoints: { group: string; fn: string; method: string; path: string; summary: string }[];
  models: { link: string; summary: string }[];
  hasWebhooks: boolean;
  webhooks: { name: string; method: string; payload: string; summary: string }[];
  hasSchemes: boolean;
  schemes: { name: string; details: string; description: string }[];
  security: string;
}

/** How the client supplies a scheme's credentials. */
function schemeDetails(scheme: SecurityScheme): string {
  if (scheme.type === "http" && scheme.scheme === "basic")
    return "HTTP basic authentication: `createClient({ username, password })`.";
  if (scheme.type === "http")
    return "HTTP bearer token: `createClient({ apiKey })` sends `Authorization: Bearer <apiKey>`.";
  if (scheme.type === "apiKey")
    return `API key in the ${scheme.in} ${codeSpan(scheme.name)}: \`createClient({ apiKey })\`.`;
  const what = scheme.type === "oauth2" ? "OAuth 2.0" : "OpenID Connect";
  return `${what} access token, obtained by you: \`createClient({ apiKey })\` sends it as \`Authorization: Bearer <apiKey>\`.`;
}

export function readmeView(ctx: ViewContext, title: string): ReadmeView {
  const { model, plan } = ctx;
  const from = plan.readme.path;
  const endpoints = plan.apis.flatMap((page) =>
    page.operations.map(({ op, anchor }) => ({
      group: `[${markdownCell(page.group.tag)}](${page.path})`,
      fn: `[${codeSpan(operationNames(op).fn)}](${page.path}#${anchor})`,
      method: `**${op.method.toUpperCase()}**`,
      path: codeSpan(op.path, { inTable: true }),
      summary: summaryOf(op.doc),
    })),
  );
  return {
    ...ctx.header,
    title: markdownCell(title),
    version: codeSpan(model.version),
    description: markdownBlock(model.doc.description ?? ""),
    baseUrl: ctx.baseUrl === "" ? "" : codeSpan(ctx.baseUrl),
    groups: plan.apis.map((page) => ({
      link: `[${markdownCell(page.group.tag)}](${page.path})`,
      summary: summaryOf({ description: page.group.description ?? "" }),
    })),
    endpoints,
    models: plan.models.map((page) => ({
      link: `[${codeSpan(typeNames(page.named).name)}](${page.path})`,
      summary: summaryOf(page.named.doc),
    })),
    hasWebhooks: model.webhooks.length > 0,
    webhooks: model.webhooks.map((hook) => ({
      name: markdownCell(hook.name),
      method: `**${hook.method.toUpperCase()}**`,
      payload: `${typeOn(ctx, from, hook.body ?? { kind: "unknown" }, "response")} (exported as ${codeSpan(webhookPayloadName(hook))})`,
      summary: summaryOf(hook.doc),
    })),
    hasSchemes: model.securitySchemes.length > 0,
    schemes: model.securitySchemes.map((entry) => ({
      name: markdownCell(entry.key),
      details: schemeDetails(entry.scheme),
      description: markdownBlock(entry.description ?? ""),
    })),
    security: securityText(ctx, from, model.security),
  };
}
