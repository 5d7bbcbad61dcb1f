/**
 * Flat view models, one per template: every value is computed and escaped here, so templates only
 * lay text out and branch on flags. See templates/README.md for which template takes which view.
 */

import { commentText, jsonLiteral, propertyKey, stringLiteral } from "../../util/escape.js";
import type { Int64Plan } from "../ts/int64.js";
import { planLiteral } from "../ts/int64.js";
import { API_MODULE_IMPORTS } from "../ts/module-imports.js";
import type { ClientModel } from "../ts/names.js";
import { RUNTIME_FUNCTIONS, type RuntimeFunction } from "../ts/runtime-functions.js";

/** Fields every file's header partial reads. */
export interface HeaderView {
  /** The spec's file name, comment-safe and on one line. */
  source: string;
}

export interface ModelsView extends HeaderView {
  title: string;
  declarations: string;
  /** Nothing is declared: the file still exports nothing (`export {}`) so that it is a module. */
  empty: boolean;
}

export interface WebhooksView extends ModelsView {
  /** Import braces of the models the payloads use, or "" for none. */
  modelNames: string;
}

export interface ImportView {
  typeOnly: boolean;
  specifiers: string;
  from: string;
}

export interface ApiView extends HeaderView {
  /** The tag's description, comment-safe, continuation lines prefixed for a block comment; "" for none. */
  description: string;
  imports: ImportView[];
  declarations: string;
}

export interface ClientView extends HeaderView {
  title: string;
  clientName: string;
  baseUrl: string;
  securitySchemes: string;
  security: string;
  headers: string;
  /** The idempotency-key header as a string literal, or empty when neither the config nor the spec names one. */
  idempotencyHeader: string;
  /** The request-id header as a string literal, or empty when neither the config nor the spec names one. */
  requestIdHeader: string;
}

export interface IndexView extends HeaderView {
  clientName: string;
  hasWebhooks: boolean;
  modules: { fileName: string }[];
}

export interface Int64View extends HeaderView {
  plans: { key: string; plan: string }[];
}

export interface RuntimeView extends HeaderView {
  content: string;
}

/** Text for a one-line comment: comment-safe, whitespace folded. */
export function oneLine(text: string): string {
  return commentText(text).replace(/\s+/g, " ");
}

/** An import's braces: on one line when short, one name a line otherwise. */
export function specifiers(names: string[]): string {
  const inline = `{ ${names.join(", ")} }`;
  return inline.length <= 80 ? inline : `{\n${names.map((n) => `  ${n},`).join("\n")}\n}`;
}

/** The imports of an API module, in a fixed order. */
export function apiImports(needs: {
  sse: boolean;
  /** The module's stream functions: `events` without `final()`, `final` with it. */
  streams: readonly ("none" | "events" | "named" | "final")[];
  /** Some stream function's body sets a flag (the plain function's body takes it only off). */
  streamFlag: boolean;
  models: string[];
  int64Plans: boolean;
  pagination: boolean;
  /** The module has poll helpers; `valueAt` when one reads values with it. */
  poll: { valueAt: boolean } | undefined;
  siblings: { fileName: string; values: string[]; types: string[] }[];
  runtime: readonly RuntimeFunction[];
}): ImportView[] {
  const byModule = new Map<string, string[]>();
  for (const name of needs.runtime) {
    const from = `../core/${RUNTIME_FUNCTIONS[name]}.js`;
    byModule.set(from, [...(byModule.get(from) ?? []), name]);
  }
  const [eventStream, namedEventStream, finalEventStream] = API_MODULE_IMPORTS.streamTypes;
  const streamTypes = [
    ...(needs.streams.includes("events") ? [eventStream] : []),
    ...(needs.streams.includes("named") ? [namedEventStream] : []),
    ...(needs.streams.includes("final") ? [finalEventStream] : []),
  ];
  return [
    { typeOnly: true, specifiers: specifiers([...API_MODULE_IMPORTS.client]), from: "../core/client.js" },
    ...[...byModule]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([from, names]) => ({ typeOnly: false, specifiers: specifiers(names), from })),
    ...(needs.pagination
      ? [{ typeOnly: false, specifiers: specifiers([...API_MODULE_IMPORTS.pagination]), from: "../core/paginate.js" }]
      : []),
    ...(needs.poll
      ? [
          {
            typeOnly: false,
            specifiers: specifiers(API_MODULE_IMPORTS.poll.filter((name) => name !== "valueAt" || needs.poll?.valueAt)),
            from: "../core/poll.js",
          },
        ]
      : []),
    ...(needs.sse
      ? [{ typeOnly: true, specifiers: specifiers([...API_MODULE_IMPORTS.sse]), from: "../core/sse.js" }]
      : []),
    ...(streamTypes.length > 0
      ? [
          {
            typeOnly: false,
            specifiers: specifiers([
              ...streamTypes,
              ...API_MODULE_IMPORTS.stream,
              ...(needs.streamFlag ? API_MODULE_IMPORTS.streamFlag : []),
            ]),
            from: "../core/stream.js",
          },
        ]
      : []),
    ...(needs.models.length > 0
      ? [{ typeOnly: true, specifiers: specifiers(needs.models), from: "../models.js" }]
      : []),
    ...(needs.int64Plans
      ? [{ typeOnly: false, specifiers: specifiers([...API_MODULE_IMPORTS.int64]), from: "../int64.js" }]
      : []),
    ...needs.siblings.map((sibling) => ({
      typeOnly: false,
      specifiers: specifiers([...sibling.values, ...sibling.types.map((t) => `type ${t}`)]),
      from: `./${sibling.fileName}.js`,
    })),
  ];
}

/** A tag description for the block comment heading an API module. */
export function moduleDescription(description: string | undefined): string {
  return description ? commentText(description).replaceAll("\n", "\n * ") : "";
}

/** The view of `client.ts`: the spec's defaults as TypeScript literals. */
export function clientView(
  header: HeaderView & { title: string },
  model: ClientModel,
  options: {
    clientName: string;
    baseUrl: string | undefined;
    headers: Record<string, string>;
    idempotencyHeader?: string | undefined;
    requestIdHeader?: string | undefined;
  },
): ClientView {
  // The config wins over the spec's conventions (`x-codegen-client`).
  const idempotencyHeader = options.idempotencyHeader ?? model.conventions?.idempotencyHeader;
  const requestIdHeader = options.requestIdHeader ?? model.conventions?.requestIdHeader;
  return {
    ...header,
    clientName: options.clientName,
    baseUrl: stringLiteral(options.baseUrl ?? model.servers[0]?.url ?? ""),
    securitySchemes: jsonLiteral(Object.fromEntries(model.securitySchemes.map((s) => [s.key, s.scheme]))),
    security: jsonLiteral(model.security),
    headers: jsonLiteral(options.headers),
    idempotencyHeader: idempotencyHeader ? stringLiteral(idempotencyHeader) : "",
    requestIdHeader: requestIdHeader ? stringLiteral(requestIdHeader) : "",
  };
}

/** The view of `int64.ts`: one registry entry per named type holding 64-bit integers. */
export function int64View(header: HeaderView, registry: [name: string, plan: Int64Plan][]): Int64View {
  return { ...header, plans: registry.map(([name, plan]) => ({ key: propertyKey(name), plan: planLiteral(plan) })) };
}
