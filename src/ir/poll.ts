/**
 * Polling: an operation that starts work (a run) and the operation that reports how it stands (get
 * the run), read from the `x-codegen-poll` extension. Target-neutral: operationIds, parameter
 * names, property names and status values as the spec gives them.
 */
import type { ParameterLocation, Scalar } from "./types.js";

/**
 * Where a value comes from, as an OpenAPI runtime expression says (Link objects): a parameter or the
 * body of the request that started the work, or the body or a header of its response.
 */
export type PollSource =
  /** `$request.path.<name>` (also `query`, `header`, `cookie`): a parameter of the starting request. */
  | { readonly from: "request"; readonly in: ParameterLocation; readonly name: string }
  /** `$request.body#/<pointer>`: a value in the starting request's body (`[]` for the whole body). */
  | { readonly from: "request"; readonly in: "body"; readonly pointer: string[] }
  /** `$response.body#/<pointer>`: a value in the starting response's body. */
  | { readonly from: "response"; readonly in: "body"; readonly pointer: string[] }
  /** `$response.header.<name>`: a header of the starting response. */
  | { readonly from: "response"; readonly in: "header"; readonly name: string };

/** One parameter of the status operation and where its value comes from. */
export interface PollArgument {
  /** The status operation's parameter (its name and location, as declared). */
  readonly name: string;
  readonly in: ParameterLocation;
  readonly source: PollSource;
}

/** How to wait for the work an operation starts. */
export interface Poll {
  /** The operationId of the operation that reports the work's state (its success body has `status`). */
  readonly operationId: string;
  /** The status operation's parameters and their values, in the order the extension gives them. */
  readonly arguments: PollArgument[];
  /** The property of the status operation's response body that holds the status. */
  readonly status: string;
  /** The statuses that mean "not done yet"; every other status ends the poll. */
  readonly pending: Scalar[];
  /** A response header in which the server suggests the wait before the next check, in milliseconds. */
  readonly hintHeader?: string;
}
