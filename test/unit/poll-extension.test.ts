/**
 * `x-codegen-poll` -> `Operation.poll`: the IR it makes (spec in, IR out) and the located
 * SpecErrors for bad values (unknown operationId, unknown parameter or property, missing fields,
 * wrong types, malformed runtime expressions), for OpenAPI 3 and Swagger 2.0.
 */
import { describe, expect, it } from "vitest";
import { parseExpression } from "../../src/parse/extensions/poll.js";
import { SpecError } from "../../src/util/errors.js";
import { irOf, spec3 } from "../helpers.js";

const job = {
  type: "object",
  required: ["id", "state"],
  properties: { id: { type: "string" }, state: { type: "string", enum: ["queued", "running", "done", "failed"] } },
};

/** A spec with `POST /jobs/{queue}` (startJob, carrying `poll`) and `GET /jobs/{queue}/{job_id}` (getJob). */
function jobsSpec(poll: unknown, statusSchema: object = { $ref: "#/components/schemas/Job" }): object {
  return spec3({
    schemas: { Job: job },
    paths: {
      "/jobs/{queue}": {
        post: {
          operationId: "startJob",
          parameters: [{ name: "queue", in: "path", required: true, schema: { type: "string" } }],
          requestBody: { content: { "application/json": { schema: { type: "object" } } } },
          responses: { "200": { description: "ok", content: { "application/json": { schema: statusSchema } } } },
          ...(poll === undefined ? {} : { "x-codegen-poll": poll }),
        },
      },
      "/jobs/{queue}/{job_id}": {
        get: {
          operationId: "getJob",
          parameters: [
            { name: "queue", in: "path", required: true, schema: { type: "string" } },
            { name: "job_id", in: "path", required: true, schema: { type: "string" } },
            { name: "verbose", in: "query", schema: { type: "boolean" } },
            { name: "job_id", in: "header", schema: { type: "string" } },
          ],
          responses: { "200": { description: "ok", content: { "application/json": { schema: statusSchema } } } },
        },
      },
    },
  });
}

const good = {
  operation: "getJob",
  parameters: { queue: "$request.path.queue", "path.job_id": "$response.body#/id" },
  status: "state",
  pending: ["queued", "running"],
  hint: "poll-after-ms",
};

function errorOf(poll: unknown, statusSchema?: object): SpecError {
  try {
    irOf(jobsSpec(poll, statusSchema));
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
  throw new Error("expected a SpecError");
}

const AT = "/paths/~1jobs~1{queue}/post/x-codegen-poll";

describe("x-codegen-poll -> IR", () => {
  it("reads every field into Operation.poll", () => {
    const start = irOf(jobsSpec(good)).operations.find((o) => o.operationId === "startJob");
    expect(start?.poll).toEqual({
      operationId: "getJob",
      arguments: [
        { name: "queue", in: "path", source: { from: "request", in: "path", name: "queue" } },
        { name: "job_id", in: "path", source: { from: "response", in: "body", pointer: ["id"] } },
      ],
      status: "state",
      pending: ["queued", "running"],
      hintHeader: "poll-after-ms",
    });
  });

  it("leaves poll out without the extension, and the hint out when not given", () => {
    const model = irOf(jobsSpec(undefined));
    expect(model.operations.every((o) => o.poll === undefined)).toBe(true);
    const { hint: _hint, ...noHint } = good;
    const start = irOf(jobsSpec(noHint)).operations.find((o) => o.operationId === "startJob");
    expect(start?.poll && "hintHeader" in start.poll).toBe(false);
  });

  it("accepts a status property of any union member, and an untyped response", () => {
    const union = { oneOf: [{ $ref: "#/components/schemas/Job" }, { type: "object", properties: { x: {} } }] };
    expect(irOf(jobsSpec(good, union)).operations[0]?.poll?.status).toBe("state");
    expect(irOf(jobsSpec(good, {})).operations[0]?.poll?.status).toBe("state");
  });

  it("reads runtime expressions as data", () => {
    expect(parseExpression("$request.query.after")).toEqual({ from: "request", in: "query", name: "after" });
    expect(parseExpression("$request.body")).toEqual({ from: "request", in: "body", pointer: [] });
    expect(parseExpression("$response.body#/a~1b/c~0d/0")).toEqual({
      from: "response",
      in: "body",
      pointer: ["a/b", "c~d", "0"],
    });
    expect(parseExpression("$response.header.Location")).toEqual({ from: "response", in: "header", name: "Location" });
    for (const bad of ["$response.body#id", "$response.body#/a~2", "$request.form.x", "response.body#/id", "$url", ""])
      expect(parseExpression(bad)).toBeUndefined();
  });

  it("is read from a Swagger 2.0 operation too, errors pointing into the 2.0 file", () => {
    const spec = {
      swagger: "2.0",
      info: { title: "T", version: "1" },
      paths: {
        "/jobs": {
          post: {
            operationId: "startJob",
            responses: { "200": { description: "ok", schema: job } },
            "x-codegen-poll": { ...good, parameters: { queue: "$response.body#/id", job_id: "$response.body#/id" } },
          },
        },
        "/jobs/{queue}/{job_id}": {
          get: {
            operationId: "getJob",
            parameters: [
              { name: "queue", in: "path", required: true, type: "string" },
              { name: "job_id", in: "path", required: true, type: "string" },
            ],
            responses: { "200": { description: "ok", schema: job } },
          },
        },
      },
    };
    expect(irOf(spec).operations[0]?.poll?.operationId).toBe("getJob");
    const broken = structuredClone(spec);
    (broken.paths["/jobs"].post["x-codegen-poll"] as { operation: string }).operation = "nope";
    try {
      irOf(broken);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SpecError);
      expect((error as SpecError).location.pointer).toBe("/paths/~1jobs/post/x-codegen-poll/operation");
    }
  });
});

describe("x-codegen-poll: bad values are located SpecErrors", () => {
  const cases: [string, unknown, string, RegExp][] = [
    ["not an object", "getJob", AT, /must be an object/],
    ["an unknown field", { ...good, pendng: [] }, `${AT}/pendng`, /Unknown field "pendng"/],
    ["no operation", { ...good, operation: undefined }, `${AT}/operation`, /needs `operation`/],
    ["an operation that is not a string", { ...good, operation: 42 }, `${AT}/operation`, /non-empty string/],
    [
      "an unknown operationId",
      { ...good, operation: "getJobs" },
      `${AT}/operation`,
      /"getJobs", which the spec does not have/,
    ],
    ["no status", { ...good, status: undefined }, `${AT}/status`, /needs `status`/],
    ["a status property the response lacks", { ...good, status: "phase" }, `${AT}/status`, /no property "phase"/],
    ["no pending", { ...good, pending: undefined }, `${AT}/pending`, /needs `pending`/],
    ["an empty pending", { ...good, pending: [] }, `${AT}/pending`, /non-empty list/],
    ["a pending object", { ...good, pending: ["queued", {}] }, `${AT}/pending/1`, /string, number or boolean/],
    ["a hint that is no header name", { ...good, hint: "poll after" }, `${AT}/hint`, /not a header name/],
    ["parameters that are a list", { ...good, parameters: [] }, `${AT}/parameters`, /must map parameter names/],
    [
      "an unknown parameter",
      { ...good, parameters: { ...good.parameters, run_id: "$response.body#/id" } },
      `${AT}/parameters/run_id`,
      /"getJob" has no parameter "run_id"/,
    ],
    [
      "an ambiguous parameter",
      { ...good, parameters: { queue: "$request.path.queue", job_id: "$response.body#/id" } },
      `${AT}/parameters/job_id`,
      /several parameters named "job_id"/,
    ],
    [
      "a required parameter without a value",
      { ...good, parameters: { queue: "$request.path.queue" } },
      `${AT}/parameters`,
      /path parameter "job_id" of "getJob" is required/,
    ],
    [
      "a value that is not a string",
      { ...good, parameters: { ...good.parameters, queue: 1 } },
      `${AT}/parameters/queue`,
      /must be a runtime expression string/,
    ],
    [
      "a malformed expression",
      { ...good, parameters: { ...good.parameters, queue: "$response.body#id" } },
      `${AT}/parameters/queue`,
      /not a runtime expression/,
    ],
    [
      "a request parameter the starting operation lacks",
      { ...good, parameters: { ...good.parameters, queue: "$request.query.queue" } },
      `${AT}/parameters/queue`,
      /"startJob" has no query parameter "queue"/,
    ],
  ];
  it.each(cases)("%s", (_name, poll, pointer, message) => {
    const error = errorOf(poll);
    expect(error.location).toEqual({ file: "/virtual/spec.json", pointer });
    expect(error.message).toMatch(message);
    expect(error.hint).toBeTruthy();
  });

  it("a status operation without a JSON success response", () => {
    const spec = jobsSpec(good) as { paths: Record<string, Record<string, { responses: object }>> };
    (spec.paths["/jobs/{queue}/{job_id}"] as { get: { responses: object } }).get.responses = {
      "204": { description: "none" },
    };
    try {
      irOf(spec);
      expect.unreachable();
    } catch (error) {
      expect((error as SpecError).location.pointer).toBe(`${AT}/operation`);
      expect((error as SpecError).message).toMatch(/no JSON success response/);
    }
  });
});
