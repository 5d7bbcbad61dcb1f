import type CodeBlockWriter from "code-block-writer";
import { docText } from "../docs.js";
import type { ClientType } from "./names.js";
import { type TypeScope, writeMembers, writeType } from "./type-printer.js";
import { writeDoc } from "./writer.js";

/**
 * Writes one exported declaration per named type: an interface for plain object types (so
 * every property carries its JSDoc), a type alias for everything else.
 */
export function writeNamedType(writer: CodeBlockWriter, named: ClientType, scope: TypeScope): void {
  writeDeclaration(writer, named.name, named, scope, docText(named.doc, [], named.type));
  const variants: [string | undefined, TypeScope["usage"], string][] = [
    [named.variants?.input, "request", "as sent in requests: without its read-only properties"],
    [named.variants?.output, "response", "as received in responses: without its write-only properties"],
  ];
  for (const [name, usage, what] of variants) {
    if (name === undefined) continue;
    writer.blankLine();
    writeDeclaration(writer, name, named, { ...scope, usage }, `{@link ${named.name}} ${what}.`);
  }
}

function writeDeclaration(
  writer: CodeBlockWriter,
  name: string,
  named: ClientType,
  scope: TypeScope,
  doc: string | undefined,
): void {
  writeDoc(writer, doc);
  const type = named.type;
  const asInterface =
    type.kind === "object" &&
    type.properties.length > 0 &&
    (type.additional === undefined || type.additional.kind === "unknown");
  if (asInterface) {
    writer.write(`export interface ${name} `).inlineBlock(() => writeMembers(writer, type, scope));
    writer.newLine();
    return;
  }
  writer.write(`export type ${name} = `);
  writeType(writer, type, scope);
  writer.write(";").newLine();
}
