// @process: renderer
// Person-chosen settings. Every value is checked by its rule here before sending (all at once)
// and again by the vault; the messages are shown by the fields they concern.
import { useEffect, useState, type FormEvent } from 'react';
import { SETTING_RULES, settingProblem, SYNAPSE_CONFIG_BACKUPS, type Settings } from '../../../electron/shared/settings';
import { ENDPOINTS } from '../../../electron/shared/services';
import { SYNAP_DEFAULT_VERIFY_PATH } from '../../../electron/shared/services/synap';
import { call } from '../api';
import type { FieldErrors } from '../../../electron/shared/errors';
import { Busy, Field, FormFooter, formMessage, notify, useBusy, useVaultStore } from '../ui';

// The ranges the core checks (shared/settings.ts), shown and offered as typed.
const CLIPBOARD = SETTING_RULES.clipboardClearSeconds;
const REVEAL = SETTING_RULES.revealSeconds;
const ROTATION_DAYS = SETTING_RULES.synapRotationDays;

type Draft = Record<keyof Settings, string> & { clipboardNever: boolean };

const LABELS: Record<string, string> = {
  clipboardClearSeconds: 'Clear the clipboard after',
  revealSeconds: 'Hide a revealed token after',
  synapVerifyPath: 'Synap verify path',
  synapSubjectUserHeader: 'Subject-User header name',
  synapRotationDays: 'Rotate tokens after',
  synapseConfigBackups: 'Backups of .synapseConfig to keep',
  ...Object.fromEntries(ENDPOINTS.map((e) => [e.setting, e.label])),
};

function toDraft(s: Settings): Draft {
  return {
    clipboardClearSeconds: s.clipboardClearSeconds === null ? '30' : String(s.clipboardClearSeconds),
    clipboardNever: s.clipboardClearSeconds === null,
    revealSeconds: String(s.revealSeconds),
    ...(Object.fromEntries(ENDPOINTS.map((e) => [e.setting, s[e.setting] ?? ''])) as Record<(typeof ENDPOINTS)[number]['setting'], string>),
    synapVerifyPath: s.synapVerifyPath,
    synapSubjectUserHeader: s.synapSubjectUserHeader,
    synapRotationDays: String(s.synapRotationDays),
    synapseConfigBackups: String(s.synapseConfigBackups),
  };
}

const wholeNumber = (v: string) => (/^\s*\d+\s*$/.test(v) ? Number(v) : null);

export function SettingsView() {
  const settings = useVaultStore((s) => s.settings);
  const setSettings = useVaultStore((s) => s.setSettings);
  const refreshSettings = useVaultStore((s) => s.refreshSettings);
  const [draft, setDraft] = useState<Draft | null>(settings ? toDraft(settings) : null);
  const [errors, setErrors] = useState<FieldErrors<'updateSettings'>>({});
  const [message, setMessage] = useState<string | null>(null);
  const { busy, run } = useBusy();
  // [endpoints] in ~/.synapseConfig and SYNVAULT_* variables are sources too; a refused one is
  // shown here, next to the addresses, so the person learns why Synapse calls stop.
  const [refused, setRefused] = useState<string[]>([]);
  useEffect(() => {
    void call('synapseEndpoints', {}).then((r) => r.ok && setRefused(r.value.refused));
  }, [settings]);

  useEffect(() => {
    if (!settings) void refreshSettings();
    else if (!draft) setDraft(toDraft(settings));
  }, [settings, draft, refreshSettings]);

  if (!draft) return <Busy label="Loading settings…" />;
  const set = <K extends keyof Draft>(k: K) => (v: Draft[K]) => setDraft({ ...draft, [k]: v });

  const save = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      // A number field holding no whole number is sent as NaN, which its rule refuses in its words.
      const num = (k: 'clipboardClearSeconds' | 'revealSeconds' | 'synapRotationDays' | 'synapseConfigBackups') => wholeNumber(draft[k]) ?? Number.NaN;
      const patch: Settings = {
        clipboardClearSeconds: draft.clipboardNever ? null : num('clipboardClearSeconds'),
        revealSeconds: num('revealSeconds'),
        synapRotationDays: num('synapRotationDays'),
        synapseConfigBackups: num('synapseConfigBackups'),
        synapVerifyPath: draft.synapVerifyPath,
        synapSubjectUserHeader: draft.synapSubjectUserHeader,
        ...(Object.fromEntries(ENDPOINTS.map(({ setting }) => [setting, draft[setting].trim() === '' ? null : draft[setting].trim()])) as Pick<Settings, (typeof ENDPOINTS)[number]['setting']>),
      };
      // Every field by its rule (the vault's own check, shared/settings.ts), so all that needs a
      // change is said at once; the vault checks again.
      const local: FieldErrors<'updateSettings'> = {};
      for (const key of Object.keys(SETTING_RULES) as Array<keyof Settings>) {
        const problem = settingProblem(SETTING_RULES[key], patch[key]);
        if (problem) local[key] = problem;
      }
      const refused = Object.keys(local);
      if (refused.length) {
        setErrors(local);
        setMessage(refused.length === 1 ? formMessage({ message: local[refused[0] as keyof Settings]!, fields: local }, LABELS) : `${refused.length} settings need a change before they can be saved: ${refused.map((k) => LABELS[k]).join(', ')}.`);
        return;
      }
      const r = await call('updateSettings', patch);
      if (!r.ok) {
        setErrors(r.error.fields ?? {});
        setMessage(formMessage(r.error, LABELS));
        return;
      }
      setErrors({});
      setMessage(null);
      setSettings(r.value);
      setDraft(toDraft(r.value));
      notify('Settings saved.');
    });
  };

  return (
    <section className="view" aria-labelledby="settings-title">
      <div className="view-head">
        <h1 id="settings-title" className="view-title">
          Settings
        </h1>
      </div>
      <form className="settings" onSubmit={save} noValidate>
        <fieldset className="card">
          <legend className="card-title">Clipboard and reveal</legend>
          <div className="form-grid">
            <Field
              label="Clear the clipboard after (seconds)"
              name="clipboardClearSeconds"
              type="number"
              inputMode="numeric"
              min={CLIPBOARD.min}
              max={CLIPBOARD.max}
              value={draft.clipboardClearSeconds}
              onChange={set('clipboardClearSeconds')}
              disabled={draft.clipboardNever}
              error={errors.clipboardClearSeconds}
              hint={`${CLIPBOARD.min} to ${CLIPBOARD.max} seconds. Cleared only if it still holds what Synvault copied.`}
            />
            <Field
              label="Hide a revealed token after (seconds)"
              name="revealSeconds"
              type="number"
              inputMode="numeric"
              min={REVEAL.min}
              max={REVEAL.max}
              value={draft.revealSeconds}
              onChange={set('revealSeconds')}
              error={errors.revealSeconds}
              hint={`${REVEAL.min} to ${REVEAL.max} seconds. It is also hidden when the window loses focus.`}
            />
          </div>
          <label className="check">
            <input type="checkbox" checked={draft.clipboardNever} onChange={(e) => set('clipboardNever')(e.target.checked)} />
            Never clear the clipboard (it is still cleared when Synvault quits)
          </label>
        </fieldset>

        <fieldset className="card">
          <legend className="card-title">Service addresses</legend>
          <p className="field-hint">Leave empty to use the default. Synvault only sends tokens over https; plain http only to this machine (127.0.0.1, localhost or [::1]).</p>
          {refused.length > 0 && (
            <div role="alert" className="form-error" aria-label="Synapse address refused">
              {refused.map((m) => (
                <p key={m}>{m}</p>
              ))}
            </div>
          )}
          <div className="form-grid">
            {ENDPOINTS.map(({ setting, label, production }) => (
              <Field
                key={setting}
                label={label}
                name={setting}
                type="url"
                value={draft[setting]}
                onChange={set(setting)}
                error={errors[setting]}
                placeholder={`Default (${production})`}
                autoComplete="off"
                spellCheck={false}
              />
            ))}
          </div>
        </fieldset>

        <fieldset className="card">
          <legend className="card-title">Synapse</legend>
          <div className="form-grid">
            <Field
              label="Backups of .synapseConfig to keep"
              name="synapseConfigBackups"
              type="number"
              inputMode="numeric"
              min={SYNAPSE_CONFIG_BACKUPS.min}
              max={SYNAPSE_CONFIG_BACKUPS.max}
              value={draft.synapseConfigBackups}
              onChange={set('synapseConfigBackups')}
              error={errors.synapseConfigBackups}
              hint={`${SYNAPSE_CONFIG_BACKUPS.min} to ${SYNAPSE_CONFIG_BACKUPS.max}. An export keeps the file it replaces as .synapseConfig.backup, .backup2, …; each is a plaintext copy with its token, so the oldest go first. 0 keeps none.`}
            />
          </div>
        </fieldset>

        <fieldset className="card">
          <legend className="card-title">Synap</legend>
          <p className="field-hint">
            Verify reads {SYNAP_DEFAULT_VERIFY_PATH} by default, a resource Synap documents. Synap does not publish the name of its Subject-User header; set it only if Synap or your Portal administrator gave it to you.
          </p>
          <div className="form-grid">
            <Field
              label="Verify path"
              name="synapVerifyPath"
              value={draft.synapVerifyPath}
              onChange={set('synapVerifyPath')}
              error={errors.synapVerifyPath}
              placeholder={SYNAP_DEFAULT_VERIFY_PATH}
              autoComplete="off"
              spellCheck={false}
              hint={`Relative to the Synap API address. Empty means the default, ${SYNAP_DEFAULT_VERIFY_PATH}. Only there does a 404 mark a token invalid; on another path a 404 may mean the path does not exist, and the token is not judged.`}
            />
            <Field
              label="Subject-User header name"
              name="synapSubjectUserHeader"
              value={draft.synapSubjectUserHeader}
              onChange={set('synapSubjectUserHeader')}
              error={errors.synapSubjectUserHeader}
              autoComplete="off"
              spellCheck={false}
              hint="Letters, digits and dashes. Empty means not set."
            />
            <Field
              label="Rotate tokens after (days)"
              name="synapRotationDays"
              type="number"
              inputMode="numeric"
              min={ROTATION_DAYS.min}
              max={ROTATION_DAYS.max}
              value={draft.synapRotationDays}
              onChange={set('synapRotationDays')}
              error={errors.synapRotationDays}
            />
          </div>
        </fieldset>

        <FormFooter message={message} submitLabel="Save settings" busy={busy} busyLabel="Saving…" />
      </form>
    </section>
  );
}
