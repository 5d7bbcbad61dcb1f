/** The IR: types and the passes that finish a model after parsing. */
import { breakAliasCycles } from "./cycles.js";
import { allocateNames } from "./naming.js";
import type { ApiModel } from "./types.js";

export type * from "./types.js";
export { allocateNames, operationsOf } from "./naming.js";

/** Runs the IR passes over a freshly parsed model: names, then alias-cycle breaking. */
export function finishModel(model: ApiModel, options: { reservedTypes?: string[] } = {}): ApiModel {
  allocateNames(model, options);
  breakAliasCycles(model);
  return model;
}
