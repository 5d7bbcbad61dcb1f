// The bundle size of a one-call program of a generated client (scripts/lean.mjs --size).
import { relative } from "node:path";

/** The program: a client with base URL, API key and time-out (and `extra` options), and one call. */
const program = (/** @type {string} */ imports, /** @type {string} */ extra) => `
import { createClient, listAssistants${imports} } from "./index.js";
const client = createClient({ baseUrl: "http://127.0.0.1:4010/v1", apiKey: "sk-test", timeoutMs: 30000${extra} });
console.log(await listAssistants(client));
`;

/** The one-call program, then the same with retries, with logging, and a second call that uploads a file. */
export const PROGRAMS = {
  "one call (createClient + listAssistants)": program("", ""),
  "+ retry: retries()": program(", retries", ", retry: retries()"),
  "+ hooks: logging(console)": program(", logging", ", hooks: logging(console)"),
};

/**
 * Bundles and minifies the program `contents` placed in `clientDir`; returns its size and each input module's
 * share of the output, largest first.
 * @param {typeof import("esbuild")} esbuild
 * @param {string} clientDir
 * @param {string} [contents]
 * @returns {Promise<{ bytes: number, modules: [string, number][] }>}
 */
export async function measureSize(esbuild, clientDir, contents = PROGRAMS["one call (createClient + listAssistants)"]) {
  const result = await esbuild.build({
    stdin: { contents, resolveDir: clientDir, sourcefile: "program.ts", loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const [output] = Object.values(result.metafile.outputs);
  const modules = Object.entries(output?.inputs ?? {})
    .map(([file, { bytesInOutput }]) => /** @type {[string, number]} */ ([relative(clientDir, file), bytesInOutput]))
    .sort((a, b) => b[1] - a[1]);
  return { bytes: result.outputFiles[0]?.contents.byteLength ?? 0, modules };
}
