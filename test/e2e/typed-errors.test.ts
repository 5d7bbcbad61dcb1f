/**
 * Typed error subclasses per status against a local server, and recognition of errors across two
 * clients generated into different folders (two copies of the runtime core, as the generator
 * writes them): `instanceof` works by kind, not by class identity.
 */
import { cpSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as core from "../../templates/runtime/client.js";
import * as errors from "../../templates/runtime/errors.js";
import { type LocalServer, startServer } from "./support/local-server.js";

const ROOT = new URL("../..", import.meta.url).pathname;
const COPIES = join(ROOT, "test", ".tmp", "typed-errors");

let server: LocalServer;
type Errors = typeof errors;
type ClientModule = typeof import("../../templates/runtime/client.js");
let other: { errors: Errors; client: ClientModule };

beforeAll(async () => {
  server = await startServer();
  rmSync(COPIES, { recursive: true, force: true });
  cpSync(join(ROOT, "templates", "runtime"), join(COPIES, "other-client", "core"), { recursive: true });
  other = {
    errors: (await import(join(COPIES, "other-client", "core", "errors.ts"))) as Errors,
    client: (await import(join(COPIES, "other-client", "core", "client.ts"))) as ClientModule,
  };
});

afterAll(async () => {
  await server.close();
  rmSync(COPIES, { recursive: true, force: true });
});

const cases: [number, keyof Errors][] = [
  [400, "BadRequestError"],
  [401, "AuthenticationError"],
  [403, "PermissionDeniedError"],
  [404, "NotFoundError"],
  [409, "ConflictError"],
  [422, "UnprocessableEntityError"],
  [429, "RateLimitError"],
  [500, "InternalServerError"],
  [503, "InternalServerError"],
  [418, "ApiError"],
];

/** The error of a GET answered with `status`, sent through the runtime core `runtime` (this one by default). */
async function failWith(status: number, runtime: ClientModule = core): Promise<unknown> {
  server.reset((_req, res) => {
    res
      .writeHead(status, { "content-type": "application/json", "x-request-id": `req_${status}` })
      .end(JSON.stringify({ error: { message: "nope", code: status } }));
  });
  return runtime
    .request(runtime.createClient({ baseUrl: server.url }), { method: "GET", path: "/x", read: runtime.readJson })
    .catch((e: unknown) => e);
}

describe("typed errors", () => {
  it.each(cases)("a %i answer throws %s, an ApiError with the body and request id", async (status, name) => {
    const error = await failWith(status);
    const ErrorClass = errors[name] as unknown as abstract new (...args: never[]) => unknown;
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(errors.ApiError);
    expect(error).toBeInstanceOf(errors.RequestError);
    expect(error).toBeInstanceOf(Error);
    const apiError = error as errors.ApiError<{ error: { message: string; code: number } }>;
    expect([apiError.name, apiError.status, apiError.requestId, apiError.body.error.code]).toEqual([
      name,
      status,
      `req_${status}`,
      status,
    ]);
    for (const [, otherName] of cases) {
      if (otherName !== name && otherName !== "ApiError")
        expect(error).not.toBeInstanceOf(errors[otherName] as unknown as abstract new () => unknown);
    }
  });

  it("the subclasses take the operation's error body type", () => {
    const error = new errors.NotFoundError<{ error: { message: string } }>({
      method: "GET",
      url: "u",
      status: 404,
      statusText: "",
      headers: new Headers(),
      body: { error: { message: "gone" } },
    });
    const message: string = error.body.error.message;
    expect(message).toBe("gone");
  });

  it("a caller's subclass without its own kind keeps ordinary instanceof", () => {
    class MyError extends errors.ApiError {}
    const plain = new errors.ApiError({
      method: "GET",
      url: "u",
      status: 400,
      statusText: "",
      headers: new Headers(),
      body: undefined,
    });
    const mine = new MyError({
      method: "GET",
      url: "u",
      status: 400,
      statusText: "",
      headers: new Headers(),
      body: undefined,
    });
    expect(plain).not.toBeInstanceOf(MyError);
    expect(mine).toBeInstanceOf(MyError);
    expect(mine).toBeInstanceOf(errors.ApiError);
  });
});

describe("errors across clients generated into different folders", () => {
  it("are the other client's classes, a different module", () => {
    expect(other.errors.ApiError).not.toBe(errors.ApiError);
  });

  it.each(cases)(
    "a %i from one client is an instance of the other's %s, ApiError and ClientError",
    async (status, name) => {
      const error = await failWith(status, other.client);
      expect(error).toBeInstanceOf(errors[name] as unknown as abstract new () => unknown);
      expect(error).toBeInstanceOf(errors.ApiError);
      expect(error).toBeInstanceOf(errors.ClientError);
      expect(error).not.toBeInstanceOf(errors.NetworkError);
      const mine = await failWith(status);
      expect(mine).toBeInstanceOf(other.errors[name] as unknown as abstract new () => unknown);
    },
  );

  it("network errors too", async () => {
    const { createClient, request, readJson } = other.client;
    const error = await request(createClient({ baseUrl: "http://127.0.0.1:1" }), {
      method: "GET",
      path: "/x",
      read: readJson,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(errors.NetworkError);
    expect(error).toBeInstanceOf(errors.RequestError);
    expect(error).not.toBeInstanceOf(errors.ApiError);
  });
});
