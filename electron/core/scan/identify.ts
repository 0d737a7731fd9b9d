// @process: core
// What a value pulled out of a file is: the shared recogniser's answer (the same one pasting
// uses), narrowed to the shape the scanner pulled it out by — a 40-hex value found as a hex run
// is a Syncano key, never something else that happens to be 40 hex digits.
import { normaliseSecret, type Decoded, type Service, type TokenKind } from '../../shared/services';

export interface Identified {
  service: Service;
  kind: TokenKind;
  /** The value as the vault stores it (a Syncano key lower-cased). */
  secret: string;
  decoded: Decoded;
}

const SHAPE_SERVICE = { jwt: 'synapse', synap: 'synap', hex: 'syncano' } as const satisfies Record<string, Service>;

export function identify(value: string, shape: keyof typeof SHAPE_SERVICE): Identified | null {
  const service = SHAPE_SERVICE[shape];
  try {
    const { secret, decoded } = normaliseSecret(service, value);
    return { service, kind: decoded.kind, secret, decoded };
  } catch {
    return null;
  }
}
