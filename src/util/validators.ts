import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/**
 * Ajv standalone validators the build writes to `<package>/dist/validators/<name>.cjs`
 * (scripts/validators.mjs): loading one is much faster than compiling its schema. Undefined when
 * the build has not run; callers then compile the schema themselves (same options).
 */
export function builtValidators(name: string): unknown {
  // src/util/validators.ts and dist/util/validators.js both sit two folders below the package.
  const file = fileURLToPath(new URL(`../../dist/validators/${name}.cjs`, import.meta.url));
  return existsSync(file) ? (createRequire(import.meta.url)(file) as unknown) : undefined;
}
