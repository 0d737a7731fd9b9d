// @process: renderer
// A rotation's steps as the main process reported them, with each step's state, then which token
// is live where (docs/rotate.md). Nothing here holds a secret: titles and details name labels,
// masked previews, files and sections.
import type { RotationReport, RotationStep } from '../../../electron/shared/contract/rotate';
import './rotate.css';

const STATE_WORDS: Record<RotationStep['state'], string> = {
  done: 'Done',
  failed: 'Failed',
  skipped: 'Skipped',
  waiting: 'Your step',
  'not-run': 'Not run',
};

export function RotationSteps({ report }: { report: RotationReport }) {
  return (
    <>
      <ol className="rotation-steps" aria-label="Rotation steps">
        {report.steps.map((s, i) => (
          <li key={i} className={`rotation-step rotation-${s.state}`}>
            <span className="rotation-step-state">{STATE_WORDS[s.state]}</span>
            <span className="rotation-step-title">{s.title}</span>
            {s.detail && <span className="rotation-step-detail">{s.detail}</span>}
          </li>
        ))}
      </ol>
      <div className={`rotation-live${report.outcome === 'failed' ? ' rotation-live-failed' : ''}`} role="region" aria-label="Which token is live where">
        {report.live.map((line, i) => (
          <p key={i}>{line}</p>
        ))}
      </div>
      {report.warnings.length > 0 && (
        <ul className="synapse-warnings" aria-label="Notes">
          {report.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The one-line outcome for the status area. */
export function rotationSummary(label: string, report: RotationReport): string {
  if (report.outcome === 'done') return `Rotated “${label}”: ${report.live.join(' ')}`;
  if (report.outcome === 'waiting') return `“${label}” has a successor in the vault; revoke the old one in the Portal to finish.`;
  return `The rotation of “${label}” stopped: ${report.live.join(' ')}`;
}
