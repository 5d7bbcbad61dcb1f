/**
 * A small HTTP server on 127.0.0.1 for end-to-end tests of the runtime: each request is recorded
 * (method, URL, headers, body) and answered by the test's handler.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** A request as the server received it. */
export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

/** Answers one request; `n` counts the requests this server received, from 0. */
export type Handler = (req: IncomingMessage, res: ServerResponse, n: number, body: Buffer) => void;

export interface LocalServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** What the server received since it started or was last reset. */
  readonly received: Received[];
  /** Replaces the handler and forgets the received requests. */
  reset(handler?: Handler): void;
  close(): Promise<void>;
}

const ok: Handler = (_req, res) => {
  res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
};

/** Starts a server on a free port of 127.0.0.1. */
export async function startServer(handler: Handler = ok): Promise<LocalServer> {
  let current = handler;
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const n = received.length;
      received.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      current(req, res, n, body);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    reset(next = ok) {
      current = next;
      received.length = 0;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The URL of a port on 127.0.0.1 where nothing listens. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return url;
}
