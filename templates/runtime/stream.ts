import { ApiPromise } from "./api-promise.js";
import { RequestError, type RequestErrorInit, ResponseBodyError, type ResponseInfo } from "./errors.js";
import type { ServerSentEvent } from "./sse.js";

/** How a stream function reads its events; generated from the spec (or its `x-codegen-stream` extension). */
export interface StreamFormat {
  /**
   * Each frame is one `{ event, data }` event: `event` from its `event:` line (`message` when it has
   * none), `data` its `data:` parsed as JSON. Otherwise each frame's JSON `data:` is the event
   * (frames with empty data are skipped).
   */
  readonly named?: boolean;
  /** `data:` values that end the stream (`[DONE]`). */
  readonly doneData?: readonly string[];
  /** Event names that end the stream (`done`). */
  readonly done?: readonly string[];
  /** Event names whose data is an error: the stream throws a {@link StreamError} with it. */
  readonly errors?: readonly string[];
  /** Unnamed events: a property whose presence (not null) in the data makes it an error (`error`). */
  readonly errorProperty?: string;
  /** Event names whose data is the object the stream builds: {@link FinalEventStream.final} gives the last one. */
  readonly final?: readonly string[];
  /** Parses a frame's data (64-bit integers as bigint: `int64EventData`); default `JSON.parse`. */
  readonly parse?: ((data: string, event: string) => unknown) | undefined;
}

/** A {@link StreamFormat} of named events (`{ event, data }`). */
export interface NamedStreamFormat extends StreamFormat {
  readonly named: true;
}

/** A {@link NamedStreamFormat} that names the events carrying the final object. */
export interface FinalStreamFormat extends NamedStreamFormat {
  readonly final: readonly string[];
}

/**
 * `T` without the stream flag `K` (the body a stream function takes: it sets the flag itself).
 * Distributes over unions and keeps index signatures, unlike `Omit`.
 */
export type WithoutFlag<T, K extends PropertyKey> = T extends unknown
  ? { [P in keyof T as P extends K ? never : P]: T[P] }
  : never;

/**
 * The typed events of one streamed response. Iterate it once with `for await`; leaving the loop
 * (`break`, `return`, an exception), an `error` event, or aborting the call's `signal` closes the
 * connection. The stream ends at the end marker (`[DONE]`, a `done` event) or the end of the body.
 *
 * @example
 * const stream = await createRunStream(client, { path: { thread_id }, body: { assistant_id } });
 * for await (const event of stream) if (event.event === "thread.message.delta") console.log(event.data.delta);
 */
export interface EventStream<TEvent> extends AsyncIterable<TEvent> {
  /** The response (status, headers); its body is the stream. */
  readonly response: Response;
  /** The server's request id (`x-request-id`, `request-id` or the client's `requestIdHeader`), if it sent one. */
  readonly requestId: string | undefined;
  /** Closes the connection without reading further (for a stream that is not iterated to its end). */
  close(): Promise<void>;
}

/** The event names of a named event union (`{ event, data }` objects); `never` for data-framed streams. */
export type EventName<TEvent> = TEvent extends { event: infer N extends string; data: unknown } ? N : never;

/** The data of the events named `N` in a named event union. */
export type EventData<TEvent, N> = TEvent extends { event: N; data: infer D } ? D : never;

/** An {@link EventStream} of named events (`{ event, data }`), which can collect the data of some of them. */
export interface NamedEventStream<TEvent> extends EventStream<TEvent> {
  /**
   * Reads the whole stream instead of iterating it and resolves to the data of every event named
   * `names`, in order: what a caller who wants the result, not the events, needs, e.g. the
   * complete messages of a run (`collect("thread.message.completed")`, each with its full text).
   * Rejects as iterating would (an error event, a time-out); a `TypeError` once iteration started.
   */
  collect<N extends EventName<TEvent>>(...names: N[]): Promise<EventData<TEvent, N>[]>;
}

/** An {@link EventStream} whose events build an object (a run, say), for callers who want the result. */
export interface FinalEventStream<TEvent, TFinal> extends NamedEventStream<TEvent> {
  /**
   * Reads the rest of the stream and resolves to the last final object it carried (the data of the
   * last event its format names as final). Rejects with a {@link ResponseBodyError} when the stream
   * carried none, and with a `TypeError` when the stream was closed before its end.
   */
  final(): Promise<TFinal>;
}

/** What a {@link StreamError} knows: the event and its data, and the response that carried it. */
export interface StreamErrorInit<TData> extends RequestErrorInit, ResponseInfo {
  /** The event's name (`error`). */
  event: string;
  /** The event's data, parsed JSON. */
  data: TData;
}

/**
 * The server sent an error in a stream (an `event: error` frame, or data with an `error` where the
 * spec's events have none): the stream stops and the connection is closed. `data` is the event's
 * data (the operation's error object).
 */
export class StreamError<TData = unknown> extends RequestError {
  static override readonly kind: string = "StreamError";
  override readonly name: string = "StreamError";
  /** The event's name. */
  readonly event: string;
  /** The event's data. */
  readonly data: TData;
  /** The HTTP status code of the streamed response. */
  readonly status: number;
  /** The headers of the streamed response. */
  readonly headers: Headers;
  /** The server's request id, if it sent one. */
  readonly requestId: string | undefined;

  constructor(init: StreamErrorInit<TData>) {
    const what = init.event === "error" ? "an error event" : `an error in a ${JSON.stringify(init.event)} event`;
    super(`The stream of ${init.method} ${init.url} sent ${what}${describe(init.data)}`, init);
    this.event = init.event;
    this.data = init.data;
    this.status = init.status;
    this.headers = init.headers;
    this.requestId = init.requestId;
  }
}

/** `: <message>` when the error data has a string `message` (or `error.message`, or a string `error`; kept short), else nothing. */
function describe(data: unknown): string {
  const { message, error } =
    typeof data === "object" && data !== null ? (data as { message?: unknown; error?: unknown }) : {};
  const nested = typeof error === "object" && error !== null ? (error as { message?: unknown }).message : error;
  return describeText(typeof message === "string" && message !== "" ? message : nested);
}

function describeText(message: unknown): string {
  if (typeof message !== "string" || message === "") return "";
  return `: ${message.length > 200 ? `${message.slice(0, 200)}…` : message}`;
}

/**
 * Turns the raw events of a stream function's request into its typed stream. `method` is the
 * request's, for error messages. The request's response must be `text/event-stream` (the client
 * checks it before the promise resolves).
 */
export function toEventStream<TEvent, TFinal>(
  method: string,
  request: ApiPromise<AsyncIterable<ServerSentEvent>>,
  format: FinalStreamFormat,
): ApiPromise<FinalEventStream<TEvent, TFinal>>;
export function toEventStream<TEvent>(
  method: string,
  request: ApiPromise<AsyncIterable<ServerSentEvent>>,
  format: NamedStreamFormat,
): ApiPromise<NamedEventStream<TEvent>>;
export function toEventStream<TEvent>(
  method: string,
  request: ApiPromise<AsyncIterable<ServerSentEvent>>,
  format: StreamFormat,
): ApiPromise<EventStream<TEvent>>;
export function toEventStream<TEvent, TFinal>(
  method: string,
  request: ApiPromise<AsyncIterable<ServerSentEvent>>,
  format: StreamFormat,
): ApiPromise<FinalEventStream<TEvent, TFinal>> {
  return new ApiPromise(
    request.withResponse().then(({ data, response, requestId }) => {
      const stream = new TypedStream<TEvent, TFinal>(data, format, { method, response, requestId });
      return { data: stream, response, requestId };
    }),
  );
}

/** The request and response a stream belongs to, for its errors. */
interface StreamOrigin {
  readonly method: string;
  readonly response: Response;
  readonly requestId: string | undefined;
}

class TypedStream<TEvent, TFinal> implements FinalEventStream<TEvent, TFinal> {
  readonly response: Response;
  readonly requestId: string | undefined;
  private readonly events: AsyncGenerator<TEvent, void, undefined>;
  private readonly origin: StreamOrigin;
  private readonly format: StreamFormat;
  private iterated = false;
  /** The end marker or the end of the body was reached. */
  private ended = false;
  private last: { value: TFinal } | undefined;

  constructor(source: AsyncIterable<ServerSentEvent>, format: StreamFormat, origin: StreamOrigin) {
    this.response = origin.response;
    this.requestId = origin.requestId;
    this.origin = origin;
    this.format = format;
    this.events = this.decode(source);
  }

  [Symbol.asyncIterator](): AsyncIterator<TEvent> {
    if (this.iterated) throw new TypeError("An event stream can be read only once");
    this.iterated = true;
    return this.events;
  }

  async close(): Promise<void> {
    this.iterated = true;
    await this.events.return();
    // A stream never started holds its body unread: cancel it (a no-op once read to the end).
    await this.response.body?.cancel().catch(() => undefined);
  }

  async final(): Promise<TFinal> {
    if (!this.iterated) {
      this.iterated = true;
      for await (const _ of this.events);
    }
    if (!this.ended) throw new TypeError("final() needs the whole stream, but it was closed before its end");
    if (!this.last) {
      throw new ResponseBodyError(`No ${(this.format.final ?? []).join(" / ")} event`, this.info());
    }
    return this.last.value;
  }

  async collect<N extends EventName<TEvent>>(...names: N[]): Promise<EventData<TEvent, N>[]> {
    if (!this.format.named) throw new TypeError("collect() needs named events ({ event, data })");
    const collected: EventData<TEvent, N>[] = [];
    for await (const { event, data } of this as AsyncIterable<{ event: string; data: unknown }>) {
      if ((names as string[]).includes(event)) collected.push(data as EventData<TEvent, N>);
    }
    return collected;
  }

  private async *decode(source: AsyncIterable<ServerSentEvent>): AsyncGenerator<TEvent, void, undefined> {
    const { named, doneData = [], done = [], errors = [], final = [], errorProperty } = this.format;
    for await (const frame of source) {
      const name = frame.event ?? "message";
      if (doneData.includes(frame.data) || (named && done.includes(name))) {
        this.ended = true;
        return;
      }
      if (!named && frame.data === "") continue;
      const data = this.parse(frame.data, name);
      if (errors.includes(name) || (!named && errorProperty !== undefined && hasValue(data, errorProperty)))
        throw new StreamError({ ...this.info(), event: name, data });
      if (!named) {
        yield data as TEvent;
        continue;
      }
      if (final.includes(name)) this.last = { value: data as TFinal };
      yield { event: name, data } as TEvent;
    }
    this.ended = true;
  }

  private parse(text: string, event: string): unknown {
    try {
      return this.format.parse ? this.format.parse(text, event) : (JSON.parse(text) as unknown);
    } catch (error) {
      throw new ResponseBodyError(`Invalid JSON in the data of a "${event}" event`, { ...this.info(), cause: error });
    }
  }

  /** The request and response, as errors report them; the URL without its query, which may hold credentials. */
  private info(): RequestErrorInit & ResponseInfo {
    const { method, response, requestId } = this.origin;
    const url = response.url.replace(/[?#].*$/s, "");
    return { method, url, status: response.status, headers: response.headers, requestId };
  }
}

/** Whether `data` is an object with a value (not null or undefined) under `key`. */
function hasValue(data: unknown, key: string): boolean {
  return typeof data === "object" && data !== null && (data as Record<string, unknown>)[key] != null;
}
