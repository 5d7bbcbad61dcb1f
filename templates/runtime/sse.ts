import { type Call, toClientError } from "./lifetime.js";
import { bodyError } from "./read.js";

/** One event of a `text/event-stream` response. */
export interface ServerSentEvent {
  /** The event type (`event:` field); absent for the default type, `message`. */
  event?: string;
  /** The data: the event's `data:` lines joined with `\n`. */
  data: string;
  /** The last event ID (`id:` field) seen so far in the stream; it carries over to later events. */
  id?: string;
  /** The reconnection time in milliseconds, if the server sent a `retry:` field since the previous event. */
  retry?: number;
}

/**
 * Parses a `text/event-stream` body into events, following the HTML standard's event stream
 * interpretation: UTF-8 with an optional BOM, CRLF/LF/CR line ends split anywhere across chunks,
 * comment lines (`:`) ignored, and an unterminated event at the end of the stream discarded.
 * Leaving the loop early cancels the stream.
 *
 * @example
 * for await (const event of parseServerSentEvents(response.body)) console.log(event.data);
 */
export async function* parseServerSentEvents(
  stream: ReadableStream<Uint8Array>,
): AsyncGenerator<ServerSentEvent, void, undefined> {
  const parser = new EventParser();
  for await (const line of readLines(stream)) {
    const event = parser.push(line);
    if (event) yield event;
  }
}

/**
 * JSON-parses the `data` of each event, for APIs that stream JSON objects. Events with empty data
 * are skipped, and the stream ends at a `[DONE]` event, the end marker OpenAI-style APIs send.
 *
 * @example
 * for await (const chunk of parseJsonEvents<ChatCompletionChunk>(await createChatCompletion(client, params))) { … }
 */
export async function* parseJsonEvents<T = unknown>(
  events: AsyncIterable<ServerSentEvent>,
): AsyncGenerator<T, void, undefined> {
  for await (const { data } of events) {
    if (data === "[DONE]") return;
    if (data !== "") yield JSON.parse(data) as T;
  }
}

/**
 * Decodes a byte stream and yields its lines, without their line ends; the text after the last line
 * end too when `unterminated` (JSON lines may omit the last one; an event stream drops it).
 */
async function* readLines(
  stream: ReadableStream<Uint8Array>,
  unterminated = false,
): AsyncGenerator<string, void, undefined> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const splitter = new LineSplitter();
  let done = false;
  try {
    while (!done) {
      const chunk = await reader.read();
      done = chunk.done;
      const text = chunk.done ? decoder.decode() : decoder.decode(chunk.value, { stream: true });
      yield* splitter.push(text);
    }
    const rest = splitter.rest();
    if (unterminated && rest !== "") yield rest;
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/**
 * Splits text into lines at CRLF, LF or CR, wherever the chunks happen to break. Each chunk is
 * scanned once and the unfinished line is kept as a list of parts joined when it ends, so a long
 * line costs time linear in its length however many chunks it spans.
 */
class LineSplitter {
  /** The parts of the line not yet ended. */
  private pending: string[] = [];
  /** The previous chunk ended with CR: a LF starting the next one belongs to it. */
  private afterCR = false;

  push(text: string): string[] {
    if (text === "") return [];
    let start = this.afterCR && text.charCodeAt(0) === 10 ? 1 : 0;
    this.afterCR = false;
    const lines: string[] = [];
    // indexOf finds line ends much faster than a regular expression on long lines.
    let lf = text.indexOf("\n", start);
    let cr = text.indexOf("\r", start);
    while (lf !== -1 || cr !== -1) {
      const end = cr === -1 || (lf !== -1 && lf < cr) ? lf : cr;
      this.pending.push(text.slice(start, end));
      lines.push(this.pending.length === 1 ? (this.pending[0] ?? "") : this.pending.join(""));
      this.pending = [];
      start = end + 1;
      if (end === cr) {
        if (start === text.length) this.afterCR = true;
        else if (text.charCodeAt(start) === 10) start++;
      }
      if (lf !== -1 && lf < start) lf = text.indexOf("\n", start);
      if (cr !== -1 && cr < start) cr = text.indexOf("\r", start);
    }
    if (start < text.length) this.pending.push(text.slice(start));
    return lines;
  }

  /** The text after the last line end. */
  rest(): string {
    return this.pending.join("");
  }
}

/** Turns lines into events: fields accumulate until a blank line dispatches them. */
class EventParser {
  /** The `data:` lines of the event being read (joined once, when it is dispatched). */
  private data: string[] = [];
  private type = "";
  private lastId = "";
  private retry: number | undefined;

  push(line: string): ServerSentEvent | undefined {
    if (line === "") return this.dispatch();
    if (line.startsWith(":")) return undefined;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    const raw = colon === -1 ? "" : line.slice(colon + 1);
    this.apply(field, raw.startsWith(" ") ? raw.slice(1) : raw);
    return undefined;
  }

  private apply(field: string, value: string): void {
    if (field === "data") this.data.push(value);
    else if (field === "event") this.type = value;
    else if (field === "id" && !value.includes("\0")) this.lastId = value;
    else if (field === "retry" && /^\d+$/.test(value)) this.retry = Number(value);
  }

  private dispatch(): ServerSentEvent | undefined {
    const { data, type } = this;
    this.data = [];
    this.type = "";
    if (data.length === 0) return undefined;
    const event: ServerSentEvent = { data: data.length === 1 ? (data[0] ?? "") : data.join("\n") };
    if (type) event.event = type;
    if (this.lastId) event.id = this.lastId;
    if (this.retry !== undefined) event.retry = this.retry;
    this.retry = undefined;
    return event;
  }
}

/**
 * Reads a `text/event-stream` response as its events (`RequestSpec.read` of streaming
 * operations). The call's time-out stops once the headers have arrived; the caller's signal still
 * ends the stream, and read errors become client errors. A content type other than
 * `text/event-stream` (JSON, say, from a server that ignored the stream flag) cancels the body and
 * is a {@link ResponseBodyError} naming it; a response without a content type is read as declared.
 */
export function readEvents<T>(response: Response, call: Call): Promise<T> {
  return openStream(
    response,
    call,
    (mediaType) => mediaType === "text/event-stream" || mediaType === "",
    "text/event-stream was",
    parseServerSentEvents,
  );
}

/**
 * Reads a response of JSON values a line (JSON Lines, NDJSON, RFC 7464 JSON text sequences) as
 * events whose `data` is one line each (blank lines skipped, a leading record separator dropped),
 * for the typed stream functions to parse; time-out, signal and errors as {@link readEvents}. An
 * HTML or event-stream answer is a {@link ResponseBodyError}: it is not JSON lines.
 */
export function readJsonLines<T>(response: Response, call: Call): Promise<T> {
  return openStream(
    response,
    call,
    (mediaType) => mediaType !== "text/html" && mediaType !== "text/event-stream",
    "JSON lines were",
    jsonLines,
  );
}

/**
 * A streamed response's frames, `parse`d from its body, once its content type is one `accepts`
 * (else the body is cancelled and the answer is a {@link ResponseBodyError}: `expected` names what
 * was). The call's time-out stops here; its signal still ends the stream.
 */
async function openStream<T>(
  response: Response,
  call: Call,
  accepts: (mediaType: string) => boolean,
  expected: string,
  parse: (stream: ReadableStream<Uint8Array>) => AsyncIterable<ServerSentEvent>,
): Promise<T> {
  const mediaType = (response.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (!accepts(mediaType)) {
    await response.body?.cancel().catch(() => undefined);
    throw bodyError(`Content type ${JSON.stringify(mediaType)} where ${expected} expected`, response, call);
  }
  call.streaming = true;
  call.lifetime?.stopTimer();
  return frames(response, call, parse) as T;
}

async function* frames(
  response: Response,
  call: Call,
  parse: (stream: ReadableStream<Uint8Array>) => AsyncIterable<ServerSentEvent>,
): AsyncGenerator<ServerSentEvent, void, undefined> {
  try {
    if (response.body) yield* parse(response.body);
  } catch (error) {
    throw toClientError(error, call);
  } finally {
    call.lifetime?.end();
  }
}

async function* jsonLines(stream: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent, void, undefined> {
  for await (const line of readLines(stream, true)) {
    const data = line.startsWith("\u001e") ? line.slice(1) : line;
    if (data.trim() !== "") yield { data };
  }
}
