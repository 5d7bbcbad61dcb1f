/** The API's own conventions that a client follows, beyond what OpenAPI can say. */
export interface Conventions {
  /** The request header that carries an idempotency key (e.g. Stripe's `Idempotency-Key`). */
  readonly idempotencyHeader?: string;
  /** The response header that carries the server's request id, when it is not `x-request-id` or `request-id`. */
  readonly requestIdHeader?: string;
}
