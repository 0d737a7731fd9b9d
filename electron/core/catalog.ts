// @process: core
// Non-secret metadata on disk: a versioned JSON file written atomically with mode 0600. It holds
// what listing needs so that listing never touches the keychain.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file';
import { SERVICES, TOKEN_KINDS } from '../shared/services';
import type { TokenSummary } from '../shared/model';

export const CATALOG_VERSION = 1;
export const CATALOG_FILE = 'catalog.json';

const recordSchema = z
  .object({
    id: z.string(),
    service: z.enum(SERVICES),
    kind: z.enum(TOKEN_KINDS),
    label: z.string(),
    account: z.string().optional(),
    scopes: z.array(z.string()).optional(),
    flags: z.array(z.string()).optional(),
    recordId: z.string().optional(),
    userId: z.string().optional(),
    issuedBy: z.string().optional(),
    portalUrl: z.string().optional(),
    subjectUsers: z.array(z.object({ id: z.string(), note: z.string() })).optional(),
    preview: z.string(),
    addedAt: z.string(),
    verifiedAt: z.string().optional(),
    verification: z
      .object({ state: z.enum(['valid', 'invalid', 'forbidden']), detail: z.string(), at: z.string() })
      .optional(),
    /** What the service last said (TokenSummary.server). Only a copy of the server's answer: one
     * this version cannot read is dropped, never a reason to call the catalog damaged. */
    server: z
      .discriminatedUnion('service', [
        z
          .object({
            service: z.literal('synapse'),
            at: z.string(),
            state: z.enum(['ACTIVE', 'EXPIRED', 'gone']),
            name: z.string().optional(),
            createdOn: z.string().optional(),
            lastUsed: z.string().optional(),
          })
          .passthrough(),
        z.object({ service: z.literal('syncano'), at: z.string() }).passthrough(),
      ])
      .optional()
      .catch(undefined),
    /** Where the vault wrote the token (TokenSummary.usedIn; never the value). A list this version
     * cannot read is dropped like `server`: it is a note about files, not the token itself. */
    usedIn: z
      .array(z.object({ kind: z.literal('synapseConfig'), path: z.string(), section: z.string(), at: z.string() }).passthrough())
      .optional()
      .catch(undefined),
    /** A rotation's journal on the old token (TokenSummary.rotation, docs/rotate.md). */
    rotation: z
      .object({ stage: z.enum(['creating', 'rotated-out']), at: z.string(), successorId: z.string().optional(), successorName: z.string().optional() })
      .passthrough()
      .optional()
      .catch(undefined),
    /** The keychain account name under which the secret is stored. */
    keychainAccount: z.string(),
  })
  .passthrough();
export type CatalogRecord = TokenSummary & { keychainAccount: string; fingerprint?: string };

const fileSchema = z.object({ version: z.literal(CATALOG_VERSION), tokens: z.array(recordSchema) });

export type LoadResult =
  | { state: 'ok'; records: CatalogRecord[] }
  | { state: 'missing' }
  | { state: 'corrupt'; reason: string };

export class Catalog {
  readonly file: string;
  constructor(readonly dataDir: string) {
    this.file = path.join(dataDir, CATALOG_FILE);
  }

  load(): LoadResult {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
      return { state: 'corrupt', reason: `it could not be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { state: 'corrupt', reason: 'it is not valid JSON' };
    }
    const parsed = fileSchema.safeParse(json);
    if (!parsed.success) return { state: 'corrupt', reason: 'its contents do not match the catalog format' };
    return { state: 'ok', records: parsed.data.tokens as CatalogRecord[] };
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
    writeFileAtomic(this.file, JSON.stringify({ version: CATALOG_VERSION, tokens: records }, null, 2) + '\n');
  }

  /** Moves a corrupt catalog aside (kept for the person to inspect) and returns its new path. */
  setAside(now: Date): string {
    const aside = path.join(this.dataDir, `catalog.corrupt-${now.toISOString().replace(/[:.]/g, '-')}.json`);
    fs.renameSync(this.file, aside);
    return aside;
  }
}
