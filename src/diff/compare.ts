/**
 * Compares an old and a new type with TypeScript's checker and records what changed, member by
 * member. What counts as breaking depends on the direction data flows:
 * - `input` (what callers pass): breaking when an old value no longer fits the new type (narrowed,
 *   a property removed or newly required);
 * - `output` (what callers read): breaking when a new value does not fit the old type (widened, a
 *   property removed or now optional);
 * - `type` (an exported type on its own): reported, at most minor; breaking changes show through
 *   the functions that use it.
 */
import { ts } from "ts-morph";
import type { ApiChange, ChangeKind, Severity } from "./report.js";

/** Which way values of the compared type flow. */
export type Role = "input" | "output" | "type";

/** One comparison: the checker, where changes go, and how to spell the place of a member. */
export interface TypeWalk {
  checker: ts.TypeChecker;
  changes: ApiChange[];
  symbol: string;
  role: Role;
  /** Pairs of types known to have no differences, shared by the walks of one diff. */
  same: Map<ts.Type, Set<ts.Type>>;
  /** The place of a member, from its suffix (`""`, `.body.model`, `.data[]`). */
  place(suffix: string): string;
}

/** How deep member paths are followed before a difference is reported where it is. */
const MAX_DEPTH = 12;

/** Records the differences between `before` and `after` at `suffix`; nothing when they are equivalent. */
export function compareTypes(walk: TypeWalk, before: ts.Type, after: ts.Type, suffix = ""): void {
  walkTypes(walk, before, after, suffix, new Map());
}

/** Pairs of types already compared (old -> new -> whether a difference was found). */
type Seen = Map<ts.Type, Map<ts.Type, boolean>>;

/**
 * Returns whether a difference was found (here, or earlier in this walk for the same pair).
 * Types that are assignable both ways are still walked when they have members: a new optional
 * property keeps them so, and is still a (minor) change.
 */
function walkTypes(walk: TypeWalk, before: ts.Type, after: ts.Type, suffix: string, seen: Seen): boolean {
  const { checker } = walk;
  if (before === after) return false;
  const fits = checker.isTypeAssignableTo(before, after);
  const fitsBack = checker.isTypeAssignableTo(after, before);
  const equivalent = fits && fitsBack;
  if (equivalent && (!hasParts(checker, before) || !hasParts(checker, after) || walk.same.get(before)?.has(after)))
    return false;
  const known = seen.get(before)?.get(after);
  if (known !== undefined) return known; // met before in this walk (a recursive or shared type): reported there
  const pairs = seen.get(before) ?? new Map<ts.Type, boolean>();
  pairs.set(after, false);
  seen.set(before, pairs);

  let found = false;
  if (suffix.split(/[.[]/).length <= MAX_DEPTH) {
    if (checker.isArrayType(before) && checker.isArrayType(after)) {
      const [a] = checker.getTypeArguments(before as ts.TypeReference);
      const [b] = checker.getTypeArguments(after as ts.TypeReference);
      if (a && b) found = walkTypes(walk, a, b, `${suffix}[]`, seen);
    } else if (before.isUnion() || after.isUnion()) {
      found = walkUnion(walk, before, after, suffix, seen);
    } else if (isStructured(checker, before) && isStructured(checker, after)) {
      found = walkMembers(walk, before, after, suffix, seen);
    }
  }
  if (!found && !equivalent) {
    reportLeaf(walk, before, after, suffix, fits, fitsBack);
    found = true;
  }
  if (!found) walk.same.set(before, (walk.same.get(before) ?? new Set()).add(after));
  pairs.set(after, found);
  return found;
}

/** Whether a type has parts that can change while it stays assignable both ways. */
function hasParts(checker: ts.TypeChecker, type: ts.Type): boolean {
  return type.isUnion() || checker.isArrayType(type) || isStructured(checker, type);
}

/**
 * Unions member by member: members of the same name (a named type, a literal) are compared with each
 * other; the others are what the union lost (narrowed) or gained (widened).
 */
function walkUnion(walk: TypeWalk, before: ts.Type, after: ts.Type, suffix: string, seen: Seen): boolean {
  const { checker, role } = walk;
  const olds = before.isUnion() ? before.types : [before];
  const news = after.isUnion() ? after.types : [after];
  const key = (t: ts.Type) => checker.typeToString(t, undefined, ts.TypeFormatFlags.NoTruncation);
  const newByKey = new Map(news.map((t) => [key(t), t]));
  const pairs: [ts.Type, ts.Type][] = [];
  const oldOnly: ts.Type[] = [];
  for (const a of olds) {
    const b = newByKey.get(key(a));
    if (b) {
      pairs.push([a, b]);
      newByKey.delete(key(a));
    } else oldOnly.push(a);
  }
  const newOnly = [...newByKey.values()];
  // One anonymous object on each side that changed shape: the same member, changed.
  const [lone] = oldOnly;
  const [other] = newOnly;
  if (
    oldOnly.length === 1 &&
    newOnly.length === 1 &&
    lone &&
    other &&
    isAnonymous(checker, lone) &&
    isAnonymous(checker, other)
  ) {
    pairs.push([lone, other]);
    oldOnly.length = 0;
    newOnly.length = 0;
  }
  let found = false;
  for (const [a, b] of pairs) if (walkTypes(walk, a, b, suffix, seen)) found = true;
  const lost = oldOnly.filter((t) => !checker.isTypeAssignableTo(t, after)).map((t) => show(checker, t));
  const gained = newOnly.filter((t) => !checker.isTypeAssignableTo(t, before)).map((t) => show(checker, t));
  // Between a union and a single type, both sides say more than the members.
  const whole =
    before.isUnion() && after.isUnion() ? undefined : `was ${show(checker, before)}, now ${show(checker, after)}`;
  if (lost.length > 0) {
    const what = whole ?? `no longer ${listed(lost)}`;
    if (role === "input") record(walk, "major", "narrowed", suffix, `accepts less: ${what}`);
    else record(walk, "minor", "narrowed", suffix, `${role === "output" ? "returns" : "holds"} less: ${what}`);
  }
  if (gained.length > 0) {
    const what = whole ?? `now also ${listed(gained)}`;
    if (role === "output") record(walk, "major", "widened", suffix, `may return more: ${what}`);
    else record(walk, "minor", "widened", suffix, `${role === "input" ? "accepts" : "holds"} more: ${what}`);
  }
  return found || lost.length > 0 || gained.length > 0;
}

/** An object type written in place (not a named interface or alias). */
function isAnonymous(checker: ts.TypeChecker, type: ts.Type): boolean {
  return (
    isStructured(checker, type) && type.aliasSymbol === undefined && (type.getSymbol()?.name ?? "__type") === "__type"
  );
}

/** At most 5 union members, joined. */
function listed(members: string[]): string {
  return (members.length > 5 ? [...members.slice(0, 5), `(${members.length - 5} more)`] : members).join(" | ");
}

/** An object (or intersection of objects) with properties to compare one by one. */
function isStructured(checker: ts.TypeChecker, type: ts.Type): boolean {
  if (type.isUnion()) return false;
  if (!(type.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection))) return false;
  if (checker.isArrayType(type) || checker.isTupleType(type)) return false;
  if (type.getCallSignatures().length > 0) return false;
  return checker.getPropertiesOfType(type).length > 0;
}

function walkMembers(walk: TypeWalk, before: ts.Type, after: ts.Type, suffix: string, seen: Seen): boolean {
  const count = walk.changes.length;
  let found = false;
  const { checker, role } = walk;
  const oldProps = new Map(checker.getPropertiesOfType(before).map((p) => [p.name, p]));
  const newProps = new Map(checker.getPropertiesOfType(after).map((p) => [p.name, p]));
  const names = [...new Set([...oldProps.keys(), ...newProps.keys()])].sort();
  for (const name of names) {
    const member = `${suffix}${memberSuffix(name)}`;
    const a = oldProps.get(name);
    const b = newProps.get(name);
    if (a && !b) {
      const reason =
        role === "input"
          ? "no longer accepted (callers passing it no longer compile)"
          : role === "output"
            ? "no longer returned"
            : "property removed";
      record(walk, "major", "removed", member, reason);
    } else if (!a && b) {
      if (role === "input" && !isOptional(b))
        record(walk, "major", "became-required", member, "new required property: every call must pass it");
      else record(walk, "minor", "added", member, isOptional(b) ? "new optional property" : "new property");
    } else if (a && b) {
      const wasOptional = isOptional(a);
      const nowOptional = isOptional(b);
      if (wasOptional && !nowOptional) {
        if (role === "input") record(walk, "major", "became-required", member, "was optional, now required");
        else record(walk, "minor", "became-required", member, "was optional, now always present");
      } else if (!wasOptional && nowOptional) {
        if (role === "output")
          record(walk, "major", "became-optional", member, "was always present, now may be missing");
        else record(walk, "minor", "became-optional", member, "was required, now optional");
      }
      if (walkTypes(walk, declaredType(checker, a), declaredType(checker, b), member, seen)) found = true;
    }
  }
  return found || walk.changes.length > count;
}

/**
 * A property's type as written, without the `undefined` an optional property adds or spells out
 * (`?: T | undefined`, which optional parameters carry for `exactOptionalPropertyTypes`): whether
 * it may be left out is judged by `isOptional`, not through its type.
 */
function declaredType(checker: ts.TypeChecker, property: ts.Symbol): ts.Type {
  const declaration = property.valueDeclaration;
  if (
    declaration &&
    (ts.isPropertySignature(declaration) || ts.isPropertyDeclaration(declaration)) &&
    declaration.type
  ) {
    const type = checker.getTypeFromTypeNode(declaration.type);
    return isOptional(property) ? withoutUndefined(checker, type) : type;
  }
  return checker.getTypeOfSymbol(property);
}

/** A union without its `undefined` member. */
function withoutUndefined(checker: ts.TypeChecker, type: ts.Type): ts.Type {
  if (!type.isUnion()) return type;
  const rest = type.types.filter((member) => (member.flags & ts.TypeFlags.Undefined) === 0);
  if (rest.length === type.types.length || rest.length === 0) return type;
  if (rest.length === 1) return rest[0] as ts.Type;
  // The checker's own union constructor (present at run time, left out of the public typings).
  const union = (checker as unknown as { getUnionType?: (types: ts.Type[]) => ts.Type }).getUnionType;
  return union ? union.call(checker, rest) : type;
}

function isOptional(property: ts.Symbol): boolean {
  return (property.flags & ts.SymbolFlags.Optional) !== 0;
}

/** `.name`, or `["odd name"]` when the name is not an identifier. */
export function memberSuffix(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

function reportLeaf(
  walk: TypeWalk,
  before: ts.Type,
  after: ts.Type,
  suffix: string,
  fits: boolean,
  fitsBack: boolean,
): void {
  const { role } = walk;
  const was = `was ${show(walk.checker, before)}, now ${show(walk.checker, after)}`;
  if (!fits && !fitsBack) {
    record(walk, "major", "changed", suffix, `type changed incompatibly: ${was}`);
  } else if (!fits) {
    // Narrowed: some old values do not fit any more.
    if (role === "input") record(walk, "major", "narrowed", suffix, `accepts less: ${was}`);
    else record(walk, "minor", "narrowed", suffix, `${role === "output" ? "returns" : "holds"} less: ${was}`);
  } else {
    // Widened: some new values do not fit the old type.
    if (role === "output") record(walk, "major", "widened", suffix, `may return more: ${was}`);
    else record(walk, "minor", "widened", suffix, `${role === "input" ? "accepts" : "holds"} more: ${was}`);
  }
}

function show(checker: ts.TypeChecker, type: ts.Type): string {
  const text = checker.typeToString(
    type,
    undefined,
    ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType,
  );
  const line = text.replace(/\s+/g, " ");
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
}

/** Records a change; on a type by itself nothing is more than minor. */
function record(walk: TypeWalk, severity: Severity, kind: ChangeKind, suffix: string, reason: string): void {
  walk.changes.push({
    severity: walk.role === "type" && severity === "major" ? "minor" : severity,
    kind,
    symbol: walk.symbol,
    path: walk.place(suffix),
    reason,
  });
}
