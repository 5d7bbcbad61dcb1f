/**
 * The Markdown reference names each operation's `...AndPoll` helper (test/fixtures/poll.yaml): what
 * it polls, the pending statuses (spec text in code spans), the hint header and its signature.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateDocs } from "../../src/index.js";

const fixture = join(import.meta.dirname, "..", "fixtures", "poll.yaml");

describe("Markdown reference: poll helpers", () => {
  it("has a Polling line on the starting operation's section only", async () => {
    const files = await generateDocs({ input: fixture, output: "out", docs: "docs" });
    const page = (name: string) => files.find((f) => f.path === `api/${name}.md`)?.content ?? "";
    const exportsPage = page("exports");
    expect(exportsPage).toContain(
      '**Polling**: `startExportAndPoll2` sends this request, then calls `getExportState` until `state` is none of `"queued"`, `"it\'s */ running"` (waiting as the `Retry-After-Ms` header says), and returns that state: `function startExportAndPoll2(client: Client, params: StartExportParams, options?: PollOptions): Promise<GetExportStateResponse>`.',
    );
    expect(exportsPage.match(/\*\*Polling\*\*/g)).toHaveLength(1);
    expect(page("status")).toContain(
      "**Polling**: `rebuildAndPoll` sends this request, then calls `getRebuild` until `phase` is none of `1`, `2`, and returns that state: `function rebuildAndPoll(client: Client, params?: RebuildParams, options?: PollOptions): Promise<Rebuild>`.",
    );
  });
});
