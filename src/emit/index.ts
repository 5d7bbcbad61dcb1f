/**
 * Emit stage entry point: the IR in, sorted `{ path, content }` files out. ts-morph writers own the
 * declarations (declarations.ts), Handlebars owns each file's skeleton (templates/files), and
 * view-models.ts computes and escapes everything a template shows. Pure apart from reading templates.
 */

import type { GeneratedFile } from "../util/files.js";
import {
  clientIndex,
  type EmitContext,
  modelDeclarations,
  moduleDeclarations,
  webhookDeclarations,
} from "./declarations.js";
import { finalizeFiles } from "./files.js";
import { loadTemplates } from "./hbs/engine.js";
import {
  type ApiView,
  apiImports,
  clientView,
  type HeaderView,
  type IndexView,
  int64View,
  type ModelsView,
  moduleDescription,
  oneLine,
  type RuntimeView,
  specifiers,
  type WebhooksView,
} from "./hbs/view-models.js";
import { type ImportExtension, spellAllImports } from "./imports.js";
import { planOutput } from "./plan.js";
import { Int64Planner } from "./ts/int64.js";
import type { ClientModel } from "./ts/names.js";

/** What the emitter needs beyond the model. */
export interface EmitOptions {
  /** The spec's file name, for headers (never an absolute path). */
  source: string;
  clientName: string;
  headers: Record<string, string>;
  baseUrl: string | undefined;
  int64: "number" | "bigint";
  /** The idempotency-key header the client sends by default, if the config names one (else the spec's). */
  idempotencyHeader?: string | undefined;
  /** The request-id header the client reads, if the config names one (else the spec's). */
  requestIdHeader?: string | undefined;
  templatesDir: string;
  /** How relative imports end (`.js`, `.ts` or nothing). */
  importExtension: ImportExtension;
}

/** Emits every file of a client for the model. */
export function emit(model: ClientModel, options: EmitOptions): GeneratedFile[] {
  const templates = loadTemplates(options.templatesDir);
  const plan = planOutput(model);
  const byId = new Map(model.types.map((t) => [t.id, t]));
  const ctx: EmitContext = {
    byId,
    int64: options.int64,
    planner: options.int64 === "bigint" ? new Int64Planner(byId) : undefined,
  };
  const header: HeaderView = { source: oneLine(options.source) };
  const title = oneLine(model.title);
  const files: GeneratedFile[] = [];

  const models = modelDeclarations(ctx, plan.models.types);
  files.push({
    path: plan.models.path,
    content: templates.file<ModelsView>("models.ts")({
      ...header,
      title,
      declarations: models,
      empty: models.trim() === "",
    }),
  });

  if (plan.webhooks) {
    const { text, models } = webhookDeclarations(ctx, plan.webhooks.hooks);
    const view: WebhooksView = {
      ...header,
      title,
      modelNames: models.length > 0 ? specifiers(models) : "",
      declarations: text,
      empty: text.trim() === "",
    };
    files.push({ path: plan.webhooks.path, content: templates.file<WebhooksView>("webhooks.ts")(view) });
  }

  const index = clientIndex(model);
  for (const module of plan.modules) {
    const { text, ...needs } = moduleDeclarations(ctx, module, index);
    const view: ApiView = {
      ...header,
      description: moduleDescription(module.group.description),
      imports: apiImports(needs),
      declarations: text,
    };
    files.push({ path: module.path, content: templates.file<ApiView>("api.ts")(view) });
  }

  if (ctx.planner)
    files.push({ path: "int64.ts", content: templates.file("int64.ts")(int64View(header, ctx.planner.registry())) });

  files.push({
    path: plan.client,
    content: templates.file("client.ts")(clientView({ ...header, title }, model, options)),
  });

  const indexView: IndexView = {
    ...header,
    clientName: options.clientName,
    hasWebhooks: plan.webhooks !== undefined,
    modules: plan.modules.map((m) => ({ fileName: m.group.fileName })),
  };
  files.push({ path: plan.index, content: templates.file<IndexView>("index.ts")(indexView) });

  for (const [name, content] of templates.runtime) {
    files.push({
      path: `core/${name}`,
      content: templates.file<RuntimeView>("runtime.ts")({ ...header, content: content.trimEnd() }),
    });
  }
  return finalizeFiles(spellAllImports(files, options.importExtension));
}
