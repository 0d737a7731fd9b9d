// @process: shared
// Person-chosen settings, with their ranges. Endpoint settings, one per endpoint the service
// registry lists, are null to mean "the default" (production, or the SYNVAULT_* variable that
// tests set) so a default can change later.
//
// The rule for which addresses may carry a token lives here, once, because both halves need it:
// the window checks a typed address with it, and the core checks every address it is about to
// use (settings, [endpoints] in .synapseConfig, SYNVAULT_* variables, the HTTP port itself).
//
// The ranges are plain data (SETTING_RULES), so the window reads them without loading zod
// (docs/architecture.md, "Start-up"); settings-schema.ts builds the schema the core and the
// contract parse with from them.
import { ENDPOINTS, type EndpointSetting } from './services';

/** Loopback only: 127.0.0.0/8, localhost and [::1]. `hostname` as WHATWG URL gives it (IPv4 in
 * dotted form even when typed as 127.1 or 2130706433, IPv6 in brackets). Nothing that merely
 * resolves to this machine counts, so a name in DNS can never turn plain http on. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === 'localhost' || h === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

export type AddressProblem = 'not-an-address' | 'not-https';

/** Why a token must not be sent to this address, or null when it may: https anywhere, plain http
 * only to this machine (a token on the wire to anywhere else can be read by anyone on the path). */
export function addressProblem(address: string | URL): AddressProblem | null {
  let url: URL;
  try {
    url = typeof address === 'string' ? new URL(address.trim()) : address;
  } catch {
    return 'not-an-address';
  }
  if (url.protocol === 'https:') return url.hostname ? null : 'not-an-address';
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return null;
  return url.protocol === 'http:' ? 'not-https' : 'not-an-address';
}

/** An address as it may be shown: scheme, host and path only. A user name, password, query or
 * fragment could hold a secret, so they are never repeated back. Null when it does not parse
 * (an unparseable value is not quoted at all: it could be anything, a pasted token included). */
export function shownAddress(address: string | URL): string | null {
  try {
    const url = typeof address === 'string' ? new URL(address.trim()) : address;
    return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return null;
  }
}

/** The one wording for a refused address: what it is for, where it came from, how to fix it.
 * `where` reads after the address ("in [endpoints] authEndpoint of ~/.synapseConfig"). */
export function refusedAddressMessage(what: string, address: string, where: string, fix: string): string {
  const shown = shownAddress(address);
  if (addressProblem(address) === 'not-an-address') {
    return `The ${what} ${where} is not a web address Synvault can use (it must start with https://). ${fix}`;
  }
  return `The ${what} ${shown} ${where} is not https; Synvault only sends tokens over https (plain http only to this machine). ${fix}`;
}

/** A setting's rule. A refusal without words of its own here says zod's default words. */
export type SettingRule =
  | { type: 'whole'; min: number; max: number; nullable?: boolean; notWhole?: string; tooSmall?: string; tooLarge?: string }
  | { type: 'text'; max: number; pattern: RegExp; message: string }
  /** A base address a token is sent to: addressProblem must find none. */
  | { type: 'address'; nullable: true; notAnAddress: string; notSafe: string };

/** One nullable address per service endpoint in the registry: null means its default. */
const ADDRESS = {
  type: 'address',
  nullable: true,
  notAnAddress: 'Enter a full address, e.g. https://api.example.org',
  notSafe: 'Use an https:// address; Synvault only sends tokens over https (plain http only to this machine: 127.0.0.1, localhost or [::1]).',
} as const;
const endpointSettings = Object.fromEntries(ENDPOINTS.map((e) => [e.setting, ADDRESS])) as Record<EndpointSetting, typeof ADDRESS>;
const noEndpointSettings = Object.fromEntries(ENDPOINTS.map((e) => [e.setting, null])) as Record<EndpointSetting, null>;

export const SYNAPSE_CONFIG_BACKUPS = { min: 0, max: 10, default: 3 } as const;

export const SETTING_RULES = {
  /** Seconds before a copied token is cleared from the clipboard; null = never. */
  clipboardClearSeconds: { type: 'whole', min: 10, max: 300, tooSmall: 'At least 10 seconds.', tooLarge: 'At most 300 seconds.', nullable: true },
  revealSeconds: { type: 'whole', min: 5, max: 120 },
  ...endpointSettings,
  /** The path Synap verify reads, relative to the API base; empty means Synap's documented default
   * (SYNAP_DEFAULT_VERIFY_PATH in services/synap.ts).
   * (Empty was the old default, which read the bare base — not a Synap resource — so a value
   * saved then now means the documented default.) */
  synapVerifyPath: { type: 'text', max: 200, pattern: /^(\/[A-Za-z0-9._~\-/]*)?$/, message: 'A path that starts with /, such as /portal-usage/, or empty for the default.' },
  /** Synap does not publish the Subject-User header's name; empty means "not set". */
  synapSubjectUserHeader: { type: 'text', max: 100, pattern: /^([A-Za-z0-9-]+)?$/, message: 'A header name holds only letters, digits and dashes.' },
  synapRotationDays: { type: 'whole', min: 1, max: 3650 },
  /** How many backups of .synapseConfig an export keeps. Each is a plaintext copy of the file,
   * token included, so they are bounded; 0 keeps none. */
  synapseConfigBackups: {
    type: 'whole',
    min: SYNAPSE_CONFIG_BACKUPS.min,
    max: SYNAPSE_CONFIG_BACKUPS.max,
    notWhole: 'Enter a whole number.',
    tooSmall: 'At least 0 (0 keeps no backup).',
    tooLarge: 'At most 10.',
  },
} as const satisfies Record<string, SettingRule>;

/** What is wrong with a setting's value by its rule, in the words the person sees beside the
 * field, or null when nothing is. The one check: the core's schema (settings-schema.ts) runs it,
 * and the window runs it on every field before sending, so all that needs a change is said at once. */
export function settingProblem(rule: SettingRule, value: unknown): string | null {
  if (value === null) return 'nullable' in rule && rule.nullable ? null : 'Enter a value.';
  switch (rule.type) {
    case 'whole':
      if (typeof value !== 'number' || !Number.isInteger(value)) return rule.notWhole ?? 'Enter a whole number.';
      if (value < rule.min) return rule.tooSmall ?? `At least ${rule.min}.`;
      if (value > rule.max) return rule.tooLarge ?? `At most ${rule.max}.`;
      return null;
    case 'text': {
      if (typeof value !== 'string') return rule.message;
      const v = value.trim();
      if (v.length > rule.max) return `At most ${rule.max} characters.`;
      return rule.pattern.test(v) ? null : rule.message;
    }
    case 'address':
      if (typeof value !== 'string') return rule.notAnAddress;
      switch (addressProblem(value)) {
        case null:
          return null;
        case 'not-https':
          return rule.notSafe;
        default:
          return rule.notAnAddress;
      }
  }
}

/** What a setting holds: a number or a text, or null where its rule allows it. */
export type SettingValue<R extends SettingRule> = (R extends { type: 'whole' } ? number : string) | (R extends { nullable: true } ? null : never);
export type Settings = { -readonly [K in keyof typeof SETTING_RULES]: SettingValue<(typeof SETTING_RULES)[K]> };

export const DEFAULT_SETTINGS: Settings = {
  clipboardClearSeconds: 30,
  revealSeconds: 20,
  ...noEndpointSettings,
  synapVerifyPath: '',
  synapSubjectUserHeader: '',
  synapRotationDays: 90,
  synapseConfigBackups: SYNAPSE_CONFIG_BACKUPS.default,
};
