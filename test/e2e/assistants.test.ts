/**
 * End-to-end test of the generated OpenAI client's Assistants API (v1) against a Prism mock of
 * spec/openai.yaml, through a recording proxy:
 *
 *   generated client ──► recording proxy (127.0.0.1) ──► prism mock --errors (127.0.0.1)
 *
 * With `--errors`, Prism answers invalid requests with 4xx (401, 415, 422), which the client throws
 * as ApiError: a call that resolves was accepted. Prism 5 does not validate every request body of
 * this spec (e.g. it accepts a createAssistant body without `model`), so the proxy also records
 * each request and the test checks method, path, query, headers and the exact JSON body itself.
 *
 * Prism's static responses are built from the schemas' examples (ids are "string"), so the flow
 * uses fixed, realistic ids rather than chaining ids from responses.
 */
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import type {
  AssistantFileObject,
  AssistantObject,
  ApiError as CommittedApiError,
  CreateAssistantRequest,
  CreateMessageRequest,
  CreateRunRequest,
  CreateThreadAndRunRequest,
  CreateThreadRequest,
  DeleteAssistantFileResponse,
  DeleteAssistantResponse,
  DeleteThreadResponse,
  ListAssistantFilesResponse,
  ListAssistantsResponse,
  ListMessageFilesResponse,
  ListMessagesResponse,
  ListRunStepsResponse,
  ListRunsResponse,
  MessageFileObject,
  MessageObject,
  ModifyAssistantRequest,
  ModifyMessageRequest,
  ModifyRunRequest,
  ModifyThreadRequest,
  OpenAIClient,
  RunObject,
  RunStepObject,
  SubmitToolOutputsRunRequest,
  ThreadObject,
} from "../../generated/openai/index.js";
import { openai } from "./support/fresh-openai.js";
import { type PrismServer, startPrism } from "./support/prism.js";
import { type RecordedRequest, type RecordingProxy, startRecordingProxy } from "./support/recording-proxy.js";

// Run against a fresh generation (support/fresh-openai.ts), typed through the committed copy.
const {
  ApiError,
  cancelRun,
  createAssistant,
  createAssistantFile,
  createClient,
  createMessage,
  createRun,
  createThread,
  createThreadAndRun,
  deleteAssistant,
  deleteAssistantFile,
  deleteThread,
  getAssistant,
  getAssistantFile,
  getMessage,
  getMessageFile,
  getRun,
  getRunStep,
  getThread,
  listAssistantFiles,
  listAssistants,
  listMessageFiles,
  listMessages,
  listRunSteps,
  listRuns,
  modifyAssistant,
  modifyMessage,
  modifyRun,
  modifyThread,
  submitToolOuputsToRun,
} = openai;
type ApiError<TBody = unknown> = CommittedApiError<TBody>;

const ROOT = resolve(import.meta.dirname, "../..");
const API_KEY = "sk-test";
const BETA = "assistants=v1";

const ASSISTANT_ID = "asst_abc123";
const THREAD_ID = "thread_abc123";
const MESSAGE_ID = "msg_abc123";
const RUN_ID = "run_abc123";
const STEP_ID = "step_abc123";
const FILE_ID = "file-abc123";
/** An id with characters that must be percent-encoded in a path segment. */
const ODD_ID = "asst_abc/123 ü?#";
const ODD_ID_ENCODED = "asst_abc%2F123%20%C3%BC%3F%23";

let prism: PrismServer;
let proxy: RecordingProxy;
let client: OpenAIClient;

beforeAll(async () => {
  prism = await startPrism({ spec: "spec/openai.yaml", cwd: ROOT, readyTimeoutMs: 60_000 });
  proxy = await startRecordingProxy(prism.url);
  client = createClient({ baseUrl: proxy.url, apiKey: API_KEY, headers: { "OpenAI-Beta": BETA }, timeoutMs: 10_000 });
}, 90_000);

afterAll(async () => {
  await proxy?.close();
  await prism?.stop();
}, 20_000);

/** Runs one call through the proxy; returns its result and the single request it sent. */
async function send<T>(call: () => Promise<T>): Promise<{ result: T; request: RecordedRequest }> {
  proxy.clear();
  let result: T;
  try {
    result = await call();
  } catch (error) {
    const seen = proxy.requests.map((r) => `${r.method} ${r.url} ${r.rawBody}\n  -> ${r.status} ${r.responseBody}`);
    throw new Error(`call rejected: ${String(error)}\nrequests:\n${seen.join("\n")}`, { cause: error });
  }
  expect(proxy.requests).toHaveLength(1);
  return { result, request: proxy.last() };
}

/** What a request must look like on the wire. */
interface Expected {
  method: "GET" | "POST" | "DELETE";
  path: string;
  query?: string;
  /** The JSON body; absent means no body at all. */
  json?: unknown;
}

function expectRequest(request: RecordedRequest, expected: Expected): void {
  expect(request.method).toBe(expected.method);
  expect(request.path).toBe(expected.path);
  expect(request.query).toBe(expected.query ?? "");
  expect(request.headers["authorization"]).toBe(`Bearer ${API_KEY}`);
  expect(request.headers["openai-beta"]).toBe(BETA);
  expect(request.headers["accept"]).toBe("application/json");
  expect(request.status).toBe(200);
  if (expected.json === undefined) {
    expect(request.body).toEqual({ kind: "none" });
    expect(request.headers["content-type"]).toBeUndefined();
  } else {
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.body).toEqual({ kind: "json", value: expected.json });
    expect(request.rawBody).toBe(JSON.stringify(expected.json));
  }
}

/** Awaits a call that must fail; returns the ApiError. */
async function apiErrorOf(call: Promise<unknown>): Promise<ApiError> {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  if (!(error instanceof ApiError)) throw new Error("expected an ApiError");
  return error;
}

/** The `validation` entries of a Prism error body. */
function prismViolations(body: unknown): { location: string[]; message: string }[] {
  expect(body).toMatchObject({ validation: expect.any(Array) });
  return (body as { validation: { location: string[]; message: string }[] }).validation;
}

function expectList(list: {
  object: string;
  data: unknown[];
  first_id: string;
  last_id: string;
  has_more: boolean;
}): void {
  expect(list.object).toBe("list");
  expect(Array.isArray(list.data)).toBe(true);
  expect(list.data.length).toBeGreaterThan(0);
  expect(typeof list.first_id).toBe("string");
  expect(typeof list.last_id).toBe("string");
  expect(typeof list.has_more).toBe("boolean");
}

const metadata = { team: "e2e", purpose: "codegen" };

const weatherTool = {
  type: "function",
  function: {
    name: "get_current_weather",
    description: "Get the current weather in a given location",
    parameters: {
      type: "object",
      properties: {
        location: { type: "string", description: "The city and state, e.g. San Francisco, CA" },
        unit: { type: "string", enum: ["celsius", "fahrenheit"] },
      },
      required: ["location"],
    },
  },
} as const satisfies NonNullable<CreateAssistantRequest["tools"]>[number];

const userMessage = {
  role: "user",
  content: "I need to solve the equation `3x + 11 = 14`. Can you help me?",
  file_ids: [FILE_ID],
  metadata: { source: "e2e" },
} satisfies CreateMessageRequest;

describe.sequential("Assistants API through the generated client and Prism", () => {
  // ------------------------------------------------------------------------------------------
  // Assistants

  it("createAssistant", async () => {
    const body = {
      model: "gpt-4-turbo",
      name: "Math Tutor",
      description: "Helps with maths homework",
      instructions: "You are a personal math tutor. Write and run code to answer math questions.",
      tools: [{ type: "code_interpreter" }, { type: "retrieval" }, weatherTool],
      file_ids: [FILE_ID],
      metadata,
      temperature: 0.2,
      top_p: 1,
      response_format: "auto",
    } satisfies CreateAssistantRequest;
    const { result, request } = await send(() => createAssistant(client, { body }));
    expectTypeOf(result).toEqualTypeOf<AssistantObject>();
    expect(result.object).toBe("assistant");
    expect(typeof result.id).toBe("string");
    expect(typeof result.created_at).toBe("number");
    expect(Array.isArray(result.tools)).toBe(true);
    expectRequest(request, { method: "POST", path: "/assistants", json: body });
  });

  it("listAssistants", async () => {
    const { result, request } = await send(() => listAssistants(client, { query: { limit: 2, order: "asc" } }));
    expectTypeOf(result).toEqualTypeOf<ListAssistantsResponse>();
    expectList(result);
    expect(result.data[0]?.object).toBe("assistant");
    expectRequest(request, { method: "GET", path: "/assistants", query: "limit=2&order=asc" });
  });

  it("listAssistants without parameters sends no query string", async () => {
    const { result, request } = await send(() => listAssistants(client));
    expectList(result);
    expectRequest(request, { method: "GET", path: "/assistants" });
  });

  it("getAssistant (path parameter is percent-encoded)", async () => {
    const { result, request } = await send(() => getAssistant(client, { path: { assistant_id: ODD_ID } }));
    expectTypeOf(result).toEqualTypeOf<AssistantObject>();
    expect(result.object).toBe("assistant");
    expect(typeof result.id).toBe("string");
    expect(typeof result.model).toBe("string");
    expectRequest(request, { method: "GET", path: `/assistants/${ODD_ID_ENCODED}` });
  });

  it("modifyAssistant", async () => {
    const body = {
      instructions: "You are an HR bot. Use the provided files to answer questions about company policies.",
      name: "HR Helper",
      tools: [{ type: "retrieval" }],
      file_ids: [FILE_ID, "file-def456"],
      metadata: { ...metadata, version: "2" },
      response_format: { type: "json_object" },
    } satisfies ModifyAssistantRequest;
    const { result, request } = await send(() =>
      modifyAssistant(client, { path: { assistant_id: ASSISTANT_ID }, body }),
    );
    expectTypeOf(result).toEqualTypeOf<AssistantObject>();
    expect(result.object).toBe("assistant");
    expect(typeof result.id).toBe("string");
    expectRequest(request, { method: "POST", path: `/assistants/${ASSISTANT_ID}`, json: body });
  });

  // ------------------------------------------------------------------------------------------
  // Assistant files

  it("createAssistantFile", async () => {
    const body = { file_id: FILE_ID };
    const { result, request } = await send(() =>
      createAssistantFile(client, { path: { assistant_id: ASSISTANT_ID }, body }),
    );
    expectTypeOf(result).toEqualTypeOf<AssistantFileObject>();
    expect(result.object).toBe("assistant.file");
    expect(typeof result.id).toBe("string");
    expect(typeof result.assistant_id).toBe("string");
    expectRequest(request, { method: "POST", path: `/assistants/${ASSISTANT_ID}/files`, json: body });
  });

  it("listAssistantFiles", async () => {
    // The spec's ListAssistantFilesResponse requires a property `items` it does not define, so
    // Prism's static example fails its own response validation (500, see the spec-defect test
    // below). `Prefer: dynamic=true` makes Prism generate a response that includes `items`.
    const { result, request } = await send(() =>
      listAssistantFiles(
        client,
        { path: { assistant_id: ASSISTANT_ID }, query: { limit: 2, order: "asc", after: "file-abc000" } },
        { headers: { Prefer: "dynamic=true" } },
      ),
    );
    expectTypeOf(result).toEqualTypeOf<ListAssistantFilesResponse>();
    expect(typeof result.object).toBe("string"); // dynamic: random text, not "list"
    expect(Array.isArray(result.data)).toBe(true);
    for (const file of result.data) {
      expect(file.object).toBe("assistant.file");
      expect(typeof file.id).toBe("string");
    }
    expect(typeof result.has_more).toBe("boolean");
    expectRequest(request, {
      method: "GET",
      path: `/assistants/${ASSISTANT_ID}/files`,
      query: "limit=2&order=asc&after=file-abc000",
    });
    expect(request.headers["prefer"]).toBe("dynamic=true");
  });

  it("getAssistantFile", async () => {
    const { result, request } = await send(() =>
      getAssistantFile(client, { path: { assistant_id: ASSISTANT_ID, file_id: FILE_ID } }),
    );
    expectTypeOf(result).toEqualTypeOf<AssistantFileObject>();
    expect(result.object).toBe("assistant.file");
    expect(typeof result.id).toBe("string");
    expectRequest(request, { method: "GET", path: `/assistants/${ASSISTANT_ID}/files/${FILE_ID}` });
  });

  it("deleteAssistantFile", async () => {
    const { result, request } = await send(() =>
      deleteAssistantFile(client, { path: { assistant_id: ASSISTANT_ID, file_id: FILE_ID } }),
    );
    expectTypeOf(result).toEqualTypeOf<DeleteAssistantFileResponse>();
    expect(result.object).toBe("assistant.file.deleted");
    expect(result.deleted).toBe(true);
    expect(typeof result.id).toBe("string");
    expectRequest(request, { method: "DELETE", path: `/assistants/${ASSISTANT_ID}/files/${FILE_ID}` });
  });

  // ------------------------------------------------------------------------------------------
  // Threads

  it("createThread", async () => {
    const body = {
      messages: [userMessage, { role: "user", content: "Hello, what is AI?" }],
      metadata,
    } satisfies CreateThreadRequest;
    const { result, request } = await send(() => createThread(client, { body }));
    expectTypeOf(result).toEqualTypeOf<ThreadObject>();
    expect(result.object).toBe("thread");
    expect(typeof result.id).toBe("string");
    expect(typeof result.created_at).toBe("number");
    expectRequest(request, { method: "POST", path: "/threads", json: body });
  });

  it("createThread without a body sends none", async () => {
    const { result, request } = await send(() => createThread(client));
    expect(result.object).toBe("thread");
    expectRequest(request, { method: "POST", path: "/threads" });
  });

  it("getThread", async () => {
    const { result, request } = await send(() => getThread(client, { path: { thread_id: THREAD_ID } }));
    expectTypeOf(result).toEqualTypeOf<ThreadObject>();
    expect(result.object).toBe("thread");
    expect(typeof result.id).toBe("string");
    expectRequest(request, { method: "GET", path: `/threads/${THREAD_ID}` });
  });

  it("modifyThread", async () => {
    const body = { metadata: { modified: "true", user: "abc123" } } satisfies ModifyThreadRequest;
    const { result, request } = await send(() => modifyThread(client, { path: { thread_id: THREAD_ID }, body }));
    expectTypeOf(result).toEqualTypeOf<ThreadObject>();
    expect(result.object).toBe("thread");
    expectRequest(request, { method: "POST", path: `/threads/${THREAD_ID}`, json: body });
  });

  // ------------------------------------------------------------------------------------------
  // Messages

  it("createMessage", async () => {
    const body = userMessage;
    const { result, request } = await send(() => createMessage(client, { path: { thread_id: THREAD_ID }, body }));
    expectTypeOf(result).toEqualTypeOf<MessageObject>();
    expect(result.object).toBe("thread.message");
    expect(typeof result.id).toBe("string");
    expect(["user", "assistant"]).toContain(result.role);
    expect(Array.isArray(result.content)).toBe(true);
    expectRequest(request, { method: "POST", path: `/threads/${THREAD_ID}/messages`, json: body });
  });

  it("listMessages", async () => {
    const { result, request } = await send(() =>
      listMessages(client, {
        path: { thread_id: THREAD_ID },
        query: { limit: 10, order: "desc", after: "msg_abc000", run_id: RUN_ID },
      }),
    );
    expectTypeOf(result).toEqualTypeOf<ListMessagesResponse>();
    expectList(result);
    expect(result.data[0]?.object).toBe("thread.message");
    expectRequest(request, {
      method: "GET",
      path: `/threads/${THREAD_ID}/messages`,
      query: `limit=10&order=desc&after=msg_abc000&run_id=${RUN_ID}`,
    });
  });

  it("getMessage", async () => {
    const { result, request } = await send(() =>
      getMessage(client, { path: { thread_id: THREAD_ID, message_id: MESSAGE_ID } }),
    );
    expectTypeOf(result).toEqualTypeOf<MessageObject>();
    expect(result.object).toBe("thread.message");
    expect(typeof result.thread_id).toBe("string");
    expectRequest(request, { method: "GET", path: `/threads/${THREAD_ID}/messages/${MESSAGE_ID}` });
  });

  it("modifyMessage", async () => {
    const body = { metadata: { modified: "true", user: "abc123" } } satisfies ModifyMessageRequest;
    const { result, request } = await send(() =>
      modifyMessage(client, { path: { thread_id: THREAD_ID, message_id: MESSAGE_ID }, body }),
    );
    expectTypeOf(result).toEqualTypeOf<MessageObject>();
    expect(result.object).toBe("thread.message");
    expectRequest(request, { method: "POST", path: `/threads/${THREAD_ID}/messages/${MESSAGE_ID}`, json: body });
  });

  it("listMessageFiles", async () => {
    // Same spec defect as ListAssistantFilesResponse (required `items`): ask for a dynamic response.
    const { result, request } = await send(() =>
      listMessageFiles(
        client,
        { path: { thread_id: THREAD_ID, message_id: MESSAGE_ID }, query: { limit: 3, before: "file-abc999" } },
        { headers: { Prefer: "dynamic=true" } },
      ),
    );
    expectTypeOf(result).toEqualTypeOf<ListMessageFilesResponse>();
    expect(typeof result.object).toBe("string");
    expect(Array.isArray(result.data)).toBe(true);
    for (const file of result.data) {
      expect(file.object).toBe("thread.message.file");
      expect(typeof file.message_id).toBe("string");
    }
    expectRequest(request, {
      method: "GET",
      path: `/threads/${THREAD_ID}/messages/${MESSAGE_ID}/files`,
      query: "limit=3&before=file-abc999",
    });
  });

  it("getMessageFile", async () => {
    const { result, request } = await send(() =>
      getMessageFile(client, { path: { thread_id: THREAD_ID, message_id: MESSAGE_ID, file_id: FILE_ID } }),
    );
    expectTypeOf(result).toEqualTypeOf<MessageFileObject>();
    expect(result.object).toBe("thread.message.file");
    expect(typeof result.id).toBe("string");
    expect(typeof result.message_id).toBe("string");
    expectRequest(request, { method: "GET", path: `/threads/${THREAD_ID}/messages/${MESSAGE_ID}/files/${FILE_ID}` });
  });

  // ------------------------------------------------------------------------------------------
  // Runs

  it("createRun", async () => {
    const body = {
      assistant_id: ASSISTANT_ID,
      model: "gpt-4-turbo",
      instructions: "Please address the user as Jane Doe. The user has a premium account.",
      additional_instructions: "Keep it short.",
      additional_messages: [{ role: "assistant", content: "Sure, let us solve it step by step." }],
      tools: [{ type: "code_interpreter" }, weatherTool],
      metadata,
      temperature: 0.5,
      top_p: 0.9,
      stream: false,
      max_prompt_tokens: 2_000,
      max_completion_tokens: 500,
      truncation_strategy: { type: "last_messages", last_messages: 5 },
      tool_choice: { type: "function", function: { name: "get_current_weather" } },
      response_format: { type: "text" },
    } satisfies CreateRunRequest;
    const { result, request } = await send(() => createRun(client, { path: { thread_id: THREAD_ID }, body }));
    expectTypeOf(result).toEqualTypeOf<RunObject>();
    expect(result.object).toBe("thread.run");
    expect(typeof result.id).toBe("string");
    expect(typeof result.status).toBe("string");
    expectRequest(request, { method: "POST", path: `/threads/${THREAD_ID}/runs`, json: body });
  });

  it("createThreadAndRun", async () => {
    const body = {
      assistant_id: ASSISTANT_ID,
      thread: { messages: [{ role: "user", content: "Explain deep learning to a 5 year old." }], metadata },
      instructions: "Answer in two sentences.",
      tools: [{ type: "retrieval" }],
      metadata,
      max_completion_tokens: 300,
      truncation_strategy: { type: "auto" },
      tool_choice: "auto",
      response_format: "none",
    } satisfies CreateThreadAndRunRequest;
    const { result, request } = await send(() => createThreadAndRun(client, { body }));
    expectTypeOf(result).toEqualTypeOf<RunObject>();
    expect(result.object).toBe("thread.run");
    expect(typeof result.thread_id).toBe("string");
    expectRequest(request, { method: "POST", path: "/threads/runs", json: body });
  });

  it("listRuns", async () => {
    const { result, request } = await send(() =>
      listRuns(client, { path: { thread_id: THREAD_ID }, query: { limit: 5, order: "asc", before: "run_abc999" } }),
    );
    expectTypeOf(result).toEqualTypeOf<ListRunsResponse>();
    expectList(result);
    expect(result.data[0]?.object).toBe("thread.run");
    expectRequest(request, {
      method: "GET",
      path: `/threads/${THREAD_ID}/runs`,
      query: "limit=5&order=asc&before=run_abc999",
    });
  });

  it("getRun", async () => {
    const { result, request } = await send(() => getRun(client, { path: { thread_id: THREAD_ID, run_id: RUN_ID } }));
    expectTypeOf(result).toEqualTypeOf<RunObject>();
    expect(result.object).toBe("thread.run");
    expect(typeof result.assistant_id).toBe("string");
    expectRequest(request, { method: "GET", path: `/threads/${THREAD_ID}/runs/${RUN_ID}` });
  });

  it("modifyRun", async () => {
    const body = { metadata: { user_id: "user_abc123" } } satisfies ModifyRunRequest;
    const { result, request } = await send(() =>
      modifyRun(client, { path: { thread_id: THREAD_ID, run_id: RUN_ID }, body }),
    );
    expectTypeOf(result).toEqualTypeOf<RunObject>();
    expect(result.object).toBe("thread.run");
    expectRequest(request, { method: "POST", path: `/threads/${THREAD_ID}/runs/${RUN_ID}`, json: body });
  });

  it("submitToolOuputsToRun", async () => {
    const body = {
      tool_outputs: [
        { tool_call_id: "call_001", output: "70 degrees and sunny." },
        { tool_call_id: "call_002", output: JSON.stringify({ temperature: 21, unit: "celsius" }) },
      ],
      stream: false,
    } satisfies SubmitToolOutputsRunRequest;
    const { result, request } = await send(() =>
      submitToolOuputsToRun(client, { path: { thread_id: THREAD_ID, run_id: RUN_ID }, body }),
    );
    expectTypeOf(result).toEqualTypeOf<RunObject>();
    expect(result.object).toBe("thread.run");
    expectRequest(request, {
      method: "POST",
      path: `/threads/${THREAD_ID}/runs/${RUN_ID}/submit_tool_outputs`,
      json: body,
    });
  });

  it("cancelRun (POST without a body)", async () => {
    const { result, request } = await send(() => cancelRun(client, { path: { thread_id: THREAD_ID, run_id: RUN_ID } }));
    expectTypeOf(result).toEqualTypeOf<RunObject>();
    expect(result.object).toBe("thread.run");
    expectRequest(request, { method: "POST", path: `/threads/${THREAD_ID}/runs/${RUN_ID}/cancel` });
  });

  it("listRunSteps", async () => {
    const { result, request } = await send(() =>
      listRunSteps(client, { path: { thread_id: THREAD_ID, run_id: RUN_ID }, query: { limit: 1, order: "desc" } }),
    );
    expectTypeOf(result).toEqualTypeOf<ListRunStepsResponse>();
    expectList(result);
    expect(result.data[0]?.object).toBe("thread.run.step");
    expectRequest(request, {
      method: "GET",
      path: `/threads/${THREAD_ID}/runs/${RUN_ID}/steps`,
      query: "limit=1&order=desc",
    });
  });

  it("getRunStep", async () => {
    const { result, request } = await send(() =>
      getRunStep(client, { path: { thread_id: THREAD_ID, run_id: RUN_ID, step_id: STEP_ID } }),
    );
    expectTypeOf(result).toEqualTypeOf<RunStepObject>();
    expect(result.object).toBe("thread.run.step");
    expect(["message_creation", "tool_calls"]).toContain(result.type);
    expect(result.step_details.type).toBe(result.type);
    expectRequest(request, { method: "GET", path: `/threads/${THREAD_ID}/runs/${RUN_ID}/steps/${STEP_ID}` });
  });

  // ------------------------------------------------------------------------------------------
  // Deletes last

  it("deleteThread", async () => {
    const { result, request } = await send(() => deleteThread(client, { path: { thread_id: THREAD_ID } }));
    expectTypeOf(result).toEqualTypeOf<DeleteThreadResponse>();
    expect(result.object).toBe("thread.deleted");
    expect(result.deleted).toBe(true);
    expect(typeof result.id).toBe("string");
    expectRequest(request, { method: "DELETE", path: `/threads/${THREAD_ID}` });
  });

  it("deleteAssistant", async () => {
    const { result, request } = await send(() => deleteAssistant(client, { path: { assistant_id: ASSISTANT_ID } }));
    expectTypeOf(result).toEqualTypeOf<DeleteAssistantResponse>();
    expect(result.object).toBe("assistant.deleted");
    expect(result.deleted).toBe(true);
    expect(typeof result.id).toBe("string");
    expectRequest(request, { method: "DELETE", path: `/assistants/${ASSISTANT_ID}` });
  });

  // ------------------------------------------------------------------------------------------
  // Negative checks: the proxy + Prism do reject bad requests, so "resolved" means "accepted".

  it("Prism rejects a body missing a required field (raw fetch through the proxy)", async () => {
    proxy.clear();
    const response = await fetch(`${proxy.url}/threads/${THREAD_ID}/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${API_KEY}`, "openai-beta": BETA, "content-type": "application/json" },
      body: JSON.stringify({ content: "no role" }),
    });
    expect(response.status).toBe(422);
    const violations = prismViolations(await response.json());
    expect(violations.some((v) => v.location[0] === "body" && v.message.includes("role"))).toBe(true);
    expect(proxy.last()).toMatchObject({
      method: "POST",
      status: 422,
      body: { kind: "json", value: { content: "no role" } },
    });
  });

  it("Prism rejects a request without credentials (401 as ApiError)", async () => {
    const anonymous = createClient({ baseUrl: proxy.url, headers: { "OpenAI-Beta": BETA } });
    proxy.clear();
    const error = await apiErrorOf(getAssistant(anonymous, { path: { assistant_id: ASSISTANT_ID } }));
    expect(error.status).toBe(401);
    expect(proxy.last().headers["authorization"]).toBeUndefined();
  });

  it("the types reject an invalid body, and Prism rejects it at run time (422 as ApiError)", async () => {
    const error = await apiErrorOf(
      createMessage(client, {
        path: { thread_id: THREAD_ID },
        // @ts-expect-error `role` must be "user" | "assistant"
        body: { role: "system", content: "You are a pirate." },
      }),
    );
    expect(error.status).toBe(422);
    expect(error.method).toBe("POST");
    const violations = prismViolations(error.body);
    expect(violations.some((v) => v.location.join(".") === "body.role")).toBe(true);
  });

  it("the types reject an invalid query value, and Prism rejects it at run time (422 as ApiError)", async () => {
    // @ts-expect-error `order` must be "asc" | "desc"
    const error = await apiErrorOf(listAssistants(client, { query: { order: "sideways" } }));
    expect(error.status).toBe(422);
    expect(proxy.last().query).toBe("order=sideways");
  });

  it("spec defect: without Prefer: dynamic, Prism's own example for listAssistantFiles fails response validation", async () => {
    // ListAssistantFilesResponse (and ListMessageFilesResponse) list `items` under `required`
    // without defining it. The request is valid: every violation is in the response.
    proxy.clear();
    const error = await apiErrorOf(listAssistantFiles(client, { path: { assistant_id: ASSISTANT_ID } }));
    expect(error.status).toBe(500);
    const violations = prismViolations(error.body);
    expect(violations.length).toBeGreaterThan(0);
    expect(violations.every((v) => v.location[0] === "response")).toBe(true);
    expect(violations.map((v) => v.message)).toContain("Response body must have required property 'items'");
  });
});
