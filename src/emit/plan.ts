import { type ClientGroup, type ClientModel, type ClientOperation, type ClientType, operationsOf } from "./ts/names.js";

/** One API module: a group of operations and the file it lands in. */
export interface ModulePlan {
  group: ClientGroup;
  path: string;
  operations: ClientOperation[];
}

/** Which IR item lands in which file. */
export interface OutputPlan {
  models: { path: string; types: readonly ClientType[] };
  modules: ModulePlan[];
  /** Webhook payload types, when the spec has webhooks. */
  webhooks: { path: string; hooks: ClientModel["webhooks"] } | undefined;
  client: string;
  index: string;
}

/** Plans the output files of a model. Pure. */
export function planOutput(model: ClientModel): OutputPlan {
  return {
    models: { path: "models.ts", types: model.types },
    modules: model.groups.map((group) => ({
      group,
      path: `api/${group.fileName}.ts`,
      operations: operationsOf(model, group),
    })),
    webhooks: model.webhooks.length > 0 ? { path: "webhooks.ts", hooks: model.webhooks } : undefined,
    client: "client.ts",
    index: "index.ts",
  };
}
