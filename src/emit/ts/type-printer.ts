import type CodeBlockWriter from "code-block-writer";
import type { Discriminator, ObjectType, TypeExpr } from "../../ir/types.js";
import { primitiveLiteral, propertyKey } from "../../util/escape.js";
import { type DocTag, docText } from "../docs.js";
import type { ClientType } from "./names.js";
import { writeDoc } from "./writer.js";

/** Which side of the wire a type describes: readOnly properties vanish from requests, writeOnly from responses. */
export type TypeUsage = "request" | "response" | "model";

/** What the type printer needs to know about its surroundings. */
export interface TypeScope {
  /** The identifier of a named type. */
  nameOf(id: string): string;
  /** A named type's definition (for discriminators). */
  lookup(id: string): ClientType | undefined;
  /** Called with the name of every named type written, so imports can be computed. */
  use(name: string): void;
  usage: TypeUsage;
  /** How 64-bit integers are typed. */
  int64: "number" | "bigint";
}

/** Writes a type expression (multi-line for object literals). */
export function writeType(writer: CodeBlockWriter, expr: TypeExpr, scope: TypeScope): void {
  switch (expr.kind) {
    case "ref": {
      const name = refName(expr.target, scope);
      scope.use(name);
      writer.write(name);
      return;
    }
    case "unknown":
    case "never":
    case "string":
    case "boolean":
    case "null":
    case "number":
      writer.write(expr.kind);
      return;
    case "integer":
      writer.write(expr.int64 && scope.int64 === "bigint" ? "bigint" : "number");
      return;
    case "blob":
      writer.write("Blob");
      return;
    case "literal":
      writer.write(primitiveLiteral(expr.value));
      return;
    case "array":
      writeWrapped(writer, expr.items, scope);
      writer.write("[]");
      return;
    case "tuple":
      writer.write("[");
      expr.items.forEach((item, i) => {
        if (i > 0) writer.write(", ");
        writeType(writer, item, scope);
      });
      if (expr.rest) {
        if (expr.items.length > 0) writer.write(", ");
        writer.write("...");
        writeWrapped(writer, expr.rest, scope);
        writer.write("[]");
      }
      writer.write("]");
      return;
    case "union":
      expr.members.forEach((member, i) => {
        if (i > 0) writer.write(" | ");
        const tag = expr.discriminator && discriminatorValues(expr.discriminator, member, scope);
        writeWrapped(writer, member, scope, tag ? "intersection" : "union");
        if (tag) writer.write(` & { ${propertyKey(tag.property)}: ${tag.values.map(primitiveLiteral).join(" | ")} }`);
      });
      return;
    case "intersection":
      expr.members.forEach((member, i) => {
        if (i > 0) writer.write(" & ");
        writeWrapped(writer, member, scope, expr.kind);
      });
      return;
    case "object":
      writeObject(writer, expr, scope);
      return;
  }
}

/**
 * The discriminator values to pin on a union member, so the union narrows on the property: the
 * mapping's values for the member (parse settles one for every schema member), unless its own
 * property is already a literal.
 */
function discriminatorValues(
  discriminator: Discriminator,
  member: TypeExpr,
  scope: TypeScope,
): { property: string; values: string[] } | undefined {
  if (member.kind !== "ref") return undefined;
  const named = scope.lookup(member.target);
  if (!named) return undefined;
  const own =
    named.type.kind === "object" ? named.type.properties.find((p) => p.name === discriminator.property) : undefined;
  const literal = (t: TypeExpr): boolean =>
    t.kind === "literal" || (t.kind === "union" && t.members.every((m) => m.kind === "literal"));
  if (own && literal(own.type)) return undefined;
  const values = discriminator.mapping.filter((m) => m.target === member.target).map((m) => m.value);
  return values.length > 0 ? { property: discriminator.property, values } : undefined;
}

/** Writes a member type, parenthesised where precedence needs it. */
function writeWrapped(
  writer: CodeBlockWriter,
  expr: TypeExpr,
  scope: TypeScope,
  parent: "array" | "union" | "intersection" = "array",
): void {
  const needsParens =
    (expr.kind === "union" && parent !== "union") || (expr.kind === "intersection" && parent === "array");
  if (needsParens) writer.write("(");
  writeType(writer, expr, scope);
  if (needsParens) writer.write(")");
}

/** The name a ref prints as: the request/response variant where the usage calls for one. */
export function refName(id: string, scope: TypeScope): string {
  const variants = scope.lookup(id)?.variants;
  if (scope.usage === "request" && variants?.input) return variants.input;
  if (scope.usage === "response" && variants?.output) return variants.output;
  return scope.nameOf(id);
}

/** True when a property is part of the type in this usage. */
export function isVisible(property: { readOnly?: boolean; writeOnly?: boolean }, usage: TypeUsage): boolean {
  if (usage === "request") return !property.readOnly;
  if (usage === "response") return !property.writeOnly;
  return true;
}

/** Writes an object literal type `{ ... }`. */
export function writeObject(writer: CodeBlockWriter, expr: ObjectType, scope: TypeScope): void {
  const properties = expr.properties.filter((p) => isVisible(p, scope.usage));
  if (properties.length === 0 && expr.additional === undefined) {
    writer.write("Record<string, never>");
    return;
  }
  if (properties.length === 0 && expr.additional) {
    writer.write("{ [key: string]: ");
    writeType(writer, expr.additional, scope);
    writer.write(" }");
    return;
  }
  writer.write("{").newLine();
  writer.indent(() => writeMembers(writer, expr, scope));
  writer.write("}");
  if (expr.additional && expr.additional.kind !== "unknown") {
    // An index signature must accept every property type; keep both exact with an intersection.
    writer.write(" & { [key: string]: ");
    writeType(writer, expr.additional, scope);
    writer.write(" }");
  }
}

/** Writes the members of an object type (properties, then an `unknown` index signature). */
export function writeMembers(writer: CodeBlockWriter, expr: ObjectType, scope: TypeScope): void {
  for (const property of expr.properties) {
    if (!isVisible(property, scope.usage)) continue;
    const tags: DocTag[] = [];
    if (scope.usage === "model" && property.readOnly) tags.push(["readonly", ""]);
    if (scope.usage === "model" && property.writeOnly) tags.push(["writeonly", ""]);
    writeDoc(writer, docText(property.doc, tags, property.type));
    writer.write(`${propertyKey(property.name)}${property.required ? "" : "?"}: `);
    writeType(writer, property.type, scope);
    writer.write(";").newLine();
  }
  if (expr.additional?.kind === "unknown") writer.writeLine("[key: string]: unknown;");
}
