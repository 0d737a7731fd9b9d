// @process: renderer
// "Used in": the places the vault wrote a token (a .synapseConfig section today), from its record,
// and — on request — whether each still holds it, read in the main process by fingerprint
// (checkUsedIn). Never a value.
import { useState } from 'react';
import type { PlaceState, UsedInCheck } from '../../../electron/shared/contract/rotate';
import type { TokenSummary, UsedIn } from '../../../electron/shared/model';
import { call } from '../api';
import { formatDateTime, notifyError, useBusy } from '../ui';
import './rotate.css';

const PLACE_WORDS: Record<PlaceState, string> = {
  'holds-this': 'holds this token',
  'holds-other': 'holds another token',
  'no-token': 'holds no token any more',
  'section-gone': 'the section is gone',
  'file-gone': 'the file is gone',
  unreadable: 'cannot be read',
};

export const placeWords = (u: Pick<UsedIn, 'path' | 'section'>) => `[${u.section}] in ${u.path}`;

function checkWords(c: UsedInCheck): string {
  if (c.state === 'holds-other' && c.other) return `holds another token (“${c.other.label}”)`;
  return PLACE_WORDS[c.state];
}

export function UsedInList({ token }: { token: TokenSummary }) {
  const [checks, setChecks] = useState<UsedInCheck[] | null>(null);
  const { busy, run } = useBusy();
  const places = token.usedIn ?? [];
  if (!places.length) return null;
  const check = () =>
    run(async () => {
      const r = await call('checkUsedIn', { id: token.id });
      if (r.ok) setChecks(r.value);
      else notifyError(r.error);
    });
  const stateOf = (u: UsedIn) => checks?.find((c) => c.path === u.path && c.section === u.section);
  return (
    <div className="used-in">
      <div className="used-in-head">
        <span>Used in</span>
        <button type="button" className="button button-small" onClick={() => void check()} disabled={busy}>
          {busy ? 'Checking…' : 'Check'}
        </button>
      </div>
      <ul aria-label={`Where “${token.label}” is used`}>
        {places.map((u) => {
          const c = stateOf(u);
          return (
            <li key={`${u.path}\n${u.section}`}>
              <code>{placeWords(u)}</code> <span className="used-in-state">(written {formatDateTime(u.at)})</span>
              {c && <span className={`used-in-state used-in-state-${c.state}`}> — {checkWords(c)}{c.detail ? `: ${c.detail}` : ''}</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
