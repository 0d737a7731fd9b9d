// @process: renderer
// Under a Synap token: its age against the rotation setting (computed by the vault on its own
// clock), the last verification, and its Subject-Users, each copyable through the vault.
import { useEffect, useState } from 'react';
import type { SynapTokenInfo } from '../../../../electron/shared/contract/synap';
import type { TokenSummary } from '../../../../electron/shared/model';
import { call } from '../../api';
import { formatDateTime, notifyError, showCopied, useBusy, useVaultStore } from '../../ui';
import { SynapCurlDialog } from './SynapCurlDialog';
import './synap.css';
import { RotationNote } from '../../rotate/RotationNote';

const VERIFIED: Record<NonNullable<TokenSummary['verification']>['state'], string> = {
  valid: 'valid',
  invalid: 'not valid (refused by Synap)',
  forbidden: 'valid, but not allowed to make that request',
};

export const ageText = (days: number) => (days === 0 ? 'added today' : days === 1 ? '1 day old' : `${days} days old`);

export function SynapRowDetails({ token }: { token: TokenSummary }) {
  const settings = useVaultStore((s) => s.settings);
  const [info, setInfo] = useState<SynapTokenInfo | null>(null);
  const { busy, run } = useBusy();
  const [curlAs, setCurlAs] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void call('synapTokenInfo', { id: token.id }).then((r) => {
      if (live && r.ok) setInfo(r.value);
    });
    return () => {
      live = false;
    };
    // Settings change the rotation limit and the header name.
  }, [token.id, token.addedAt, settings]);

  const copyId = (subjectUserId: string) =>
    run(async () => {
      const r = await call('synapCopySubjectUser', { id: token.id, subjectUserId });
      if (r.ok) showCopied(r.value, `Subject-User ${subjectUserId}`);
      else notifyError(r.error);
    });

  const copyCurlAs = (subjectUserId: string) => setCurlAs(subjectUserId);

  const subjects = token.subjectUsers ?? [];
  const header = info?.subjectUserHeader ?? null;
  const v = token.verification;

  return (
    <div className="synap-details">
      <RotationNote token={token} />
      {info && (
        <p>
          <span>Age: {ageText(info.ageDays)}</span>
          {info.rotationDue && <span className="synap-flag synap-flag-due">Due for rotation</span>}
        </p>
      )}
      {info?.rotationDue && (
        <p className="field-hint">
          Synap tokens never expire, and this one is older than {info.rotationDays} days. Rotate it: create a new token in the Portal (Settings → Automations →
          API), paste it in Rotate…, then revoke this one.
        </p>
      )}
      {token.issuedBy && <p>Issued by {token.issuedBy}. Without a Subject-User, requests act as this administrator.</p>}
      {token.portalUrl && <p>Portal address: {token.portalUrl}</p>}
      {v && (
        <p className={`synap-verified-${v.state}`}>
          Last verified {formatDateTime(v.at)}: {VERIFIED[v.state]}. {v.detail}
        </p>
      )}
      {subjects.length > 0 && (
        <div>
          <p>
            <strong>Subject-Users</strong> — a request sent with a Subject-User acts as that user, so that user must hold the privileges the request needs.
          </p>
          <ul className="synap-subjects" aria-label={`Subject-Users of ${token.label}`}>
            {subjects.map((s) => (
              <li key={s.id}>
                <code>{s.id}</code>
                {s.note && <span className="synap-subject-note">{s.note}</span>}
                {/* The visible words are the start of the name a screen reader hears (WCAG 2.5.3). */}
                <button type="button" className="button button-small" aria-label={`Copy Subject-User ID ${s.id}`} onClick={() => void copyId(s.id)} aria-disabled={busy || undefined}>
                  Copy Subject-User ID
                </button>
                {header && (
                  <button type="button" className="button button-small" onClick={() => copyCurlAs(s.id)} aria-disabled={busy || undefined}>
                    Copy as curl acting as {s.id}
                  </button>
                )}
              </li>
            ))}
          </ul>
          {info && !header && (
            <p className="field-hint">
              Synap does not publish the name of the header that carries a Subject-User, so “Copy as curl” leaves it out. If your Portal administrator gave
              you the name, set it in Settings → Synap → Subject-User header name.
            </p>
          )}
        </div>
      )}
      {curlAs !== null && <SynapCurlDialog token={token} subjectUserId={curlAs} onClose={() => setCurlAs(null)} />}
    </div>
  );
}
