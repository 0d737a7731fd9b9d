// @process: shared
// Compile-time checks that two types are the same, for the places where one fact is written in
// two forms (a zod schema built from a plain description, the catalog's field table beside
// TokenSummary): a difference fails to compile there rather than at run time.

/** True when A and B are the same type — optional and `| undefined` told apart. */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
