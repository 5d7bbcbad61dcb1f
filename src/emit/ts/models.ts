import type { CodeBlockWriter } from "ts-morph";
import type { NamedType } from "../../ir/types.js";
import { docText } from "../docs.js";
import { writeMembers, writeType, type TypeScope } from "./type-printer.js";
import { writeDoc } from "./writer.js";

/**
 * Writes one exported declaration per named type: an interface for plain object types (so
 * every property carries its JSDoc), a type alias for everything else.
 */
export function writeNamedType(writer: CodeBlockWriter, named: NamedType, scope: TypeScope): void {
  writeDoc(writer, docText(named.doc));
  const type = named.type;
  const asInterface =
    type.kind === "object" &&
    type.properties.length > 0 &&
    (type.additional === undefined || type.additional.kind === "unknown");
  if (asInterface) {
    writer.write(`export interface ${named.name} `).inlineBlock(() => writeMembers(writer, type, scope));
    writer.newLine();
    return;
  }
  writer.write(`export type ${named.name} = `);
  writeType(writer, type, scope);
  writer.write(";").newLine();
}
