// @process: renderer
// A field for a secret: a pasted token or key, or a sign-in's password. Uncontrolled — the value
// stays in the DOM input, is read through the ref when the form is sent and cleared by the caller,
// and never enters React state or a store (docs/window.md, secrets on screen). Its error and hints
// are tied to the input as Field's are, so every secret field reads the same to a screen reader.
import { useId, type InputHTMLAttributes, type ReactNode, type RefObject } from 'react';
import { describedBy, FieldFrame } from './field';

export interface SecretFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'defaultValue' | 'type' | 'onChange' | 'autoComplete'> {
  label: string;
  inputRef: RefObject<HTMLInputElement | null>;
  /** A sign-in's password (a password manager may fill it) or a pasted token (never remembered). */
  holds: 'password' | 'token';
  /** Shown under the field in red; marks the input invalid. */
  error?: string | undefined;
  /** Help text under the field. */
  hint?: ReactNode;
  /** More under the hint (e.g. what a paste was recognised as); give it an id in `describedBy`. */
  after?: ReactNode;
  /** Ids of elements in `after` that describe the field. */
  describedBy?: string[];
}

export function SecretField({ label, inputRef, holds, error, hint, after, describedBy: extra = [], id, name, className, ...rest }: SecretFieldProps) {
  const auto = useId();
  const inputId = id ?? auto;
  return (
    <FieldFrame inputId={inputId} label={label} hint={hint} after={after} error={error} className={className}>
      <input
        id={inputId}
        ref={inputRef}
        name={name ?? (holds === 'password' ? 'password' : 'secret')}
        type="password"
        autoComplete={holds === 'password' ? 'current-password' : 'off'}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(inputId, { hint, error, extra })}
        {...rest}
      />
    </FieldFrame>
  );
}
