/**
 * The Markdown API reference, a second target beside the TypeScript client: README.md (every tag's
 * page, every model's page, the auth schemes), api/<module>.md (a table of the tag's operations,
 * then each operation's signature, parameters, return type, errors, authorization, media types and
 * an example call) and models/<Type>.md (properties, enum values, members, back-links). Names and
 * type text come from client-names.ts, pages and anchors from pages.ts, every escaped value from
 * the view files (*-view.ts); templates/markdown lays them out. Pure apart from reading templates.
 */
import { join } from "node:path";
import type { GeneratedFile } from "../../util/files.js";
import { finalizeFiles } from "../files.js";
import { compileTemplates } from "../hbs/engine.js";
import { type ApiPageView, apiPageView } from "./api-view.js";
import type { ClientModel } from "./client-names.js";
import { TypePrinter } from "./client-names.js";
import { htmlCommentText } from "./escape.js";
import { type ModelPageView, modelPageView, usedByIndex } from "./model-view.js";
import { planDocs } from "./pages.js";
import { type ReadmeView, readmeView } from "./readme-view.js";
import type { ViewContext } from "./view-context.js";

/** What the reference needs beyond the model. */
export interface DocsOptions {
  /** The spec's file name, for headers (never an absolute path). */
  source: string;
  baseUrl: string | undefined;
  int64: "number" | "bigint";
  /** The package's templates folder; the Markdown templates are in its `markdown/` folder. */
  templatesDir: string;
}

/** Emits every page of the Markdown reference for the model. */
export function emitDocs(model: ClientModel, options: DocsOptions): GeneratedFile[] {
  const templates = compileTemplates(join(options.templatesDir, "markdown"));
  const title = model.title.trim() === "" ? "API reference" : model.title;
  const plan = planDocs(model, title);
  const ctx: ViewContext = {
    model,
    plan,
    printer: new TypePrinter(model.types, options.int64),
    byId: new Map(model.types.map((t) => [t.id, t])),
    int64: options.int64,
    baseUrl: options.baseUrl ?? model.servers[0]?.url ?? "",
    header: { source: htmlCommentText(options.source) },
  };
  const files: GeneratedFile[] = [
    { path: plan.readme.path, content: templates.file<ReadmeView>("readme.md")(readmeView(ctx, title)) },
  ];
  for (const page of plan.apis)
    files.push({ path: page.path, content: templates.file<ApiPageView>("api.md")(apiPageView(ctx, page)) });
  const usedBy = usedByIndex(ctx);
  for (const page of plan.models) {
    files.push({
      path: page.path,
      content: templates.file<ModelPageView>("model.md")(modelPageView(ctx, page, usedBy.get(page.named.id))),
    });
  }
  return finalizeFiles(files);
}
