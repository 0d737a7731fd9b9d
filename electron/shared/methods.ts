// @process: shared
// The contract's method and event names as plain data, for the preload and the harness bridge: they only
// need the names, and importing the contract itself would bundle every zod schema into the
// preload, which is parsed on every window load. The compiler checks this list against the
// contract both ways, and tests/shell/preload.test.ts checks it at run time.
import type { EventName, Method } from './contract';

export const METHODS = [
  'getStatus',
  'listTokens',
  'addToken',
  'renameToken',
  'copyToken',
  'revealToken',
  'removeToken',
  'listActivity',
  'getSettings',
  'updateSettings',
  'synapTokenInfo',
  'synapEditToken',
  'synapVerify',
  'synapCurlCommands',
  'synapCopyCurl',
  'synapCopySubjectUser',
  'synapOpenPortal',
  'synapConfirmRevoked',
  'syncanoSignIn',
  'syncanoVerify',
  'syncanoResetAccountKey',
  'syncanoListInstances',
  'syncanoListApiKeys',
  'syncanoCreateApiKey',
  'syncanoUpdateApiKey',
  'syncanoResetApiKey',
  'syncanoRevokeApiKey',
  'syncanoStoreApiKey',
  'synapseEndpoints',
  'synapseCreateToken',
  'synapseVerifyToken',
  'synapseSync',
  'synapseSyncState',
  'synapseRevoke',
  'synapseTwoFactor',
  'synapseOpenTokenPage',
  'synapseExportPreview',
  'synapseExport',
  'synapseImportScan',
  'synapseImport',
  'scanStart',
  'scanStatus',
  'scanCancel',
  'scanAddFinding',
  'scanRemoveFromConfig',
  'scanVerifyFinding',
  'scanOpenFolder',
  'rotateToken',
  'checkUsedIn',
] as const satisfies readonly Method[];

// A method the contract has and this list lacks fails to compile here.
type Missing = Exclude<Method, (typeof METHODS)[number]>;
const complete: [Missing] extends [never] ? true : Missing = true;
void complete;

export const channelName = (m: Method): string => `synvault:${m}`;

/** The main → window events (contract/events.ts), for the preload's `on` and the harness: only
 * these channels can be subscribed to. */
export const EVENTS = ['vaultChanged', 'clipboardCleared', 'keychainStateChanged'] as const satisfies readonly EventName[];

type MissingEvent = Exclude<EventName, (typeof EVENTS)[number]>;
const allEvents: [MissingEvent] extends [never] ? true : MissingEvent = true;
void allEvents;

/** One fixed channel per event, apart from the call channels (`synvault:<method>`). */
export const eventChannel = (e: EventName): string => `synvault-event:${e}`;
export const isEvent = (name: unknown): name is EventName => typeof name === 'string' && (EVENTS as readonly string[]).includes(name);
