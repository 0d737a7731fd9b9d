// @process: core
// "Does this token still work?", for any service: each service's own verify use case, and its
// answer read the same way wherever it is asked (`synvault verify`, Scan's verify of a finding).
import type { Handlers } from '../shared/contract';
import type { Service } from '../shared/services';

/** The verify call of each service. */
export const VERIFY_METHOD = { synapse: 'synapseVerifyToken', syncano: 'syncanoVerify', synap: 'synapVerify' } as const satisfies Record<Service, keyof Handlers>;
export type VerifyMethod = (typeof VERIFY_METHOD)[Service];
export type VerifyHandlers = Pick<Handlers, VerifyMethod>;

export interface Verdict {
  state: 'valid' | 'invalid' | 'forbidden';
  /** The service's own words (whose token it is, or why it is refused). */
  detail: string;
}

/** Verifies the token `id` with its service's verify use case and says what it answered. */
export async function verifyWith(handlers: VerifyHandlers, service: Service, id: string): Promise<Verdict> {
  if (service === 'synapse') {
    const r = await handlers.synapseVerifyToken({ id });
    return { state: r.state, detail: r.detail };
  }
  if (service === 'syncano') {
    const r = await handlers.syncanoVerify({ id });
    return { state: r.verification?.state ?? 'valid', detail: r.verification?.detail ?? '' };
  }
  const r = await handlers.synapVerify({ id });
  return { state: r.state, detail: r.detail ?? r.title ?? `status ${r.status}` };
}
