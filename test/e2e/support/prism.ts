import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { resolve } from "node:path";

/** A running Prism mock server. */
export interface PrismServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  /** Everything Prism printed so far (stdout and stderr), for diagnostics. */
  readonly output: () => string;
  /** Stops Prism and every process it started; resolves once it has exited. */
  stop(): Promise<void>;
}

export interface StartPrismOptions {
  /** The OpenAPI document to mock. */
  spec: string;
  /** The project root (where `node_modules/.bin/prism` lives). */
  cwd: string;
  /** How long to wait for "Prism is listening" (default 60 s). */
  readyTimeoutMs?: number;
  /** Extra CLI arguments, e.g. `["--dynamic"]`. */
  args?: readonly string[];
}

/** Finds a free TCP port on 127.0.0.1 by listening on port 0 and closing again. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      if (address === null || typeof address === "string") {
        server.close();
        reject(new Error("could not read the port of a port-0 listener"));
        return;
      }
      server.close(() => resolvePort(address.port));
    });
  });
}

const READY = /Prism is listening on (http:\/\/\S+)/;
/** Prism's CLI colours its output when it thinks it has a terminal. */
const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * Starts `prism mock --errors` on a free port of 127.0.0.1 in its own process group, and waits
 * until it says it is listening. Throws (after killing it) when it exits or times out first.
 */
export async function startPrism(options: StartPrismOptions): Promise<PrismServer> {
  const port = await freePort();
  const bin = resolve(options.cwd, "node_modules/.bin/prism");
  const child = spawn(
    bin,
    ["mock", "--errors", "-h", "127.0.0.1", "-p", String(port), ...(options.args ?? []), options.spec],
    {
      cwd: options.cwd,
      // Its own process group, so that stop() can kill Prism and anything it forks.
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    },
  );
  let output = "";
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const server: PrismServer = {
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: () => stopGroup(child, exited),
  };

  try {
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`Prism did not start within ${options.readyTimeoutMs ?? 60_000} ms:\n${tail(output)}`)),
        options.readyTimeoutMs ?? 60_000,
      );
      const onData = (chunk: Buffer): void => {
        output += chunk.toString("utf8").replace(ANSI, "");
        if (READY.test(output)) {
          clearTimeout(timer);
          ready();
        }
      };
      child.stdout?.on("data", onData);
      child.stderr?.on("data", onData);
      child.once("error", (error) => {
        clearTimeout(timer);
        fail(error);
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        fail(new Error(`Prism exited (code ${code}, signal ${signal}) before listening:\n${tail(output)}`));
      });
    });
    // "listening" is printed just before the socket accepts: confirm with a real request.
    await waitForHttp(server.url, 10_000);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** Polls `url` until any HTTP response arrives. */
async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`Prism at ${url} does not answer`, { cause: error });
      await new Promise((wait) => setTimeout(wait, 100));
    }
  }
}

/** SIGTERM to the whole process group, SIGKILL after 5 s; resolves when the leader has exited. */
async function stopGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-pid, signal);
    } catch {
      // Already gone.
    }
  };
  if (child.exitCode === null && child.signalCode === null) signalGroup("SIGTERM");
  let timer: ReturnType<typeof setTimeout> | undefined;
  const killed = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((done) => {
      timer = setTimeout(() => done(true), 5_000);
    }),
  ]);
  clearTimeout(timer);
  if (killed) {
    signalGroup("SIGKILL");
    await exited;
  }
  // Children of the leader that ignored SIGTERM: make sure the group is gone.
  signalGroup("SIGKILL");
  child.stdout?.destroy();
  child.stderr?.destroy();
}

function tail(text: string, lines = 30): string {
  return text.split("\n").slice(-lines).join("\n");
}
