// @process: shared
// What a token id looks like (a randomUUID, or the id a rebuilt keychain entry carries). The
// contract refuses any other as "Unknown token id."; kept apart from the contract's schemas so
// the CLI's fast path can apply the same rule without loading zod.
export const TOKEN_ID = /^[a-z0-9-]{8,64}$/;
