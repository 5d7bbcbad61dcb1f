/**
 * Wire formats end to end: clients generated from specs written here are sent to two local
 * servers (127.0.0.1), which record the raw request. Covers deepObject arrays in the query,
 * multipart and form properties with declared styles, per-operation and path-item servers (3.x),
 * a per-operation scheme (2.0), and how `baseUrl` and `servers` redirect them.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, writeOutput } from "../../src/index.js";
import { freshDir, TMP, writeJson } from "../compile/support.js";

interface Received {
  server: "api" | "files";
  method: string;
  url: string;
  contentType: string;
  body: Buffer;
}

const dir = join(TMP, "wire");
const received: Received[] = [];
let api: Server;
let files: Server;
let apiPort = 0;
let filesPort = 0;

function recorder(name: Received["server"]): Server {
  return createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({
      server: name,
      method: req.method ?? "",
      url: req.url ?? "",
      contentType: req.headers["content-type"] ?? "",
      body: Buffer.concat(chunks),
    });
    res.writeHead(204).end();
  });
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

/** The last request, and forgets it. */
function last(): Received {
  const request = received.pop();
  if (!request) throw new Error("no request arrived");
  received.length = 0;
  return request;
}

async function formOf(request: Received): Promise<[string, string][]> {
  const form = await new Request("http://local/", {
    method: "POST",
    headers: { "content-type": request.contentType },
    body: new Uint8Array(request.body),
  }).formData();
  return [...form.entries()].map(([key, value]) => [key, typeof value === "string" ? value : `file:${value.name}`]);
}

function spec3(): object {
  const noContent = { "204": { description: "No content" } };
  return {
    openapi: "3.0.3",
    info: { title: "Wire", version: "1" },
    servers: [{ url: `http://127.0.0.1:${apiPort}/v1` }],
    paths: {
      "/items": {
        get: {
          operationId: "listItems",
          parameters: [
            {
              name: "expand",
              in: "query",
              style: "deepObject",
              explode: true,
              schema: { type: "array", items: { type: "string" } },
            },
            {
              name: "lines",
              in: "query",
              style: "deepObject",
              explode: true,
              schema: {
                type: "array",
                items: { type: "object", properties: { id: { type: "string" }, quantity: { type: "integer" } } },
              },
            },
          ],
          responses: noContent,
        },
      },
      "/files": {
        servers: [
          {
            url: "http://{host}:{port}/",
            variables: { host: { default: "127.0.0.1" }, port: { default: String(filesPort) } },
          },
        ],
        post: {
          operationId: "uploadFile",
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: {
                  type: "object",
                  properties: {
                    file: { type: "string", format: "binary" },
                    link: {
                      type: "object",
                      properties: {
                        create: { type: "boolean" },
                        metadata: { type: "object", additionalProperties: { type: "string" } },
                      },
                    },
                    expand: { type: "array", items: { type: "string" } },
                    tags: { type: "array", items: { type: "string" } },
                  },
                },
                encoding: {
                  link: { style: "deepObject", explode: true },
                  expand: { style: "deepObject", explode: true },
                  tags: { style: "form", explode: false },
                },
              },
            },
          },
          responses: noContent,
        },
        get: { operationId: "listFiles", servers: [{ url: `http://127.0.0.1:${apiPort}/own` }], responses: noContent },
      },
      "/charges": {
        post: {
          operationId: "createCharge",
          requestBody: {
            content: {
              "application/x-www-form-urlencoded": {
                schema: {
                  type: "object",
                  properties: {
                    metadata: { type: "object", additionalProperties: { type: "string" } },
                    expand: { type: "array", items: { type: "string" } },
                    codes: { type: "array", items: { type: "string" } },
                  },
                },
                encoding: { metadata: { style: "deepObject", explode: true }, codes: { style: "pipeDelimited" } },
              },
            },
          },
          responses: noContent,
        },
      },
    },
  };
}

function spec2(): object {
  return {
    swagger: "2.0",
    info: { title: "Wire 2", version: "1" },
    host: `127.0.0.1:${apiPort}`,
    basePath: "/v2",
    // The API's scheme is https, which these local servers do not speak: only the operation's own http works.
    schemes: ["https"],
    paths: {
      "/legacy": { get: { operationId: "getLegacy", schemes: ["http"], responses: { "204": { description: "OK" } } } },
    },
  };
}

type Fn = (client: unknown, params?: unknown) => Promise<unknown>;
interface Generated {
  createClient(options?: Record<string, unknown>): unknown;
  [name: string]: unknown;
}

let v3: Generated;
let v2: Generated;

async function build(name: string, spec: object): Promise<Generated> {
  writeJson(join(dir, `${name}.json`), spec);
  const out = join(dir, name);
  await writeOutput(out, await generate({ input: join(dir, `${name}.json`), output: out }));
  return (await import(pathToFileURL(join(out, "index.ts")).href)) as Generated;
}

function call(module: Generated, name: string): Fn {
  return module[name] as Fn;
}

beforeAll(async () => {
  freshDir(dir);
  api = recorder("api");
  files = recorder("files");
  apiPort = await listen(api);
  filesPort = await listen(files);
  v3 = await build("v3", spec3());
  v2 = await build("v2", spec2());
}, 60_000);

afterAll(async () => {
  await Promise.all([api, files].map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});

describe("deepObject arrays in the query", () => {
  it("are indexed: expand[0]=…, lines[0][id]=…", async () => {
    const client = v3.createClient();
    await call(v3, "listItems")(client, {
      query: { expand: ["a", "b.c"], lines: [{ id: "x", quantity: 2 }, { id: "y" }] },
    });
    const request = last();
    expect(request.server).toBe("api");
    expect(request.url).toBe("/v1/items?expand[0]=a&expand[1]=b.c&lines[0][id]=x&lines[0][quantity]=2&lines[1][id]=y");
  });
});

describe("styled body properties", () => {
  it("multipart: deepObject and form parts, the file untouched", async () => {
    const client = v3.createClient();
    const body = {
      file: new File(["data"], "a.txt"),
      link: { create: true, metadata: { k: "v" } },
      expand: ["links"],
      tags: ["t1", "t2"],
    };
    await call(v3, "uploadFile")(client, { body });
    const request = last();
    expect(request.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(await formOf(request)).toEqual([
      ["file", "file:a.txt"],
      ["link[create]", "true"],
      ["link[metadata][k]", "v"],
      ["expand[0]", "links"],
      ["tags", "t1,t2"],
    ]);
  });

  it("form: brackets by default and deepObject, a declared pipeDelimited joined", async () => {
    const client = v3.createClient();
    await call(v3, "createCharge")(client, { body: { metadata: { k: "v" }, expand: ["a"], codes: ["x", "y"] } });
    const request = last();
    expect(request.contentType).toBe("application/x-www-form-urlencoded");
    expect([...new URLSearchParams(request.body.toString())]).toEqual([
      ["metadata[k]", "v"],
      ["expand[0]", "a"],
      ["codes", "x|y"],
    ]);
  });
});

describe("per-operation servers", () => {
  it("without baseUrl: a path item's server (variables at their defaults), an operation's own, else the API's", async () => {
    const client = v3.createClient();
    await call(v3, "uploadFile")(client, { body: { file: new Blob(["x"]) } });
    expect([last().server, received.length]).toEqual(["files", 0]);
    await call(v3, "listFiles")(client);
    expect(last()).toMatchObject({ server: "api", url: "/own/files" });
    await call(v3, "listItems")(client);
    expect(last()).toMatchObject({ server: "api", url: "/v1/items" });
  });

  it("with baseUrl: every operation goes there (a proxy or mock)", async () => {
    const client = v3.createClient({ baseUrl: `http://127.0.0.1:${apiPort}/mock/` });
    await call(v3, "uploadFile")(client, { body: { file: new Blob(["x"]) } });
    expect(last()).toMatchObject({ server: "api", url: "/mock/files" });
    await call(v3, "listFiles")(client);
    expect(last()).toMatchObject({ server: "api", url: "/mock/files" });
  });

  it("servers maps one spec server elsewhere, over baseUrl", async () => {
    const client = v3.createClient({
      baseUrl: `http://127.0.0.1:${apiPort}/mock`,
      servers: { [`http://127.0.0.1:${filesPort}/`]: `http://127.0.0.1:${filesPort}/mapped` },
    });
    await call(v3, "uploadFile")(client, { body: { file: new Blob(["x"]) } });
    expect(last()).toMatchObject({ server: "files", url: "/mapped/files" });
    await call(v3, "listItems")(client);
    expect(last()).toMatchObject({ server: "api", url: "/mock/items" });
  });

  it("Swagger 2.0: an operation's own scheme", async () => {
    await call(v2, "getLegacy")(v2.createClient());
    expect(last()).toMatchObject({ server: "api", url: "/v2/legacy" });
  });
});
