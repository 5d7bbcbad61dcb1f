/**
 * The part of JSONPath (RFC 9535) that OpenAPI Overlay targets use: `$`, `.name`, `['name']`,
 * `.*` / `[*]`, `[index]`, `..` (descendants), unions `['a','b']`, and filters `[?expr]` with `@`
 * paths, comparisons (`==`, `!=`, `<`, `<=`, `>`, `>=`) against literals, `&&`, `||`, `!` and
 * parentheses. Evaluation returns every matched node with its parent, for updates and removals.
 */

/** A matched node: the value, where it sits (parent and key), and its normalised path. */
export interface PathMatch {
  value: unknown;
  parent: Record<string, unknown> | unknown[] | undefined;
  key: string | number | undefined;
}

type Selector =
  | { kind: "name"; name: string }
  | { kind: "index"; index: number }
  | { kind: "wildcard" }
  | { kind: "filter"; expr: Expr };

interface Segment {
  descendant: boolean;
  selectors: Selector[];
}

type Expr =
  | { kind: "path"; root: boolean; segments: Segment[] }
  | { kind: "literal"; value: unknown }
  | { kind: "not"; expr: Expr }
  | { kind: "and" | "or"; left: Expr; right: Expr }
  | { kind: "compare"; op: string; left: Expr; right: Expr };

/** A JSONPath the evaluator does not understand. */
export class JsonPathError extends Error {
  override name = "JsonPathError";
}

/** Parses a JSONPath query. */
export function parseJsonPath(query: string): Segment[] {
  const parser = new Parser(query);
  parser.expect("$");
  const segments = parser.segments(false);
  if (!parser.done()) parser.fail("unexpected text");
  return segments;
}

/** Every node `query` selects in `root`, in document order. */
export function queryJsonPath(root: unknown, query: string): PathMatch[] {
  const top: PathMatch = { value: root, parent: undefined, key: undefined };
  return select([top], parseJsonPath(query), top);
}

function select(nodes: PathMatch[], segments: Segment[], root: PathMatch): PathMatch[] {
  let current = nodes;
  for (const segment of segments) {
    const next: PathMatch[] = [];
    for (const node of current) {
      for (const candidate of segment.descendant ? descendants(node) : [node]) {
        for (const selector of segment.selectors) next.push(...apply(selector, candidate, root));
      }
    }
    current = next;
  }
  return current;
}

function children(node: PathMatch): PathMatch[] {
  const { value } = node;
  if (Array.isArray(value)) return value.map((v, i) => ({ value: v, parent: value, key: i }));
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    return Object.keys(record).map((k) => ({ value: record[k], parent: record, key: k }));
  }
  return [];
}

function descendants(node: PathMatch): PathMatch[] {
  const out: PathMatch[] = [node];
  for (const child of children(node)) out.push(...descendants(child));
  return out;
}

function apply(selector: Selector, node: PathMatch, root: PathMatch): PathMatch[] {
  const { value } = node;
  switch (selector.kind) {
    case "wildcard":
      return children(node);
    case "name":
      if (value !== null && typeof value === "object" && !Array.isArray(value) && Object.hasOwn(value, selector.name)) {
        const record = value as Record<string, unknown>;
        return [{ value: record[selector.name], parent: record, key: selector.name }];
      }
      return [];
    case "index": {
      if (!Array.isArray(value)) return [];
      const i = selector.index < 0 ? value.length + selector.index : selector.index;
      return i >= 0 && i < value.length ? [{ value: value[i], parent: value, key: i }] : [];
    }
    case "filter":
      return children(node).filter((child) => test(selector.expr, child, root));
  }
}

const NOTHING = Symbol("nothing");

/** A filter test: a bare path is an existence test (RFC 9535), comparisons compare values. */
function test(expr: Expr, current: PathMatch, root: PathMatch): boolean {
  switch (expr.kind) {
    case "path":
      return select([expr.root ? root : current], expr.segments, root).length > 0;
    case "literal":
      return expr.value !== false && expr.value !== null;
    case "not":
      return !test(expr.expr, current, root);
    case "and":
      return test(expr.left, current, root) && test(expr.right, current, root);
    case "or":
      return test(expr.left, current, root) || test(expr.right, current, root);
    case "compare":
      return compare(expr.op, valueOf(expr.left, current, root), valueOf(expr.right, current, root));
  }
}

/** The value of a comparison operand: a literal, or the single node a path selects (else nothing). */
function valueOf(expr: Expr, current: PathMatch, root: PathMatch): unknown {
  if (expr.kind === "literal") return expr.value;
  if (expr.kind !== "path") return test(expr, current, root);
  const found = select([expr.root ? root : current], expr.segments, root);
  return found.length === 1 ? (found[0] as PathMatch).value : NOTHING;
}

function compare(op: string, a: unknown, b: unknown): boolean {
  if (a === NOTHING || b === NOTHING) return op === "!=" ? a !== b : op === "==" ? a === b : false;
  const equal = JSON.stringify(a) === JSON.stringify(b);
  if (op === "==") return equal;
  if (op === "!=") return !equal;
  const bothNumbers = typeof a === "number" && typeof b === "number";
  const bothStrings = typeof a === "string" && typeof b === "string";
  if (!bothNumbers && !bothStrings) return false;
  const x = a as number | string;
  const y = b as number | string;
  return op === "<" ? x < y : op === "<=" ? x <= y : op === ">" ? x > y : x >= y;
}

class Parser {
  private i = 0;

  constructor(private readonly text: string) {}

  done(): boolean {
    this.space();
    return this.i >= this.text.length;
  }

  fail(what: string): never {
    throw new JsonPathError(`${what} at position ${this.i + 1} of JSONPath ${JSON.stringify(this.text)}`);
  }

  expect(token: string): void {
    this.space();
    if (!this.text.startsWith(token, this.i)) this.fail(`expected "${token}"`);
    this.i += token.length;
  }

  private peek(token: string): boolean {
    this.space();
    return this.text.startsWith(token, this.i);
  }

  private space(): void {
    while (this.i < this.text.length && /\s/.test(this.text.charAt(this.i))) this.i++;
  }

  /** Segments until the text (or, inside a filter, the path) ends. */
  segments(inFilter: boolean): Segment[] {
    const out: Segment[] = [];
    for (;;) {
      if (this.text.startsWith("..", this.i)) {
        this.i += 2;
        out.push({ descendant: true, selectors: this.text.charAt(this.i) === "[" ? this.bracket() : [this.dotName()] });
      } else if (this.text.charAt(this.i) === ".") {
        this.i++;
        out.push({ descendant: false, selectors: [this.dotName()] });
      } else if (this.text.charAt(this.i) === "[") {
        out.push({ descendant: false, selectors: this.bracket() });
      } else {
        return out;
      }
      if (inFilter && /[\s)=!<>&|\]]/.test(this.text.charAt(this.i))) return out;
    }
  }

  private dotName(): Selector {
    if (this.text.charAt(this.i) === "*") {
      this.i++;
      return { kind: "wildcard" };
    }
    const match = /^[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff-]*/.exec(this.text.slice(this.i));
    if (!match) this.fail("expected a name");
    this.i += match[0].length;
    return { kind: "name", name: match[0] };
  }

  private bracket(): Selector[] {
    this.expect("[");
    const selectors: Selector[] = [];
    for (let first = true; first || this.peek(","); first = false) {
      if (!first) this.expect(",");
      this.space();
      const ch = this.text.charAt(this.i);
      if (ch === "*") {
        this.i++;
        selectors.push({ kind: "wildcard" });
      } else if (ch === "'" || ch === '"') {
        selectors.push({ kind: "name", name: this.string() });
      } else if (ch === "?") {
        this.i++;
        selectors.push({ kind: "filter", expr: this.or() });
      } else {
        const match = /^-?\d+/.exec(this.text.slice(this.i));
        if (!match) this.fail("expected a selector");
        this.i += match[0].length;
        selectors.push({ kind: "index", index: Number(match[0]) });
      }
    }
    this.expect("]");
    return selectors;
  }

  private string(): string {
    const quote = this.text.charAt(this.i);
    let out = "";
    for (this.i++; this.i < this.text.length; this.i++) {
      const ch = this.text.charAt(this.i);
      if (ch === quote) {
        this.i++;
        return out;
      }
      if (ch === "\\") {
        this.i++;
        const escaped = this.text.charAt(this.i);
        out += escaped === "n" ? "\n" : escaped === "t" ? "\t" : escaped;
      } else {
        out += ch;
      }
    }
    return this.fail("unterminated string");
  }

  private or(): Expr {
    let left = this.and();
    while (this.peek("||")) {
      this.expect("||");
      left = { kind: "or", left, right: this.and() };
    }
    return left;
  }

  private and(): Expr {
    let left = this.unary();
    while (this.peek("&&")) {
      this.expect("&&");
      left = { kind: "and", left, right: this.unary() };
    }
    return left;
  }

  private unary(): Expr {
    if (this.peek("!") && !this.peek("!=")) {
      this.expect("!");
      return { kind: "not", expr: this.unary() };
    }
    const left = this.primary();
    for (const op of ["==", "!=", "<=", ">=", "<", ">"]) {
      if (this.peek(op)) {
        this.expect(op);
        return { kind: "compare", op, left, right: this.primary() };
      }
    }
    return left;
  }

  private primary(): Expr {
    this.space();
    const ch = this.text.charAt(this.i);
    if (ch === "(") {
      this.expect("(");
      const inner = this.or();
      this.expect(")");
      return inner;
    }
    if (ch === "@" || ch === "$") {
      this.i++;
      return { kind: "path", root: ch === "$", segments: this.segments(true) };
    }
    if (ch === "'" || ch === '"') return { kind: "literal", value: this.string() };
    const match = /^(true|false|null|-?\d+(\.\d+)?([eE][+-]?\d+)?)/.exec(this.text.slice(this.i));
    if (!match) this.fail("expected a value");
    this.i += match[0].length;
    return { kind: "literal", value: JSON.parse(match[0]) as unknown };
  }
}
