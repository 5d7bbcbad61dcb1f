import type CodeBlockWriter from "code-block-writer";
import type { Parameter, ParameterLocation, RequestBodyContent } from "../../ir/types.js";
import { commentText, propertyKey, stringLiteral } from "../../util/escape.js";
import { docText } from "../docs.js";
import type { ClientOperation } from "./names.js";
import { bodyContents } from "./response-plan.js";
import { type TypeScope, writeType } from "./type-printer.js";
import { render, writeDoc } from "./writer.js";

/** The params object's key for each parameter location, and the RequestSpec field it fills. */
export const PARAM_GROUPS: [location: ParameterLocation, key: string, specKey: string][] = [
  ["path", "path", "pathParams"],
  ["query", "query", "query"],
  ["header", "headers", "headers"],
  ["cookie", "cookies", "cookies"],
];

/**
 * Writes `<Op>Params`: path, query, headers and cookies groups, and the body. With several media
 * types, the body is a union over `contentType` (the preferred one may be left out). `jsonBody`
 * rewrites the JSON body's type text (a stream flag's operations: see stream.ts).
 */
export function writeParamsType(
  writer: CodeBlockWriter,
  op: ClientOperation,
  scope: TypeScope,
  jsonBody?: (type: string) => string,
): void {
  const contents = bodyContents(op);
  const requestScope: TypeScope = { ...scope, usage: "request" };
  writeDoc(writer, `Parameters of {@link ${op.name}}.`);
  const groups = PARAM_GROUPS.map(
    ([location, key]) => [key, op.parameters.filter((p) => p.in === location)] as const,
  ).filter(([, params]) => params.length > 0);
  if (groups.length === 0 && contents.length === 0) {
    writer.writeLine(`export type ${op.typeNames.params} = Record<string, never>;`);
    writer.blankLine();
    return;
  }
  const bodyOptional = op.requestBody?.required ? "" : "?";
  const writeBody = (content: RequestBodyContent): void => {
    writeDoc(writer, docText(op.requestBody?.doc ?? {}));
    writer.write(`body${bodyOptional}: `);
    if (jsonBody && content.kind === "json")
      writer.write(jsonBody(render((w) => writeType(w, content.type, requestScope))));
    else writeType(writer, content.type, requestScope);
    writer.write(`${orUndefined(!op.requestBody?.required)};`).newLine();
  };
  const writeGroups = (): void => {
    for (const [key, params] of groups) {
      const required = params.some((p) => p.required);
      writer.write(`${key}${required ? "" : "?"}: `).inlineBlock(() => {
        for (const param of params) writeParam(writer, param, scope);
      });
      writer.write(`${orUndefined(!required)};`).newLine();
    }
  };
  if (contents.length <= 1) {
    writer.write(`export interface ${op.typeNames.params} `).inlineBlock(() => {
      writeGroups();
      if (contents[0]) writeBody(contents[0]);
    });
    writer.blankLine();
    return;
  }
  writer.write(`export type ${op.typeNames.params} =`);
  if (groups.length > 0) {
    writer.write(" ").inlineBlock(writeGroups);
    writer.write(" & (");
  }
  writer.newLine();
  writer.indent(() => {
    contents.forEach((content, i) => {
      writer.write("| ").inlineBlock(() => {
        writeDoc(writer, `Sent as \`${commentText(content.mediaType)}\`${i === 0 ? " (the default)" : ""}.`);
        writer.writeLine(`contentType${i === 0 ? "?" : ""}: ${stringLiteral(content.mediaType)};`);
        writeBody(content);
      });
      if (i < contents.length - 1) writer.newLine();
      else writer.write(groups.length > 0 ? ");" : ";");
    });
  });
  writer.blankLine();
}

function writeParam(writer: CodeBlockWriter, param: Parameter, scope: TypeScope): void {
  writeDoc(writer, docText(param.doc, [], param.type));
  writer.write(`${propertyKey(param.name)}${param.required ? "" : "?"}: `);
  writeType(writer, param.type, { ...scope, usage: "request" });
  writer.write(`${orUndefined(!param.required)};`).newLine();
}

/**
 * ` | undefined` for an optional property, so that `{ after }` with `after: string | undefined`
 * compiles under `exactOptionalPropertyTypes` (the runtime skips undefined values).
 */
function orUndefined(optional: boolean): string {
  return optional ? " | undefined" : "";
}
