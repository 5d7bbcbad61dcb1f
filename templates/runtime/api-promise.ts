import { requestIdOf } from "./read.js";

/** A parsed response body together with the response it came from. */
export interface WithResponse<T> {
  /** The parsed body, as the operation's function returns it. */
  data: T;
  /** The response: status, headers (its body has been read). */
  response: Response;
  /** The server's request id (`x-request-id`, `request-id` or the client's `requestIdHeader`), if it sent one. */
  requestId: string | undefined;
}

/** What an {@link ApiPromise} is made from: the request id is read from the response unless given. */
export interface Sent<T> {
  data: T;
  response: Response;
  requestId?: string | undefined;
}

/**
 * What every operation returns: a promise of the parsed body that can also give the response
 * itself. `await fn(...)` is the body; `await fn(...).withResponse()` is `{ data, response,
 * requestId }`, with `data` typed as the body. The request is sent at once either way.
 *
 * @example
 * const { data: run, response, requestId } = await createRun(client, params).withResponse();
 * console.log(response.status, response.headers.get("openai-processing-ms"), requestId, run.id);
 */
export class ApiPromise<T> implements Promise<T> {
  // A getter on the prototype, not a field every promise defines.
  get [Symbol.toStringTag](): string {
    return "ApiPromise";
  }
  // `declare`d, set once in the constructor: class fields would be defined as `undefined` first, on every call.
  declare private readonly result: Promise<Sent<T>>;
  declare private readonly requestIdHeader: string | undefined;

  /**
   * `result` without a `requestId` gets it from the response's headers (the header
   * `requestIdHeader` names, else `x-request-id`, else `request-id`) when it is asked for: most
   * calls never read it.
   */
  constructor(result: Promise<Sent<T>>, requestIdHeader?: string | undefined) {
    this.result = result;
    this.requestIdHeader = requestIdHeader;
  }

  /** The parsed body together with the response and its request id. */
  withResponse(): Promise<WithResponse<T>> {
    return this.result.then(({ data, response, requestId }) => ({
      data,
      response,
      requestId: requestId ?? requestIdOf(response.headers, this.requestIdHeader),
    }));
  }

  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null | undefined,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null | undefined,
  ): Promise<R1 | R2> {
    // Straight on the result: one promise less per `await` than a body promise in between.
    return this.result.then(
      onFulfilled ? (result) => onFulfilled(result.data) : (result) => result.data as unknown as R1,
      onRejected,
    );
  }

  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null | undefined): Promise<T | R> {
    return this.then(undefined, onRejected);
  }

  finally(onFinally?: (() => void) | null | undefined): Promise<T> {
    return this.then().finally(onFinally);
  }
}
