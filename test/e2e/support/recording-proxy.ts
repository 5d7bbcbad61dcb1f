import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** One multipart part, as the proxy saw it. */
export interface RecordedPart {
  /** The part's `name` from its `content-disposition`. */
  name: string;
  /** The part's file name, for file parts. */
  filename?: string;
  /** The part's own content type, if it has one. */
  contentType?: string;
  /** The part's content as UTF-8 text (file contents included; keep test files small). */
  value: string;
}

/** A parsed request body. */
export type RecordedBody =
  | { kind: "none" }
  | { kind: "json"; value: unknown }
  | { kind: "multipart"; parts: RecordedPart[] }
  | { kind: "form"; value: Record<string, string[]> }
  | { kind: "text"; value: string };

/** One request that went through the proxy, and Prism's answer to it. */
export interface RecordedRequest {
  method: string;
  /** The raw request target: path and query, exactly as sent (still percent-encoded). */
  url: string;
  /** The path part of `url`, still encoded. */
  path: string;
  /** The query part of `url` without `?`, still encoded; `""` when there is none. */
  query: string;
  /** Request headers, lower-case names as Node reports them. */
  headers: IncomingHttpHeaders;
  /** The raw body text. */
  rawBody: string;
  body: RecordedBody;
  /** Prism's status code. */
  status: number;
  /** Prism's response body text. */
  responseBody: string;
}

export interface RecordingProxy {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  /** Every request so far, oldest first. */
  readonly requests: RecordedRequest[];
  /** The latest request; throws when there is none. */
  last(): RecordedRequest;
  /** Forgets recorded requests. */
  clear(): void;
  close(): Promise<void>;
}

/**
 * An HTTP proxy on 127.0.0.1 (port chosen by the OS) that records each request and forwards it,
 * unchanged, to `target`, returning the target's response unchanged.
 */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const targetUrl = new URL(target);
  if (targetUrl.hostname !== "127.0.0.1") throw new Error(`refusing to proxy to a non-loopback target: ${target}`);
  const requests: RecordedRequest[] = [];

  const server = createServer((req, res) => {
    void (async () => {
      const raw = await readAll(req);
      const url = req.url ?? "/";
      const queryStart = url.indexOf("?");
      const record: RecordedRequest = {
        method: req.method ?? "",
        url,
        path: queryStart < 0 ? url : url.slice(0, queryStart),
        query: queryStart < 0 ? "" : url.slice(queryStart + 1),
        headers: { ...req.headers },
        rawBody: raw.toString("utf8"),
        body: parseBody(raw, req.headers["content-type"]),
        status: 0,
        responseBody: "",
      };
      requests.push(record);

      const headers: IncomingHttpHeaders = { ...req.headers, host: targetUrl.host };
      const upstream = httpRequest(
        { host: targetUrl.hostname, port: targetUrl.port, method: req.method, path: url, headers },
        (answer) => {
          void readAll(answer).then((body) => {
            record.status = answer.statusCode ?? 0;
            record.responseBody = body.toString("utf8");
            res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
            res.end(body);
          });
        },
      );
      upstream.on("error", (error) => {
        record.status = 502;
        record.responseBody = String(error);
        if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
        res.end(`recording proxy: ${String(error)}`);
      });
      upstream.end(raw);
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(`recording proxy: ${String(error)}`);
    });
  });

  await new Promise<void>((ready, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => ready());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    last() {
      const latest = requests.at(-1);
      if (!latest) throw new Error("the proxy has recorded no request");
      return latest;
    },
    clear() {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((error) => (error ? fail(error) : done()));
        server.closeAllConnections();
      }),
  };
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.once("end", () => done(Buffer.concat(chunks)));
    stream.once("error", fail);
  });
}

function parseBody(raw: Buffer, contentType: string | undefined): RecordedBody {
  if (raw.length === 0) return { kind: "none" };
  const mediaType = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const text = raw.toString("utf8");
  if (mediaType === "application/json" || mediaType.endsWith("+json")) {
    try {
      return { kind: "json", value: JSON.parse(text) as unknown };
    } catch {
      return { kind: "text", value: text };
    }
  }
  if (mediaType === "multipart/form-data") {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? "");
    const marker = boundary?.[1] ?? boundary?.[2];
    if (marker) return { kind: "multipart", parts: parseMultipart(text, marker.trim()) };
  }
  if (mediaType === "application/x-www-form-urlencoded") {
    const value: Record<string, string[]> = {};
    for (const [name, item] of new URLSearchParams(text)) value[name] = [...(value[name] ?? []), item];
    return { kind: "form", value };
  }
  return { kind: "text", value: text };
}

/** A small multipart/form-data reader, enough to check part names, file names and values. */
function parseMultipart(text: string, boundary: string): RecordedPart[] {
  const parts: RecordedPart[] = [];
  for (const chunk of text.split(`--${boundary}`).slice(1)) {
    if (chunk.startsWith("--")) break;
    const body = chunk.replace(/^\r\n/, "").replace(/\r\n$/, "");
    const split = body.indexOf("\r\n\r\n");
    if (split < 0) continue;
    const head = body.slice(0, split);
    const disposition = /content-disposition:[^\r\n]*/i.exec(head)?.[0] ?? "";
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined) continue;
    const part: RecordedPart = { name, value: body.slice(split + 4) };
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    if (filename !== undefined) part.filename = filename;
    const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1];
    if (type !== undefined) part.contentType = type.trim();
    parts.push(part);
  }
  return parts;
}
