import { typesReaching } from "../../ir/reach.js";
import type { TypeExpr } from "../../ir/types.js";
import { jsonLiteral } from "../../util/escape.js";
import type { ClientType } from "./names.js";

/** The emitter's form of the runtime's `Int64Plan` (templates/runtime/json.ts). */
export type Int64Plan = 1 | string | { p?: Record<string, Int64Plan>; a?: Int64Plan; m?: Int64Plan } | Int64Plan[];

/**
 * Works out where 64-bit integers sit in response types, for clients that read them as `bigint`.
 * Named types that contain one get a registry entry (by type name), so recursive and shared types
 * are described once.
 */
export class Int64Planner {
  /** Named types that hold a 64-bit integer, themselves or through refs. */
  private readonly containing: Set<string>;

  constructor(private readonly byId: Map<string, ClientType>) {
    this.containing = typesReaching([...byId.values()], (expr) => expr.kind === "integer" && expr.int64 === true);
  }

  /** The plan of a type, or undefined when it holds no 64-bit integer. */
  planOf(expr: TypeExpr): Int64Plan | undefined {
    switch (expr.kind) {
      case "integer":
        return expr.int64 ? 1 : undefined;
      case "ref":
        return this.containing.has(expr.target) ? (this.byId.get(expr.target)?.name ?? undefined) : undefined;
      case "array":
        return node({ a: this.planOf(expr.items) });
      case "tuple":
        return node({ a: all([...expr.items, ...(expr.rest ? [expr.rest] : [])].map((t) => this.planOf(t))) });
      case "union":
      case "intersection":
        return all(expr.members.map((m) => this.planOf(m)));
      case "object": {
        const p: Record<string, Int64Plan> = {};
        for (const property of expr.properties) {
          const plan = this.planOf(property.type);
          if (plan !== undefined) p[property.name] = plan;
        }
        return node({
          p: Object.keys(p).length > 0 ? p : undefined,
          m: expr.additional ? this.planOf(expr.additional) : undefined,
        });
      }
      default:
        return undefined;
    }
  }

  /** The registry: a plan for every named type that holds a 64-bit integer, in model order. */
  registry(): [name: string, plan: Int64Plan][] {
    return [...this.byId.values()]
      .filter((t) => this.containing.has(t.id))
      .map((t): [string, Int64Plan] => [t.name, this.planOf(t.type) ?? {}]);
  }
}

/**
 * A plan as TypeScript source. `as const` keeps the `1` markers literal even under keys such as
 * `constructor`, which TypeScript does not type contextually.
 */
export function planLiteral(plan: Int64Plan): string {
  return typeof plan === "object" ? `${jsonLiteral(plan)} as const` : jsonLiteral(plan);
}

function node(parts: {
  p?: Record<string, Int64Plan> | undefined;
  a?: Int64Plan | undefined;
  m?: Int64Plan | undefined;
}): Int64Plan | undefined {
  const out: { p?: Record<string, Int64Plan>; a?: Int64Plan; m?: Int64Plan } = {};
  if (parts.p) out.p = parts.p;
  if (parts.a !== undefined) out.a = parts.a;
  if (parts.m !== undefined) out.m = parts.m;
  return Object.keys(out).length > 0 ? out : undefined;
}

function all(plans: (Int64Plan | undefined)[]): Int64Plan | undefined {
  const present = plans.filter((p): p is Int64Plan => p !== undefined);
  return present.length <= 1 ? present[0] : present;
}
