import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, vi } from "vitest";
import { tempFiles } from "../helpers.js";

export const root = resolve(import.meta.dirname, "../..");
export const bin = join(root, "bin", "codegen.js");
const run = promisify(execFile);

// Each test spawns the real CLI, several times; on a loaded machine that takes far longer than the default.
vi.setConfig({ testTimeout: 180_000 });

/** The environment the CLI runs in: without npm's markers, so hints say `codegen`, unless a test sets them. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  if (extra.npm_command === undefined) delete env.npm_command;
  return env;
}

/** Runs the built CLI (npm test builds first) in `cwd`; never throws. */
export async function codegen(
  args: string[],
  cwd = root,
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd, env: cliEnv(env) });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

export const petstore = {
  openapi: "3.0.3",
  info: { title: "Pets", version: "1" },
  servers: [{ url: "https://pets.example/v1" }],
  paths: {
    "/pets/{id}": {
      get: {
        operationId: "getPet",
        tags: ["pets"],
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          "200": {
            description: "ok",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } },
          },
        },
      },
    },
  },
  components: { schemas: { Pet: { type: "object", required: ["name"], properties: { name: { type: "string" } } } } },
};

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(cleanups.map((c) => c()));
});

/** A temporary folder with these files, removed after the test file. */
export async function workspace(files: Record<string, string | object>): Promise<string> {
  const { dir, cleanup } = await tempFiles(files);
  cleanups.push(cleanup);
  return dir;
}

/** Waits (polling) until `predicate` holds; fails with `what` and the output so far. */
export async function waitFor(predicate: () => boolean, what: string, output: () => string): Promise<void> {
  for (let i = 0; i < 400 && !predicate(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!predicate()) throw new Error(`timed out waiting for ${what}; output so far:\n${output()}`);
}
