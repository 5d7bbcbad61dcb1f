/**
 * The runtime names an API module imports besides its models (emit/hbs/view-models.ts writes the
 * imports; names.ts keeps these names free, so no model or operation shadows them).
 */
import { RUNTIME_FUNCTIONS } from "./runtime-functions.js";

export const API_MODULE_IMPORTS = {
  /** Type-only, from `../core/client.js`, in every module. */
  client: ["ApiPromise", "Client", "RequestOptions"],
  /** From `../core/paginate.js`, in a module with a paginated operation. */
  pagination: ["paginate", "type Paginator"],
  /**
   * From `../core/stream.js`, in a module with a stream function (with the stream types below, as
   * its functions need, and `WithoutFlag` where a body flag asks for the stream).
   */
  stream: ["toEventStream"],
  streamFlag: ["type WithoutFlag"],
  /** The stream types, as its functions need them: data events, named events, named with `final()` (in this order). */
  streamTypes: ["type EventStream", "type NamedEventStream", "type FinalEventStream"],
  /** From `../core/poll.js`, in a module with an `...AndPoll` helper (`valueAt` only where one reads values). */
  poll: ["poll", "type PollOptions", "valueAt"],
  /** Type-only, from `../core/sse.js`, in a module that reads an event stream. */
  sse: ["ServerSentEvent"],
  /** A value, from `../int64.js`, in a module that reads 64-bit integers as bigint. */
  int64: ["int64Plans"],
} as const;

/** Every name of {@link API_MODULE_IMPORTS} and of the runtime functions operations call (runtime-functions.ts). */
export function apiModuleImportNames(): string[] {
  return [...Object.values(API_MODULE_IMPORTS).flat(), ...Object.keys(RUNTIME_FUNCTIONS)].map((specifier) =>
    specifier.replace(/^type /, ""),
  );
}
