/** The IR: types and the passes that finish a model after parsing. */
import { breakAliasCycles } from "./cycles.js";
import { allocateNames } from "./naming.js";
import type { Warning } from "../util/errors.js";
import type { ApiModel } from "./types.js";

export type * from "./types.js";
export { allocateNames, operationsOf } from "./naming.js";

/**
 * Runs the IR passes over a freshly parsed model: names, then alias-cycle breaking. What the passes
 * report is appended to `options.warnings`.
 */
export function finishModel(model: ApiModel, options: { reservedTypes?: string[]; warnings?: Warning[] } = {}): ApiModel {
  allocateNames(model, options);
  const warnings = breakAliasCycles(model);
  options.warnings?.push(...warnings);
  return model;
}
