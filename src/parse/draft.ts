/**
 * An IR object while parse builds it: the IR's fields are readonly, so parse fills an object's
 * optional fields on a draft and hands it over complete. Shallow: nested objects are drafted on
 * their own.
 */
export type Draft<T> = { -readonly [K in keyof T]: T[K] };
