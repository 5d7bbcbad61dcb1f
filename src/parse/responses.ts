/**
 * What an operation's request body and responses mean for a client, decided once for every target:
 * which responses are successes (every 2XX one, else `default`) and which are errors, which content
 * each is read as, and what its event streams carry.
 */
import type { Operation, RequestBodyContent, Response, ResponseContent, Status } from "../ir/types.js";

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

/**
 * A status key as data, in any case (`200`, `2xx`, `DEFAULT`); undefined for a key that is none of
 * a code 100-599, a range `1XX`-`5XX` or `default`.
 */
export function parseStatus(key: string): Status | undefined {
  if (/^[1-5][0-9][0-9]$/.test(key)) return { kind: "code", code: Number(key) };
  if (/^[1-5]xx$/i.test(key)) return { kind: "range", class: Number(key[0]) as 1 | 2 | 3 | 4 | 5 };
  if (key.toLowerCase() === "default") return { kind: "default" };
  return undefined;
}

/** True for a 2XX status (`200`, `2XX`). */
function is2xx(status: Status): boolean {
  if (status.kind === "code") return status.code >= 200 && status.code < 300;
  return status.kind === "range" && status.class === 2;
}

/**
 * Settles the responses of an operation: each one's role and chosen content (successes read JSON,
 * else an event stream, text, bytes; errors JSON, else text; else the first declared), and the
 * event streams of the 2XX responses.
 */
export function settleResponses(drafts: readonly ResponseDraft[]): Pick<Operation, "responses" | "events"> {
  const any2xx = drafts.some((r) => is2xx(r.status));
  const responses = drafts.map((draft): Response => {
    const role = is2xx(draft.status) || (!any2xx && draft.status.kind === "default") ? "success" : "error";
    const chosen = preferred(
      draft.contents,
      role === "success" ? ["json", "sse", "jsonl", "text", "blob"] : ["json", "text"],
    );
    return chosen === undefined ? { ...draft, role } : { ...draft, role, chosen };
  });
  // Server-sent events, else JSON lines.
  for (const kind of ["sse", "jsonl"] as const) {
    const streaming = drafts.filter((r) => is2xx(r.status) && r.contents.some((c) => c.kind === kind));
    if (streaming.length === 0) continue;
    const streams: ResponseContent[] = streaming.flatMap((r) => r.contents.filter((c) => c.kind === kind));
    const beside = streaming.some((r) => r.contents.some((c) => c.kind !== kind));
    const data = streams.map((c) => c.type);
    return {
      responses,
      events:
        kind === "sse" ? { beside, data: data.filter((t) => t.kind !== "string") } : { beside, data, lines: true },
    };
  }
  return { responses };
}
