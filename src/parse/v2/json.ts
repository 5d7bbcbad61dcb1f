/** A JSON object, of the 2.0 input or of the 3.0 output. */
export type Json = Record<string, unknown>;

/** Sets an own property, even one named `__proto__`. */
export function put(target: Json, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A new object with the same keys as `source`, each value mapped. */
export function mapEntries(source: Json, map: (value: unknown, key: string) => unknown): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(source)) put(out, key, map(value, key));
  return out;
}
