/**
 * Validation: the spec is checked against the official JSON Schema of its OpenAPI version (2.0, 3.0,
 * 3.1, 3.2; the schemas maintained with @seriousme/openapi-schema-validator, run by Ajv). What breaks
 * it becomes warnings with the place, grouped and capped (see messages.ts): a user learns what is
 * wrong with the spec, while Codegen still generates what it can. Errors that stop generation are
 * thrown by the adapters, where they are found.
 */
import type { ValidateFunction } from "ajv";
import type { Warning } from "../../util/errors.js";
import { builtValidators } from "../../util/validators.js";
import { isObject } from "../context.js";
import { compileSchema, type SchemaVersion } from "./compile.js";
import { warningsFromErrors } from "./messages.js";

/** The OpenAPI version whose schema applies to `root`, or undefined (the adapters report that). */
export function schemaVersion(root: unknown): SchemaVersion | undefined {
  if (!isObject(root)) return undefined;
  if (String(root.swagger).trim() === "2.0" || root.swagger === 2) return "2.0";
  const match = typeof root.openapi === "string" ? /^3\.([0-3])\./.exec(root.openapi.trim()) : null;
  return match ? (`3.${match[1]}` as "3.0" | "3.1" | "3.2") : undefined;
}

/** Validates a spec document (the root file, after overlays); returns warnings located in `file`. */
export function validateSpec(root: unknown, file: string): Warning[] {
  const version = schemaVersion(root);
  if (version === undefined) return [];
  const validate = load(version);
  // "swagger: 2.0" unquoted in YAML is a number; the adapters accept it, so the schema check does too.
  const document = isObject(root) && root.swagger === 2 ? { ...root, swagger: "2.0" } : root;
  if (validate(document)) return [];
  return warningsFromErrors(validate.errors ?? [], { file, version, document });
}

/** The validator of one version: built (dist/validators/openapi-<version>.cjs), else compiled now. */
function load(version: SchemaVersion): ValidateFunction {
  return (builtValidators(`openapi-${version}`) as ValidateFunction | undefined) ?? compileSchema(version).validate;
}
