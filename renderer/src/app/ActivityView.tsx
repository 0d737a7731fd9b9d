// @process: renderer
// What was done, when, to which token, and from where (app or command line). Never a secret.
import { useCallback, useEffect, useState } from 'react';
import type { ActivityEntry } from '../../../electron/shared/model';
import { SERVICE_NAMES } from '../../../electron/shared/kinds';
import { call } from '../api';
import { Busy, formatDateTime, notifyError } from '../ui';

const ACTION_NAMES: Record<ActivityEntry['action'], string> = {
  added: 'Added',
  copied: 'Copied',
  revealed: 'Revealed',
  removed: 'Removed',
  exported: 'Exported',
  imported: 'Imported',
  created: 'Created',
  verified: 'Verified',
  revoked: 'Revoked',
  reset: 'Reset',
  rotated: 'Rotated',
  updated: 'Updated',
  'catalog-rebuilt': 'Catalog rebuilt',
  'handed-to-command': 'Handed to a command',
};

export function ActivityView() {
  const [entries, setEntries] = useState<ActivityEntry[] | null>(null);
  const load = useCallback(async () => {
    const r = await call('listActivity', { limit: 500 });
    if (r.ok) setEntries(r.value);
    else {
      setEntries([]);
      notifyError(r.error);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="view" aria-labelledby="activity-title">
      <div className="view-head">
        <h1 id="activity-title" className="view-title">
          Activity
        </h1>
        <button type="button" className="button" onClick={() => void load()}>
          Reload
        </button>
      </div>
      {entries === null ? (
        <Busy label="Loading activity…" />
      ) : entries.length === 0 ? (
        <p className="empty">Nothing has happened yet.</p>
      ) : (
        <div className="card table-card">
          <table className="activity">
            <caption className="visually-hidden">Activity log, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Action</th>
                <th scope="col">Token</th>
                <th scope="col">Service</th>
                <th scope="col">Detail</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {[...entries]
                .sort((a, b) => b.at.localeCompare(a.at))
                .map((e, i) => (
                  <tr key={`${e.at}-${i}`}>
                    <td>
                      <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                    </td>
                    <td>
                      <span className={`action action-${e.action}`}>{ACTION_NAMES[e.action] ?? e.action}</span>
                    </td>
                    <td>{e.label ?? '—'}</td>
                    <td>{e.service ? SERVICE_NAMES[e.service] : '—'}</td>
                    <td className="detail">{e.detail ?? ''}</td>
                    <td>{e.source === 'cli' ? 'Command line' : 'App'}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
