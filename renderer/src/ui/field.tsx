// @process: renderer
// A labelled form field whose error message is tied to the input (aria-invalid, aria-describedby),
// so forms built by any service look and read the same.
import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

export interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> {
  label: string;
  value: string;
  onChange(value: string): void;
  /** Shown under the field in red; marks the input invalid. */
  error?: string | undefined;
  /** Help text under the field. */
  hint?: ReactNode;
}

export function Field({ label, value, onChange, error, hint, id, className, ...rest }: FieldProps) {
  const auto = useId();
  const inputId = id ?? auto;
  return (
    <FieldFrame inputId={inputId} label={label} hint={hint} error={error} className={className}>
      <input id={inputId} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={describedBy(inputId, { hint, error })} {...rest} />
    </FieldFrame>
  );
}

/** The ids that describe an input: its hint, any extra (in order), then its error. */
export function describedBy(inputId: string, { hint, error, extra = [] }: { hint?: ReactNode; error?: string | undefined; extra?: string[] }): string | undefined {
  return [hint ? `${inputId}-hint` : '', ...extra, error ? `${inputId}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/** A field's label, its input (the children), hint, anything after the hint, and error — the ids
 * those carry are the ones describedBy names. */
export function FieldFrame({
  inputId,
  label,
  hint,
  after,
  error,
  className,
  children,
}: {
  inputId: string;
  label: string;
  hint?: ReactNode;
  after?: ReactNode;
  error?: string | undefined;
  className?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={inputId}>{label}</label>
      {children}
      {hint && (
        <div id={`${inputId}-hint`} className="field-hint">
          {hint}
        </div>
      )}
      {after}
      {error && (
        <div id={`${inputId}-error`} className="field-error">
          {error}
        </div>
      )}
    </div>
  );
}

/** A form's summary of a vault error. Messages carry no field key; when the message is a field's
 * own (a schema failure: the same words show under that field), the summary names the field by
 * the label the form gives it, so the two read differently and the person sees where to look. */
export function formMessage<K extends string>(error: { message: string; fields?: Partial<Record<K, string>> }, labels: Partial<Record<K, string>> = {}): string {
  for (const key of Object.keys(error.fields ?? {}) as K[]) {
    const label = labels[key];
    if (label && error.fields?.[key] === error.message) return `${label}: ${error.message}`;
  }
  return error.message;
}
