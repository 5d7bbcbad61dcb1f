/**
 * Binary data as callers hold it, and files for uploads: Blob/File, bytes (Uint8Array and Node's
 * Buffer, other typed arrays, ArrayBuffer), web ReadableStreams and async iterables of bytes (Node
 * streams). Web-standard APIs only; Node's streams are recognised by their shape.
 */

/** Anything the client accepts where the API takes binary data. */
export type BinaryInput =
  | Blob
  | ArrayBuffer
  | ArrayBufferView
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array | string>;

/** Options of {@link toFile}. */
export interface ToFileOptions {
  /** The media type, e.g. `application/pdf`; default: the Blob's own type, else none. */
  type?: string | undefined;
}

/**
 * Turns binary data into a `File` with a name, for multipart uploads: APIs such as OpenAI's decide
 * the file type from the name's extension. Streams are read to the end.
 *
 * @example
 * await createFile(client, { body: { file: await toFile(fs.createReadStream("data.jsonl")), purpose: "fine-tune" } });
 * await createFile(client, { body: { file: await toFile(buffer, "data.jsonl"), purpose: "fine-tune" } });
 */
export async function toFile(
  data: BinaryInput | PromiseLike<BinaryInput>,
  name?: string,
  options: ToFileOptions = {},
): Promise<File> {
  const value = await data;
  const fileName = name ?? nameOf(value) ?? "file";
  const type = options.type ?? (isBlob(value) ? value.type : "");
  const parts =
    isBlob(value) || value instanceof ArrayBuffer
      ? [value]
      : ArrayBuffer.isView(value)
        ? [viewBytes(value)]
        : await readAll(value);
  return new File(parts, fileName, type ? { type } : {});
}

/** True for a `Blob` (and so a `File`). */
export function isBlob(value: unknown): value is Blob {
  return typeof Blob !== "undefined" && value instanceof Blob;
}

/** Whether `value` is a `ReadableStream` (a body that can be read only once), where streams exist. */
export function isReadableStream(value: unknown): value is ReadableStream {
  return typeof ReadableStream !== "undefined" && value instanceof ReadableStream;
}

/** An async iterable that is not a web stream: a Node stream, an async generator of chunks. */
function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === "function"
  );
}

/** Whether `value` is binary data the client can send (strings are not: they are text). */
export function isBinaryInput(value: unknown): value is BinaryInput {
  return (
    isBlob(value) ||
    value instanceof ArrayBuffer ||
    ArrayBuffer.isView(value) ||
    isReadableStream(value) ||
    isAsyncIterable(value)
  );
}

/**
 * Binary data as fetch sends it: Blobs, ArrayBuffers and web streams as they are, typed arrays
 * (Node's Buffer) as plain bytes, and async iterables (Node streams) as web streams.
 */
export function toBodyInit(value: BinaryInput): BodyInit {
  if (isBlob(value) || value instanceof ArrayBuffer || isReadableStream(value)) return value;
  if (ArrayBuffer.isView(value)) return viewBytes(value);
  return iterableStream(value);
}

/** The name of `value` where it has one: a File's name, or the base name of a Node file stream's `path`. */
export function nameOf(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { name, path } = value as { name?: unknown; path?: unknown };
  if (typeof name === "string" && name !== "") return name;
  if (typeof path === "string" && path !== "") return path.split(/[\\/]/).pop() || undefined;
  return undefined;
}

/** A description of `value` for error messages, e.g. `a number`, `a plain object`, `a Map`. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value !== "object") return `a ${typeof value}`;
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor?.name;
  return name && name !== "Object" ? `a ${name}` : "a plain object";
}

/** A copy of the bytes a view covers, in a plain ArrayBuffer (what Blob and fetch take everywhere). */
function viewBytes(view: ArrayBufferView): ArrayBuffer {
  const bytes = new Uint8Array(view.byteLength);
  bytes.set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
  return bytes.buffer as ArrayBuffer;
}

async function readAll(
  source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>,
): Promise<ArrayBuffer[]> {
  const parts: ArrayBuffer[] = [];
  const iterable = isReadableStream(source) ? streamChunks(source) : source;
  for await (const chunk of iterable) parts.push(chunkBytes(chunk));
  return parts;
}

async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array, void, undefined> {
  const reader = stream.getReader();
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) yield read.value;
  } finally {
    reader.releaseLock();
  }
}

function chunkBytes(chunk: unknown): ArrayBuffer {
  if (typeof chunk === "string") return viewBytes(new TextEncoder().encode(chunk));
  if (ArrayBuffer.isView(chunk)) return viewBytes(chunk);
  if (chunk instanceof ArrayBuffer) return chunk;
  throw new TypeError(`A binary stream must yield bytes or strings, got ${describe(chunk)}`);
}

/** An async iterable of chunks as a web ReadableStream, read as fetch pulls it. */
function iterableStream(iterable: AsyncIterable<unknown>): ReadableStream<Uint8Array> {
  const iterator = iterable[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(new Uint8Array(chunkBytes(next.value)));
    },
    async cancel(reason) {
      await iterator.return?.(reason);
    },
  });
}
