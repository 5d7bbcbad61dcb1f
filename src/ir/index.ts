/** The IR: the target-neutral model of an API (types.ts) and pure queries over it. */

export { typesReaching, walkType } from "./reach.js";
export type * from "./types.js";
export { typesNeedingVariants } from "./variants.js";
