// @process: core
// What a value pulled out of a file is: the shared recogniser's answer (electron/shared/recognise.ts,
// the one pasting uses), narrowed to the shape the scanner pulled it out by — a 40-hex run is
// taken for a Syncano key and nothing else, a JWT for a Synapse token, a `p:` value for a Synap one.
import { recognise } from '../../shared/recognise';
import { serviceFacts, type Decoded, type Service, type TokenKind } from '../../shared/services';

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
  const r = recognise(value).find((x) => x.service === service);
  if (!r) return null;
  return { service, kind: r.kind, secret: serviceFacts(service).normalise(value.trim()), decoded: r.decoded };
}
