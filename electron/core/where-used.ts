// @process: core
// Where used (docs/architecture.md, "Where used"): every time the vault writes a token somewhere —
// a .synapseConfig section today — the place goes on the token's record (`usedIn`: kind, path,
// section, when; never the value), through the token store's update path under its lock; a
// removal takes it off. A place belongs to one token at a time: writing another token there moves
// it. Whether a place still holds the token is read again from the file, by fingerprint.
import type { PlaceState, UsedInCheck } from '../shared/contract/rotate';
import type { TokenSummary, UsedIn } from '../shared/model';
import { fingerprint, type TokenStore } from './token-store';
import { readSection, type PlaceRead } from './services/synapse/config/place';

/** How each kind of place is read: what it holds, by fingerprint. */
const READERS: Record<UsedIn['kind'], (path: string, section: string) => PlaceRead> = {
  synapseConfig: readSection,
};

export type Place = Pick<UsedIn, 'kind' | 'path' | 'section'>;

export const samePlace = (a: Place, b: Place) => a.kind === b.kind && a.path === b.path && a.section === b.section;

/** Moves places: each of `places` comes off every record that lists it and, when `holderId` is
 * given, goes on that token's record (stamped `at`). One catalog write, under the lock. */
async function movePlaces(tokens: TokenStore, places: Place[], holderId: string | null, at: string): Promise<void> {
  if (!places.length) return;
  await tokens.updateRecords((records) => {
    const patches = new Map<string, { usedIn: UsedIn[] | undefined }>();
    for (const r of records) {
      const was = r.usedIn ?? [];
      const kept = was.filter((u) => !places.some((p) => samePlace(u, p)));
      if (r.id === holderId) patches.set(r.id, { usedIn: [...kept, ...places.map((p) => ({ ...p, at }))] });
      else if (kept.length !== was.length) patches.set(r.id, { usedIn: kept.length ? kept : undefined });
    }
    return patches;
  });
}

/** After the vault wrote token `holderId` into these sections of `path`. */
export function recordWritten(tokens: TokenStore, kind: UsedIn['kind'], path: string, sections: string[], holderId: string, at: string): Promise<void> {
  return movePlaces(tokens, sections.map((section) => ({ kind, path, section })), holderId, at);
}

/** After the vault took the token out of these sections of `path` (import --remove). */
export function recordRemoved(tokens: TokenStore, kind: UsedIn['kind'], path: string, sections: string[]): Promise<void> {
  return movePlaces(tokens, sections.map((section) => ({ kind, path, section })), null, '');
}

/** Forgets places that no longer hold the token (a rotation found them changed by hand). */
export async function forgetPlaces(tokens: TokenStore, id: string, places: Place[]): Promise<void> {
  if (!places.length) return;
  await tokens.updateRecords((records) => {
    const r = records.find((x) => x.id === id);
    if (!r) return new Map();
    const kept = (r.usedIn ?? []).filter((u) => !places.some((p) => samePlace(u, p)));
    return new Map([[id, { usedIn: kept.length ? kept : undefined }]]);
  });
}

/** The fingerprint of a token's secret: the catalog's (no keychain read), else computed from the
 * secret for a record stored before fingerprints were kept. */
export async function fingerprintOf(tokens: TokenStore, id: string): Promise<string> {
  return (await tokens.fingerprints()).get(id) ?? fingerprint(await tokens.secret(id));
}

/** What one place holds, for token `fp`: this token, another (named when the vault holds it), or
 * why none. */
export function describePlace(place: Place, fp: string, byFingerprint: ReadonlyMap<string, TokenSummary>): { state: PlaceState; other?: { id: string; label: string }; detail?: string } {
  const read = READERS[place.kind](place.path, place.section);
  if (read.state !== 'token') return read.detail ? { state: read.state, detail: read.detail } : { state: read.state };
  if (read.fingerprint === fp) return { state: 'holds-this' };
  const other = byFingerprint.get(read.fingerprint);
  return other ? { state: 'holds-other', other: { id: other.id, label: other.label } } : { state: 'holds-other' };
}

/** The vault's tokens by the fingerprint of their secrets. */
export async function tokensByFingerprint(tokens: TokenStore): Promise<Map<string, TokenSummary>> {
  const fps = await tokens.fingerprints();
  const out = new Map<string, TokenSummary>();
  for (const t of await tokens.list()) {
    const fp = fps.get(t.id);
    if (fp) out.set(fp, t);
  }
  return out;
}

/** checkUsedIn: every place the token was written, read now. */
export async function checkUsedIn(tokens: TokenStore, id: string): Promise<UsedInCheck[]> {
  const token = await tokens.get(id);
  if (!token.usedIn?.length) return [];
  const fp = await fingerprintOf(tokens, id);
  const byFp = await tokensByFingerprint(tokens);
  return token.usedIn.map((u) => ({ ...u, ...describePlace(u, fp, byFp) }));
}

/** How a place is named to a person: "[authentication] in /home/ada/.synapseConfig". */
export const placeWords = (p: Place) => `[${p.section}] in ${p.path}`;
