import type { HttpMethod, Operation, Parameter } from "../../ir/types.js";
import { camelCase } from "../../util/case.js";
import { joinPointer } from "../../util/errors.js";
import type { ParseContext } from "../context.js";
import type { Draft } from "../draft.js";
import { readPagination } from "../extensions/pagination.js";
import { readStream } from "../extensions/stream.js";
import type { Located } from "../located.js";
import { settleResponses } from "../responses.js";
import { convertRequestBody, convertResponses } from "./bodies.js";
import { convertParameter } from "./parameters.js";
import { convertSecurity } from "./security.js";
import { operationDoc, warn } from "./support.js";

/** The operationId to use when the spec gives none: method and path (`GET /pets/{id}` -> `getPetsById`). */
export function deriveOperationId(method: string, path: string): string {
  const segments = path
    .split("/")
    .filter(Boolean)
    .map((s) => {
      const param = /^\{(.+)\}$/.exec(s);
      return param ? `By ${param[1] as string}` : s;
    });
  return camelCase([method, ...segments].join(" "));
}

/**
 * The group of an untagged operation: its first path segment that is neither a parameter nor a
 * version or API prefix (`/v1/customers/{id}` -> `customers`), else "default".
 */
export function groupFromPath(path: string): string {
  const segment = path.split("/").find((s) => s !== "" && !s.includes("{") && !/^(v\d+(\.\d+)*|api|rest)$/i.test(s));
  return segment ?? "default";
}

/** One operation: parameters (path-level merged with its own), body, responses, security, docs. */
export function convertOperation(
  ctx: ParseContext,
  path: string,
  method: HttpMethod,
  itemAt: Located,
  opAt: Located,
): Operation {
  const op = opAt.value as Record<string, unknown>;
  const item = itemAt.value as Record<string, unknown>;
  const tags = Array.isArray(op.tags) ? op.tags.filter((t): t is string => typeof t === "string") : [];

  // Path-level parameters, overridden by operation-level ones with the same name and location.
  const byKey = new Map<string, Parameter>();
  for (const [owner, list] of [
    [itemAt, item.parameters],
    [opAt, op.parameters],
  ] as const) {
    if (!Array.isArray(list)) continue;
    list.forEach((raw, i) => {
      const param = convertParameter(ctx, {
        value: raw,
        file: owner.file,
        pointer: joinPointer(owner.pointer, "parameters", i),
      });
      if (param) byKey.set(`${param.in}:${param.name}`, param);
    });
  }
  // Path template names without a declared parameter still need a value.
  for (const match of path.matchAll(/\{([^}]+)\}/g)) {
    const name = match[1] as string;
    if (!byKey.has(`path:${name}`)) {
      warn(
        ctx,
        `Path parameter "${name}" of ${method.toUpperCase()} ${path} is not declared; it is typed as a required string`,
        opAt.pointer,
        opAt.file,
      );
      byKey.set(`path:${name}`, {
        name,
        in: "path",
        required: true,
        type: { kind: "string" },
        style: "simple",
        explode: false,
        allowReserved: false,
        json: false,
        doc: {},
      });
    }
  }

  const operation: Draft<Operation> = {
    operationId:
      typeof op.operationId === "string" && op.operationId.trim() !== ""
        ? op.operationId
        : deriveOperationId(method, path),
    method,
    path,
    group: tags[0] ?? groupFromPath(path),
    tags,
    doc: operationDoc(op),
    parameters: [...byKey.values()],
    ...settleResponses(convertResponses(ctx, opAt)),
  };
  const body = convertRequestBody(ctx, opAt);
  if (body) operation.requestBody = body;
  const stream = readStream(ctx, opAt, operation);
  if (stream) operation.stream = stream;
  const security = convertSecurity(op.security);
  if (security) operation.security = security;
  const pagination = readPagination(ctx, opAt, operation);
  if (pagination) operation.pagination = pagination;
  return operation;
}
