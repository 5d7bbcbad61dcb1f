/**
 * The generated `...AndPoll` helpers of the OpenAI client (spec/openai.overlay.yaml's
 * `x-codegen-poll`) against a local server that plays a run's statuses in order: pending statuses
 * are polled through, `requires_action` and every terminal status return, the server's
 * `openai-poll-after-ms` hint and the default interval choose the waits (seen through an injected
 * clock, never measured), a time-out names the last status, an abort is an AbortError, and an API
 * error while polling is thrown typed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PollClock, RunObject } from "../../generated/openai/index.js";
import { openai } from "./support/fresh-openai.js";
import { type LocalServer, startServer } from "./support/local-server.js";

// Run against a fresh generation (support/fresh-openai.ts), typed through the committed copy.
const {
  AbortError,
  createClient,
  createRunAndPoll,
  createThreadAndRunAndPoll,
  DEFAULT_POLL_INTERVAL_MS,
  NotFoundError,
  PollTimeoutError,
  submitToolOuputsToRunAndPoll,
} = openai;

let server: LocalServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server.close();
});

const client = () => createClient({ baseUrl: server.url, apiKey: "sk-test" });

/** The fields of a run these tests read (the server sends no more). */
function run(status: RunObject["status"], threadId = "thread_1", runId = "run_1"): Partial<RunObject> {
  return {
    id: runId,
    object: "thread.run",
    created_at: 1,
    thread_id: threadId,
    assistant_id: "asst_1",
    status,
    required_action: null,
    last_error: null,
    expires_at: 2,
    started_at: null,
    cancelled_at: null,
    failed_at: null,
    completed_at: null,
    model: "gpt-4",
    instructions: "",
    tools: [],
    file_ids: [],
    metadata: null,
    usage: null,
  };
}

/**
 * Serves the starting request with the first status, then each check with the next; the last one
 * repeats. `hints[i]` (when given) is the `openai-poll-after-ms` header of answer i.
 */
function play(
  statuses: RunObject["status"][],
  options: { hints?: (string | undefined)[]; ids?: [string, string] } = {},
) {
  server.reset((_req, res, n) => {
    const status = statuses[Math.min(n, statuses.length - 1)] as RunObject["status"];
    const hint = options.hints?.[n];
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (hint !== undefined) headers["openai-poll-after-ms"] = hint;
    res.writeHead(200, headers).end(JSON.stringify(run(status, ...(options.ids ?? []))));
  });
}

/** A clock whose time only moves when the poll sleeps; it records each wait. */
function fakeClock(): PollClock & { waits: number[] } {
  let time = 0;
  const waits: number[] = [];
  return {
    waits,
    now: () => time,
    sleep: async (ms) => {
      waits.push(ms);
      time += ms;
    },
  };
}

const params = { path: { thread_id: "thread_1" }, body: { assistant_id: "asst_1" } };

describe("createRunAndPoll: run statuses in sequence", () => {
  it("polls through queued and in_progress and returns at requires_action", async () => {
    play(["queued", "queued", "in_progress", "requires_action"]);
    const clock = fakeClock();
    const result = await createRunAndPoll(client(), params, { clock });
    expect(result.status).toBe("requires_action");
    expect(server.received.map((r) => `${r.method} ${r.url}`)).toEqual([
      "POST /threads/thread_1/runs",
      "GET /threads/thread_1/runs/run_1",
      "GET /threads/thread_1/runs/run_1",
      "GET /threads/thread_1/runs/run_1",
    ]);
    expect(JSON.parse(server.received[0]?.body.toString() ?? "")).toEqual({ assistant_id: "asst_1" });
    expect(clock.waits).toHaveLength(2);
  });

  it("returns at completed", async () => {
    play(["queued", "in_progress", "in_progress", "completed"]);
    const result = await createRunAndPoll(client(), params, { clock: fakeClock() });
    expect(result.status).toBe("completed");
    expect(server.received).toHaveLength(4);
  });

  it("polls through cancelling and returns at cancelled", async () => {
    play(["in_progress", "cancelling", "cancelled"]);
    const result = await createRunAndPoll(client(), params, { clock: fakeClock() });
    expect(result.status).toBe("cancelled");
    expect(server.received).toHaveLength(3);
  });

  it.each(["failed", "expired", "completed"] as const)(
    "a run that is already %s is checked once and returned",
    async (status) => {
      play([status]);
      const clock = fakeClock();
      expect((await createRunAndPoll(client(), params, { clock })).status).toBe(status);
      expect(server.received).toHaveLength(2);
      expect(clock.waits).toEqual([]);
    },
  );

  it("sends the request options with every request", async () => {
    play(["queued", "completed"]);
    await createRunAndPoll(client(), params, { clock: fakeClock(), requestOptions: { headers: { "x-trace": "t1" } } });
    expect(server.received.map((r) => r.headers["x-trace"])).toEqual(["t1", "t1"]);
  });
});

describe("waits between checks", () => {
  it("honours the server's openai-poll-after-ms hint of each check", async () => {
    play(["queued", "queued", "in_progress", "completed"], { hints: [undefined, "250", "40", undefined] });
    const clock = fakeClock();
    await createRunAndPoll(client(), params, { clock });
    expect(clock.waits).toEqual([250, 40]);
  });

  it("waits the default interval when the server gives no (usable) hint", async () => {
    play(["queued", "queued", "queued", "completed"], { hints: [undefined, undefined, "soon", undefined] });
    const clock = fakeClock();
    await createRunAndPoll(client(), params, { clock });
    expect(clock.waits).toEqual([DEFAULT_POLL_INTERVAL_MS, DEFAULT_POLL_INTERVAL_MS]);
  });

  it("an explicit intervalMs wins over the hint", async () => {
    play(["queued", "queued", "completed"], { hints: [undefined, "250", undefined] });
    const clock = fakeClock();
    await createRunAndPoll(client(), params, { clock, intervalMs: 5 });
    expect(clock.waits).toEqual([5]);
  });
});

describe("time-out, abort and errors", () => {
  it("gives up with a PollTimeoutError naming the last status once the next check would be too late", async () => {
    play(["queued", "queued", "in_progress"]);
    const clock = fakeClock();
    const error = await createRunAndPoll(client(), params, { clock, intervalMs: 100, timeoutMs: 250 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PollTimeoutError);
    const timeout = error as InstanceType<typeof PollTimeoutError>;
    expect([timeout.lastStatus, timeout.timeoutMs, (timeout.last as RunObject).id]).toEqual([
      "in_progress",
      250,
      "run_1",
    ]);
    expect(timeout.message).toMatch(/250 ms.*"in_progress"/);
    // Checks at 0, 100 and 200 ms; the next (300) would come after 250.
    expect(clock.waits).toEqual([100, 100]);
    expect(server.received).toHaveLength(4);
  });

  it("an abort during a wait is an AbortError, and nothing more is sent", async () => {
    play(["queued", "in_progress"]);
    const controller = new AbortController();
    const clock: PollClock = {
      now: () => 0,
      sleep: (_ms, signal) => {
        controller.abort(new Error("user gave up"));
        return Promise.reject(signal?.reason);
      },
    };
    const error = await createRunAndPoll(client(), params, { clock, signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AbortError);
    expect((error as InstanceType<typeof AbortError>).cause).toEqual(new Error("user gave up"));
    expect((error as InstanceType<typeof AbortError>).url).toBe(`${server.url}/threads/thread_1/runs/run_1`);
    expect(server.received).toHaveLength(2);
  });

  it("an abort during a wait on the real clock ends the wait at once", async () => {
    const controller = new AbortController();
    server.reset((_req, res, n) => {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(run("in_progress")));
      // After the first check is answered, abort: the poll is waiting an hour (or still reading).
      if (n === 1) res.on("finish", () => setImmediate(() => controller.abort()));
    });
    const error = await createRunAndPoll(client(), params, { intervalMs: 3_600_000, signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AbortError);
    expect(server.received).toHaveLength(2);
  });

  it("an aborted signal stops before the first request", async () => {
    play(["queued"]);
    const error = await createRunAndPoll(client(), params, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(server.received).toHaveLength(0);
  });

  it("an API error while polling is thrown typed (404 NotFoundError)", async () => {
    server.reset((_req, res, n) => {
      if (n < 2) {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(run("queued")));
        return;
      }
      res
        .writeHead(404, { "content-type": "application/json", "x-request-id": "req_9" })
        .end(JSON.stringify({ error: { message: "No run found with id 'run_1'.", type: "invalid_request_error" } }));
    });
    const error = await createRunAndPoll(client(), params, { clock: fakeClock() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    const notFound = error as InstanceType<typeof NotFoundError>;
    expect([notFound.status, notFound.requestId, notFound.method]).toEqual([404, "req_9", "GET"]);
    expect(server.received).toHaveLength(3);
  });
});

describe("the other Assistants helpers", () => {
  it("createThreadAndRunAndPoll polls the thread and run its response names", async () => {
    play(["queued", "in_progress", "completed"], { ids: ["thread_9", "run_9"] });
    const result = await createThreadAndRunAndPoll(
      client(),
      { body: { assistant_id: "asst_1", thread: { messages: [{ role: "user", content: "hi" }] } } },
      { clock: fakeClock() },
    );
    expect([result.status, result.thread_id, result.id]).toEqual(["completed", "thread_9", "run_9"]);
    expect(server.received.map((r) => `${r.method} ${r.url}`)).toEqual([
      "POST /threads/runs",
      "GET /threads/thread_9/runs/run_9",
      "GET /threads/thread_9/runs/run_9",
    ]);
  });

  it("submitToolOuputsToRunAndPoll polls the run it submitted to", async () => {
    play(["queued", "in_progress", "requires_action"], { ids: ["thread_5", "run_5"] });
    const result = await submitToolOuputsToRunAndPoll(
      client(),
      {
        path: { thread_id: "thread_5", run_id: "run_5" },
        body: { tool_outputs: [{ tool_call_id: "call_1", output: "42" }] },
      },
      { clock: fakeClock() },
    );
    expect(result.status).toBe("requires_action");
    expect(server.received.map((r) => `${r.method} ${r.url}`)).toEqual([
      "POST /threads/thread_5/runs/run_5/submit_tool_outputs",
      "GET /threads/thread_5/runs/run_5",
      "GET /threads/thread_5/runs/run_5",
    ]);
  });
});
