/**
 * Readers of successful responses: generated code passes the one its operation needs
 * (`RequestSpec.read`), so a bundle holds only those. Event streams are read by `readEvents`
 * (sse.ts), 64-bit integers by `readInt64Json` (json.ts).
 */
import { type RequestErrorInit, ResponseBodyError, type ResponseInfo } from "./errors.js";
import type { Call } from "./lifetime.js";

export type { Call } from "./lifetime.js";

/** Reads a successful response into the operation's result. */
export type ResponseReader<T> = (response: Response, call: Call) => Promise<T>;

/** The body as JSON; an empty body is a {@link ResponseBodyError} (unless the status is 204/205), as is invalid JSON. */
export function readJson<T>(response: Response, call: Call): Promise<T> {
  return readJsonWith(response, call, false, JSON.parse);
}

/** The body as JSON, or `undefined` when it is empty (operations where some success responses have no body). */
export function readOptionalJson<T>(response: Response, call: Call): Promise<T> {
  return readJsonWith(response, call, true, JSON.parse);
}

/** The body as text. */
export function readText<T>(response: Response): Promise<T> {
  return response.text() as Promise<T>;
}

/** The body as a Blob. */
export function readBlob<T>(response: Response): Promise<T> {
  return response.blob() as Promise<T>;
}

/** No body: whatever the server sent is discarded. */
export async function readVoid<T>(response: Response): Promise<T> {
  await response.body?.cancel();
  return undefined as T;
}

/**
 * JSON read with `parse`; empty is `undefined` where `optional` or the status says so. A `then`
 * on the text rather than an async function: one suspended frame less per call.
 */
export function readJsonWith<T>(
  response: Response,
  call: Call,
  optional: boolean,
  parse: (text: string) => unknown,
): Promise<T> {
  return response.text().then((text) => {
    if (text === "" && (optional || response.status === 204 || response.status === 205)) return undefined as T;
    // Only blanks: a regular expression stops at the first other character, where trim() would copy it all.
    if (!/\S/.test(text)) throw bodyError("Empty body", response, call);
    try {
      return parse(text) as T;
    } catch (error) {
      throw bodyError("Invalid JSON", response, call, error);
    }
  });
}

/** A {@link ResponseBodyError} about a successful response's body. */
export function bodyError(problem: string, response: Response, call: Call, cause?: unknown): ResponseBodyError {
  return new ResponseBodyError(problem, { ...responseInit(response, call), cause });
}

/** What an error about the response to `call` knows: the request, the status, the headers, the request id. */
export function responseInit(response: Response, call: Call): RequestErrorInit & ResponseInfo {
  const { headers } = response;
  const requestId = requestIdOf(headers, call.requestIdHeader);
  return { method: call.method, url: call.url, redact: call.redact, status: response.status, headers, requestId };
}

/** The request id of a response: the named header, else `x-request-id`, else `request-id`. */
export function requestIdOf(headers: Headers, header?: string): string | undefined {
  return (header ? headers.get(header) : null) ?? headers.get("x-request-id") ?? headers.get("request-id") ?? undefined;
}
