// @process: shared
// The contract's method names as plain data, for the preload and the harness bridge: they only
// need the names, and importing the contract itself would bundle every zod schema into the
// preload, which is parsed on every window load. The compiler checks this list against the
// contract both ways, and tests/shell/preload.test.ts checks it at run time.
import type { Method } from './contract';

export const METHODS = [
  'getStatus',
  'listTokens',
  'addToken',
  'copyToken',
  'revealToken',
  'removeToken',
  'listActivity',
  'getSettings',
  'updateSettings',
  'synapTokenInfo',
  'synapEditToken',
  'synapVerify',
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
  'synapseEndpoints',
  'synapseCreateToken',
  'synapseVerifyToken',
  'synapseSync',
  'synapseRevoke',
  'synapseTwoFactor',
  'synapseOpenTokenPage',
  'synapseExportPreview',
  'synapseExport',
  'synapseImportScan',
  'synapseImport',
] as const satisfies readonly Method[];

// A method the contract has and this list lacks fails to compile here.
type Missing = Exclude<Method, (typeof METHODS)[number]>;
const complete: [Missing] extends [never] ? true : Missing = true;
void complete;

export const channelName = (m: Method): string => `synvault:${m}`;
