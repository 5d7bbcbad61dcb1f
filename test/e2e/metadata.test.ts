/**
 * Response metadata through the generated OpenAI client against a local server: `await fn(...)`
 * is the typed body, `fn(...).withResponse()` gives `{ data, response, requestId }` with `data`
 * typed the same; errors carry the request id too.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AssistantObject, WithResponse } from "../../generated/openai/index.js";
import { openai } from "./support/fresh-openai.js";
import { type LocalServer, startServer } from "./support/local-server.js";

// Run against a fresh generation (support/fresh-openai.ts), typed through the committed copy.
const { ApiPromise, createAssistant, createClient, NotFoundError, getAssistant } = openai;
type NotFoundError = InstanceType<typeof NotFoundError>;

let server: LocalServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server.close();
});

const assistant: AssistantObject = {
  id: "asst_1",
  object: "assistant",
  created_at: 1,
  name: "Tutor",
  description: null,
  model: "gpt-4",
  instructions: null,
  tools: [],
  file_ids: [],
  metadata: null,
};

beforeEach(() => {
  server.reset((_req, res) => {
    res
      .writeHead(200, { "content-type": "application/json", "x-request-id": "req_42", "openai-processing-ms": "17" })
      .end(JSON.stringify(assistant));
  });
});

const client = () => createClient({ baseUrl: server.url, apiKey: "sk-test" });

describe("response metadata", () => {
  it("awaiting the call gives the typed body", async () => {
    const result = await createAssistant(client(), { body: { model: "gpt-4" } });
    const id: string = result.id;
    expect(id).toBe("asst_1");
  });

  it("withResponse() gives the typed body, the Response and the request id, sending once", async () => {
    const call = createAssistant(client(), { body: { model: "gpt-4" } });
    expect(call).toBeInstanceOf(ApiPromise);
    const { data, response, requestId }: WithResponse<AssistantObject> = await call.withResponse();
    expect([data.id, response.status, response.headers.get("openai-processing-ms"), requestId]).toEqual([
      "asst_1",
      200,
      "17",
      "req_42",
    ]);
    expect(await call).toEqual(data);
    expect(server.received).toHaveLength(1);
  });

  it("reads request-id or the client's requestIdHeader when there is no x-request-id", async () => {
    server.reset((_req, res) =>
      res
        .writeHead(200, { "content-type": "application/json", "request-id": "req_stripe", "cf-ray": "ray_1" })
        .end("{}"),
    );
    expect((await getAssistant(client(), { path: { assistant_id: "a" } }).withResponse()).requestId).toBe("req_stripe");
    const custom = createClient({ baseUrl: server.url, requestIdHeader: "cf-ray" });
    expect((await getAssistant(custom, { path: { assistant_id: "a" } }).withResponse()).requestId).toBe("ray_1");
  });

  it("the promise works with then, catch and finally, and rejects once with the typed error", async () => {
    server.reset((_req, res) =>
      res
        .writeHead(404, { "content-type": "application/json", "x-request-id": "req_404" })
        .end('{"error":{"message":"gone"}}'),
    );
    let finished = false;
    const caught = await getAssistant(client(), { path: { assistant_id: "a" } })
      .finally(() => {
        finished = true;
      })
      .catch((e: unknown) => e);
    expect(finished).toBe(true);
    expect(caught).toBeInstanceOf(NotFoundError);
    expect((caught as NotFoundError).requestId).toBe("req_404");
    const viaResponse = await getAssistant(client(), { path: { assistant_id: "a" } })
      .withResponse()
      .catch((e: unknown) => e);
    expect(viaResponse).toBeInstanceOf(NotFoundError);
  });
});
