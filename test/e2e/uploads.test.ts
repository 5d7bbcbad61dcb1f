/**
 * Multipart uploads and binary downloads through the generated OpenAI client, against a local
 * server that parses what it receives with the standard Request/FormData API.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openai } from "./support/fresh-openai.js";

// Run against a fresh generation (support/fresh-openai.ts), typed through the committed copy.
const { createClient, createFile, createSpeech, createTranscription } = openai;

let server: Server;
let baseUrl = "";
let lastForm: FormData | undefined;
let lastContentType = "";

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = await readBody(req);
    lastContentType = req.headers["content-type"] ?? "";
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    if (path === "/v1/files" || path === "/v1/audio/transcriptions") {
      lastForm = await new Request("http://local/", {
        method: "POST",
        headers: { "content-type": lastContentType },
        body: new Uint8Array(body),
      }).formData();
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        path === "/v1/files"
          ? JSON.stringify({
              id: "file-1",
              object: "file",
              bytes: 5,
              created_at: 1,
              filename: "data.jsonl",
              purpose: "fine-tune",
              status: "uploaded",
            })
          : JSON.stringify({ text: "hello" }),
      );
    } else if (path === "/v1/audio/speech") {
      res.writeHead(200, { "content-type": "audio/mpeg" });
      res.end(Buffer.from([0xff, 0xfb, 0x90, 0x00]));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("uploads and downloads", () => {
  it("createFile sends multipart/form-data with the file part and its name", async () => {
    const client = createClient({ baseUrl, apiKey: "sk-test" });
    const file = new File(['{"prompt": "hi"}\n'], "data.jsonl", { type: "application/jsonl" });
    const result = await createFile(client, { body: { file, purpose: "fine-tune" } });
    expect(result.id).toBe("file-1");
    expect(lastContentType).toMatch(/^multipart\/form-data; boundary=/);
    const part = lastForm?.get("file");
    expect(part).toBeInstanceOf(File);
    expect((part as File).name).toBe("data.jsonl");
    expect(await (part as File).text()).toBe('{"prompt": "hi"}\n');
    expect(lastForm?.get("purpose")).toBe("fine-tune");
  });

  it("createTranscription sends arrays as repeated parts", async () => {
    const client = createClient({ baseUrl, apiKey: "sk-test" });
    await createTranscription(client, {
      body: {
        file: new Blob([new Uint8Array([1, 2, 3])], { type: "audio/wav" }),
        model: "whisper-1",
        "timestamp_granularities[]": ["word", "segment"],
      },
    });
    expect(lastForm?.getAll("timestamp_granularities[]")).toEqual(["word", "segment"]);
    expect(lastForm?.get("model")).toBe("whisper-1");
    expect((lastForm?.get("file") as File | null)?.size).toBe(3);
  });

  it("createSpeech returns the binary body as a Blob", async () => {
    const client = createClient({ baseUrl, apiKey: "sk-test" });
    const audio = await createSpeech(client, { body: { model: "tts-1", input: "Hello", voice: "alloy" } });
    expect(audio).toBeInstanceOf(Blob);
    expect([...new Uint8Array(await audio.arrayBuffer())]).toEqual([0xff, 0xfb, 0x90, 0x00]);
    expect(lastContentType).toBe("application/json");
  });
});
