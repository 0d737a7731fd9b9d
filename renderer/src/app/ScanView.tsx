// @process: renderer
// Scan: plaintext tokens in files on this machine (docs/scan.md). Starts a scan of the home
// folder or the folders typed, shows its progress (polling scanStatus), then one row per finding
// with its place, a masked preview and whether the vault holds it, and the actions: add to the
// vault, verify, take it out of a .synapseConfig, open its folder. The window never holds a
// token's value: a finding is its opaque id.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import type { ScanFinding, ScanReport, ScanStatus, ScanVerifyResult } from '../../../electron/shared/contract/scan';
import { KIND_NAMES, SERVICE_NAMES, serviceFacts } from '../../../electron/shared/services';
import { call, type ErrorInfo } from '../api';
import { Busy, confirm, Field, focusLost, FormDialog, notify, notifyError, useBusy } from '../ui';
import './scan.css';

/** How often a running scan is asked for its progress. */
const POLL_MS = 300;

const n = (x: number) => x.toLocaleString();

const STOPPED: Record<NonNullable<ScanReport['stopped']>, string> = {
  cancelled: 'The scan was cancelled: files after that point were not read.',
  time: 'The scan stopped at its time limit: files after that point were not read.',
  entries: 'The scan stopped at its limit of folder entries: files after that point were not read.',
  findings: 'The scan stopped at its limit of findings: files after that point were not read.',
};

function skippedText(r: ScanReport): string {
  const s = r.skipped;
  return [
    s.folders && `${n(s.folders)} folders (dependencies, caches, environments, .git)`,
    s.tooDeep && `${n(s.tooDeep)} folders too deep`,
    s.tooLarge && `${n(s.tooLarge)} files over the size limit`,
    s.binary && `${n(s.binary)} binary files`,
    s.links && `${n(s.links)} links to folders, out of the tree or broken`,
    s.unreadable && `${n(s.unreadable)} unreadable`,
  ]
    .filter(Boolean)
    .join('; ');
}

export function ScanView() {
  const [paths, setPaths] = useState('');
  const [status, setStatus] = useState<ScanStatus | null>(null);
  const [pathError, setPathError] = useState<string | undefined>();
  const [verdicts, setVerdicts] = useState<Record<string, ScanVerifyResult>>({});
  const [adding, setAdding] = useState<ScanFinding | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const { busy: starting, run } = useBusy();

  const poll = useCallback((scanId: string) => {
    timer.current = setTimeout(async () => {
      const r = await call('scanStatus', { scanId });
      if (!r.ok) return notifyError(r.error);
      setStatus(r.value);
      if (r.value.state === 'running') poll(scanId);
    }, POLL_MS);
  }, []);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const refresh = useCallback(async (scanId: string) => {
    const r = await call('scanStatus', { scanId });
    if (r.ok) setStatus(r.value);
  }, []);

  const start = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      setPathError(undefined);
      const list = paths
        .split('\n')
        .map((p) => p.trim())
        .filter(Boolean);
      const r = await call('scanStart', list.length ? { paths: list } : {});
      if (!r.ok) {
        const field = Object.values(r.error.fields ?? {})[0];
        setPathError(field ?? r.error.message);
        return;
      }
      setVerdicts({});
      setStatus(r.value);
      if (r.value.state === 'running') poll(r.value.scanId);
    });
  };

  const cancel = async () => {
    if (status?.state !== 'running') return;
    const r = await call('scanCancel', { scanId: status.scanId });
    if (!r.ok) notifyError(r.error);
  };

  const running = status?.state === 'running';
  return (
    <section className="view scan-view" aria-labelledby="scan-title">
      <div className="view-head">
        <h1 id="scan-title" className="view-title">
          Scan
        </h1>
      </div>
      <form className="card scan-form" onSubmit={start} noValidate>
        <p className="field-hint">
          Looks for Synapse, Synap and Syncano tokens pasted into files — .synapseConfig and its backups, .Renviron, shell histories, .env files,
          notebooks, scripts — and only reads them. Values never leave Synvault’s main process: you see where each one is and a masked preview.
        </p>
        <div className="field">
          <label htmlFor="scan-paths">Folders to scan (one per line; empty: your home folder)</label>
          <textarea
            id="scan-paths"
            name="paths"
            rows={2}
            value={paths}
            onChange={(e) => setPaths(e.target.value)}
            spellCheck={false}
            placeholder="~/projects"
            aria-invalid={pathError ? true : undefined}
            aria-describedby={pathError ? 'scan-paths-error' : undefined}
          />
          {pathError && (
            <div id="scan-paths-error" className="field-error">
              {pathError}
            </div>
          )}
        </div>
        <div className="scan-actions">
          <button type="submit" className="button button-primary" disabled={starting || running}>
            {paths.trim() ? 'Scan these folders' : 'Scan home folder'}
          </button>
          {running && (
            <button type="button" className="button" onClick={() => void cancel()}>
              Cancel scan
            </button>
          )}
        </div>
      </form>
      {status?.state === 'running' && (
        <p className="scan-progress">
          <Busy label={`Scanning… ${n(status.filesSeen)} files seen, ${n(status.filesRead)} read, ${n(status.found)} found`} />
        </p>
      )}
      {status?.state === 'failed' && (
        <div role="alert" className="form-error">
          {status.message}
        </div>
      )}
      {status?.state === 'done' && (
        <Results report={status} verdicts={verdicts} onVerdict={(id, v) => setVerdicts((m) => ({ ...m, [id]: v }))} onAdd={setAdding} onChanged={() => void refresh(status.scanId)} />
      )}
      {adding && status?.state === 'done' && (
        <AddFindingDialog
          finding={adding}
          onClose={() => setAdding(null)}
          onAdded={() => {
            setAdding(null);
            void refresh(status.scanId);
          }}
        />
      )}
    </section>
  );
}

function Results({
  report,
  verdicts,
  onVerdict,
  onAdd,
  onChanged,
}: {
  report: ScanReport;
  verdicts: Record<string, ScanVerifyResult>;
  onVerdict(id: string, v: ScanVerifyResult): void;
  onAdd(f: ScanFinding): void;
  onChanged(): void;
}) {
  const skipped = skippedText(report);
  return (
    <>
      <div className="scan-summary" aria-live="polite">
        <p>
          {n(report.filesSeen)} files seen, {n(report.filesRead)} read in {(report.elapsedMs / 1000).toFixed(1)} s.{' '}
          <strong>{report.found ? `${n(report.found)} token${report.found === 1 ? '' : 's'} found.` : 'No token found.'}</strong>
        </p>
        {skipped && <p className="field-hint">Skipped: {skipped}.</p>}
        {report.stopped && <p className="field-hint">{STOPPED[report.stopped]}</p>}
        {report.vaultProblem && <p className="field-hint">{report.vaultProblem}</p>}
      </div>
      {report.findings.length > 0 && (
        <div className="card table-card">
          <table className="scan-findings">
            <caption className="visually-hidden">Tokens found in files</caption>
            <thead>
              <tr>
                <th scope="col">Where</th>
                <th scope="col">Token</th>
                <th scope="col">Preview</th>
                <th scope="col">Vault</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {report.findings.map((f) => (
                <FindingRow key={f.id} finding={f} verdict={verdicts[f.id]} onVerdict={(v) => onVerdict(f.id, v)} onAdd={() => onAdd(f)} onChanged={onChanged} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function FindingRow({
  finding: f,
  verdict,
  onVerdict,
  onAdd,
  onChanged,
}: {
  finding: ScanFinding;
  verdict: ScanVerifyResult | undefined;
  onVerdict(v: ScanVerifyResult): void;
  onAdd(): void;
  onChanged(): void;
}) {
  const { busy, run } = useBusy();
  const place = `${f.path}:${f.line}`;
  // Once added, the row's "Add to vault" goes, and the focus with it: Verify is the next thing to
  // do with this finding, so the focus goes there rather than to the top of the view.
  const verifyRef = useRef<HTMLButtonElement>(null);
  const wasInVault = useRef(!!f.inVault);
  useLayoutEffect(() => {
    if (f.inVault && !wasInVault.current && focusLost()) verifyRef.current?.focus();
    wasInVault.current = !!f.inVault;
  }, [f.inVault]);
  const verify = () =>
    run(async () => {
      const r = await call('scanVerifyFinding', { findingId: f.id });
      if (!r.ok) return notifyError(r.error);
      onVerdict(r.value);
      if (f.inVault) onChanged();
    });
  const remove = () =>
    run(async () => {
      // It rewrites a file the Synapse client reads: asked first, like every other removal.
      const ok = await confirm({
        title: `Remove this token from ${f.path.split('/').pop()}?`,
        body: `Synvault deletes its line in ${f.path}, as synvault synapse-config import --remove does. The vault keeps its copy.`,
        confirmLabel: 'Remove from file',
        danger: true,
      });
      if (!ok) return;
      const r = await call('scanRemoveFromConfig', { findingId: f.id });
      if (!r.ok) return notifyError(r.error);
      notify(r.value.note);
      for (const w of r.value.warnings) notify(w, 'info');
      onChanged();
    });
  const open = () =>
    run(async () => {
      const r = await call('scanOpenFolder', { findingId: f.id });
      if (!r.ok) return notifyError(r.error);
      if (!r.value.opened) notify(`It is in ${r.value.path}, line ${r.value.line}.`, 'info');
    });
  const kind = KIND_NAMES[f.kind];
  const name = `${SERVICE_NAMES[f.service]} ${kind.charAt(0).toLowerCase()}${kind.slice(1)}`;
  return (
    <tr aria-label={`${name} in ${place}`}>
      <td className="scan-place">
        <code>{place}</code>
        {f.where && <div className="field-hint">{f.where}</div>}
        {f.configNote && <div className="field-hint">{f.configNote}</div>}
      </td>
      <td>
        {SERVICE_NAMES[f.service]}
        <div className="field-hint">{KIND_NAMES[f.kind]}</div>
      </td>
      <td>
        <code className="scan-preview">{f.preview}</code>
      </td>
      <td>
        {f.inVault ? `In the vault as “${f.inVault.label}”` : 'Not in the vault'}
        {verdict && <div className={`scan-verdict scan-verdict-${verdict.state}`}>{verdict.state === 'valid' ? 'Live' : verdict.state === 'invalid' ? 'Not accepted' : 'Refused'}: {verdict.detail}</div>}
      </td>
      <td>
        <div className="scan-row-actions">
          {!f.inVault && (
            <button type="button" className="button button-small button-primary" onClick={onAdd} disabled={busy}>
              Add to vault
            </button>
          )}
          <button ref={verifyRef} type="button" className="button button-small" onClick={() => void verify()} disabled={busy}>
            Verify
          </button>
          {f.configSections && (
            <button type="button" className="button button-small" onClick={() => void remove()} disabled={busy || !f.inVault} title={f.inVault ? undefined : 'Add it to the vault first'}>
              Remove from file
            </button>
          )}
          <button type="button" className="button button-small" onClick={() => void open()} disabled={busy}>
            Open folder
          </button>
          {busy && <Busy label="Working…" />}
        </div>
      </td>
    </tr>
  );
}

function AddFindingDialog({ finding: f, onClose, onAdded }: { finding: ScanFinding; onClose(): void; onAdded(): void }) {
  const accountField = serviceFacts(f.service).accountFields[f.kind];
  const [label, setLabel] = useState('');
  const [account, setAccount] = useState('');
  const [error, setError] = useState<ErrorInfo | null>(null);
  const { busy, run } = useBusy();
  const save = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const r = await call('scanAddFinding', { findingId: f.id, ...(label.trim() ? { label } : {}), ...(account.trim() ? { account } : {}) });
      if (!r.ok) return setError(r.error);
      // The file still holds its plaintext copy: say so, and what to do about it.
      notify(
        f.configSections
          ? `Added “${r.value.label}” to the vault. ${f.path.split('/').pop()} still holds it: Remove from file takes it out.`
          : `Added “${r.value.label}” to the vault. ${f.path}, line ${f.line}, still holds it in plain text: delete it there once whatever reads it takes the token from Synvault (synvault exec).`,
      );
      onAdded();
    });
  };
  return (
    <FormDialog
      title={`Add the ${SERVICE_NAMES[f.service]} token from ${f.path.split('/').pop()}`}
      onClose={onClose}
      initialFocus="input[name=label]"
      submitLabel="Add to vault"
      busy={busy}
      busyLabel="Adding…"
      onSubmit={save}
      error={error}
      fieldsWithErrors={['label', 'account']}
    >
      <Field label="Label (optional)" name="label" value={label} onChange={setLabel} error={error?.fields?.label} hint={`Empty: “${SERVICE_NAMES[f.service]} token from ${f.path.split('/').pop()}:${f.line}”.`} autoComplete="off" spellCheck={false} />
      {accountField && (
        <Field label={accountField.label} name="account" value={account} onChange={setAccount} error={error?.fields?.account} hint={accountField.hint} autoComplete="off" spellCheck={false} />
      )}
    </FormDialog>
  );
}
