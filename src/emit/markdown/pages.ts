/**
 * Which page each thing is documented on, and the anchor of each heading: README.md (the index),
 * api/<module>.md (one per group, one section per operation) and models/<Type>.md (one per named
 * type). Anchors are computed here, once per page, in the order the templates write the headings.
 */
import type { ClientGroup, ClientModel, ClientOperation, ClientType } from "./client-names.js";
import { groupFileName, operationNames, operationsOf, typeNames } from "./client-names.js";
import { Slugger } from "./slug.js";

/** Headings of README.md, in page order (the template writes them in this order). */
export const README_SECTIONS = {
  endpoints: "API endpoints",
  models: "Models",
  webhooks: "Webhooks",
  authorization: "Authorization",
} as const;

export interface ApiPage {
  group: ClientGroup;
  /** Path from the docs root. */
  path: string;
  /** Anchor of the page's title heading. */
  top: string;
  operations: { op: ClientOperation; anchor: string }[];
}

export interface ModelPage {
  named: ClientType;
  path: string;
}

export interface DocsPlan {
  readme: {
    path: string;
    anchors: Record<Exclude<keyof typeof README_SECTIONS, "webhooks">, string>;
    schemes: Map<string, string>;
  };
  apis: ApiPage[];
  models: ModelPage[];
  /** The page of every TypeScript type name of the models (variants included). */
  modelByTypeName: Map<string, ModelPage>;
  /** Where each operation is documented. */
  operationPage: Map<ClientOperation, { page: ApiPage; anchor: string }>;
}

/** Windows device names, which cannot name a file there. */
const DEVICE_NAMES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/** Allocates file names unique case-insensitively (for case-insensitive file systems). */
function fileNames(): (base: string) => string {
  const taken = new Set(["readme"]);
  return (base) => {
    let safe = base.replace(/[^A-Za-z0-9_-]/g, "_") || "Model";
    if (DEVICE_NAMES.test(safe)) safe = `${safe}_`;
    let name = safe;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${safe}${n}`;
    taken.add(name.toLowerCase());
    return name;
  };
}

/** The headline text of a page or section, as it renders (whitespace folded). */
export function headingText(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Plans the pages of a model's reference. Pure. */
export function planDocs(model: ClientModel, title: string): DocsPlan {
  const readmeSlugs = new Slugger();
  readmeSlugs.slug(headingText(title));
  const endpoints = readmeSlugs.slug(README_SECTIONS.endpoints);
  const models = readmeSlugs.slug(README_SECTIONS.models);
  // The webhooks section is written only when the spec has webhooks; nothing links to it.
  if (model.webhooks.length > 0) readmeSlugs.slug(README_SECTIONS.webhooks);
  const anchors = { endpoints, models, authorization: readmeSlugs.slug(README_SECTIONS.authorization) };
  const schemes = new Map(model.securitySchemes.map((s) => [s.key, readmeSlugs.slug(headingText(s.key))]));

  const operationPage = new Map<ClientOperation, { page: ApiPage; anchor: string }>();
  const apis = model.groups.map((group): ApiPage => {
    const slugs = new Slugger();
    const top = slugs.slug(headingText(group.tag));
    const page: ApiPage = { group, path: `api/${groupFileName(group)}.md`, top, operations: [] };
    for (const op of operationsOf(model, group)) {
      const anchor = slugs.slug(operationNames(op).fn);
      page.operations.push({ op, anchor });
      operationPage.set(op, { page, anchor });
    }
    return page;
  });

  const allocate = fileNames();
  const modelByTypeName = new Map<string, ModelPage>();
  const modelPages = model.types.map((named): ModelPage => {
    const names = typeNames(named);
    const page = { named, path: `models/${allocate(names.name)}.md` };
    for (const name of [names.name, names.input, names.output]) if (name !== undefined) modelByTypeName.set(name, page);
    return page;
  });
  return { readme: { path: "README.md", anchors, schemes }, apis, models: modelPages, modelByTypeName, operationPage };
}

/** A relative link from one page to another (both paths from the docs root). */
export function relativeLink(from: string, to: string): string {
  const fromDirs = from.split("/").slice(0, -1);
  const toParts = to.split("/");
  let common = 0;
  while (common < fromDirs.length && common < toParts.length - 1 && fromDirs[common] === toParts[common]) common++;
  return [...fromDirs.slice(common).map(() => ".."), ...toParts.slice(common)].join("/");
}
