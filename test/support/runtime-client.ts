/**
 * A client of the runtime core for tests that describe requests by hand: `testClient(options)`
 * makes a core client and binds the `request` function to it, and `maxRetries` stands for the
 * standard retry policy (`retry: retries({ maxRetries })`; `0` for none; unset for the default
 * policy, as most retry and hook tests want).
 */
import {
  type ApiPromise,
  type Client,
  type ClientOptions,
  createClient,
  type RequestOptions,
  type RequestSpec,
  request,
  retries,
} from "../../templates/runtime/client.js";

/** Client options, with `maxRetries` for the retry policy. */
export type TestClientOptions = ClientOptions & { maxRetries?: number | undefined };

/** A core client with `request` bound to it. */
export interface TestClient extends Client {
  request<T = unknown>(spec: RequestSpec<unknown>, options?: RequestOptions): ApiPromise<T>;
}

export function testClient(options: TestClientOptions = {}): TestClient {
  const { maxRetries, ...rest } = options;
  const retry = maxRetries === 0 ? undefined : retries(maxRetries === undefined ? {} : { maxRetries });
  const client = createClient({ ...(retry ? { retry } : {}), ...rest });
  return {
    options: client.options,
    request: <T>(spec: RequestSpec<unknown>, requestOptions?: RequestOptions) =>
      request(client, spec as RequestSpec<T>, requestOptions),
  };
}
