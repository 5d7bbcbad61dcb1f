/**
 * The config's `idempotencyHeader` end to end: a client generated with it sends a key with every
 * POST, the same on each retry, so a 500 (which may have been processed) is retried; without it
 * the POST is sent once.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, writeOutput } from "../../src/index.js";
import { type LocalServer, startServer } from "./support/local-server.js";

const TMP = join(new URL("../..", import.meta.url).pathname, "test", ".tmp", "idempotency-config");
const SPEC = join(TMP, "spec.json");

let server: LocalServer;

interface Generated {
  createClient(options: { baseUrl: string }): unknown;
  createCharge(client: unknown, params: { body: { amount: number } }): Promise<{ id: string }>;
}

async function generated(name: string, idempotencyHeader?: string): Promise<Generated> {
  const output = join(TMP, name);
  await writeOutput(
    output,
    await generate({ input: SPEC, output, ...(idempotencyHeader ? { idempotencyHeader } : {}) }),
  );
  return (await import(join(output, "index.ts"))) as Generated;
}

beforeAll(async () => {
  server = await startServer();
  rmSync(TMP, { recursive: true, force: true });
  const spec = {
    openapi: "3.0.3",
    info: { title: "Payments", version: "1" },
    paths: {
      "/charges": {
        post: {
          operationId: "createCharge",
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: { type: "object", properties: { amount: { type: "integer" } }, required: ["amount"] },
              },
            },
          },
          responses: {
            "200": {
              description: "ok",
              content: {
                "application/json": {
                  schema: { type: "object", properties: { id: { type: "string" } }, required: ["id"] },
                },
              },
            },
          },
        },
      },
    },
  };
  const { mkdirSync, writeFileSync } = await import("node:fs");
  mkdirSync(TMP, { recursive: true });
  writeFileSync(SPEC, JSON.stringify(spec));
});

afterAll(async () => {
  await server.close();
  rmSync(TMP, { recursive: true, force: true });
});

const failFirst = (_req: unknown, res: import("node:http").ServerResponse, n: number) => {
  if (n === 0) res.writeHead(500, { "retry-after-ms": "0" }).end("oops");
  else res.writeHead(200, { "content-type": "application/json" }).end('{"id":"ch_1"}');
};

describe("config idempotencyHeader", () => {
  it("generates a client that sends one key per call and retries a POST after a 500", async () => {
    const api = await generated("with", "Idempotency-Key");
    server.reset(failFirst);
    const charge = await api.createCharge(api.createClient({ baseUrl: server.url }), { body: { amount: 5 } });
    expect(charge.id).toBe("ch_1");
    const keys = server.received.map((r) => r.headers["idempotency-key"]);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBeTypeOf("string");
    expect(keys[1]).toBe(keys[0]);
  });

  it("without it, the POST is sent once and the 500 thrown", async () => {
    const api = await generated("without");
    server.reset(failFirst);
    await expect(api.createCharge(api.createClient({ baseUrl: server.url }), { body: { amount: 5 } })).rejects.toThrow(
      /500/,
    );
    expect(server.received).toHaveLength(1);
  });
});
