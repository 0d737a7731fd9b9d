// @process: shared
// The add path's rules for a pasted value, one set for the window's form, `synvault add` and the
// core's Vault.add: the chosen service's format check, a refusal that names the service a value
// of another service belongs to ("This looks like a Synapse personal access token, not a Syncano
// key."), and the service's own fields mapped for the secret's kind (docs/paste-recognition.md).
// No message quotes the value.
import { invalid, VaultError } from './errors';
import { normaliseSecret, SERVICE_NAMES, serviceFacts, type AddTokenRequest, type Decoded, type Service } from './services';
import type { AddedMeta } from './services/define';
import { recognise, resembles, secretPhrase } from './recognise';

/** The refusal for a value that looks like another service's than `service`; null when it does not. */
export function wrongService(service: Service, value: string): VaultError | null {
  const other = recognise(value).find((r) => r.service !== service);
  if (other) return invalid(`This looks like ${other.what}, not ${secretPhrase(service)}.`, { secret: `This is ${other.what}.` });
  const like = resembles(value).find((s) => s !== service);
  if (!like) return null;
  // Shaped like another service's value, but that service refuses it too: its own words say why.
  let why = '';
  try {
    normaliseSecret(like, value);
  } catch (err) {
    if (err instanceof VaultError) why = ` ${err.message}`;
  }
  return invalid(`This looks like a ${SERVICE_NAMES[like]} value, not ${secretPhrase(service)}.${why}`, { secret: `This looks like a ${SERVICE_NAMES[like]} value.` });
}

/** The value as the service stores it and what it decodes to, or an invalid-input error: the
 * service's own when the value is simply malformed, or one naming the service it belongs to. */
export function checkPaste(service: Service, raw: string): { secret: string; decoded: Decoded } {
  try {
    return normaliseSecret(service, raw);
  } catch (err) {
    if (!(err instanceof VaultError) || err.code !== 'invalid-input') throw err;
    throw wrongService(service, raw) ?? err;
  }
}

/** Everything Vault.add stores besides the secret: service, label and the service's fields, which
 * its module maps for the secret's kind (refusing one that does not fit the kind). */
export type PreparedMeta = AddedMeta & { service: Service; label: string };

export function prepareAdd(req: AddTokenRequest): { secret: string; decoded: Decoded; meta: PreparedMeta } {
  const { secret, decoded } = checkPaste(req.service, req.secret);
  const fields = serviceFacts(req.service).addMeta(req.details, decoded.kind);
  return { secret, decoded, meta: { service: req.service, label: req.label, ...fields } };
}
