/**
 * Diff stage entry point: two generated clients in, a breaking-change report out, decided by
 * TypeScript's checker over both clients' exported functions, types and values (never by comparing
 * their text, which only tells documentation changes from no change at all).
 */
import { Node, type ParameterDeclaration, ts } from "ts-morph";
import type { GeneratedFile } from "../util/files.js";
import { compareTypes, type Role } from "./compare.js";
import { type ApiFunction, type ClientApi, loadClients } from "./project.js";
import { type ApiChange, type DiffReport, finishReport } from "./report.js";

export { type ApiChange, atLeast, type ChangeKind, type DiffReport, type Severity } from "./report.js";

/** Compares two generated clients (the files `generate` returns). Pure. */
export function diffClients(oldFiles: GeneratedFile[], newFiles: GeneratedFile[]): DiffReport {
  const { checker, old, new: current } = loadClients(oldFiles, newFiles);
  const changes: ApiChange[] = [];
  const same = new Map<ts.Type, Set<ts.Type>>();
  const renamed = pairRenamed(old, current);

  for (const [name, before] of old.functions) {
    const after = current.functions.get(name);
    const rename = renamed.get(name);
    if (after) compareFunctions({ checker, changes, same }, before, after);
    else if (rename) {
      changes.push({
        severity: "major",
        kind: "renamed",
        symbol: name,
        path: name,
        reason: `renamed to ${rename.name} (same operation, ${before.operation})`,
      });
      compareFunctions({ checker, changes, same }, before, rename, { renamed: true });
    } else {
      const what = before.operation ? `operation ${before.operation} removed` : "function removed";
      changes.push({ severity: "major", kind: "removed", symbol: name, path: name, reason: what });
    }
  }
  const renamedTo = new Set([...renamed.values()].map((f) => f.name));
  for (const [name, after] of current.functions) {
    if (old.functions.has(name) || renamedTo.has(name)) continue;
    changes.push({
      severity: "minor",
      kind: "added",
      symbol: name,
      path: name,
      reason: after.operation ? `new operation ${after.operation}` : "new function",
    });
  }

  // Types a function signature names are judged through the function; the rest on their own.
  const oldNamers = signatureTypes(old);
  const covered = new Set([...oldNamers.keys(), ...signatureTypes(current).keys()]);
  for (const [name, before] of old.types) {
    const after = current.types.get(name);
    if (!after) {
      // A signature's type goes with its function; while the function stays, code importing the type breaks.
      const kept = oldNamers.get(name)?.every((fn) => current.functions.has(fn)) ?? true;
      if (kept) changes.push({ severity: "major", kind: "removed", symbol: name, path: name, reason: "type removed" });
      continue;
    }
    if (covered.has(name)) continue;
    const count = changes.length;
    // API module types no signature names (`<Op>Error`, `<Op>Event`) and webhook payloads are read, not written.
    const role: Role = /\/(api\/[^/]+|webhooks)\.ts$/.test(before.node.getSourceFile().getFilePath())
      ? "output"
      : "type";
    compareTypes(
      { checker, changes, same, symbol: name, role, place: (suffix) => `${name}${suffix}` },
      before.type,
      after.type,
    );
    if (
      changes.length === count &&
      (before.node.getText() !== after.node.getText() || docs(before.node) !== docs(after.node))
    ) {
      changes.push({
        severity: "patch",
        kind: "docs",
        symbol: name,
        path: name,
        reason: "documentation or spelling changed; the type is the same",
      });
    }
  }
  for (const name of current.types.keys()) {
    if (!old.types.has(name) && !covered.has(name))
      changes.push({ severity: "minor", kind: "added", symbol: name, path: name, reason: "new type" });
  }

  for (const [name, before] of old.values) {
    const after = current.values.get(name);
    if (!after) changes.push({ severity: "major", kind: "removed", symbol: name, path: name, reason: "value removed" });
    else if (statement(before.node).getText() !== statement(after.node).getText()) {
      changes.push({ severity: "patch", kind: "changed", symbol: name, path: name, reason: "value changed" });
    }
  }
  for (const name of current.values.keys()) {
    if (!old.values.has(name))
      changes.push({ severity: "minor", kind: "added", symbol: name, path: name, reason: "new value" });
  }
  return finishReport(changes);
}

/** Removed functions whose operation a new function (of another name) calls: renamed. */
function pairRenamed(old: ClientApi, current: ClientApi): Map<string, ApiFunction> {
  const added = new Map<string, ApiFunction>();
  for (const fn of current.functions.values()) {
    if (!old.functions.has(fn.name) && fn.operation !== undefined && !added.has(fn.operation))
      added.set(fn.operation, fn);
  }
  const pairs = new Map<string, ApiFunction>();
  for (const fn of old.functions.values()) {
    if (current.functions.has(fn.name) || fn.operation === undefined) continue;
    const match = added.get(fn.operation);
    if (match) pairs.set(fn.name, match);
  }
  return pairs;
}

/** What every comparison of one diff shares. */
interface DiffContext {
  checker: ts.TypeChecker;
  changes: ApiChange[];
  same: Map<ts.Type, Set<ts.Type>>;
}

/** Compares the parameters (by position) and the awaited result of two versions of a function. */
function compareFunctions(ctx: DiffContext, before: ApiFunction, after: ApiFunction, how = { renamed: false }): void {
  const { checker, changes, same } = ctx;
  const symbol = after.name;
  const count = changes.length;
  const oldParams = before.node.getParameters();
  const newParams = after.node.getParameters();
  for (let i = 0; i < Math.max(oldParams.length, newParams.length); i++) {
    const a = oldParams[i];
    const b = newParams[i];
    const label = paramName((b ?? a) as ParameterDeclaration);
    const place = (suffix: string) => `${symbol}(${label}${suffix})`;
    if (a && !b)
      changes.push({ severity: "major", kind: "removed", symbol, path: place(""), reason: "parameter removed" });
    else if (!a && b) {
      if (b.isOptional())
        changes.push({ severity: "minor", kind: "added", symbol, path: place(""), reason: "new optional parameter" });
      else
        changes.push({
          severity: "major",
          kind: "became-required",
          symbol,
          path: place(""),
          reason: "new required parameter",
        });
    } else if (a && b) {
      if (a.isOptional() && !b.isOptional())
        changes.push({
          severity: "major",
          kind: "became-required",
          symbol,
          path: place(""),
          reason: "was optional, now required",
        });
      if (!a.isOptional() && b.isOptional())
        changes.push({
          severity: "minor",
          kind: "became-optional",
          symbol,
          path: place(""),
          reason: "was required, now optional",
        });
      compareTypes(
        { checker, changes, same, symbol, role: "input", place },
        declared(checker, a),
        declared(checker, b),
      );
    }
  }
  const result = (fn: ApiFunction) => {
    const type = fn.node.getReturnType().compilerType;
    return checker.getAwaitedType(type) ?? type;
  };
  compareTypes(
    { checker, changes, same, symbol, role: "output", place: (suffix) => `(await ${symbol}())${suffix}` },
    result(before),
    result(after),
  );

  // A renamed function's text differs by its names; its types have been compared above.
  if (changes.length > count || how.renamed) return;
  if (before.node.getText() !== after.node.getText()) {
    changes.push({
      severity: "patch",
      kind: "changed",
      symbol,
      path: symbol,
      reason: "the request it sends changed; its types did not",
    });
  } else if (docs(before.node) !== docs(after.node)) {
    changes.push({ severity: "patch", kind: "docs", symbol, path: symbol, reason: "documentation changed" });
  }
}

/** A parameter's type as written (without the `undefined` an optional one adds). */
function declared(checker: ts.TypeChecker, param: ParameterDeclaration): ts.Type {
  const node = param.getTypeNode();
  return node ? checker.getTypeFromTypeNode(node.compilerNode) : param.getType().compilerType;
}

function paramName(param: ParameterDeclaration): string {
  return param.getName().replace(/^_+/, "");
}

/** Types of API modules (`<Op>Params`, `<Op>Response`) that function signatures name, and the functions naming each. */
function signatureTypes(api: ClientApi): Map<string, string[]> {
  const namers = new Map<string, string[]>();
  for (const fn of api.functions.values()) {
    const nodes = [...fn.node.getParameters().map((p) => p.getTypeNode()), fn.node.getReturnTypeNode()];
    for (const node of nodes) {
      const refs = node ? [node, ...node.getDescendantsOfKind(ts.SyntaxKind.TypeReference)] : [];
      for (const ref of refs) {
        if (!Node.isTypeReference(ref)) continue;
        const name = ref.getTypeName().getText();
        if (!api.types.get(name)?.node.getSourceFile().getFilePath().includes("/api/")) continue;
        namers.set(name, [...(namers.get(name) ?? []), fn.name]);
      }
    }
  }
  return namers;
}

/** The JSDoc of a declaration. */
function docs(node: Node): string {
  const target = statement(node);
  return Node.isJSDocable(target)
    ? target
        .getJsDocs()
        .map((d) => d.getText())
        .join("\n")
    : "";
}

function statement(node: Node): Node {
  return Node.isVariableDeclaration(node) ? (node.getVariableStatement() ?? node) : node;
}
