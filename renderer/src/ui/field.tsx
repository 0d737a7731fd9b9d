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
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...rest}
      />
      {hint && (
        <div id={hintId} className="field-hint">
          {hint}
        </div>
      )}
      {error && (
        <div id={errorId} className="field-error">
          {error}
        </div>
      )}
    </div>
  );
}

/** A form's summary of a vault error: the dispatcher prefixes schema messages with the field's
 * key ("label: Give the token a label."); show the field's own label instead, or nothing. */
export function formMessage(error: { message: string; fields?: Record<string, string> }, labels: Record<string, string> = {}): string {
  for (const key of Object.keys(error.fields ?? {})) {
    const prefix = `${key}: `;
    if (error.message.startsWith(prefix)) {
      const rest = error.message.slice(prefix.length);
      const label = labels[key];
      return label ? `${label}: ${rest}` : rest;
    }
  }
  return error.message;
}
