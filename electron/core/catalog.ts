// @process: core
// Non-secret metadata on disk: a versioned JSON file written atomically with mode 0600. It holds
// what listing needs so that listing never touches the keychain.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isAscii } from 'node:buffer';
import { writeFileAtomic } from './atomic-file';
import { isCatalogFile } from './catalog-record';
import { encodeAccount } from './keychain';
import type { TokenSummary } from '../shared/model';

/** Version 2 names a record's keychain entry only when it is not the one the record's own fields
 * make; version 1 named it in every record (half the file). Both are read; 2 is written. */
export const CATALOG_VERSION = 2;
export const CATALOG_VERSIONS_READ: readonly number[] = [1, 2];
export const CATALOG_FILE = 'catalog.json';

/** A record as stored: the summary, where its secret is when that is not the usual place (see
 * keychainAccountOf), and a fingerprint of the secret (a hash, for finding duplicates). Its
 * fields are checked by catalog-record.ts. */
export type CatalogRecord = TokenSummary & { keychainAccount?: string; fingerprint?: string };

/** The keychain account name a record's secret is under. Usually the one encodeAccount makes
 * from the record's id, service, label, account and addedAt — every add and every move (a rename)
 * stores the secret under exactly that — so the record need not carry it; one that names another
 * (an entry adopted from the keychain under an older encoding, a secret replaced while its label
 * or account changed) carries it. Derived on use, not on load: a 10,000-token list never computes it. */
export function keychainAccountOf(r: CatalogRecord): string {
  return r.keychainAccount ?? usualAccount(r);
}

const usualAccount = (r: CatalogRecord) => encodeAccount({ id: r.id, service: r.service, label: r.label, account: r.account, addedAt: r.addedAt });

/** `r` changed by `patch`, its secret where it was: a new label or account does not move the
 * keychain entry by itself (TokenStore.update moves it, then says where with withKeychainAccount). */
export function patched(r: CatalogRecord, patch: Partial<TokenSummary>): CatalogRecord {
  return { ...r, ...patch, keychainAccount: keychainAccountOf(r) };
}

/** `r` with its secret under `account` (where a move put it, or as a file named it): the name is
 * kept in the record only when it is not the usual one. */
export function withKeychainAccount(r: CatalogRecord, account: string): CatalogRecord {
  const { keychainAccount: _old, ...rest } = r;
  return account === usualAccount(rest) ? rest : { ...rest, keychainAccount: account };
}

/** The file's text: compact JSON, with every character past ASCII written as a \u escape. A file
 * of ASCII alone is read as a one-byte string, which decodes and parses about twice as fast as the
 * same text with a single "…" in it (every preview has one); any JSON reader reads it the same.
 * Not indented: the indentation was a sixth of the file, and at 10,000 tokens the compact file
 * parses in three quarters of the time (docs/architecture.md, "Start-up"). One JSON.stringify of
 * the whole: a call per record takes far longer. */
export function catalogText(records: readonly CatalogRecord[]): string {
  const text = JSON.stringify({ version: CATALOG_VERSION, tokens: records });
  return text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) + '\n';
}

/** What crosses the contract: the record without where its secret is or its fingerprint. */
export function toSummary(r: CatalogRecord): TokenSummary {
  const { keychainAccount: _k, fingerprint: _f, ...summary } = r;
  return summary;
}

export type LoadResult =
  | { state: 'ok'; records: CatalogRecord[] }
  | { state: 'missing' }
  | { state: 'corrupt'; reason: string };

export class Catalog {
  readonly file: string;
  constructor(readonly dataDir: string) {
    this.file = path.join(dataDir, CATALOG_FILE);
  }

  /** The bytes last read or written and their records: a read that finds the same bytes (the
   * usual case under the write lock, where every change re-reads the file) skips the parse. */
  private last: { bytes: Buffer; records: CatalogRecord[] } | null = null;

  load(): LoadResult {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(this.file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
      return { state: 'corrupt', reason: `it could not be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
    }
    if (this.last && bytes.equals(this.last.bytes)) return { state: 'ok', records: this.last.records };
    let json: unknown;
    try {
      // A file written by an older version may hold UTF-8 past ASCII; it is read as UTF-8.
      json = JSON.parse(isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8'));
    } catch {
      return { state: 'corrupt', reason: 'it is not valid JSON' };
    }
    if (!isCatalogFile(json, CATALOG_VERSIONS_READ)) return { state: 'corrupt', reason: 'its contents do not match the catalog format' };
    const records = json.tokens as CatalogRecord[];
    this.last = { bytes, records };
    return { state: 'ok', records };
  }

  /** Changes whenever the file is replaced (every save renames a new file in), or null if absent. */
  stamp(): string | null {
    try {
      const st = fs.statSync(this.file);
      return `${st.ino}:${st.mtimeMs}:${st.size}`;
    } catch {
      return null;
    }
  }

  save(records: CatalogRecord[]): void {
    // A record read from a version-1 file names its usual entry: dropped on the first write.
    const stored = records.map((r) => (r.keychainAccount === undefined ? r : withKeychainAccount(r, r.keychainAccount)));
    const bytes = Buffer.from(catalogText(stored), 'latin1');
    writeFileAtomic(this.file, bytes);
    this.last = { bytes, records: stored };
  }

  /** Moves a corrupt catalog aside (kept for the person to inspect) and returns its new path. */
  setAside(now: Date): string {
    const aside = path.join(this.dataDir, `catalog.corrupt-${now.toISOString().replace(/[:.]/g, '-')}.json`);
    fs.renameSync(this.file, aside);
    return aside;
  }
}
