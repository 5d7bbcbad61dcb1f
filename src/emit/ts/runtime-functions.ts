/** The runtime functions generated operation code calls, and where each lives. */

/**
 * The runtime functions generated operations call, by the core module that exports them. An
 * operation passes the reader, encoder and serialiser it needs, so a bundler keeps only those.
 */
export const RUNTIME_FUNCTIONS = {
  request: "request",
  readJson: "read",
  readOptionalJson: "read",
  readText: "read",
  readBlob: "read",
  readVoid: "read",
  readEvents: "sse",
  readJsonLines: "sse",
  readInt64Json: "json",
  int64EventData: "json",
  encodeJson: "body",
  encodeText: "body",
  encodeForm: "body",
  encodeMultipart: "body",
  encodeBinary: "body",
  encodeBody: "body",
  styled: "serialize",
} as const;

/** A runtime function generated operations call. */
export type RuntimeFunction = keyof typeof RUNTIME_FUNCTIONS;
