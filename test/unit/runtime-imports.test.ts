/**
 * Generated operations hand the request core the functions they need (reader, encoder, parameter
 * serialiser), imported one by one, so a bundler keeps only those: no string tags, no import of
 * what the module does not call, and an operation named like one of them is renamed.
 */
import { describe, expect, it } from "vitest";
import { generate } from "../../src/index.js";
import { spec3, tempFiles } from "../helpers.js";

const ok = (content: object) => ({ responses: { "200": { description: "ok", content } } });
const json = { "application/json": { schema: { type: "object", properties: { id: { type: "string" } } } } };

async function apiModules(paths: object): Promise<Map<string, string>> {
  const { dir, cleanup } = await tempFiles({ "spec.json": spec3({ paths }) });
  try {
    const files = await generate({ input: `${dir}/spec.json`, output: `${dir}/out` });
    return new Map(files.filter((f) => f.path.startsWith("api/")).map((f) => [f.path, f.content]));
  } finally {
    await cleanup();
  }
}

const importsOf = (source: string): string[] =>
  [...source.matchAll(/^import \{([^}]*)\} from "\.\.\/core\/([a-z-]+)\.js";$/gm)].map(
    ([, names = "", from]) => `${from}: ${names.trim()}`,
  );

describe("runtime functions in generated operations", () => {
  it("a JSON GET imports only request and readJson and passes the reader, not a tag", async () => {
    const modules = await apiModules({
      "/things": { get: { operationId: "listThings", tags: ["things"], ...ok(json) } },
    });
    const source = modules.get("api/things.ts") ?? "";
    expect(importsOf(source)).toEqual(["read: readJson", "request: request"]);
    expect(source).toContain("return request<");
    expect(source).toContain("read: readJson,");
    expect(source).not.toMatch(/responseType|bodyType|styles:/);
  });

  it("each operation passes its own encoder, reader and serialiser; the module imports each once", async () => {
    const modules = await apiModules({
      "/files": {
        post: {
          operationId: "upload",
          tags: ["files"],
          requestBody: {
            content: {
              "multipart/form-data": {
                schema: { type: "object", properties: { file: { type: "string", format: "binary" } } },
              },
            },
          },
          ...ok({ "text/plain": { schema: { type: "string" } } }),
        },
        get: {
          operationId: "listFiles",
          tags: ["files"],
          parameters: [
            {
              name: "ids",
              in: "query",
              style: "pipeDelimited",
              explode: false,
              schema: { type: "array", items: { type: "string" } },
            },
          ],
          responses: { "204": { description: "none" } },
        },
      },
    });
    const source = modules.get("api/files.ts") ?? "";
    expect(importsOf(source)).toEqual([
      "body: encodeMultipart",
      "read: readText, readVoid",
      "request: request",
      "serialize: styled",
    ]);
    expect(source).toContain("encode: encodeMultipart,");
    expect(source).toContain("read: readVoid,");
    expect(source).toContain('accept: "*/*",');
    expect(source).toMatch(
      /params: styled\(\{\n\s+"query:ids": \{ style: "pipeDelimited", explode: false \},\n\s+\}\),/,
    );
  });

  it("an operation named like a runtime function is renamed, so the import stays usable", async () => {
    const modules = await apiModules({ "/r": { get: { operationId: "request", tags: ["r"], ...ok(json) } } });
    const source = modules.get("api/r.ts") ?? "";
    expect(source).toContain("export function request_(");
    expect(source).toContain("return request<");
  });
});

it("a stream of events holding 64-bit integers parses them as bigint where the client reads int64 as bigint", async () => {
  const run = { type: "object", properties: { tokens: { type: "integer", format: "int64" } } };
  const event = {
    oneOf: [
      {
        type: "object",
        required: ["event", "data"],
        properties: { event: { type: "string", enum: ["run"] }, data: run },
      },
    ],
  };
  const spec = spec3({
    paths: {
      "/runs": {
        post: {
          operationId: "createRun",
          requestBody: {
            content: {
              "application/json": { schema: { type: "object", properties: { stream: { type: "boolean" } } } },
            },
          },
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: run }, "text/event-stream": { schema: event } },
            },
          },
        },
      },
    },
  });
  const { dir, cleanup } = await tempFiles({ "spec.json": spec });
  try {
    const module = async (int64: "number" | "bigint") =>
      (await generate({ input: `${dir}/spec.json`, output: `${dir}/out`, int64 })).find((f) =>
        f.path.startsWith("api/"),
      )?.content ?? "";
    const bigint = await module("bigint");
    expect(bigint).toMatch(/parse: int64EventData\(.+, int64Plans, true\) \}\);/);
    expect(bigint).toMatch(/import \{ int64EventData, readInt64Json \} from "\.\.\/core\/json\.js";/);
    expect(await module("number")).not.toContain("int64EventData");
  } finally {
    await cleanup();
  }
});
