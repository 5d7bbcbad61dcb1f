/**
 * The pagination functions of the generated OpenAI client are typed from the spec: iterating one
 * yields the item type, `.pages()` yields typed pages with their response, under the strict
 * consumer settings (exactOptionalPropertyTypes, noUncheckedIndexedAccess, ...).
 */
import { join } from "node:path";
import { expect, it } from "vitest";
import { freshDir, runTsc, STRICT_OPTIONS, TMP, writeJson, writeText } from "./support.js";

const PROGRAM = `
import {
  type AssistantObject,
  createClient,
  type ListAssistantsResponse,
  type MessageObject,
  type Paginator,
  paginateListAssistants,
  paginateListMessages,
  paginateListRunSteps,
  type RunStepObject,
} from "../../../generated/openai/index.js";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_proof?: T): void {}

const client = createClient({ apiKey: "k" });
for await (const assistant of paginateListAssistants(client)) {
  expectType<Equal<typeof assistant, AssistantObject>>();
}
const after: string | undefined = undefined;
const pages = paginateListAssistants(client, { query: { limit: 10, order: "asc", after } }, { signal: AbortSignal.timeout(1000) });
for await (const page of pages.pages()) {
  expectType<Equal<typeof page.items, AssistantObject[]>>();
  expectType<Equal<typeof page.data, ListAssistantsResponse>>();
  expectType<Equal<typeof page.response, Response>>();
  expectType<Equal<typeof page.requestId, string | undefined>>();
  const more: boolean = page.data.has_more;
  void more;
}
const messages: Paginator<MessageObject, unknown> = paginateListMessages(client, { path: { thread_id: "t" } });
for await (const step of paginateListRunSteps(client, { path: { thread_id: "t", run_id: "r" } })) {
  expectType<Equal<typeof step, RunStepObject>>();
}
void messages;
// @ts-expect-error the thread is required
paginateListMessages(client);
// @ts-expect-error the query is typed as listAssistants' own
paginateListAssistants(client, { query: { order: "sideways" } });
`;

it("paginate functions give typed items and pages under strict settings", async () => {
  const dir = freshDir(join(TMP, "pagination-compile"));
  writeText(join(dir, "program.ts"), PROGRAM);
  writeJson(join(dir, "package.json"), { type: "module" });
  writeJson(join(dir, "tsconfig.json"), {
    compilerOptions: {
      ...STRICT_OPTIONS,
      module: "NodeNext",
      moduleResolution: "NodeNext",
      types: ["node"],
    },
    files: ["program.ts"],
  });
  const result = await runTsc(["-p", join(dir, "tsconfig.json")]);
  expect(result.output).toBe("");
}, 60_000);
