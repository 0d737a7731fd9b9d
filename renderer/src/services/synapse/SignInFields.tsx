// @process: renderer
// User name or e-mail + password for the calls that need a password sign-in (create, revoke).
// Synapse signs in with the user name or any of the account's e-mails. The password stays in the
// uncontrolled input — never in React state or a store — and the caller clears it after each try.
import type { RefObject } from 'react';
import { Field, SecretField } from '../../ui';

export function SignInFields({
  username,
  onUsername,
  passwordRef,
  errors,
  usernameHint = 'Either works; the token is stored under the user name Synapse gives for it.',
}: {
  username: string;
  onUsername(v: string): void;
  passwordRef: RefObject<HTMLInputElement | null>;
  errors: Partial<Record<'username' | 'password', string>>;
  /** Under the user name field; the default speaks of creating a token. */
  usernameHint?: string;
}) {
  return (
    <>
      <Field
        label="Synapse user name or e-mail"
        name="username"
        value={username}
        onChange={onUsername}
        error={errors.username}
        autoComplete="username"
        hint={usernameHint}
      />
      <SecretField label="Password" inputRef={passwordRef} holds="password" error={errors.password} />
    </>
  );
}
