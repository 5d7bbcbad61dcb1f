import { describe, expect, it } from "vitest";
import {
  AbortError,
  ApiError,
  ClientError,
  NetworkError,
  RequestError,
  TimeoutError,
} from "../../../templates/runtime/errors.js";

const request = { method: "GET", url: "https://api.test/x" };

describe("error hierarchy", () => {
  it.each<[string, ClientError]>([
    ["ClientError", new ClientError("boom")],
    [
      "ApiError",
      new ApiError({ ...request, status: 400, statusText: "Bad Request", headers: new Headers(), body: undefined }),
    ],
    ["NetworkError", new NetworkError({ ...request, cause: new Error("reset") })],
    ["TimeoutError", new TimeoutError({ ...request, timeoutMs: 5 })],
    ["AbortError", new AbortError(request)],
  ])("%s is an instanceof-safe ClientError with its own name", (name, error) => {
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(ClientError);
    expect(error.name).toBe(name);
    expect(String(error)).toMatch(new RegExp(`^${name}: `));
    expect(error.stack).toBeTypeOf("string");
  });

  it("keeps the subclasses apart", () => {
    const timeout = new TimeoutError({ ...request, timeoutMs: 5 });
    expect(timeout).not.toBeInstanceOf(NetworkError);
    expect(timeout).not.toBeInstanceOf(ApiError);
    expect(timeout.timeoutMs).toBe(5);
  });

  it.each<[unknown, string]>([
    [{ error: { message: "No assistant found" } }, "404 Not Found: No assistant found"],
    [{ message: "top-level" }, "404 Not Found: top-level"],
    [{ error: "string error" }, "404 Not Found: string error"],
    [{ detail: "fastapi style" }, "404 Not Found: fastapi style"],
    [{ error: { code: 1 } }, '404 Not Found: {"error":{"code":1}}'],
    ["plain text", "404 Not Found: plain text"],
    [undefined, "404 Not Found"],
  ])("builds the ApiError message from %j", (body, message) => {
    const error = new ApiError({ ...request, status: 404, statusText: "Not Found", headers: new Headers(), body });
    expect(error.message).toBe(message);
    expect(error.body).toBe(body);
  });

  it("types the body", () => {
    const error = new ApiError<{ error: { type: string } }>({
      ...request,
      status: 400,
      statusText: "",
      headers: new Headers(),
      body: { error: { type: "invalid" } },
    });
    const type: string = error.body.error.type;
    expect(type).toBe("invalid");
  });
});

describe("RequestError", () => {
  it("is the base of the errors of one request, under ClientError", () => {
    const init = { method: "GET", url: "https://api.test/x" };
    const errors = [
      new ApiError({ ...init, status: 500, statusText: "", headers: new Headers(), body: undefined }),
      new NetworkError(init),
      new TimeoutError({ ...init, timeoutMs: 5 }),
      new AbortError(init),
    ];
    for (const error of errors) {
      expect(error).toBeInstanceOf(RequestError);
      expect(error).toBeInstanceOf(ClientError);
      expect([error.method, error.url]).toEqual(["GET", "https://api.test/x"]);
    }
  });
});
