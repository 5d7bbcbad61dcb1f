/**
 * Pagination in the IR: cursor lists detected from the spec's shape, each style of the
 * `x-codegen-pagination` extension read into `Operation.pagination`, and bad extension values
 * reported as SpecErrors at their place (file, JSON pointer, line).
 */
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import type { Operation } from "../../src/ir/types.js";
import { parseSpec } from "../../src/parse/index.js";
import { lineOfPointer } from "../../src/parse/load.js";
import { SpecError } from "../../src/util/errors.js";
import { tempFiles } from "../helpers.js";

const ITEM = { type: "object", required: ["id"], properties: { id: { type: "string" }, name: { type: "string" } } };
const ITEM_REF = { kind: "ref", target: "spec.yaml#/components/schemas/Item" } as const;

const query = (name: string, schema: object = { type: "string" }) => ({ name, in: "query", schema });

function jsonResponse(schema: object) {
  return { "200": { description: "OK", content: { "application/json": { schema } } } };
}

const CURSOR_LIST = {
  type: "object",
  properties: {
    data: { type: "array", items: { $ref: "#/components/schemas/Item" } },
    last_id: { type: "string", nullable: true },
    has_more: { type: "boolean" },
  },
};

/** A 3.0 spec with one operation `GET /items` (merged over a cursor list by default). */
function spec(operation: Record<string, unknown>, method = "get"): object {
  return {
    openapi: "3.0.3",
    info: { title: "T", version: "1" },
    paths: {
      "/items": {
        [method]: {
          operationId: "listItems",
          parameters: [query("after"), query("limit", { type: "integer" })],
          responses: jsonResponse(CURSOR_LIST),
          ...operation,
        },
      },
    },
    components: { schemas: { Item: ITEM } },
  };
}

async function withSpec<T>(document: object, read: (path: string) => Promise<T>, name = "spec.yaml"): Promise<T> {
  const { dir, cleanup } = await tempFiles({ [name]: document });
  try {
    return await read(`${dir}/${name}`);
  } finally {
    await cleanup();
  }
}

async function paginationOf(document: object): Promise<Operation["pagination"]> {
  const op = await withSpec(document, async (path) => (await parseSpec(path)).model.operations[0]);
  const pagination = op?.pagination;
  if (pagination?.item.kind === "ref") {
    // Targets carry the temporary folder; keep the file name only.
    return { ...pagination, item: { kind: "ref", target: pagination.item.target.replace(/^.*\/(?=spec\.yaml#)/, "") } };
  }
  return pagination;
}

async function specError(document: object): Promise<{ error: SpecError; line: number | undefined }> {
  return withSpec(document, async (path) => {
    try {
      await parseSpec(path);
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      const line = lineOfPointer(await readFile(path, "utf8"), error.location.pointer);
      return { error, line };
    }
    throw new Error("expected a SpecError");
  });
}

describe("detection", () => {
  it("finds a cursor list: after, data, has_more, last_id, the items' id", async () => {
    expect(await paginationOf(spec({}))).toEqual({
      style: "cursor",
      items: ["data"],
      item: ITEM_REF,
      hasMore: ["has_more"],
      source: "detected",
      param: "after",
      from: ["last_id"],
      itemKey: "id",
    });
  });

  it("falls back to the items' id without last_id, through allOf and refs", async () => {
    const list = {
      allOf: [
        { type: "object", properties: { data: { type: "array", items: { $ref: "#/components/schemas/Item" } } } },
        { type: "object", properties: { has_more: { type: "boolean" } } },
      ],
    };
    expect(await paginationOf(spec({ responses: jsonResponse(list) }))).toMatchObject({
      style: "cursor",
      param: "after",
      itemKey: "id",
      source: "detected",
    });
    expect(await paginationOf(spec({ responses: jsonResponse(list) }))).not.toHaveProperty("from");
  });

  it("finds Stripe's lists: starting_after, data, has_more, the items' id", async () => {
    const stripeList = {
      type: "object",
      required: ["data", "has_more", "object", "url"],
      properties: {
        data: { type: "array", items: { $ref: "#/components/schemas/Item" } },
        has_more: { type: "boolean" },
        object: { type: "string", enum: ["list"] },
        url: { type: "string" },
      },
    };
    const parameters = [query("ending_before"), query("limit", { type: "integer" }), query("starting_after")];
    expect(await paginationOf(spec({ parameters, responses: jsonResponse(stripeList) }))).toEqual({
      style: "cursor",
      items: ["data"],
      item: ITEM_REF,
      hasMore: ["has_more"],
      source: "detected",
      param: "starting_after",
      itemKey: "id",
      before: "ending_before",
    });
  });

  it("finds Stripe's search results: a string page, data, has_more, next_page", async () => {
    const searchResult = {
      type: "object",
      properties: {
        data: { type: "array", items: { $ref: "#/components/schemas/Item" } },
        has_more: { type: "boolean" },
        next_page: { type: "string", nullable: true },
        object: { type: "string", enum: ["search_result"] },
      },
    };
    const parameters = [query("limit", { type: "integer" }), query("page"), query("query")];
    expect(await paginationOf(spec({ parameters, responses: jsonResponse(searchResult) }))).toEqual({
      style: "cursor",
      items: ["data"],
      item: ITEM_REF,
      hasMore: ["has_more"],
      source: "detected",
      param: "page",
      from: ["next_page"],
    });
    // A page number, or no next_page: not this shape.
    const numbered = [query("page", { type: "integer" })];
    expect(await paginationOf(spec({ parameters: numbered, responses: jsonResponse(searchResult) }))).toBeUndefined();
    expect(await paginationOf(spec({ parameters: [query("page")] }))).toBeUndefined();
  });

  it("gives OpenAI's lists their `before` only where the items have an id", async () => {
    const parameters = [query("after"), query("before")];
    expect(await paginationOf(spec({ parameters }))).toMatchObject({ param: "after", before: "before" });
    const noId = { type: "array", items: { type: "object", properties: { name: { type: "string" } } } };
    const byLastId = {
      type: "object",
      properties: { data: noId, last_id: { type: "string" }, has_more: { type: "boolean" } },
    };
    const pagination = await paginationOf(spec({ parameters, responses: jsonResponse(byLastId) }));
    expect(pagination).toMatchObject({ param: "after", from: ["last_id"] });
    expect(pagination).not.toHaveProperty("before");
  });

  const noId = { type: "array", items: { type: "object", properties: { name: { type: "string" } } } };
  it.each([
    ["a POST", spec({}, "post")],
    ["an integer `after`", spec({ parameters: [query("after", { type: "integer" })] })],
    ["no `after`", spec({ parameters: [query("cursor")] })],
    ["an integer `starting_after`", spec({ parameters: [query("starting_after", { type: "integer" })] })],
    [
      "no has_more",
      spec({ responses: jsonResponse({ ...CURSOR_LIST, properties: { data: CURSOR_LIST.properties.data } }) }),
    ],
    [
      "a has_more that is not a boolean",
      spec({
        responses: jsonResponse({
          ...CURSOR_LIST,
          properties: { ...CURSOR_LIST.properties, has_more: { type: "string" } },
        }),
      }),
    ],
    [
      "a data that is not a list",
      spec({
        responses: jsonResponse({
          ...CURSOR_LIST,
          properties: { ...CURSOR_LIST.properties, data: { type: "object" } },
        }),
      }),
    ],
    [
      "neither last_id nor an item id",
      spec({ responses: jsonResponse({ type: "object", properties: { data: noId, has_more: { type: "boolean" } } }) }),
    ],
    ["no JSON success body", spec({ responses: { "200": { description: "OK" } } })],
    ["x-codegen-pagination: false", spec({ "x-codegen-pagination": false })],
  ])("does not detect %s", async (_name, document) => {
    expect(await paginationOf(document)).toBeUndefined();
  });
});

describe("the x-codegen-pagination extension", () => {
  const object = (properties: Record<string, object>) => ({ type: "object", properties });
  const items = { type: "array", items: { $ref: "#/components/schemas/Item" } };

  it("cursor with its own parameter, the item key and the parameter that walks backwards", async () => {
    const document = spec({
      parameters: [query("starting_after"), query("ending_before")],
      "x-codegen-pagination": {
        style: "cursor",
        items: "data",
        hasMore: "has_more",
        cursor: { param: "starting_after", itemKey: "id", before: "ending_before" },
      },
    });
    expect(await paginationOf(document)).toEqual({
      style: "cursor",
      items: ["data"],
      item: ITEM_REF,
      hasMore: ["has_more"],
      source: "declared",
      param: "starting_after",
      itemKey: "id",
      before: "ending_before",
    });
  });

  it("page numbers, with a nested total and a path given as a list", async () => {
    const document = spec({
      parameters: [query("page", { type: "integer" })],
      responses: jsonResponse(object({ results: items, "meta.info": object({ pages: { type: "integer" } }) })),
      "x-codegen-pagination": {
        style: "page",
        items: "results",
        page: { param: "page", start: 0 },
        totalPages: ["meta.info", "pages"],
      },
    });
    expect(await paginationOf(document)).toEqual({
      style: "page",
      items: ["results"],
      item: ITEM_REF,
      source: "declared",
      param: "page",
      start: 0,
      totalPages: ["meta.info", "pages"],
    });
  });

  it("offsets (start 1 by default for pages; total optional)", async () => {
    const document = spec({
      parameters: [query("offset", { type: "integer" })],
      responses: jsonResponse(object({ page: object({ items }), total: { type: "integer" } })),
      "x-codegen-pagination": { style: "offset", items: "page.items", offset: { param: "offset" }, total: "total" },
    });
    expect(await paginationOf(document)).toEqual({
      style: "offset",
      items: ["page", "items"],
      item: ITEM_REF,
      source: "declared",
      param: "offset",
      total: ["total"],
    });
  });

  it("next-url and link (the body is the list)", async () => {
    const next = spec({
      responses: jsonResponse(object({ data: items, next: { type: "string", nullable: true } })),
      "x-codegen-pagination": { style: "next-url", items: "data", next: "next" },
    });
    expect(await paginationOf(next)).toEqual({
      style: "next-url",
      items: ["data"],
      item: ITEM_REF,
      source: "declared",
      next: ["next"],
    });
    const link = spec({ responses: jsonResponse(items), "x-codegen-pagination": { style: "link" } });
    expect(await paginationOf(link)).toEqual({ style: "link", items: [], item: ITEM_REF, source: "declared" });
  });

  it("an untyped body is taken as the extension says (items unknown)", async () => {
    const document = spec({ responses: jsonResponse({}), "x-codegen-pagination": { style: "link", items: "values" } });
    expect(await paginationOf(document)).toEqual({
      style: "link",
      items: ["values"],
      item: { kind: "unknown" },
      source: "declared",
    });
  });

  it("is read on Swagger 2.0 operations too", async () => {
    const document = {
      swagger: "2.0",
      info: { title: "T", version: "1" },
      paths: {
        "/items": {
          get: {
            operationId: "listItems",
            produces: ["application/json"],
            parameters: [{ name: "page", in: "query", type: "integer" }],
            responses: {
              "200": { description: "OK", schema: { type: "array", items: { $ref: "#/definitions/Item" } } },
            },
            "x-codegen-pagination": { style: "page", page: { param: "page" } },
          },
        },
      },
      definitions: { Item: ITEM },
    };
    expect(await paginationOf(document)).toMatchObject({ style: "page", items: [], param: "page", start: 1 });
  });

  const at = (rest = "") => `/paths/~1items/get/x-codegen-pagination${rest}`;
  it.each([
    ["true", true, at(), /must be an object or false, not true/],
    ["no style", { items: "data" }, at(), /needs a `style`/],
    [
      "an unknown style",
      { style: "pages" },
      at("/style"),
      /style "pages" is not one of cursor, page, offset, next-url, link/,
    ],
    ["an unknown key", { style: "link", itmes: "data" }, at("/itmes"), /unknown key "itmes" for style link/],
    ["another style's key", { style: "link", page: { param: "after" } }, at("/page"), /unknown key "page"/],
    ["a missing section", { style: "cursor", items: "data" }, at(), /cursor: is missing/],
    [
      "an undeclared parameter",
      { style: "cursor", items: "data", cursor: { param: "since", itemKey: "id" } },
      at("/cursor/param"),
      /query parameter "since", which the operation does not declare/,
    ],
    [
      "a cursor without a source",
      { style: "cursor", items: "data", cursor: { param: "after" } },
      at("/cursor"),
      /needs `from`/,
    ],
    [
      "a backwards cursor without an item key",
      { style: "cursor", items: "data", cursor: { param: "after", from: "last_id", before: "after" } },
      at("/cursor/before"),
      /needs `itemKey`/,
    ],
    [
      "an undeclared backwards parameter",
      { style: "cursor", items: "data", cursor: { param: "after", itemKey: "id", before: "ending_before" } },
      at("/cursor/before"),
      /query parameter "ending_before", which the operation does not declare/,
    ],
    [
      "an unknown item key",
      { style: "cursor", items: "data", cursor: { param: "after", itemKey: "uid" } },
      at("/cursor/itemKey"),
      /has no property "uid"/,
    ],
    [
      "a missing items property",
      { style: "link", items: "results" },
      at("/items"),
      /the success body has no property "results"/,
    ],
    ["items that are no list", { style: "link", items: "has_more" }, at("/items"), /has_more is not a list/],
    ["a body that is no list", { style: "link" }, at(), /the success body is not a list/],
    [
      "a hasMore that is no boolean",
      { style: "link", items: "data", hasMore: "last_id" },
      at("/hasMore"),
      /not a boolean/,
    ],
    ["a bad path", { style: "link", items: "data..x" }, at("/items"), /must be a property path/],
    [
      "a bad start",
      { style: "page", items: "data", page: { param: "limit", start: -1 } },
      at("/page/start"),
      /whole number of 0 or more, not -1/,
    ],
    ["next-url without next", { style: "next-url", items: "data" }, at(), /style next-url needs `next`/],
    ["a next that is no string", { style: "next-url", items: "data", next: "has_more" }, at("/next"), /not a string/],
  ])("reports %s at its place", async (_name, value, pointer, message) => {
    const { error, line } = await specError(spec({ "x-codegen-pagination": value }));
    expect(error.message).toMatch(message);
    expect(error.location.pointer).toBe(pointer);
    expect(error.location.file).toMatch(/spec\.yaml$/);
    expect(error.hint).toBeTruthy();
    expect(line).toBeGreaterThan(1);
  });

  it("reports an operation without a JSON success body", async () => {
    const { error } = await specError(
      spec({ responses: { "204": { description: "none" } }, "x-codegen-pagination": { style: "link" } }),
    );
    expect(error.message).toMatch(/no JSON success response/);
    expect(error.location.pointer).toBe(at());
  });

  it("reports a Swagger 2.0 extension's error at the 2.0 operation", async () => {
    const document = {
      swagger: "2.0",
      info: { title: "T", version: "1" },
      paths: {
        "/things": {
          get: {
            produces: ["application/json"],
            responses: { "200": { description: "OK", schema: { type: "array", items: ITEM } } },
            "x-codegen-pagination": { style: "page", page: { param: "p" } },
          },
        },
      },
    };
    const { error } = await specError(document);
    expect(error.location.pointer).toBe("/paths/~1things/get/x-codegen-pagination/page/param");
  });
});
