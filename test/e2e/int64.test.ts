/**
 * The `int64: "bigint"` option end to end: a client generated with it reads 64-bit integers
 * beyond 2^53 exactly as bigint from a local server, sends bigint in JSON bodies as exact numbers,
 * and type-checks under strict settings.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, writeOutput } from "../../src/index.js";
import { freshDir, runTsc, STRICT_OPTIONS, TMP, writeJson } from "../compile/support.js";

const spec = {
  openapi: "3.0.3",
  info: { title: "Ledger", version: "1" },
  paths: {
    "/entries": {
      post: {
        operationId: "createEntry",
        requestBody: {
          required: true,
          content: { "application/json": { schema: { $ref: "#/components/schemas/Entry" } } },
        },
        responses: {
          "200": {
            description: "ok",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Entry" } } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Entry: {
        type: "object",
        required: ["id", "amount"],
        properties: {
          id: { type: "integer", format: "int64" },
          amount: { type: "number" },
          children: { type: "array", items: { $ref: "#/components/schemas/Entry" } },
        },
      },
    },
  },
};

const dir = join(TMP, "int64");
let server: Server;
let received = "";

beforeAll(async () => {
  freshDir(dir);
  writeJson(join(dir, "spec.json"), spec);
  await writeOutput(
    join(dir, "out"),
    await generate({ input: join(dir, "spec.json"), output: join(dir, "out"), int64: "bigint" }),
  );
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      received = body;
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"id": 9007199254740993, "amount": 12.5, "children": [{"id": 18446744073709551615, "amount": 1}]}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("int64: bigint", () => {
  it("reads and writes 64-bit integers exactly", async () => {
    const client = (await import(pathToFileURL(join(dir, "out", "index.ts")).href)) as {
      createClient(options: { baseUrl: string }): unknown;
      createEntry(client: unknown, params: { body: { id: bigint; amount: number } }): Promise<unknown>;
    };
    const port = (server.address() as AddressInfo).port;
    const api = client.createClient({ baseUrl: `http://127.0.0.1:${port}` });
    const result = await client.createEntry(api, { body: { id: 9223372036854775807n, amount: 1 } });
    expect(received).toBe('{"id":9223372036854775807,"amount":1}');
    expect(result).toEqual({
      id: 9007199254740993n,
      amount: 12.5,
      children: [{ id: 18446744073709551615n, amount: 1 }],
    });
  });

  it("the generated client types int64 as bigint and type-checks", async () => {
    writeJson(join(dir, "tsconfig.json"), {
      compilerOptions: { ...STRICT_OPTIONS, module: "NodeNext", moduleResolution: "NodeNext" },
      files: ["out/index.ts", "use.ts"],
    });
    const { writeText } = await import("../compile/support.js");
    writeText(
      join(dir, "use.ts"),
      [
        'import { createClient, createEntry, type Entry } from "./out/index.js";',
        "export async function use(): Promise<bigint> {",
        "  const entry: Entry = await createEntry(createClient(), { body: { id: 1n, amount: 2 } });",
        "  return entry.id;",
        "}",
        "",
      ].join("\n"),
    );
    const result = await runTsc(["-p", join(dir, "tsconfig.json")]);
    expect(result.output).toBe("");
  });
});
