// The local server of `scripts/bench-sdk.mjs`: answers `GET <any prefix>/assistants` with a fixed
// listAssistants page (ASSISTANTS_PAGE of bench-sdk.mjs, which the own-work part's stub fetch sends
// too: two assistants, about 1 KB of JSON) on 127.0.0.1, keep-alive; a request without
// `Authorization: Bearer <key>` (the key is the first argument) gets a 401, anything else a 404.
// It prints its port on the first line of stdout and runs until it is killed.
// Runs in its own process so the clients under test do not share its event loop.
import { createServer } from "node:http";
import { ASSISTANTS_HEADERS, ASSISTANTS_PAGE } from "./bench-sdk.mjs";

const body = Buffer.from(ASSISTANTS_PAGE);

const authorization = `Bearer ${process.argv[2] ?? ""}`;

const server = createServer({ keepAliveTimeout: 120_000 }, (request, response) => {
  // Drain any request body, then answer.
  request.resume();
  const path = (request.url ?? "").split("?")[0] ?? "";
  if (request.headers.authorization !== authorization) {
    response.writeHead(401, { "content-type": "application/json" });
    response.end('{"error":{"message":"bad API key","type":"invalid_request_error"}}');
    return;
  }
  if (request.method === "GET" && path.endsWith("/assistants")) {
    response.writeHead(200, { ...ASSISTANTS_HEADERS, "content-length": body.length });
    response.end(body);
    return;
  }
  response.writeHead(404, { "content-type": "application/json" });
  response.end('{"error":{"message":"not found","type":"invalid_request_error"}}');
});
server.keepAliveTimeout = 120_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`${typeof address === "object" && address !== null ? address.port : 0}\n`);
});
