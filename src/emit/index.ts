import type { CodeBlockWriter } from "ts-morph";
import type { ApiModel, NamedType, TypeExpr } from "../ir/types.js";
import { commentText, jsonLiteral, propertyKey, stringLiteral } from "../util/escape.js";
import { loadTemplates } from "./hbs/engine.js";
import { planOutput, type ModulePlan } from "./plan.js";
import { Int64Planner, planLiteral } from "./ts/int64.js";
import { writeNamedType } from "./ts/models.js";
import { planResponse, writeOperation } from "./ts/operations.js";
import type { TypeScope, TypeUsage } from "./ts/type-printer.js";
import { render, writeDoc } from "./ts/writer.js";
import { writeType } from "./ts/type-printer.js";
import { docText } from "./docs.js";

/** One output file, relative to the output folder. */
export interface GeneratedFile {
  path: string;
  content: string;
}

/** What the emitter needs beyond the model. */
export interface EmitOptions {
  /** The spec's file name, for headers (never an absolute path). */
  source: string;
  clientName: string;
  headers: Record<string, string>;
  baseUrl: string | undefined;
  int64: "number" | "bigint";
  templatesDir: string;
}

/** Emit stage entry point: model in, sorted files out. Pure apart from reading templates. */
export function emit(model: ApiModel, options: EmitOptions): GeneratedFile[] {
  const templates = loadTemplates(options.templatesDir);
  const plan = planOutput(model);
  const byId = new Map(model.types.map((t) => [t.id, t]));
  const ctx: EmitContext = { byId, int64: options.int64 };
  const planner = options.int64 === "bigint" ? new Int64Planner(byId) : undefined;
  const source = commentText(options.source).replace(/\s+/g, " ");
  const title = commentText(model.title).replace(/\s+/g, " ");
  const files: GeneratedFile[] = [];

  files.push({
    path: plan.models.path,
    content: templates.file("models.ts")({
      source,
      title,
      declarations: render((w) => writeModels(w, plan.models.types, scopeFor(ctx, "model", () => {}))),
    }),
  });

  if (plan.webhooks) {
    const used = new Set<string>();
    // A webhook payload is what your server receives: the response side.
    const scope = scopeFor(ctx, "response", (id) => used.add(id));
    const declarations = render((w) => writeWebhooks(w, plan.webhooks?.hooks ?? [], scope));
    const names = [...used].sort();
    files.push({
      path: plan.webhooks.path,
      content: templates.file("webhooks.ts")({ source, title, modelNames: names.length > 0 ? specifiers(names) : "", declarations }),
    });
  }

  for (const module of plan.modules) files.push(emitModule(module, ctx, planner, source, templates.file("api.ts")));

  const registry = planner?.registry() ?? [];
  if (planner) {
    files.push({
      path: "int64.ts",
      content: templates.file("int64.ts")({
        source,
        plans: registry.map(([name, p]) => ({ key: propertyKey(name), plan: planLiteral(p) })),
      }),
    });
  }

  files.push({
    path: plan.client,
    content: templates.file("client.ts")({
      source,
      title,
      clientName: options.clientName,
      baseUrl: stringLiteral(options.baseUrl ?? model.servers[0]?.url ?? ""),
      securitySchemes: jsonLiteral(Object.fromEntries(model.securitySchemes.map((s) => [s.key, s.scheme]))),
      security: jsonLiteral(model.security),
      headers: jsonLiteral(options.headers),
    }),
  });

  files.push({
    path: plan.index,
    content: templates.file("index.ts")({
      source,
      clientName: options.clientName,
      hasWebhooks: plan.webhooks !== undefined,
      modules: plan.modules.map((m) => ({ fileName: m.group.fileName })),
    }),
  });

  for (const [name, content] of templates.runtime) {
    files.push({ path: `core/${name}`, content: templates.file("runtime.ts")({ source, content: content.trimEnd() }) });
  }
  return files.map((f) => ({ path: f.path, content: normalize(f.content) })).sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** What every part of one emission shares. */
interface EmitContext {
  byId: Map<string, NamedType>;
  int64: "number" | "bigint";
}

function scopeFor(ctx: EmitContext, usage: TypeUsage, use: (name: string) => void): TypeScope {
  return {
    nameOf: (id) => ctx.byId.get(id)?.name ?? "unknown",
    lookup: (id) => ctx.byId.get(id),
    use,
    usage,
    int64: ctx.int64,
  };
}

function writeModels(writer: CodeBlockWriter, types: NamedType[], scope: TypeScope): void {
  types.forEach((named, i) => {
    if (i > 0) writer.blankLine();
    writeNamedType(writer, named, scope);
  });
}

function writeWebhooks(writer: CodeBlockWriter, hooks: ApiModel["webhooks"], scope: TypeScope): void {
  hooks.forEach((hook, i) => {
    if (i > 0) writer.blankLine();
    writeDoc(writer, docText(hook.doc, [["see", `webhook ${hook.name} (${hook.method.toUpperCase()})`]]));
    writer.write(`export type ${hook.typeName}Payload = `);
    writeType(writer, hook.body ?? { kind: "unknown" }, scope);
    writer.write(";").newLine();
  });
}

function emitModule(
  module: ModulePlan,
  ctx: EmitContext,
  planner: Int64Planner | undefined,
  source: string,
  template: (view: object) => string,
): GeneratedFile {
  const used = new Set<string>();
  const scope = scopeFor(ctx, "model", (id) => used.add(id));
  let usesPlans = false;
  const int64Plan = (expr: TypeExpr): string | undefined => {
    const p = planner?.planOf(expr);
    if (p === undefined) return undefined;
    usesPlans = true;
    return planLiteral(p);
  };
  const declarations = render((w) => {
    for (const op of module.operations) writeOperation(w, op, scope, { int64Plan });
  });
  const runtimeTypes = ["Client", "RequestOptions"];
  const needsSse = module.operations.some((op) => planResponse(op).responseType === "sse");
  const modelNames = [...used].sort();
  const imports = [
    { typeOnly: true, specifiers: specifiers(runtimeTypes), from: "../core/client.js" },
    ...(needsSse ? [{ typeOnly: true, specifiers: specifiers(["ServerSentEvent"]), from: "../core/sse.js" }] : []),
    ...(modelNames.length > 0 ? [{ typeOnly: true, specifiers: specifiers(modelNames), from: "../models.js" }] : []),
    ...(usesPlans ? [{ typeOnly: false, specifiers: specifiers(["int64Plans"]), from: "../int64.js" }] : []),
  ];
  const description = module.group.description ? commentText(module.group.description).replaceAll("\n", "\n * ") : "";
  return { path: module.path, content: template({ source, description, imports, declarations }) };
}

/** An import's braces: on one line when short, one name a line otherwise. */
function specifiers(names: string[]): string {
  const inline = `{ ${names.join(", ")} }`;
  return inline.length <= 80 ? inline : `{\n${names.map((n) => `  ${n},`).join("\n")}\n}`;
}

/** `\n` line endings, no trailing spaces, exactly one final newline, at most one blank line in a row. */
function normalize(text: string): string {
  return `${text
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim()}\n`;
}
