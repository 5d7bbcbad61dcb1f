import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageTemplatesDir } from "../../src/emit/hbs/engine.js";
import { indexExports, templateExports } from "../../src/emit/hbs/exports.js";
import { generate, resolveJob } from "../../src/index.js";
import { spec3, tempFiles } from "../helpers.js";

/** Every name an API module binds at its top level: its imports and its own declarations. */
function topLevelBindings(source: string): string[] {
  const names: string[] = [];
  for (const m of source.matchAll(/^import (?:type )?\{([^}]*)\} from/gm)) {
    names.push(
      ...(m[1] as string)
        .split(",")
        .map((s) => s.trim().replace(/^type /, ""))
        .filter(Boolean),
    );
  }
  for (const m of source.matchAll(/^export (?:async )?(?:function\*?|type|interface|const) ([A-Za-z_$][\w$]*)/gm))
    names.push(m[1] as string);
  return names;
}

const int64Body = { type: "object", properties: { id: { type: "integer", format: "int64" } } };

describe("names the emitter binds itself", () => {
  it("an operation or schema never takes a name an API module imports (int64Plans, ApiPromise)", async () => {
    const spec = spec3({
      schemas: { ApiPromise: int64Body },
      paths: {
        "/plans": {
          get: {
            operationId: "int64Plans",
            responses: {
              "200": {
                description: "ok",
                content: { "application/json": { schema: { $ref: "#/components/schemas/ApiPromise" } } },
              },
            },
          },
        },
      },
    });
    const { dir, cleanup } = await tempFiles({ "spec.json": spec });
    try {
      const files = await generate({ input: `${dir}/spec.json`, output: `${dir}/out`, int64: "bigint" });
      const api = files.find((f) => f.path.startsWith("api/"));
      expect(api).toBeDefined();
      const bindings = topLevelBindings(api?.content ?? "");
      expect(bindings).toContain("int64Plans");
      expect(bindings).toContain("ApiPromise");
      expect(bindings.filter((name, i) => bindings.indexOf(name) !== i)).toEqual([]);
    } finally {
      await cleanup();
    }
  });
});

describe("names of poll helpers", () => {
  const json = (schema: object) => ({
    "200": { description: "ok", content: { "application/json": { schema } } },
  });
  const state = { type: "object", properties: { status: { type: "string" } } };
  const spec = spec3({
    paths: {
      "/jobs": {
        post: {
          operationId: "start",
          tags: ["jobs"],
          responses: json(state),
          "x-codegen-poll": {
            operation: "poll",
            parameters: { id: "$response.body#/status" },
            status: "status",
            pending: ["queued"],
          },
        },
        get: {
          operationId: "poll",
          tags: ["jobs"],
          parameters: [{ name: "id", in: "query", required: true, schema: { type: "string" } }],
          responses: json(state),
        },
      },
      "/later": { get: { operationId: "startAndPoll", tags: ["jobs"], responses: json(state) } },
      "/value": { get: { operationId: "valueAt", tags: ["jobs"], responses: json(state) } },
    },
  });

  it("an operation keeps its name over a helper, and never takes a name the poll module binds", async () => {
    const { dir, cleanup } = await tempFiles({ "spec.json": spec });
    try {
      const files = await generate({ input: `${dir}/spec.json`, output: `${dir}/out` });
      const api = files.find((f) => f.path.startsWith("api/"))?.content ?? "";
      const bindings = topLevelBindings(api);
      expect(bindings).toEqual(
        expect.arrayContaining(["start", "startAndPoll", "startAndPoll2", "poll", "poll_", "valueAt", "valueAt_"]),
      );
      expect(api).toMatch(/export function startAndPoll\(/);
      expect(api).toMatch(/export async function startAndPoll2\(/);
      expect(bindings.filter((name, i) => bindings.indexOf(name) !== i)).toEqual([]);
    } finally {
      await cleanup();
    }
  });
});

/** The names an index.ts exports explicitly (not through `export *`), template expressions left out. */
function explicitExports(source: string): string[] {
  return [...source.replace(/(type )?\{\{[^}]*\}\}\w*/g, "").matchAll(/^export (?:type )?\{([^}]*)\} from/gm)].flatMap(
    (m) =>
      (m[1] as string)
        .split(",")
        .map((s) => s.trim().replace(/^type /, ""))
        .filter((s) => /^\w+$/.test(s)),
  );
}

describe("names the index exports", () => {
  it("the reserved names are read from the index template: its runtime and client exports, no mustaches", () => {
    const names = indexExports(packageTemplatesDir());
    expect(names).toEqual(expect.arrayContaining(["createClient", "ApiPromise", "NotFoundError", "toFile", "Hooks"]));
    expect(names.some((n) => n.includes("{") || n.includes("Client}"))).toBe(false);
    expect(
      templateExports('export { a, type B } from "./x.js";\nexport type { C } from "./y.js";\nexport * from "./z.js";'),
    ).toEqual(["a", "B", "C"]);
  });

  it("a name added to the index template is kept free without touching the generator (a model of that name is renamed)", async () => {
    const spec = spec3({
      schemas: { Widget: { type: "object", properties: { id: { type: "string" } } } },
      paths: {
        "/w": {
          get: {
            operationId: "widget",
            responses: {
              "200": {
                description: "ok",
                content: { "application/json": { schema: { $ref: "#/components/schemas/Widget" } } },
              },
            },
          },
        },
      },
    });
    const { dir, cleanup } = await tempFiles({ "spec.json": spec });
    try {
      const job = resolveJob({ input: `${dir}/spec.json`, output: `${dir}/out` }, dir);
      const plain = await generate(job);
      expect(plain.find((f) => f.path === "models.ts")?.content).toMatch(/export interface Widget \{/);
      const templatesDir = join(dir, "templates");
      cpSync(packageTemplatesDir(), templatesDir, { recursive: true });
      const indexTemplate = join(templatesDir, "files", "index.ts.hbs");
      writeFileSync(
        indexTemplate,
        `${readFileSync(indexTemplate, "utf8")}export { Widget, widget } from "./core/widget.js";\n`,
      );
      const files = await generate({ ...job, templatesDir });
      expect(files.find((f) => f.path === "models.ts")?.content).toMatch(/export interface WidgetModel \{/);
      expect(files.find((f) => f.path.startsWith("api/"))?.content).toMatch(/export function widget_\(/);
    } finally {
      await cleanup();
    }
  });

  it("no model or operation is shadowed by a runtime export of the index (NotFoundError, LogLevel, Hooks, toFile)", async () => {
    const body = {
      description: "ok",
      content: { "application/json": { schema: { $ref: "#/components/schemas/NotFoundError" } } },
    };
    const spec = spec3({
      schemas: { NotFoundError: { type: "object" }, LogLevel: { type: "string" }, Hooks: { type: "object" } },
      paths: { "/files": { get: { operationId: "toFile", responses: { "200": body } } } },
    });
    const { dir, cleanup } = await tempFiles({ "spec.json": spec });
    try {
      const files = await generate({ input: `${dir}/spec.json`, output: `${dir}/out` });
      const index = explicitExports(files.find((f) => f.path === "index.ts")?.content ?? "");
      const models = [
        ...(files.find((f) => f.path === "models.ts")?.content ?? "").matchAll(/^export (?:type|interface) (\w+)/gm),
      ].map((m) => m[1]);
      const functions = files
        .filter((f) => f.path.startsWith("api/"))
        .flatMap((f) => [...f.content.matchAll(/^export function (\w+)/gm)].map((m) => m[1]));
      expect(models).toHaveLength(3);
      expect(functions).toHaveLength(1);
      expect([...models, ...functions].filter((name) => index.includes(name as string))).toEqual([]);
    } finally {
      await cleanup();
    }
  });
});
