/** The declarations of each output file, written with ts-morph's CodeBlockWriter in one pass per file. */
import type { TypeExpr } from "../ir/types.js";
import { docText } from "./docs.js";
import type { ModulePlan } from "./plan.js";
import { type Int64Planner, planLiteral } from "./ts/int64.js";
import { writeNamedType } from "./ts/models.js";
import type { ClientModel, ClientOperation, ClientType } from "./ts/names.js";
import { type OperationNeeds, writeOperation } from "./ts/operations.js";
import { writePagination } from "./ts/pagination.js";
import { writePoll } from "./ts/poll.js";
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
export function modelDeclarations(ctx: EmitContext, types: readonly ClientType[]): string {
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

/** Every operation of the client by operationId, and each group's module file: what poll helpers look up. */
export interface ClientIndex {
  operations: ReadonlyMap<string, ClientOperation>;
  fileOf: ReadonlyMap<string, string>;
}

/** The client index of a model. */
export function clientIndex(model: ClientModel): ClientIndex {
  return {
    operations: new Map(model.operations.map((op) => [op.operationId, op])),
    fileOf: new Map(model.groups.map((g) => [g.tag, g.fileName])),
  };
}

/** What an API module imports from another one (functions, and types). */
export interface SiblingImport {
  fileName: string;
  values: string[];
  types: string[];
}

/** An API module's declarations and what it needs imported. */
export function moduleDeclarations(
  ctx: EmitContext,
  module: ModulePlan,
  index: ClientIndex,
): {
  text: string;
  models: string[];
  sse: boolean;
  streams: OperationNeeds["stream"][];
  streamFlag: boolean;
  int64Plans: boolean;
  pagination: boolean;
  poll: { valueAt: boolean } | undefined;
  siblings: SiblingImport[];
  runtime: RuntimeFunction[];
} {
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
  let pagination = false;
  const streams = new Set<OperationNeeds["stream"]>();
  let streamFlag = false;
  let poll: { valueAt: boolean } | undefined;
  const siblings = new Map<string, { values: Set<string>; types: Set<string> }>();
  const runtime = new Set<RuntimeFunction>();
  const use = (name: RuntimeFunction): void => void runtime.add(name);
  const text = render((writer) => {
    for (const op of module.operations) {
      const needs = writeOperation(writer, op, scope, { int64Plan, use });
      if (needs.sse) sse = true;
      if (needs.stream !== "none") streams.add(needs.stream);
      if (needs.flag) streamFlag = true;
      if (writePagination(writer, op, scope, needs.result)) pagination = true;
      const status = op.poll && index.operations.get(op.poll.operationId);
      if (!status) continue;
      const polled = writePoll(writer, op, status, scope);
      poll = { valueAt: poll?.valueAt === true || polled.valueAt };
      const fileName = index.fileOf.get(status.group);
      if (fileName === undefined || fileName === module.group.fileName) continue;
      const entry = siblings.get(fileName) ?? { values: new Set(), types: new Set() };
      entry.values.add(polled.statusFunction);
      if (polled.statusResultType !== undefined) entry.types.add(polled.statusResultType);
      siblings.set(fileName, entry);
    }
  });
  return {
    text,
    models: [...used].sort(),
    sse,
    streams: [...streams].sort(),
    streamFlag,
    int64Plans,
    pagination,
    poll,
    runtime: [...runtime].sort(),
    siblings: [...siblings]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([fileName, e]) => ({ fileName, values: [...e.values].sort(), types: [...e.types].sort() })),
  };
}
