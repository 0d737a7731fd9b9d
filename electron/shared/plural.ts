// @process: shared
// Counts in words, for messages the core and the window both write: "1 token", "14 tokens" —
// never "token(s)".
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
