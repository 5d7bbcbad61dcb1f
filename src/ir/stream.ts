/**
 * An operation that answers with typed events: when its JSON body asks for them (a boolean flag
 * such as `stream: true`) beside its ordinary JSON answer, or always (its only 2XX answer is a
 * `text/event-stream` whose events have a schema). Target-neutral facts: the flag's property name,
 * the event type, how frames carry events, and which event names or data end the stream, carry an
 * error or carry the final object.
 */
import type { TypeExpr } from "./types.js";

/** How one server-sent event frame carries an event. */
export type StreamFraming =
  /** The frame's `data:` is JSON of the event type (`event:` names, if any, are ignored). */
  | "data"
  /**
   * The event type is a union of `{ event, data }` objects: the frame's `event:` line is the `event`
   * field and its JSON `data:` the `data` field, so events are told apart by `event`.
   */
  | "named";

export interface StreamOperation {
  /**
   * The boolean property of the JSON request body that asks for the stream (`stream`); absent when
   * the operation always answers with events, so that its own function yields them.
   */
  readonly flag?: {
    readonly property: string;
    /** The body schema requires the property. */
    readonly required: boolean;
    /** The property's type allows `null`. */
    readonly nullable: boolean;
  };
  /** The type of one event as a client yields it. */
  readonly event: TypeExpr;
  readonly framing: StreamFraming;
  /** `data:` values that end the stream without being an event (`[DONE]`). */
  readonly doneData: readonly string[];
  /** Event names (named framing) that end the stream without being yielded (`done`). */
  readonly doneEvents: readonly string[];
  /**
   * Event names whose data is an error: the stream fails with it (`error`). With data framing, the
   * frames' `event:` names (an `event: error` frame, as Anthropic's and OpenAI's Responses streams send).
   */
  readonly errorEvents: readonly string[];
  /**
   * Data framing: a property whose presence (not null) in an event's data makes it an error, the
   * stream failing with it (`error`: OpenAI's chat chunks and Ollama's lines report a mid-stream
   * failure so). Only where the event schema declares no such property.
   */
  readonly errorProperty?: string;
  /**
   * The object the stream builds, for clients that want the result rather than the events: the
   * data of the last event named in `events` (named framing). Absent when the stream has none.
   */
  readonly final?: {
    readonly events: readonly string[];
    readonly type: TypeExpr;
  };
}
