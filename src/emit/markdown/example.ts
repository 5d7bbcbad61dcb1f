/**
 * An example call of an operation's function, built from its params shape with the required
 * fields only: `const result = await createRun(client, { path: { thread_id: "..." }, body: { ... } });`.
 * Every spec string is written through the TypeScript escaping functions.
 */
import type { TypeExpr } from "../../ir/types.js";
import { primitiveLiteral, propertyKey } from "../../util/escape.js";
import type { ClientOperation, ClientType } from "./client-names.js";
import { bodyContents, PARAM_GROUPS } from "./client-names.js";

/** How many named types deep required fields are filled in before `{}` stands for the rest. */
const MAX_DEPTH = 6;

/** A placeholder value of a type, as TypeScript source. */
function placeholderOf(
  expr: TypeExpr,
  byId: Map<string, ClientType>,
  int64: "number" | "bigint",
  depth: number,
): string {
  switch (expr.kind) {
    case "ref": {
      const named = byId.get(expr.target);
      return named && depth < MAX_DEPTH ? placeholderOf(named.type, byId, int64, depth + 1) : "{}";
    }
    case "string":
      return '"..."';
    case "number":
      return "0";
    case "integer":
      return expr.int64 && int64 === "bigint" ? "0n" : "0";
    case "boolean":
      return "false";
    case "null":
      return "null";
    case "literal":
      return primitiveLiteral(expr.value);
    case "blob":
      return "new Blob([])";
    case "array":
      return "[]";
    case "tuple":
      return `[${expr.items.map((item) => placeholderOf(item, byId, int64, depth)).join(", ")}]`;
    case "union": {
      const member = expr.members.find((m) => m.kind !== "null") ?? expr.members[0];
      return member ? placeholderOf(member, byId, int64, depth) : "null";
    }
    case "intersection":
    case "object": {
      const fields = fieldsOf(expr, byId, int64, depth);
      return fields.length === 0 ? "{}" : `{ ${fields.join(", ")} }`;
    }
    case "unknown":
      return "{}";
    case "never":
      return "undefined as never";
  }
}

/** The required (request-side) fields of an object-like type, as `key: value` source. */
function fieldsOf(expr: TypeExpr, byId: Map<string, ClientType>, int64: "number" | "bigint", depth: number): string[] {
  if (depth >= MAX_DEPTH) return [];
  if (expr.kind === "ref") {
    const named = byId.get(expr.target);
    return named ? fieldsOf(named.type, byId, int64, depth + 1) : [];
  }
  if (expr.kind === "intersection") return expr.members.flatMap((m) => fieldsOf(m, byId, int64, depth));
  if (expr.kind !== "object") return [];
  return expr.properties
    .filter((p) => p.required && !p.readOnly)
    .map((p) => `${propertyKey(p.name)}: ${placeholderOf(p.type, byId, int64, depth)}`);
}

/** The example call, as TypeScript source (the caller puts it in a code block). */
export function exampleCall(
  op: ClientOperation,
  fn: string,
  options: { byId: Map<string, ClientType>; int64: "number" | "bigint"; returnsValue: boolean },
): string {
  const lines: string[] = [];
  for (const [location, key] of PARAM_GROUPS) {
    const required = op.parameters.filter((p) => p.in === location && p.required);
    if (required.length === 0) continue;
    const values = required.map(
      (p) => `${propertyKey(p.name)}: ${placeholderOf(p.type, options.byId, options.int64, 0)}`,
    );
    lines.push(`${key}: { ${values.join(", ")} }`);
  }
  const body = bodyContents(op)[0];
  if (body && op.requestBody?.required) lines.push(`body: ${placeholderOf(body.type, options.byId, options.int64, 0)}`);
  const call = lines.length === 0 ? `${fn}(client)` : `${fn}(client, {\n${lines.map((l) => `  ${l},`).join("\n")}\n})`;
  return `${options.returnsValue ? "const result = " : ""}await ${call};`;
}
