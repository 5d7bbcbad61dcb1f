/**
 * What an operation's request body and responses mean for a client, decided once for every target:
 * which responses are successes (every 2XX one, else `default`) and which are errors, which content
 * each is read as, and what its event streams carry.
 */
import type { Operation, RequestBodyContent, Response, ResponseContent } from "../ir/types.js";

/** A response as read from the spec, before its role is known. */
export type ResponseDraft = Omit<Response, "role" | "chosen">;

/** The preferred content of a set, by kind order, else the first declared. */
export function preferred<T extends { kind: string }>(contents: readonly T[], order: readonly string[]): T | undefined {
  for (const kind of order) {
    const found = contents.find((c) => c.kind === kind);
    if (found) return found;
  }
  return contents[0];
}

/** The request body content a client sends: JSON, else multipart, form, text, bytes; else the first. */
export function chosenBody(contents: readonly RequestBodyContent[]): RequestBodyContent | undefined {
  return preferred(contents, ["json", "multipart", "form", "text", "binary"]);
}

/** A status key as the IR keeps it: `default` in lower case, anything else upper-cased (`2xx` -> `2XX`). */
export function normalizeStatus(key: string): string {
  return key.toLowerCase() === "default" ? "default" : key.toUpperCase();
}

/** True for a 2XX status (`200`, `2XX`). */
function is2xx(status: string): boolean {
  return status.startsWith("2");
}

/**
 * Settles the responses of an operation: each one's role and chosen content (successes read JSON,
 * else an event stream, text, bytes; errors JSON, else text; else the first declared), and the
 * event streams of the 2XX responses.
 */
export function settleResponses(drafts: readonly ResponseDraft[]): Pick<Operation, "responses" | "events"> {
  const any2xx = drafts.some((r) => is2xx(r.status));
  const responses = drafts.map((draft): Response => {
    const role = is2xx(draft.status) || (!any2xx && draft.status === "default") ? "success" : "error";
    const chosen = preferred(draft.contents, role === "success" ? ["json", "sse", "text", "blob"] : ["json", "text"]);
    return chosen === undefined ? { ...draft, role } : { ...draft, role, chosen };
  });
  const streaming = drafts.filter((r) => is2xx(r.status) && r.contents.some((c) => c.kind === "sse"));
  if (streaming.length === 0) return { responses };
  const streams: ResponseContent[] = streaming.flatMap((r) => r.contents.filter((c) => c.kind === "sse"));
  return {
    responses,
    events: {
      beside: streaming.some((r) => r.contents.some((c) => c.kind !== "sse")),
      data: streams.map((c) => c.type).filter((t) => t.kind !== "string"),
    },
  };
}
