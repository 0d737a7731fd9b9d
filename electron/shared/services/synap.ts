// @process: shared
// Synap (synap.ac): its Portal-issued personal access token, the Subject-Users a token may act
// for, the Portal address the revocation opens, the API base and the resource verify reads
// (docs/services/synap.md). Adding a token and editing it later check these fields with the same
// rules (SYNAP_DETAILS), so neither accepts what the other refuses.
import { invalid } from '../errors';
import { defineService, type Decoded } from './define';
import { list, text } from './fields';

export const SUBJECT_USERS_MAX = 50;
export const SUBJECT_USER_ID_MAX = 200;
export const NOTE_MAX = 200;
export const PORTAL_NAME_MAX = 200;
export const PORTAL_URL_MAX = 300;
export const ISSUED_BY_MAX = 200;

/** A resource Synap documents ("Get PortalUsage", GET https://api.synap.ac/v3/portal-usage/), so a
 * 404 there is about the token, not the path (docs/services/synap.md). */
export const SYNAP_DEFAULT_VERIFY_PATH = '/portal-usage/';

/** The path Synap verify reads, and whether it is the documented default. */
export function synapVerifyPath(settings: { synapVerifyPath: string }): { path: string; documented: boolean } {
  const path = settings.synapVerifyPath.trim() || SYNAP_DEFAULT_VERIFY_PATH;
  return { path, documented: path === SYNAP_DEFAULT_VERIFY_PATH };
}

export function checkSynapPat(value: string): Decoded<'synap-pat'> {
  if (value === '') throw invalid('The token is empty. Paste the personal access token the Synap Portal showed you.', { secret: 'Required.' });
  if (!value.startsWith('p:')) {
    throw invalid('This is not a Synap personal access token: it must start with "p:".', { secret: 'Must start with "p:".' });
  }
  if (value.length < 10) throw invalid('This Synap token is too short to be a personal access token.', { secret: 'Too short.' });
  if (/\s/.test(value)) throw invalid('This Synap token contains spaces or line breaks inside it. Paste it again as one piece.', { secret: 'Contains whitespace.' });
  return { kind: 'synap-pat' };
}

/** An https address with a host and no user name or password: the only kind Synvault opens. */
export function isHttpsUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return u.protocol === 'https:' && !u.username && !u.password && u.hostname !== '';
  } catch {
    return false;
  }
}

/** One Subject-User of a token. Its ID goes into a request header, so it may hold no whitespace
 * or control characters; Synap does not publish its format, so nothing stricter is assumed. */
export const SUBJECT_USER = {
  id: text({
    presence: 'required',
    what: 'A Subject-User ID',
    max: SUBJECT_USER_ID_MAX,
    empty: 'A Subject-User needs an ID.',
    // eslint-disable-next-line no-control-regex
    pattern: { regex: /^[^\s\x00-\x1f\x7f]+$/, message: 'A Subject-User ID has no spaces or line breaks.' },
  }),
  note: text({ presence: 'empty-by-default', what: 'A note', max: NOTE_MAX }),
};

/** What Synvault keeps about a Synap token besides its value, as adding and editing both check it.
 * Every field is optional here: an edit changes only what it names. */
export const SYNAP_DETAILS = {
  /** Empty clears the address; anything else must be https (the revocation opens it in the browser). */
  portalUrl: text({
    presence: 'optional',
    what: 'A Portal address',
    max: PORTAL_URL_MAX,
    problem: (v) => (isHttpsUrl(v) ? undefined : 'Use the https:// address at which you open your Synap Portal.'),
  }),
  issuedBy: text({ presence: 'optional', what: 'An administrator name', max: ISSUED_BY_MAX }),
  subjectUsers: list(SUBJECT_USER, {
    presence: 'optional',
    max: SUBJECT_USERS_MAX,
    tooMany: `At most ${SUBJECT_USERS_MAX} Subject-Users per token.`,
    unique: { key: 'id', message: 'Each Subject-User ID may appear only once.' },
  }),
};

/** The rows of a Subject-User list as a form holds them, minus the blank rows left unfilled. */
export const filledSubjectUsers = (rows: ReadonlyArray<{ id: string; note: string }>) =>
  rows.filter((u) => u.id.trim() || u.note.trim()).map(({ id, note }) => ({ id, note }));

export const synap = defineService({
  id: 'synap',
  name: 'Synap',
  kinds: { 'synap-pat': 'Personal access token' },
  secretLabel: 'Personal access token',
  secretHint: 'Created in the Synap Portal under Settings → Automations → API, and shown only once there. It starts with “p:”.',
  endpoints: [
    {
      key: 'synap',
      setting: 'synapEndpoint',
      variable: 'SYNVAULT_SYNAP_ENDPOINT',
      production: 'https://api.synap.ac/v3',
      label: 'Synap API',
      name: 'Synap API address',
    },
  ],
  execEnv: 'SYNAP_TOKEN',
  normalise: (v) => v,
  check: checkSynapPat,
  shape: /^p:/,
  addFields: {
    portal: text({ presence: 'required', what: 'A Portal name', max: PORTAL_NAME_MAX, empty: 'Name the organisation/Portal this token belongs to.' }),
    ...SYNAP_DETAILS,
  },
  accountFields: { 'synap-pat': { name: 'portal', label: 'Organisation / Portal name', hint: 'The organisation whose Portal issued the token.', required: true } },
  addMeta: (input) => {
    const meta: { account: string; portalUrl?: string; issuedBy?: string; subjectUsers?: Array<{ id: string; note: string }> } = { account: input.portal };
    if (input.portalUrl) meta.portalUrl = input.portalUrl;
    if (input.issuedBy) meta.issuedBy = input.issuedBy;
    if (input.subjectUsers?.length) meta.subjectUsers = input.subjectUsers;
    return meta;
  },
  addOptions: [
    { flag: 'portal', field: 'portal', required: 'A Synap token needs --portal (the organisation/Portal it belongs to).', help: '--portal (organisation/Portal name)' },
    { flag: 'subject-user', field: 'subjectUsers', many: true, toValue: (ids) => ids.map((id) => ({ id, note: '' })), help: 'optional --subject-user ID (repeatable)' },
    { flag: 'portal-url', field: 'portalUrl', help: 'optional --portal-url https://… (the Portal revocation opens)' },
    { flag: 'issued-by', field: 'issuedBy', help: 'optional --issued-by NAME' },
  ],
});
