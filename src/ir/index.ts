/** The IR: types and the passes that finish a model after parsing. */
export type * from "./types.js";
export { allocateNames, operationsOf } from "./naming.js";
