/** Streams switched on by a body flag: detection and the `x-codegen-stream` extension, spec in, IR out. */
import { describe, expect, it } from "vitest";
import type { Operation } from "../../src/ir/types.js";
import { SpecError } from "../../src/util/errors.js";
import { irOf, spec3 } from "../helpers.js";

const FILE = "/virtual/spec.json";
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const id = (name: string) => `${FILE}#/components/schemas/${name}`;

const schemas = {
  Run: { type: "object", properties: { id: { type: "string" } } },
  Problem: { type: "object", properties: { message: { type: "string" } } },
  Chunk: { type: "object", properties: { text: { type: "string" } } },
  RunRequest: {
    type: "object",
    required: ["model"],
    properties: { model: { type: "string" }, stream: { type: "boolean", nullable: true } },
  },
  RunEvents: {
    oneOf: [
      {
        type: "object",
        required: ["event", "data"],
        properties: { event: { type: "string", enum: ["run.created", "run.completed"] }, data: ref("Run") },
      },
      {
        type: "object",
        required: ["event", "data"],
        properties: { event: { type: "string", enum: ["text.delta"] }, data: ref("Chunk") },
      },
    ],
  },
  StreamEvent: {
    oneOf: [
      ref("RunEvents"),
      {
        type: "object",
        properties: { event: { type: "string", enum: ["error"] }, data: ref("Problem") },
      },
      {
        type: "object",
        properties: { event: { type: "string", enum: ["done"] }, data: { type: "string", enum: ["[DONE]"] } },
      },
    ],
  },
};

/** A POST /runs operation: a JSON body, a 200 JSON response, optionally an event stream (or JSON lines) and the extension. */
function operation(parts: {
  body?: object;
  sse?: object;
  lines?: object;
  json?: boolean;
  extension?: unknown;
}): Operation {
  const content: Record<string, object> = {};
  if (parts.json !== false) content["application/json"] = { schema: ref("Run") };
  if (parts.sse) content["text/event-stream"] = { schema: parts.sse };
  if (parts.lines) content["application/x-ndjson"] = { schema: parts.lines };
  const op: Record<string, unknown> = {
    operationId: "createRun",
    requestBody: { required: true, content: { "application/json": { schema: parts.body ?? ref("RunRequest") } } },
    responses: { "200": { description: "OK", content } },
  };
  if (parts.extension !== undefined) op["x-codegen-stream"] = parts.extension;
  const model = irOf(spec3({ schemas, paths: { "/runs": { post: op } } }), FILE);
  return model.operations[0] as Operation;
}

function specError(run: () => unknown): SpecError {
  try {
    run();
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
  throw new Error("expected a SpecError");
}

describe("detection (no extension)", () => {
  it("reads named frames: done and error events, and the final object from the events whose data is the JSON answer", () => {
    expect(operation({ sse: ref("StreamEvent") }).stream).toEqual({
      flag: { property: "stream", required: false, nullable: true },
      event: { kind: "ref", target: id("StreamEvent") },
      framing: "named",
      doneData: ["[DONE]"],
      doneEvents: ["done"],
      errorEvents: ["error"],
      final: { events: ["run.created", "run.completed"], type: { kind: "ref", target: id("Run") } },
    });
  });

  it("reads data frames when the events are not { event, data } objects (no final object); `event: error` frames and data with an `error` are errors", () => {
    expect(operation({ sse: ref("Chunk") }).stream).toEqual({
      flag: { property: "stream", required: false, nullable: true },
      event: { kind: "ref", target: id("Chunk") },
      framing: "data",
      doneData: ["[DONE]"],
      doneEvents: [],
      errorEvents: ["error"],
      errorProperty: "error",
    });
    // Events that declare an `error` of their own keep it as data.
    const withError = { type: "object", properties: { text: { type: "string" }, error: { type: "string" } } };
    expect(operation({ sse: { oneOf: [ref("Chunk"), withError] } }).stream).not.toHaveProperty("errorProperty");
  });

  it.each([
    ["no event stream", { sse: undefined }],
    ["no stream property", { sse: ref("Chunk"), body: { type: "object", properties: { model: { type: "string" } } } }],
    [
      "a stream property that is not boolean",
      { sse: ref("Chunk"), body: { type: "object", properties: { stream: { type: "string" } } } },
    ],
  ])("finds none with %s", (_name, parts) => {
    expect(operation(parts).stream).toBeUndefined();
  });

  it("an operation whose only answer is the event stream always streams: no flag, the same event facts", () => {
    expect(operation({ sse: ref("StreamEvent"), json: false }).stream).toEqual({
      event: { kind: "ref", target: id("StreamEvent") },
      framing: "named",
      doneData: ["[DONE]"],
      doneEvents: ["done"],
      errorEvents: ["error"],
    });
    expect(operation({ sse: ref("Chunk"), json: false, body: { type: "object" } }).stream).toEqual({
      event: { kind: "ref", target: id("Chunk") },
      framing: "data",
      doneData: ["[DONE]"],
      doneEvents: [],
      errorEvents: ["error"],
      errorProperty: "error",
    });
    // Events without a schema stay frames of text.
    expect(operation({ sse: { type: "string" }, json: false }).stream).toBeUndefined();
  });

  it("an always-streaming operation takes the extension without a flag; a flag there is an error", () => {
    const stream = operation({
      sse: ref("StreamEvent"),
      json: false,
      extension: { errors: [], done: ["done"] },
    }).stream;
    expect(stream).toMatchObject({ framing: "named", errorEvents: [], doneEvents: ["done"] });
    expect(stream).not.toHaveProperty("flag");
    const error = specError(() => operation({ sse: ref("StreamEvent"), json: false, extension: { flag: "stream" } }));
    expect(error.message).toMatch(/`flag` needs a 2XX JSON response to switch from/);
    expect(error.location.pointer).toBe("/paths/~1runs/post/x-codegen-stream/flag");
  });

  it("JSON lines are streams too: one value a line, never named, no end marker", () => {
    expect(operation({ lines: ref("RunEvents") }).stream).toEqual({
      flag: { property: "stream", required: false, nullable: true },
      event: { kind: "ref", target: id("RunEvents") },
      framing: "data",
      doneData: [],
      doneEvents: [],
      errorEvents: [],
      errorProperty: "error",
    });
    expect(operation({ lines: ref("Chunk"), json: false }).stream).toMatchObject({ framing: "data", doneData: [] });
    expect(operation({ lines: ref("Chunk"), json: false }).stream).not.toHaveProperty("flag");
    const error = specError(() => operation({ lines: ref("RunEvents"), extension: { framing: "named" } }));
    expect(error.message).toMatch(/JSON lines carry no event names/);
    expect(error.location.pointer).toBe("/paths/~1runs/post/x-codegen-stream/framing");
  });

  it("finds the flag through allOf", () => {
    const body = { allOf: [ref("RunRequest"), { type: "object", properties: { extra: { type: "string" } } }] };
    expect(operation({ sse: ref("Chunk"), body }).stream?.flag?.property).toBe("stream");
  });
});

describe("the x-codegen-stream extension", () => {
  it("declares the event schema where the spec declares only JSON", () => {
    const stream = operation({ extension: { events: ref("StreamEvent") } }).stream;
    expect(stream?.framing).toBe("named");
    expect(stream?.event).toEqual({ kind: "ref", target: id("StreamEvent") });
    expect(stream?.final?.events).toEqual(["run.created", "run.completed"]);
  });

  it("sets the flag, framing, end markers, error events and final events", () => {
    const stream = operation({
      body: { type: "object", properties: { live: { type: "boolean" } }, required: ["live"] },
      extension: {
        flag: "live",
        events: ref("StreamEvent"),
        doneData: ["END"],
        done: ["done"],
        errors: ["error"],
        final: ["run.completed"],
      },
    }).stream;
    expect(stream).toEqual({
      flag: { property: "live", required: true, nullable: false },
      event: { kind: "ref", target: id("StreamEvent") },
      framing: "named",
      doneData: ["END"],
      doneEvents: ["done"],
      errorEvents: ["error"],
      final: { events: ["run.completed"], type: { kind: "ref", target: id("Run") } },
    });
  });

  it("framing: data reads named events as plain data; final: false drops the final object; false drops the stream", () => {
    expect(operation({ extension: { events: ref("StreamEvent"), framing: "data" } }).stream?.framing).toBe("data");
    expect(operation({ extension: { events: ref("StreamEvent"), final: false } }).stream?.final).toBeUndefined();
    expect(operation({ sse: ref("StreamEvent"), extension: false }).stream).toBeUndefined();
  });

  it.each([
    ["a non-object", "yes", "must be an object or false", "/paths/~1runs/post/x-codegen-stream"],
    ["an unknown field", { event: ref("Chunk") }, 'Unknown field "event"', "/paths/~1runs/post/x-codegen-stream/event"],
    [
      "a flag the body lacks",
      { flag: "live", events: ref("Chunk") },
      'no boolean property "live"',
      "/paths/~1runs/post/x-codegen-stream/flag",
    ],
    ["no event schema anywhere", {}, "no text/event-stream response", "/paths/~1runs/post/x-codegen-stream"],
    [
      "a bad framing",
      { events: ref("Chunk"), framing: "lines" },
      "`framing` must be named or data",
      "/paths/~1runs/post/x-codegen-stream/framing",
    ],
    [
      "named framing of events that are not named",
      { events: ref("Chunk"), framing: "named" },
      "framing: named needs",
      "/paths/~1runs/post/x-codegen-stream/framing",
    ],
    [
      "an unknown event name",
      { events: ref("StreamEvent"), final: ["run.finished"] },
      '"run.finished" is not an event',
      "/paths/~1runs/post/x-codegen-stream/final/0",
    ],
    [
      "event names with data framing",
      { events: ref("Chunk"), errors: ["error"] },
      "`errors` needs named events",
      "/paths/~1runs/post/x-codegen-stream/errors",
    ],
    [
      "a list that is not of strings",
      { events: ref("StreamEvent"), done: "done" },
      "Expected a list of strings",
      "/paths/~1runs/post/x-codegen-stream/done",
    ],
  ])("rejects %s with a located SpecError", (_name, extension, message, pointer) => {
    const error = specError(() => operation({ extension }));
    expect(error.message).toContain(message);
    expect(error.location).toEqual({ file: FILE, pointer });
    expect(error.hint).toBeTruthy();
  });

  it("rejects an operation without a JSON body or a JSON answer", () => {
    expect(
      specError(() => operation({ body: { type: "string" }, extension: { events: ref("Chunk") } })).message,
    ).toContain('no boolean property "stream"');
    expect(specError(() => operation({ json: false, extension: { events: ref("Chunk") } })).message).toContain(
      "needs a 2XX JSON response",
    );
  });
});
