// @process: renderer
// The password sign-in that create, revoke and rotate share: a user name or e-mail, a password
// that stays in its uncontrolled field and is cleared after every try, and — when the account has
// two-factor authentication — the code step in place of the form. One place decides what a
// sign-in's answer means (an error, a challenge, or done), so the three cannot drift apart.
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { Method, Result } from '../../../../electron/shared/contract';
import type { TwoFactorChallenge, TwoFactorDone } from '../../../../electron/shared/contract/synapse';
import type { ErrorInfo } from '../../api';
import { useBusy } from '../../ui';
import { TwoFactorStep } from './TwoFactorStep';

type Action = TwoFactorDone['action'];
/** What a finished sign-in hands back, per action: the field TwoFactorDone carries it in. */
type DoneOf<A extends Action> = Extract<TwoFactorDone, { action: A }> extends infer D ? D[Exclude<keyof D, 'action'>] : never;
const FIELD: { [A in Action]: Exclude<keyof Extract<TwoFactorDone, { action: A }>, 'action'> } = { create: 'created', revoke: 'revoked', rotate: 'rotated' };

/** What the call a sign-in sends answers: done, or a second factor asked for. */
type Answer<A extends Action> = Result<DoneOf<A> | TwoFactorChallenge, Method>;

export interface PasswordSignIn<A extends Action> {
  username: string;
  setUsername(v: string): void;
  passwordRef: React.RefObject<HTMLInputElement | null>;
  /** The last error, of the sign-in or of the call it allowed (null after a success). */
  error: ErrorInfo | null;
  setError(e: ErrorInfo | null): void;
  busy: boolean;
  run: ReturnType<typeof useBusy>['run'];
  /** True while the code step stands in for the form. */
  challenged: boolean;
  /** Sends the call with the user name and the password read from its field (then cleared). */
  submit(send: (username: string, password: string) => Promise<Answer<A>>): void;
  /** The two-factor step while a challenge is open, else null: render it where the form was. */
  twoFactor: ReactNode;
}

const isChallenge = (v: unknown): v is TwoFactorChallenge => typeof v === 'object' && v !== null && 'needsTwoFactor' in v;

export function usePasswordSignIn<A extends Action>(opts: {
  action: A;
  /** The owner's name when known, so only the password is left to type. */
  username?: string;
  onDone(value: DoneOf<A>): void | Promise<void>;
  /** Called with every error that ends an attempt, after it is kept in `error`. */
  onFailed?(error: ErrorInfo): void;
}): PasswordSignIn<A> {
  const [username, setUsername] = useState(opts.username ?? '');
  const passwordRef = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [challenge, setChallenge] = useState<string | null>(null);
  const { busy, run } = useBusy();
  // A sign-in that ends at the code step (expired, or refused after the code) brings the form
  // back: the password is what is typed next, so it takes the focus when the form is there again.
  const [refocus, setRefocus] = useState(false);
  useLayoutEffect(() => {
    if (!refocus || challenge) return;
    setRefocus(false);
    passwordRef.current?.focus();
  }, [refocus, challenge]);

  const failed = (err: ErrorInfo) => {
    setError(err);
    opts.onFailed?.(err);
  };

  const submit: PasswordSignIn<A>['submit'] = (send) => {
    void run(async () => {
      const password = passwordRef.current?.value ?? '';
      const r = await send(username, password);
      if (passwordRef.current) passwordRef.current.value = '';
      if (!r.ok) return failed(r.error);
      setError(null);
      if (isChallenge(r.value)) return setChallenge(r.value.challenge);
      await opts.onDone(r.value);
    });
  };

  const twoFactor = challenge ? (
    <TwoFactorStep
      challenge={challenge}
      onDone={async (d) => {
        if (d.action !== opts.action) return;
        setChallenge(null);
        setError(null);
        await opts.onDone((d as Record<string, unknown>)[FIELD[opts.action]] as DoneOf<A>);
      }}
      onCancel={() => setChallenge(null)}
      onError={(err) => {
        setChallenge(null);
        setRefocus(true);
        failed(err);
      }}
    />
  ) : null;

  return { username, setUsername, passwordRef, error, setError, busy, run, challenged: challenge !== null, submit, twoFactor };
}
