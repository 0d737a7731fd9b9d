// @process: shared
// The services and token kinds, and their names as a person reads them. Shared so the renderer
// can show the same words the core uses.

export const SERVICES = ['synapse', 'synap', 'syncano'] as const;
export type Service = (typeof SERVICES)[number];

export const TOKEN_KINDS = ['synapse-pat', 'synap-pat', 'syncano-account-key', 'syncano-api-key'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

export const SERVICE_NAMES: Record<Service, string> = {
  synapse: 'Synapse',
  synap: 'Synap',
  syncano: 'Syncano',
};

export const KIND_NAMES: Record<TokenKind, string> = {
  'synapse-pat': 'Personal access token',
  'synap-pat': 'Personal access token',
  'syncano-account-key': 'Account key',
  'syncano-api-key': 'Instance API key',
};

export const KIND_SERVICE: Record<TokenKind, Service> = {
  'synapse-pat': 'synapse',
  'synap-pat': 'synap',
  'syncano-account-key': 'syncano',
  'syncano-api-key': 'syncano',
};
