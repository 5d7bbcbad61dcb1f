/**
 * Request and response bodies against a local server: every accepted binary type sent as raw
 * bytes and as a named multipart file (toFile, bare Blobs, Buffers, web and Node streams), a clear
 * TypeError for anything else, and empty or malformed success bodies as ResponseBodyError with
 * status, URL, headers and request id.
 */
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  encodeBinary,
  encodeMultipart,
  type RequestSpec,
  readJson,
  readOptionalJson,
  readVoid,
} from "../../templates/runtime/client.js";
import { ResponseBodyError } from "../../templates/runtime/errors.js";
import { type BinaryInput, toFile } from "../../templates/runtime/files.js";
import { testClient } from "../support/runtime-client.js";
import { type LocalServer, startServer } from "./support/local-server.js";

let server: LocalServer;
let dir: string;

beforeAll(async () => {
  server = await startServer();
  dir = mkdtempSync(join(tmpdir(), "codegen-bodies-"));
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => server.reset());

const TEXT = "line 1\nline 2 héllo\n";
const bytes = () => new TextEncoder().encode(TEXT);
const stream = () =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      const all = bytes();
      controller.enqueue(all.subarray(0, 3));
      controller.enqueue(all.subarray(3));
      controller.close();
    },
  });
async function* generator(): AsyncGenerator<Uint8Array> {
  yield bytes().subarray(0, 5);
  yield bytes().subarray(5);
}
function fileOnDisk(): string {
  const path = join(dir, "notes.jsonl");
  writeFileSync(path, TEXT);
  return path;
}

/** Every binary type the client accepts, made fresh for each use (streams are read once). */
const inputs: [string, () => BinaryInput][] = [
  ["Blob", () => new Blob([TEXT], { type: "text/plain" })],
  ["File", () => new File([TEXT], "given.txt")],
  ["Uint8Array", bytes],
  ["ArrayBuffer", () => bytes().buffer],
  ["Buffer", () => Buffer.from(TEXT)],
  ["DataView", () => new DataView(bytes().buffer)],
  ["ReadableStream", stream],
  ["Node Readable", () => Readable.from([Buffer.from(TEXT)])],
  ["fs.ReadStream", () => createReadStream(fileOnDisk())],
  ["async generator", generator],
];

/** The multipart parts the server received, read with the platform's own parser. */
async function receivedForm(): Promise<FormData> {
  const request = server.received[0];
  if (!request) throw new Error("nothing received");
  return new Response(new Uint8Array(request.body), {
    headers: { "content-type": String(request.headers["content-type"]) },
  }).formData();
}

describe("binary request bodies", () => {
  it.each(inputs)("sends a %s as the raw bytes", async (_name, make) => {
    const spec: RequestSpec = { method: "PUT", path: "/raw", body: make(), encode: encodeBinary, read: readVoid };
    await testClient({ baseUrl: server.url }).request(spec);
    expect(server.received[0]?.body.toString("utf8")).toBe(TEXT);
  });

  it.each([
    ["a number", 42],
    ["a plain object", { a: 1 }],
    ["null", null],
  ])("refuses %s with a clear TypeError before sending", async (name, body) => {
    const spec: RequestSpec = { method: "PUT", path: "/raw", body, encode: encodeBinary, read: readVoid };
    const error = await testClient({ baseUrl: server.url })
      .request(spec)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain(`Buffer`);
    expect((error as Error).message).toContain(`got ${name}`);
    expect(server.received).toHaveLength(0);
  });
});

describe("multipart files", () => {
  const upload = (file: unknown): RequestSpec => ({
    method: "POST",
    path: "/files",
    body: { file, purpose: "assistants" },
    encode: encodeMultipart,
    read: readJson,
  });

  it.each(inputs)("sends a %s as a file part with its bytes, not as JSON text", async (name, make) => {
    await testClient({ baseUrl: server.url }).request(upload(make()));
    const form = await receivedForm();
    const part = form.get("file");
    expect(part).toBeInstanceOf(File);
    expect(await (part as File).text()).toBe(TEXT);
    const expectedName =
      name === "File" ? "given.txt" : name === "Blob" ? "file.txt" : name === "fs.ReadStream" ? "notes.jsonl" : "file";
    expect((part as File).name).toBe(expectedName);
    expect(form.get("purpose")).toBe("assistants");
  });

  it("names a bare Blob after the field and its media type, not `blob`", async () => {
    await testClient({ baseUrl: server.url }).request(upload(new Blob(["x"], { type: "image/png" })));
    const part = (await receivedForm()).get("file") as File;
    expect(part.name).toBe("file.png");
    expect(part.type).toBe("image/png");
  });

  it.each(inputs)("toFile(%s, name, { type }) gives a named, typed File", async (_name, make) => {
    const file = await toFile(make(), "data.jsonl", { type: "application/jsonl" });
    expect(file).toBeInstanceOf(File);
    expect(file.name).toBe("data.jsonl");
    expect(file.type).toBe("application/jsonl");
    expect(await file.text()).toBe(TEXT);
    await testClient({ baseUrl: server.url }).request(upload(file));
    const part = (await receivedForm()).get("file") as File;
    expect([part.name, await part.text()]).toEqual(["data.jsonl", TEXT]);
  });

  it("toFile without a name takes the File's or the stream's own, else `file`", async () => {
    expect((await toFile(new File(["a"], "own.pdf"))).name).toBe("own.pdf");
    expect((await toFile(createReadStream(fileOnDisk()))).name).toBe("notes.jsonl");
    expect((await toFile(bytes())).name).toBe("file");
    expect((await toFile(Promise.resolve(bytes()), "later.txt")).name).toBe("later.txt");
  });

  it("sends each item of an array of binary values as a file part", async () => {
    await testClient({ baseUrl: server.url }).request(upload([bytes(), Buffer.from(TEXT)]));
    const parts = (await receivedForm()).getAll("file");
    expect(parts).toHaveLength(2);
    for (const part of parts) expect(await (part as File).text()).toBe(TEXT);
  });
});

describe("success bodies that cannot be read", () => {
  const get: RequestSpec = { method: "GET", path: "/thing", read: readJson };
  const answer = (status: number, body: string) => (_req: unknown, res: import("node:http").ServerResponse) => {
    res.writeHead(status, { "content-type": "application/json", "x-request-id": "req_abc" }).end(body);
  };

  it.each([
    ["an empty 200", 200, "", /Empty body in the 200 response/],
    ["a blank 200", 200, "  \n", /Empty body in the 200 response/],
    ["malformed JSON", 200, '{"id": ', /Invalid JSON in the 200 response/],
    ["a truncated 201", 201, '{"id": "a"', /Invalid JSON in the 201 response/],
  ])("%s raises ResponseBodyError with status, URL, headers and request id", async (_name, status, body, message) => {
    server.reset(answer(status, body));
    const error = await testClient({ baseUrl: server.url, maxRetries: 0 })
      .request(get)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseBodyError);
    const e = error as ResponseBodyError;
    expect(e.message).toMatch(message);
    expect(e.message).toContain("req_abc");
    expect([e.status, e.url, e.method, e.requestId, e.headers.get("content-type")]).toEqual([
      status,
      `${server.url}/thing`,
      "GET",
      "req_abc",
      "application/json",
    ]);
    expect(server.received).toHaveLength(1);
  });

  it("an empty body is undefined where the spec allows one, and for 204", async () => {
    server.reset(answer(200, ""));
    expect(await testClient({ baseUrl: server.url }).request({ ...get, read: readOptionalJson })).toBeUndefined();
    server.reset((_req, res) => res.writeHead(204).end());
    expect(await testClient({ baseUrl: server.url }).request(get)).toBeUndefined();
  });
});
