/**
 * The types of stream functions, checked by the compiler against generated/openai: the plain
 * function's body rejects `stream: true`, the stream function's body has no flag, events narrow by
 * their `event` name, `final()` is the run and `collect()` takes only the stream's event names. Each `@ts-expect-error` line is also compiled
 * without its comment, and must then be an error at that very line.
 */
import { join } from "node:path";
import { expect, it } from "vitest";
import { freshDir, runTsc, STRICT_OPTIONS, TIMEOUT_MS, TMP, writeJson, writeText } from "./support.js";

const SNIPPET = `import {
  createChatCompletion,
  createChatCompletionStream,
  createClient,
  createRun,
  createRunStream,
  type MessageObject,
  type RunObject,
  StreamError,
} from "../../../../generated/openai/index.js";

const client = createClient({ apiKey: "k" });
const path = { thread_id: "thread_1" };

await createRun(client, { path, body: { assistant_id: "a" } });
await createRun(client, { path, body: { assistant_id: "a", stream: false } });
await createRun(client, { path, body: { assistant_id: "a", stream: null } });
// @ts-expect-error the plain function answers with JSON: it takes no stream: true
await createRun(client, { path, body: { assistant_id: "a", stream: true } });
const flag: boolean = Math.random() > 0.5;
// @ts-expect-error nor a flag that may be true
await createRun(client, { path, body: { assistant_id: "a", stream: flag } });
// @ts-expect-error the same for chat completions
await createChatCompletion(client, { body: { model: "m", messages: [], stream: true } });

const stream = await createRunStream(client, { path, body: { assistant_id: "a" } });
// @ts-expect-error the stream function sets the flag itself
await createRunStream(client, { path, body: { assistant_id: "a", stream: true } });
for await (const event of stream) {
  if (event.event === "thread.message.delta") console.log(event.data.delta.content);
  else if (event.event === "thread.run.completed") console.log(event.data.status);
  // @ts-expect-error error and done events are never yielded (they throw or end the loop)
  else if (event.event === "error") console.log(event.data);
}
const run: RunObject = await stream.final();
console.log(run.id, stream.requestId, stream.response.status);
const again = await createRunStream(client, { path, body: { assistant_id: "a" } });
const messages: MessageObject[] = await again.collect("thread.message.completed");
console.log(messages[0]?.content);
// @ts-expect-error only the stream's event names can be collected
await again.collect("thread.message.nope");
const chunks = await createChatCompletionStream(client, { body: { model: "m", messages: [] } });
// @ts-expect-error chunk events have no names: nothing to collect
await chunks.collect("chunk");
try {
  await stream.final();
} catch (error) {
  if (error instanceof StreamError) console.log(error.event, error.data, error.status);
}
`;

async function check(name: string, source: string, extra: Record<string, unknown> = {}) {
  const dir = freshDir(join(TMP, "streams", name));
  writeText(join(dir, "example.ts"), `export {};\n${source}`);
  writeJson(join(dir, "package.json"), { type: "module" });
  writeJson(join(dir, "tsconfig.json"), {
    compilerOptions: { ...STRICT_OPTIONS, module: "NodeNext", moduleResolution: "NodeNext", ...extra },
    files: ["example.ts"],
  });
  return runTsc(["-p", join(dir, "tsconfig.json")]);
}

it(
  "stream functions and the plain function's flag type-check as intended",
  async () => {
    const result = await check("expected", SNIPPET);
    expect(result.output).toBe("");

    // Without the comments, each marked line is an error (so none of them passes by accident).
    const lines = `export {};\n${SNIPPET}`.split("\n");
    const marked = lines.flatMap((line, i) => (line.includes("@ts-expect-error") ? [i + 2] : []));
    const bare = await check("bare", SNIPPET.replaceAll(/\/\/ @ts-expect-error.*$/gm, "// (no expectation)"));
    const errorLines = [...new Set(bare.diagnostics.map((d) => d.line))].sort((a, b) => a - b);
    expect(marked.length).toBe(7);
    expect(errorLines).toEqual(marked);
  },
  TIMEOUT_MS,
);
