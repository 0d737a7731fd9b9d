// @process: core
// A rotation's step list (docs/rotate.md): planned up front, so a person sees what was not done
// as well as what was; each step's state set as it happens and told to `onStep` at once (the CLI
// prints it). Never a secret: titles and details name labels, masked previews, files and sections.
import type { RotationReport, RotationStep, RotationStepKind } from '../../shared/contract/rotate';
import { toErrorInfo } from '../../shared/errors';
import { LABEL_MAX } from '../../shared/services/define';
import type { Service } from '../../shared/kinds';
import type { TokenSummary } from '../../shared/model';

export interface RotateOptions {
  /** Told each step as its state changes (and the whole list, in order). */
  onStep?: (step: Readonly<RotationStep>, steps: readonly RotationStep[]) => void;
}

export class StepLog {
  readonly steps: RotationStep[] = [];
  error: RotationReport['error'];

  constructor(private readonly onStep?: RotateOptions['onStep']) {}

  /** Plans a step (not run yet); returns it to set its state later. */
  add(kind: RotationStepKind, title: string, place?: RotationStep['place']): RotationStep {
    const step: RotationStep = { kind, title, state: 'not-run' };
    if (place) step.place = place;
    this.steps.push(step);
    return step;
  }

  private set(step: RotationStep, state: RotationStep['state'], detail?: string): void {
    step.state = state;
    if (detail !== undefined) step.detail = detail;
    try {
      this.onStep?.(step, this.steps);
    } catch {
      /* a listener's failure is its own; the rotation goes on */
    }
  }

  done(step: RotationStep, detail?: string): void {
    this.set(step, 'done', detail);
  }
  skip(step: RotationStep, detail: string): void {
    this.set(step, 'skipped', detail);
  }
  wait(step: RotationStep, detail: string): void {
    this.set(step, 'waiting', detail);
  }
  /** Not run, and why (told: an earlier failure, or a place that still holds the old token). */
  hold(step: RotationStep, detail: string): void {
    this.set(step, 'not-run', detail);
  }
  /** The step failed with `err`; the first failure is the report's error. */
  fail(step: RotationStep, err: unknown): void {
    const info = toErrorInfo(err);
    delete info.rescueSecret;
    this.error ??= info;
    this.set(step, 'failed', info.message);
  }

  get failed(): boolean {
    return this.steps.some((s) => s.state === 'failed');
  }

  report(service: Service, oldId: string, newId: string | undefined, live: string[], warnings: string[]): RotationReport {
    const outcome = this.failed || this.steps.some((s) => s.state === 'not-run') ? 'failed' : this.steps.some((s) => s.state === 'waiting') ? 'waiting' : 'done';
    const r: RotationReport = { service, oldId, outcome, steps: this.steps, live, warnings };
    if (newId) r.newId = newId;
    if (this.error) r.error = this.error;
    return r;
  }
}

const ROTATED_OUT = ' (rotated out)';

/** The old token's label once its successor holds the label. */
export function rotatedOutLabel(label: string): string {
  return label.endsWith(ROTATED_OUT) ? label : `${label.slice(0, LABEL_MAX - ROTATED_OUT.length).trimEnd()}${ROTATED_OUT}`;
}

/** The label a token had before a rotation marked it rotated out (its successor takes that one). */
export function originalLabel(t: Pick<TokenSummary, 'label' | 'rotation'>): string {
  return t.rotation && t.label.endsWith(ROTATED_OUT) ? t.label.slice(0, -ROTATED_OUT.length) : t.label;
}

/** "“laptop” (eyJh…x9Qk)": how a token is named in a sentence — label and masked preview. */
export const named = (t: Pick<TokenSummary, 'label' | 'preview'>) => `“${t.label}” (${t.preview})`;

/** "a, b and c". */
export function listWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
