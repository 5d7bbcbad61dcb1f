/**
 * What an operation's function sends and returns, decided once from the IR: the preferred request
 * body, the success type and how to read it, the error body type, the event stream.
 */
import type { Operation, RequestBodyContent, ResponseContent, TypeExpr } from "../../ir/types.js";

/** What the emitter decided about an operation's response. */
export interface ResponsePlan {
  /** The success body type; undefined when no success response has a body. */
  type: TypeExpr | undefined;
  /** Some success responses have no body, so the result may be `undefined`. */
  mayBeEmpty: boolean;
  responseType: ResponseContent["kind"];
  errorType: TypeExpr | undefined;
}

export function unionOf(types: readonly TypeExpr[]): TypeExpr | undefined {
  const members = dedupe(types);
  return members.length <= 1 ? members[0] : { kind: "union", members };
}

/** Decides the success type, how to read it, and the error body type (from the IR's roles and chosen contents). */
export function planResponse(op: Operation): ResponsePlan {
  const chosen = op.responses.filter((r) => r.role === "success").map((r) => r.chosen);
  const present = chosen.filter((c): c is ResponseContent => c !== undefined);
  const responseType = present.some((c) => c.kind === "json") ? "json" : (present[0]?.kind ?? "void");
  const type = unionOf(present.filter((c) => c.kind === responseType).map((c) => c.type));
  const errorType = unionOf(
    op.responses
      .filter((r) => r.role === "error")
      .map((r) => r.chosen)
      .filter((c): c is ResponseContent => c !== undefined && (c.kind === "json" || c.kind === "text"))
      .map((c) => c.type),
  );
  return { type, mayBeEmpty: type !== undefined && present.length < chosen.length, responseType, errorType };
}

export function dedupe(types: readonly TypeExpr[]): TypeExpr[] {
  const seen = new Set<string>();
  return types.filter((t) => {
    const key = JSON.stringify(t);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The request body content the function sends. */
export function chooseBody(op: Operation): RequestBodyContent | undefined {
  return op.requestBody?.chosen;
}

/** True when the params object must be passed (something in it is required). */
export function paramsRequired(op: Operation): boolean {
  return op.parameters.some((p) => p.required) || op.requestBody?.required === true;
}

/** The params argument's name: `_params` when the function has nothing to read from it (clean under noUnusedParameters). */
export function paramsName(op: Operation): "params" | "_params" {
  return op.parameters.length === 0 && !op.requestBody ? "_params" : "params";
}

/** The request body contents in the order offered: the preferred one first, then the others as declared. */
export function bodyContents(op: Operation): RequestBodyContent[] {
  const preferredBody = chooseBody(op);
  if (!preferredBody || !op.requestBody) return [];
  const seen = new Set<string>();
  return [preferredBody, ...op.requestBody.contents].filter((c) => {
    const key = c.mediaType.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The data type of an operation's event stream, when it is more than plain text. */
export function planStream(op: Operation): TypeExpr | undefined {
  return unionOf(op.events?.data ?? []);
}
