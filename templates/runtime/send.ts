/**
 * One call from start to end: the body encoded once, then for each try the credentials, the
 * request, hooks and logs, the fetch (following redirects safely) and the response; between tries
 * the retry rule, the back-off and the call's time-out.
 */
import type { WithResponse } from "./api-promise.js";
import { type AuthParts, authenticate } from "./auth.js";
import { type EncodedBody, encodeBody, isReadableStream } from "./body.js";
import type { ClientOptions, RequestOptions, RequestSpec } from "./client.js";
import { AbortError, RequestError } from "./errors.js";
import { describeHeaders, type HookContext, logLine } from "./hooks.js";
import { type Call, startLifetime, toClientError } from "./lifetime.js";
import { type Redact, redactor } from "./redact.js";
import { type Hop, isRedirect, MAX_REDIRECTS, nextHop } from "./redirect.js";
import { buildHeaders, requestInit } from "./request.js";
import { apiError, eventStream, expectEventStream, readBody, requestIdOf } from "./response.js";
import { isIdempotent, newIdempotencyKey, retryDelayMs, sleep } from "./retry.js";
import { buildPath, serializeQuery } from "./serialize.js";
import { baseUrlFor, sameOriginTarget } from "./servers.js";

/**
 * The default request time-out: one minute. Event streams are covered only until their headers
 * arrive; after that only the caller's signal ends them.
 */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** The default number of retries of a failed request. */
export const DEFAULT_MAX_RETRIES = 2;

/** What stays the same over every try of one call. */
interface CallPlan {
  readonly options: Readonly<ClientOptions>;
  readonly spec: RequestSpec;
  readonly requestOptions: RequestOptions;
  /** The URL without the query. */
  readonly url: string;
  /** The encoded query of a URL the caller gave (`RequestOptions.url`), sent instead of the spec's. */
  readonly givenQuery: string | undefined;
  readonly body: EncodedBody | undefined;
  /** The call's time-out, `0` for none. */
  readonly timeoutMs: number;
  /** When the call's time-out expires (`Date.now()` time), `Infinity` without one. */
  readonly deadline: number;
  readonly idempotencyKey: string | undefined;
}

/** Sends a request, trying it again after a failure where that is safe and the time-out allows. */
export async function send<T>(
  options: Readonly<ClientOptions>,
  spec: RequestSpec,
  requestOptions: RequestOptions,
): Promise<WithResponse<T>> {
  const userSignal = requestOptions.signal;
  const operationUrl = `${baseUrlFor(options, spec.server)}${buildPath(spec.path, spec.pathParams, spec.styles)}`;
  const given = requestOptions.url === undefined ? undefined : sameOriginTarget(requestOptions.url, operationUrl);
  if (typeof given === "string")
    throw new RequestError(`${spec.method} ${operationUrl} was not sent: ${given}`, {
      method: spec.method,
      url: operationUrl,
    });
  const url = given === undefined ? operationUrl : `${given.origin}${given.pathname}`;
  if (userSignal?.aborted) throw new AbortError({ method: spec.method, url, cause: userSignal.reason });

  const timeoutMs = requestOptions.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const body = await encodeBody(spec);
  const plan: CallPlan = {
    options,
    spec,
    requestOptions,
    url,
    givenQuery: given?.search.slice(1),
    body,
    timeoutMs,
    deadline: timeoutMs > 0 ? Date.now() + timeoutMs : Number.POSITIVE_INFINITY,
    idempotencyKey: idempotencyKeyOf(options, spec, requestOptions),
  };
  // A streamed body can be read only once, so such a request is never retried.
  const streamedBody = body !== undefined && isReadableStream(body.body);
  const maxRetries = streamedBody
    ? 0
    : Math.max(0, requestOptions.maxRetries ?? options.maxRetries ?? DEFAULT_MAX_RETRIES);
  const retryContext = { method: spec.method, hasIdempotencyKey: plan.idempotencyKey !== undefined };
  const { hooks } = options;
  for (let retry = 0; ; retry++) {
    const attempt = await prepareAttempt(plan, retry + 1);
    try {
      return await sendOnce<T>(attempt);
    } catch (error) {
      const context = { ...attempt.context, error };
      const forced = (await hooks?.onError?.(context)) === "retry" && !(error instanceof AbortError);
      const computed = retry < maxRetries ? retryDelayMs(error, retry, Math.random, retryContext) : undefined;
      const delay = retry < maxRetries && forced ? (computed ?? 0) : computed;
      // A wait that would outlast the call's time-out is not worth starting.
      if (delay === undefined || Date.now() + delay >= plan.deadline) {
        log(attempt, "error", `${spec.method} ${attempt.call.url} failed: ${String(error)}`);
        throw error;
      }
      log(
        attempt,
        "warn",
        `${spec.method} ${attempt.call.url}: try ${retry + 2} of ${maxRetries + 1} in ${delay} ms after ${String(error)}`,
      );
      await hooks?.onRetry?.({ ...context, delayMs: delay });
      await sleep(delay, userSignal, spec.method, attempt.call.url);
    }
  }
}

/** The header an idempotency key is read from and sent in when the client names none. */
const IDEMPOTENCY_HEADER = "Idempotency-Key";

/**
 * The idempotency key of a call: the caller's (the `idempotencyKey` option, or the header in the
 * request options or the operation's header parameters), else a new one for POST and PATCH when
 * the client names a header.
 */
function idempotencyKeyOf(
  options: Readonly<ClientOptions>,
  spec: RequestSpec,
  requestOptions: RequestOptions,
): string | undefined {
  const header = (options.idempotencyHeader ?? IDEMPOTENCY_HEADER).toLowerCase();
  const given =
    requestOptions.idempotencyKey ??
    new Headers(requestOptions.headers).get(header) ??
    Object.entries(spec.headers ?? {}).find(
      ([name, value]) => name.toLowerCase() === header && value !== undefined,
    )?.[1];
  if (given !== undefined && given !== null) return String(given);
  return options.idempotencyHeader && !isIdempotent(spec.method) ? newIdempotencyKey() : undefined;
}

/** An encoded query without the parameters `names` (credentials the client adds itself). */
function withoutNames(query: string, names: readonly string[]): string {
  const params = new URLSearchParams(query);
  if (!names.some((name) => params.has(name))) return query;
  for (const name of names) params.delete(name);
  return params.toString();
}

/** Everything one try of a request needs. */
interface Attempt {
  readonly plan: CallPlan;
  readonly hop: Hop;
  /** The call as errors report it: its URL without credentials. */
  readonly call: Omit<Call, "lifetime">;
  /** What hooks are told about this try. */
  readonly context: HookContext;
  /** Header names that carried credentials, never logged. */
  readonly secretHeaders: readonly string[];
  readonly redact: Redact;
}

/** Logs a line about a try, redacted, at `level` if the client's logger takes it. */
function log(attempt: Attempt, level: "debug" | "info" | "warn" | "error", message: string): void {
  logLine(attempt.plan.options.logger, attempt.plan.options.logLevel, level, message, attempt.redact);
}

/** Resolves the credentials (again, for every try: a token may have been refreshed) and builds the request. */
async function prepareAttempt(plan: CallPlan, number: number): Promise<Attempt> {
  const { options, spec, requestOptions } = plan;
  const auth: AuthParts = await authenticate(options, spec.security ?? options.security);
  const redact = redactor(auth.secrets, Object.keys(auth.query));
  const query =
    plan.givenQuery === undefined
      ? serializeQuery({ ...spec.query, ...auth.query }, spec.styles)
      : [withoutNames(plan.givenQuery, Object.keys(auth.query)), serializeQuery(auth.query)].filter(Boolean).join("&");
  const fullUrl = query ? `${plan.url}?${query}` : plan.url;
  const headers = buildHeaders({ options, spec, auth, body: plan.body, requestOptions });
  if (plan.idempotencyKey !== undefined)
    headers.set(options.idempotencyHeader ?? IDEMPOTENCY_HEADER, plan.idempotencyKey);
  return {
    plan,
    hop: { url: fullUrl, method: spec.method, headers, body: plan.body },
    context: { method: spec.method, url: fullUrl, attempt: number, headers },
    secretHeaders: Object.keys(auth.headers),
    call: {
      method: spec.method,
      url: redact(fullUrl),
      timeoutMs: plan.timeoutMs,
      userSignal: requestOptions.signal,
      redact,
      requestIdHeader: options.requestIdHeader,
    },
    redact,
  };
}

/** One try: its own share of the time-out, the fetch (following redirects), and reading the response. */
async function sendOnce<T>(attempt: Attempt): Promise<WithResponse<T>> {
  const { plan, hop, call: callInfo, context } = attempt;
  const { hooks } = plan.options;
  await hooks?.onRequest?.(context);
  const lifetime = startLifetime(callInfo.userSignal, Math.max(1, plan.deadline - Date.now()), plan.timeoutMs > 0);
  const call: Call = { ...callInfo, lifetime };
  let streaming = false;
  try {
    lifetime.signal.throwIfAborted();
    log(
      attempt,
      "debug",
      `${call.method} ${call.url} (try ${context.attempt}) ${describeHeaders(hop.headers, attempt.secretHeaders)}`,
    );
    const started = Date.now();
    const response = await fetchFollowingRedirects(plan.options, hop, call);
    const requestId = requestIdOf(response.headers, plan.options.requestIdHeader);
    log(
      attempt,
      "info",
      `${call.method} ${call.url} ${response.status} in ${Date.now() - started} ms${requestId ? ` (request id ${requestId})` : ""}`,
    );
    try {
      await hooks?.onResponse?.({ ...context, response, requestId });
    } catch (error) {
      await response.body?.cancel().catch(() => undefined);
      throw new HookFailure(error);
    }
    if (!response.ok) throw await apiError(response, call);
    if (plan.spec.responseType === "sse") {
      await expectEventStream(response, call);
      streaming = true;
      lifetime.stopTimer();
      return { data: eventStream(response, call) as T, response, requestId };
    }
    return { data: (await readBody(response, plan.spec, call)) as T, response, requestId };
  } catch (error) {
    // A hook's own error is the caller's, not a network failure.
    throw error instanceof HookFailure ? error.error : toClientError(error, call);
  } finally {
    if (!streaming) lifetime.end();
  }
}

/** Carries an error a hook threw through the try's error mapping unchanged. */
class HookFailure {
  readonly error: unknown;

  constructor(error: unknown) {
    this.error = error;
  }
}

/**
 * Fetches with `redirect: "manual"` and follows redirects itself, so that credentials and the
 * client's headers never reach another origin (fetch would forward API-key and custom headers).
 */
async function fetchFollowingRedirects(options: Readonly<ClientOptions>, first: Hop, call: Call): Promise<Response> {
  const fetchFn = options.fetch ?? globalThis.fetch;
  let hop = first;
  for (let redirects = 0; ; redirects++) {
    const response = await fetchFn(hop.url, requestInit(hop.method, hop.headers, hop.body, call.lifetime.signal));
    if (response.type === "opaqueredirect") {
      throw new RequestError(`${call.method} ${call.url} was redirected, and this platform hides where to`, call);
    }
    if (!isRedirect(response)) return response;
    await response.body?.cancel();
    const next = redirects < MAX_REDIRECTS ? nextHop(response, hop) : `more than ${MAX_REDIRECTS} redirects`;
    if (typeof next === "string") throw new RequestError(`${call.method} ${call.url} was not followed: ${next}`, call);
    hop = next;
  }
}
