import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { ValidateFunction } from "ajv";

/** The OpenAPI versions with a schema. */
export const SCHEMA_VERSIONS = ["2.0", "3.0", "3.1", "3.2"] as const;
export type SchemaVersion = (typeof SCHEMA_VERSIONS)[number];

type AjvInstance = { addFormat(name: string, format: true): void; compile(schema: object): ValidateFunction };
type AjvClass = new (options: object) => AjvInstance;

/**
 * Compiles the official schema of one OpenAPI version (as maintained in
 * @seriousme/openapi-schema-validator) with Ajv. `source: true` keeps the code for Ajv's standalone
 * output: the build (scripts/validators.mjs) writes it to dist, so a run only loads it.
 */
export function compileSchema(
  version: SchemaVersion,
  options: { source?: boolean } = {},
): { ajv: AjvInstance; validate: ValidateFunction } {
  const require = createRequire(import.meta.url);
  const path = require.resolve(`@seriousme/openapi-schema-validator/schemas/v${version}/schema.json`);
  const schema = JSON.parse(readFileSync(path, "utf8")) as { $schema: string };
  const Ajv = schema.$schema.includes("draft-04")
    ? (require("ajv-draft-04") as { default: AjvClass }).default
    : (require("ajv/dist/2020.js") as { Ajv2020: AjvClass }).Ajv2020;
  // Not strict: the official schemas use keywords Ajv's strict mode rejects. Not validated against
  // the meta-schema: they are known good, and that saves compile time. Verbose: messages show values.
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    verbose: true,
    validateSchema: false,
    logger: false,
    code: { source: options.source === true },
  });
  (require("ajv-formats") as { default: (ajv: AjvInstance) => void }).default(ajv);
  ajv.addFormat("media-range", true);
  return { ajv, validate: ajv.compile(schema) };
}
