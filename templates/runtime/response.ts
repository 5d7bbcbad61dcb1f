import type { RequestSpec } from "./client.js";
import { type ApiError, apiErrorFor, ResponseBodyError } from "./errors.js";
import { parseJson } from "./json.js";
import { type Call, toClientError } from "./lifetime.js";
import { parseServerSentEvents, type ServerSentEvent } from "./sse.js";

/**
 * Reads a successful response as `spec.responseType` says. An empty JSON body is `undefined` where
 * the spec allows one (`bodyOptional`, or a 204/205), else a {@link ResponseBodyError}, as is
 * invalid JSON.
 */
export async function readBody(response: Response, spec: RequestSpec, call: Call): Promise<unknown> {
  switch (spec.responseType) {
    case "sse":
      return eventStream(response, call);
    case "void":
      await response.body?.cancel();
      return undefined;
    case "text":
      return response.text();
    case "blob":
      return response.blob();
    case "json": {
      const text = await response.text();
      if (text === "" && (spec.bodyOptional || response.status === 204 || response.status === 205)) return undefined;
      if (text.trim() === "") throw bodyError("Empty body", response, call);
      try {
        return parseJson(text, spec.int64);
      } catch (error) {
        throw bodyError("Invalid JSON", response, call, error);
      }
    }
  }
}

function bodyError(problem: string, response: Response, call: Call, cause?: unknown): ResponseBodyError {
  const { method, url, redact } = call;
  return new ResponseBodyError(problem, {
    method,
    url,
    redact,
    cause,
    status: response.status,
    headers: response.headers,
    requestId: requestIdOf(response.headers, call.requestIdHeader),
  });
}

/** The request id of a response: the named header, else `x-request-id`, else `request-id`. */
export function requestIdOf(headers: Headers, header?: string): string | undefined {
  return (header ? headers.get(header) : null) ?? headers.get("x-request-id") ?? headers.get("request-id") ?? undefined;
}

/** Reads an error response into an `ApiError`: JSON when the content type says so (else text). */
export async function apiError(response: Response, call: Call): Promise<ApiError> {
  const text = await response.text();
  return apiErrorFor({
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    method: call.method,
    url: call.url,
    redact: call.redact,
    requestId: requestIdOf(response.headers, call.requestIdHeader),
    body: text === "" ? undefined : parseIfJson(text, response.headers.get("content-type")),
  });
}

/** `text` parsed when `contentType` is JSON and it parses, else `text` itself. */
function parseIfJson(text: string, contentType: string | null): unknown {
  const mediaType = (contentType ?? "").split(";")[0]?.trim() ?? "";
  if (!/(?:^|[/+])json$/i.test(mediaType)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Checks that a response read as an event stream is one: a content type other than
 * `text/event-stream` (JSON, say, from a server that ignored the stream flag) cancels the body and
 * throws a {@link ResponseBodyError} naming it. A response without a content type is read as declared.
 */
export async function expectEventStream(response: Response, call: Call): Promise<void> {
  const mediaType = (response.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (mediaType === "text/event-stream" || mediaType === "") return;
  await response.body?.cancel().catch(() => undefined);
  throw bodyError(`Content type ${JSON.stringify(mediaType)} where text/event-stream was expected`, response, call);
}

/** The events of a `text/event-stream` response; read errors become client errors. */
export async function* eventStream(response: Response, call: Call): AsyncGenerator<ServerSentEvent, void, undefined> {
  try {
    if (response.body) yield* parseServerSentEvents(response.body);
  } catch (error) {
    throw toClientError(error, call);
  } finally {
    call.lifetime.end();
  }
}
