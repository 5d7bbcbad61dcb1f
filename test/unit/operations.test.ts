import { describe, expect, it } from "vitest";
import type { ClientOperation } from "../../src/emit/ts/names.js";
import { bodyContents, chooseBody, paramsRequired, planResponse } from "../../src/emit/ts/operations.js";
import { groupFromPath } from "../../src/parse/v3/index.js";
import { modelOf, spec3 } from "../helpers.js";

function op(path: string, method: string, operation: object, pathItem: object = {}): ClientOperation {
  const model = modelOf(spec3({ paths: { [path]: { ...pathItem, [method]: operation } } }));
  const found = model.operations[0];
  if (!found) throw new Error("no operation");
  return found;
}

const ok = { responses: { "204": { description: "No content" } } };

describe("parameters", () => {
  it("merges path-level and operation-level parameters, the operation overriding", () => {
    const o = op(
      "/items/{id}",
      "get",
      { ...ok, parameters: [{ name: "limit", in: "query", required: true, schema: { type: "integer" } }] },
      {
        parameters: [
          { name: "id", in: "path", required: true, schema: { type: "string" } },
          { name: "limit", in: "query", schema: { type: "string" } },
        ],
      },
    );
    expect(o.parameters.map((p) => [p.in, p.name, p.required, p.type.kind])).toEqual([
      ["path", "id", true, "string"],
      ["query", "limit", true, "integer"],
    ]);
  });

  it.each([
    ["query", undefined, undefined, "form", true],
    ["query", "form", false, "form", false],
    ["query", "deepObject", undefined, "deepObject", false],
    ["query", "pipeDelimited", undefined, "pipeDelimited", false],
    ["path", undefined, undefined, "simple", false],
    ["path", "label", true, "label", true],
    ["header", undefined, undefined, "simple", false],
    ["cookie", undefined, undefined, "form", true],
  ])("%s style %s explode %s -> %s/%s", (location, style, explode, expectedStyle, expectedExplode) => {
    const param = {
      name: "p",
      in: location,
      required: true,
      schema: { type: "array", items: { type: "string" } },
      style,
      explode,
    };
    const o = op(location === "path" ? "/x/{p}" : "/x", "get", { ...ok, parameters: [param] });
    const p = o.parameters.find((x) => x.name === "p");
    expect([p?.style, p?.explode]).toEqual([expectedStyle, expectedExplode]);
  });

  it("reads content-based parameters as JSON", () => {
    const o = op("/x", "get", {
      ...ok,
      parameters: [{ name: "filter", in: "query", content: { "application/json": { schema: { type: "object" } } } }],
    });
    expect(o.parameters[0]?.json).toBe(true);
  });

  it("adds undeclared path template parameters as required strings", () => {
    const o = op("/a/{b}", "get", ok);
    expect(o.parameters).toMatchObject([{ name: "b", in: "path", required: true, type: { kind: "string" } }]);
  });

  it("leaves out Accept/Content-Type/Authorization header parameters (the client sets them)", () => {
    const o = op("/x", "get", {
      ...ok,
      parameters: [{ name: "Content-Type", in: "header", schema: { type: "string" } }],
    });
    expect(o.parameters).toEqual([]);
  });

  it("params are optional only when nothing in them is required", () => {
    expect(
      paramsRequired(op("/x", "get", { ...ok, parameters: [{ name: "q", in: "query", schema: { type: "string" } }] })),
    ).toBe(false);
    expect(paramsRequired(op("/x/{id}", "get", ok))).toBe(true);
    const body = { requestBody: { required: true, content: { "application/json": { schema: { type: "object" } } } } };
    expect(paramsRequired(op("/x", "post", { ...ok, ...body }))).toBe(true);
  });
});

describe("request bodies", () => {
  it.each([
    ["application/json", "json"],
    ["application/merge-patch+json", "json"],
    ["multipart/form-data", "multipart"],
    ["application/x-www-form-urlencoded", "form"],
    ["application/octet-stream", "binary"],
    ["image/png", "binary"],
    ["text/plain", "text"],
  ])("%s -> %s", (mediaType, kind) => {
    const o = op("/x", "post", { ...ok, requestBody: { content: { [mediaType]: { schema: { type: "object" } } } } });
    expect(chooseBody(o)?.kind).toBe(kind);
  });

  it("prefers JSON when several media types are offered", () => {
    const o = op("/x", "post", {
      ...ok,
      requestBody: {
        content: { "text/plain": { schema: { type: "string" } }, "application/json": { schema: { type: "string" } } },
      },
    });
    expect(chooseBody(o)?.mediaType).toBe("application/json");
  });

  it("keeps multipart per-part encodings", () => {
    const o = op("/x", "post", {
      ...ok,
      requestBody: {
        content: {
          "multipart/form-data": {
            schema: { type: "object" },
            encoding: { meta: { contentType: "application/json" } },
          },
        },
      },
    });
    expect(chooseBody(o)?.encoding).toEqual([{ property: "meta", contentType: "application/json" }]);
  });
});

describe("responses", () => {
  const json = (schema: object) => ({ description: "x", content: { "application/json": { schema } } });

  it("204 -> void", () => {
    expect(planResponse(op("/x", "delete", ok))).toMatchObject({ responseType: "void", type: undefined });
  });

  it("several 2xx codes with different bodies -> a union", () => {
    const plan = planResponse(
      op("/x", "get", { responses: { "200": json({ type: "string" }), "201": json({ type: "number" }) } }),
    );
    expect(plan.type).toEqual({ kind: "union", members: [{ kind: "string" }, { kind: "number" }] });
  });

  it("200 with a body and 204 without -> may be empty", () => {
    const plan = planResponse(
      op("/x", "get", { responses: { "200": json({ type: "string" }), "204": { description: "none" } } }),
    );
    expect(plan).toMatchObject({ responseType: "json", mayBeEmpty: true });
  });

  it("binary download -> blob; text -> text; SSE -> sse", () => {
    const media = (mediaType: string) => ({
      responses: { "200": { description: "x", content: { [mediaType]: { schema: { type: "string" } } } } },
    });
    expect(planResponse(op("/x", "get", media("application/octet-stream"))).responseType).toBe("blob");
    expect(planResponse(op("/x", "get", media("audio/mpeg"))).responseType).toBe("blob");
    expect(planResponse(op("/x", "get", media("text/plain"))).responseType).toBe("text");
    expect(planResponse(op("/x", "get", media("text/event-stream"))).responseType).toBe("sse");
  });

  it("default is the success response when no 2xx is declared, else an error", () => {
    expect(planResponse(op("/x", "get", { responses: { default: json({ type: "string" }) } })).type).toEqual({
      kind: "string",
    });
    const plan = planResponse(
      op("/x", "get", { responses: { "200": json({ type: "string" }), default: json({ type: "number" }) } }),
    );
    expect(plan.errorType).toEqual({ kind: "number" });
  });

  it("error bodies of 4xx/5xx form the error type", () => {
    const plan = planResponse(
      op("/x", "get", {
        responses: { "200": json({ type: "string" }), "404": json({ type: "boolean" }), "500": json({ type: "null" }) },
      }),
    );
    expect(plan.errorType).toEqual({ kind: "union", members: [{ kind: "boolean" }, { kind: "null" }] });
  });
});

describe("security", () => {
  it("reads operation security and schemes", () => {
    const model = modelOf(
      spec3({
        paths: {
          "/x": { get: { ...ok, security: [] }, post: { ...ok, security: [{ key: [] }, { bearer: [], key: [] }] } },
        },
        extra: {
          security: [{ bearer: [] }],
          components: {
            schemas: {},
            securitySchemes: {
              bearer: { type: "http", scheme: "Bearer" },
              key: { type: "apiKey", in: "header", name: "X-Key" },
              basic: { type: "http", scheme: "basic" },
            },
          },
        },
      }),
    );
    expect(model.security).toEqual([["bearer"]]);
    expect(model.operations.map((o) => o.security)).toEqual([[], [["key"], ["bearer", "key"]]]);
    expect(model.securitySchemes.map((s) => s.scheme)).toEqual([
      { type: "http", scheme: "bearer" },
      { type: "apiKey", in: "header", name: "X-Key" },
      { type: "http", scheme: "basic" },
    ]);
  });
});

describe("wildcard request media types", () => {
  it("*/* with a structured schema is sent as JSON", () => {
    const o = op("/x", "post", { ...ok, requestBody: { content: { "*/*": { schema: { type: "object" } } } } });
    expect(chooseBody(o)).toMatchObject({ kind: "json", mediaType: "application/json" });
  });

  it("*/* with a binary schema stays binary", () => {
    const o = op("/x", "post", {
      ...ok,
      requestBody: { content: { "*/*": { schema: { type: "string", format: "binary" } } } },
    });
    expect(chooseBody(o)).toMatchObject({ kind: "binary", mediaType: "*/*" });
  });
});

describe("several request media types", () => {
  it("offers the preferred one first, then the others in declared order, once each", () => {
    const o = op("/x", "post", {
      ...ok,
      requestBody: {
        content: {
          "text/plain": { schema: { type: "string" } },
          "application/json": { schema: { type: "object" } },
          "multipart/form-data": { schema: { type: "object" } },
        },
      },
    });
    expect(bodyContents(o).map((c) => c.mediaType)).toEqual(["application/json", "text/plain", "multipart/form-data"]);
  });
});

describe("modules of untagged operations", () => {
  it.each([
    ["/v1/customers/{customer}", "customers"],
    ["/api/v2/users", "users"],
    ["/2010-04-01/Accounts.json", "2010-04-01"],
    ["/{id}", "default"],
    ["/", "default"],
  ])("%s -> %s", (path, expected) => {
    expect(groupFromPath(path)).toBe(expected);
  });

  it("a tag wins over the path", () => {
    expect(op("/v1/customers", "get", { ...ok, tags: ["Billing"] }).group).toBe("Billing");
    expect(op("/v1/customers", "get", ok).group).toBe("customers");
  });
});
