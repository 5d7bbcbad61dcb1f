/** The breaking-change report: what changed in a generated client's API, and the semver verdict. */

/** How much a change matters to code using the client, in semver terms. */
export type Severity = "major" | "minor" | "patch";

/** What happened to a symbol or one of its members. */
export type ChangeKind =
  | "removed"
  | "renamed"
  | "added"
  | "became-required"
  | "became-optional"
  | "narrowed"
  | "widened"
  | "changed"
  | "docs";

/** One change, at one place of the API. */
export interface ApiChange {
  severity: Severity;
  kind: ChangeKind;
  /** The exported symbol (function, type or value) the change is in. */
  symbol: string;
  /**
   * Where in it: `createRun(params.body.model)` for an input, `(await getRun()).status` for an
   * output, `RunObject.status` for a member of a type, or the symbol itself.
   */
  path: string;
  /** A short human explanation. */
  reason: string;
}

/** The result of comparing two generated clients. */
export interface DiffReport {
  /** The highest severity of any change; `patch` when nothing in the API changed. */
  verdict: Severity;
  /** Every change, sorted by severity (major first), symbol, path and kind. */
  changes: ApiChange[];
}

const RANK: Record<Severity, number> = { major: 0, minor: 1, patch: 2 };

/** Whether `severity` is at least as severe as `threshold`. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return RANK[severity] <= RANK[threshold];
}

/** Sorts changes deterministically, drops exact duplicates and works out the verdict. */
export function finishReport(changes: ApiChange[]): DiffReport {
  const seen = new Set<string>();
  const unique = changes.filter((c) => {
    const key = JSON.stringify([c.severity, c.kind, c.symbol, c.path, c.reason]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  unique.sort(
    (a, b) =>
      RANK[a.severity] - RANK[b.severity] ||
      compare(a.symbol, b.symbol) ||
      compare(a.path, b.path) ||
      compare(a.kind, b.kind) ||
      compare(a.reason, b.reason),
  );
  const verdict = unique.reduce<Severity>((worst, c) => (RANK[c.severity] < RANK[worst] ? c.severity : worst), "patch");
  return { verdict, changes: unique };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
