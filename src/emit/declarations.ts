/** The declarations of each output file, written with ts-morph's CodeBlockWriter in one pass per file. */
import type { TypeExpr } from "../ir/types.js";
import { docText } from "./docs.js";
import type { ModulePlan } from "./plan.js";
import { type Int64Planner, planLiteral } from "./ts/int64.js";
import { writeNamedType } from "./ts/models.js";
import type { ClientModel, ClientType } from "./ts/names.js";
import { writeOperation } from "./ts/operations.js";
import type { RuntimeFunction } from "./ts/runtime-functions.js";
import { type TypeScope, type TypeUsage, writeType } from "./ts/type-printer.js";
import { render, writeDoc } from "./ts/writer.js";

/** What every part of one emission shares. */
export interface EmitContext {
  byId: Map<string, ClientType>;
  int64: "number" | "bigint";
  planner: Int64Planner | undefined;
}

/** A type scope for one usage; `use` hears the name of every named type written. */
export function scopeFor(ctx: EmitContext, usage: TypeUsage, use: (name: string) => void = () => {}): TypeScope {
  return {
    nameOf: (id) => ctx.byId.get(id)?.name ?? "unknown",
    lookup: (id) => ctx.byId.get(id),
    use,
    usage,
    int64: ctx.int64,
  };
}

/** Every named type, in model order. */
export function modelDeclarations(ctx: EmitContext, types: ClientType[]): string {
  const scope = scopeFor(ctx, "model");
  return render((writer) =>
    types.forEach((named, i) => {
      if (i > 0) writer.blankLine();
      writeNamedType(writer, named, scope);
    }),
  );
}

/** Webhook payload types (the response side: what your server receives) and the models they use. */
export function webhookDeclarations(
  ctx: EmitContext,
  hooks: ClientModel["webhooks"],
): { text: string; models: string[] } {
  const used = new Set<string>();
  const scope = scopeFor(ctx, "response", (name) => used.add(name));
  const text = render((writer) =>
    hooks.forEach((hook, i) => {
      if (i > 0) writer.blankLine();
      writeDoc(writer, docText(hook.doc, [["see", `webhook ${hook.name} (${hook.method.toUpperCase()})`]]));
      writer.write(`export type ${hook.typeName}Payload = `);
      writeType(writer, hook.body ?? { kind: "unknown" }, scope);
      writer.write(";").newLine();
    }),
  );
  return { text, models: [...used].sort() };
}

/** An API module's declarations and what it needs imported. */
export function moduleDeclarations(
  ctx: EmitContext,
  module: ModulePlan,
): { text: string; models: string[]; sse: boolean; int64Plans: boolean; runtime: RuntimeFunction[] } {
  const used = new Set<string>();
  const scope = scopeFor(ctx, "model", (name) => used.add(name));
  let int64Plans = false;
  const int64Plan = (expr: TypeExpr): string | undefined => {
    const plan = ctx.planner?.planOf(expr);
    if (plan === undefined) return undefined;
    int64Plans = true;
    return planLiteral(plan);
  };
  let sse = false;
  const runtime = new Set<RuntimeFunction>();
  const use = (name: RuntimeFunction): void => void runtime.add(name);
  const text = render((writer) => {
    for (const op of module.operations) if (writeOperation(writer, op, scope, { int64Plan, use })) sse = true;
  });
  return { text, models: [...used].sort(), sse, int64Plans, runtime: [...runtime].sort() };
}
