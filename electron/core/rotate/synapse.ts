// @process: core
// Rotating a Synapse personal access token (docs/rotate.md): sign in (the create path's sign-in,
// second factor and Terms of Use check included), create a successor with the same scopes, store
// it under the old label (the old one kept, "rotated out"), rewrite every .synapseConfig section
// that holds the old token, and only then revoke the old one at Synapse. The old token is never
// revoked before the successor is stored and written everywhere the old one was: a failed write,
// or a place found still holding it, holds the revoke back, and the report says which token is
// live where.
import type { RotationReport } from '../../shared/contract/rotate';
import type { TwoFactorChallenge } from '../../shared/contract/synapse';
import { fieldError, VaultError } from '../../shared/errors';
import type { TokenSummary } from '../../shared/model';
import { SCOPES, TOKEN_NAME_MAX } from '../../shared/services/synapse';
import type { ActivityLog } from '../activity-log';
import type { SynapseEndpoints, Session } from '../services/synapse/client';
import { configPath, type SynapseActions } from '../services/synapse/actions';
import { parseFile, readConfigFile, replaceToken, sectionsHolding } from '../services/synapse/config';
import type { TokenStore } from '../token-store';
import { describePlace, fingerprintOf, forgetPlaces, placeWords, recordWritten, samePlace, tokensByFingerprint, type Place } from '../where-used';
import { clearMark, markCreating, markRotatedOut, successorOf } from './mark';
import { listWords, named, originalLabel, StepLog, type RotateOptions } from './steps';
import type { CoreParts } from '../parts';

export interface SynapseRotateRequest {
  service: 'synapse';
  id: string;
  username: string;
  password: string;
  allowEvictOldest: boolean;
}

export interface SynapseRotateDeps {
  tokens: TokenStore;
  activity: ActivityLog;
  clock: { now(): number };
  config: CoreParts['config'];
  synapse: SynapseActions;
}

/** The successor's name at Synapse (names are unique per user): the old one's, stamped. */
export function successorName(old: TokenSummary, now: number): string {
  const base = (old.server?.service === 'synapse' && old.server.name ? old.server.name : old.label).replace(/ \(rotated [^)]*\)$/, '');
  const stamp = ` (rotated ${new Date(now).toISOString().slice(0, 16).replace('T', ' ')})`;
  return `${base.slice(0, TOKEN_NAME_MAX - stamp.length).trimEnd()}${stamp}`;
}

/** Where the old token is now: the places the vault wrote it that still hold it, and any
 * credential section of ~/.synapseConfig that holds it though the vault did not put it there.
 * Places that hold something else are answered apart, to be forgotten. */
async function findPlaces(deps: SynapseRotateDeps, old: TokenSummary, fp: string): Promise<{ holding: Place[]; moved: Array<Place & { why: string }>; unreadable: Array<Place & { why: string }> }> {
  const byFp = await tokensByFingerprint(deps.tokens);
  const holding: Place[] = [];
  const moved: Array<Place & { why: string }> = [];
  const unreadable: Array<Place & { why: string }> = [];
  for (const u of old.usedIn ?? []) {
    const place: Place = { kind: u.kind, path: u.path, section: u.section };
    const d = describePlace(place, fp, byFp);
    if (d.state === 'holds-this') holding.push(place);
    else if (d.state === 'unreadable') unreadable.push({ ...place, why: d.detail ?? 'it could not be read' });
    else moved.push({ ...place, why: PLACE_WORDS[d.state] + (d.other ? ` (“${d.other.label}”)` : '') });
  }
  const file = configPath(deps);
  for (const section of sectionsHolding(file, fp)) {
    const place: Place = { kind: 'synapseConfig', path: file, section };
    if (!holding.some((p) => samePlace(p, place))) holding.push(place);
  }
  return { holding, moved, unreadable };
}

const PLACE_WORDS = {
  'holds-other': 'it holds another token now',
  'no-token': 'it holds no token now',
  'section-gone': 'the section is gone',
  'file-gone': 'the file is gone',
} as const;

/** Every place that holds the old token can be rewritten, or nothing is started: a read-only
 * file (or one configparser rejects) would otherwise keep the old token after the successor is
 * made, and hold its revoke back. */
function checkWritable(places: Place[]): void {
  const problems: string[] = [];
  for (const file of new Set(places.map((p) => p.path))) {
    try {
      parseFile(readConfigFile(file, { forWrite: true }));
    } catch (err) {
      problems.push(err instanceof VaultError ? err.message.replace(/ Nothing was changed\.$/, '') : `${file} cannot be rewritten.`);
    }
  }
  if (problems.length) {
    throw new VaultError('forbidden', `Nothing was done: the old token is in a file Synvault cannot rewrite, so it could not be revoked after the rotation. ${problems.join(' ')} Fix that, then rotate again.`);
  }
}

export async function rotateSynapse(deps: SynapseRotateDeps, input: SynapseRotateRequest, opts: RotateOptions = {}): Promise<RotationReport | TwoFactorChallenge> {
  const { tokens } = deps;
  const old = await tokens.get(input.id);
  if (old.service !== 'synapse') throw new VaultError('invalid-input', `"${old.label}" is not a Synapse token.`);
  if (!old.recordId) {
    throw new VaultError('invalid-input', `"${old.label}" carries no Synapse token id, so Synvault could not revoke it after the rotation. Create a new token, export it, then revoke this one on synapse.org.`);
  }
  // The keychain must answer before Synapse is asked for anything (a locked one throws here): a
  // successor it then refused would live only in an error message. Its value is not kept.
  await tokens.secret(old.id);
  const fp = await fingerprintOf(tokens, old.id);
  const planned = await findPlaces(deps, old, fp);
  checkWritable(planned.holding);
  return deps.synapse.signedIn(
    input.username,
    input.password,
    (ep, session) => rotateSignedIn(deps, input, ep, session, fp, opts),
    (rotated) => ({ action: 'rotate', rotated }),
  );
}

async function rotateSignedIn(deps: SynapseRotateDeps, input: SynapseRotateRequest, ep: SynapseEndpoints, session: Session, fp: string, opts: RotateOptions): Promise<RotationReport> {
  const { tokens, synapse } = deps;
  const nowIso = () => new Date(deps.clock.now()).toISOString();
  // Read again: a second factor may have taken minutes.
  let old = await tokens.get(input.id);
  const other = await synapse.notOwner(ep, session, old);
  if (other) {
    throw fieldError('rotateToken', 'forbidden', `"${old.label}" belongs to ${other.owner}, and you signed in as ${other.me}. Its successor must belong to the same user: sign in as ${other.owner}. Nothing was done.`, {
      username: `Sign in as ${other.owner}.`,
    });
  }
  const { holding, moved, unreadable } = await findPlaces(deps, old, fp);
  const warnings: string[] = [];
  const log = new StepLog(opts.onStep);
  const scopes = (old.scopes ?? []).filter((s) => s !== 'authorize' && (SCOPES as readonly string[]).includes(s));
  const earlier = successorOf(old, await tokens.list());
  const name = earlier ? undefined : successorName(old, deps.clock.now());
  const sCreate = log.add('create', `Create a successor at Synapse with the same scopes (${scopes.join(', ') || 'all'})`);
  const label = originalLabel(old);
  const sStore = log.add('store', `Store it in the vault as “${earlier?.label ?? label}”, keeping the old one (rotated out) until it is revoked`);
  const sWrites = holding.map((p) => ({ place: p, step: log.add('write', `Rewrite ${placeWords(p)}`, p) }));
  const sMoved = moved.map((p) => ({ place: p, step: log.add('write', `Rewrite ${placeWords(p)}`, p) }));
  const sUnread = unreadable.map((p) => ({ place: p, step: log.add('write', `Rewrite ${placeWords(p)}`, p) }));
  const sRevoke = log.add('revoke', `Revoke the old token ${named(old)} at Synapse`);

  // 1-2. The successor: made and stored now, or by an earlier rotation that stopped after storing it.
  let successor: TokenSummary;
  if (earlier) {
    successor = earlier;
    log.done(sCreate, `Done by an earlier rotation (${old.rotation?.at ?? 'before'}).`);
    if (old.rotation?.stage !== 'rotated-out') {
      const w = await markRotatedOut(tokens, old, successor, old.rotation?.at ?? nowIso(), old.rotation?.successorName);
      if (w) warnings.push(w);
      old = await tokens.get(old.id);
    }
    log.done(sStore, `Done earlier: ${named(successor)}.`);
  } else {
    if (old.rotation?.stage === 'creating' && old.rotation.successorName) {
      warnings.push(
        `An earlier rotation asked Synapse for “${old.rotation.successorName}” and stopped before storing it. If Synapse lists that token (Sync in the Synapse tab), it is not in the vault and its value is lost: revoke it there.`,
      );
    }
    const started = nowIso();
    await markCreating(tokens, old, started, name);
    try {
      const made = await synapse.createWith(
        ep,
        session,
        { username: input.username, name: name!, scopes, label, allowEvictOldest: input.allowEvictOldest },
        { otherwise: `Or revoke it on synapse.org. The old token ${named(old)} was left as it was: in the vault, in every file that held it, and live at Synapse.` },
      );
      successor = made.token;
      warnings.push(...made.warnings);
    } catch (err) {
      if (err instanceof VaultError && err.rescueSecret !== undefined) {
        // The successor exists only in this error, shown once: the rotation ends here, the old
        // token untouched.
        await clearMark(tokens, old.id).catch(() => undefined);
        throw err;
      }
      log.fail(sCreate, err);
      // A status means Synapse answered and made nothing; without one (the connection dropped)
      // it may have made the token: the mark stays, naming it.
      const answered = err instanceof VaultError && err.status !== undefined;
      if (answered) await clearMark(tokens, old.id).catch(() => undefined);
      else warnings.push(`Synapse may have created “${name}” before the connection failed; if Sync lists it, it is not in the vault: revoke it there.`);
      holdRest(log, [sStore, ...[...sWrites, ...sMoved, ...sUnread].map((w) => w.step), sRevoke]);
      return log.report('synapse', old.id, undefined, [`Nothing changed: the old token ${named(old)} is still in the vault, ${holding.length ? `in ${listWords(holding.map(placeWords))}, ` : ''}and live at Synapse.`], warnings);
    }
    log.done(sCreate, `“${name}” (${successor.preview}).`);
    try {
      const w = await markRotatedOut(tokens, old, successor, started, name);
      if (w) warnings.push(w);
      old = await tokens.get(old.id);
      log.done(sStore, `${named(successor)} is in the vault; the old one is ${named(old)}.`);
    } catch (err) {
      log.fail(sStore, err);
      holdRest(log, [...[...sWrites, ...sMoved, ...sUnread].map((w) => w.step), sRevoke]);
      return log.report('synapse', old.id, successor.id, liveWords(old, successor, [], holding, false), warnings);
    }
  }

  // 3. Every place that held the old token gets the successor.
  const newSecret = await tokens.secret(successor.id);
  const written: Place[] = [];
  const stillOld: Place[] = [];
  for (const { place, step } of sWrites) {
    try {
      const r = replaceToken(place.path, [place.section], fp, newSecret);
      if (r.replaced.length) {
        await recordWritten(tokens, 'synapseConfig', place.path, r.replaced, successor.id, nowIso());
        written.push(place);
        log.done(step, `Now holds ${named(successor)}.`);
      } else {
        const why = r.left[0]?.read.state;
        await forgetPlaces(tokens, old.id, [place]);
        log.skip(step, `Left alone: ${why && why !== 'holds-other' ? PLACE_WORDS[why as keyof typeof PLACE_WORDS] ?? 'it changed' : PLACE_WORDS['holds-other']} (changed since the rotation began).`);
      }
    } catch (err) {
      stillOld.push(place);
      log.fail(step, err);
    }
  }
  for (const { place, step } of sMoved) log.skip(step, `Left alone: ${place.why}; the vault no longer counts it as a place of the old token.`);
  await forgetPlaces(tokens, old.id, moved);
  for (const { place, step } of sUnread) {
    log.skip(step, `Not read: ${place.why} If it still holds the old token, that copy stops working when the old token is revoked.`);
    warnings.push(`${placeWords(place)} could not be read; if it holds the old token, replace it by hand.`);
  }

  // 4. Revoke the old token — only when nothing is left holding it.
  let revoked = false;
  if (stillOld.length) {
    log.hold(sRevoke, `Not revoked: ${listWords(stillOld.map(placeWords))} still ${stillOld.length > 1 ? 'hold' : 'holds'} it. Fix ${stillOld.length > 1 ? 'them' : 'it'} and rotate “${old.label}” again to finish (the successor is kept).`);
  } else {
    const now = await findPlaces(deps, await tokens.get(old.id), fp);
    if (now.holding.length) {
      stillOld.push(...now.holding);
      log.hold(sRevoke, `Not revoked: ${listWords(now.holding.map(placeWords))} still ${now.holding.length > 1 ? 'hold' : 'holds'} it. Rotate “${old.label}” again to finish.`);
    } else {
      const asked = nowIso();
      try {
        await synapse.revokeWith(ep, session, { id: old.id, username: input.username });
        revoked = true;
        log.done(sRevoke, 'Revoked at Synapse and removed from the vault.');
      } catch (err) {
        if (err instanceof VaultError && err.status === 404) {
          // Synapse no longer has it (revoked elsewhere, or the token cap): the rotation's aim holds.
          revoked = true;
          const removed = await tokens.remove(old.id).then(
            () => true,
            () => false,
          );
          log.done(sRevoke, `Synapse no longer had it (revoked elsewhere, or deleted by the token cap)${removed ? '; removed from the vault' : '; it stays in the vault, marked gone: remove it'}.`);
        } else {
          // Revoked, but the keychain would not let go of it: it stays in the vault, marked gone.
          const after = await tokens.get(old.id).catch(() => null);
          const gone = after?.server?.service === 'synapse' && after.server.state === 'gone' && after.server.at >= asked;
          revoked = gone;
          if (gone) log.done(sRevoke, `Revoked at Synapse; it stays in the vault, marked gone, because removing it failed: ${err instanceof VaultError ? err.message : 'the keychain refused.'} Remove it.`);
          else log.fail(sRevoke, err);
        }
      }
    }
  }
  deps.activity.record('rotated', successor, revoked ? `successor of ${old.preview}, which was revoked` : `successor of ${old.preview}, which is still live`);
  const listed = revoked && (await tokens.list()).some((t) => t.id === old.id);
  return log.report('synapse', old.id, successor.id, liveWords(old, successor, written, stillOld, revoked, listed), warnings);
}

/** Steps that are not run because an earlier one failed. */
function holdRest(log: StepLog, steps: Parameters<StepLog['hold']>[0][]): void {
  for (const s of steps) log.hold(s, 'Not run: an earlier step failed.');
}

/** Which token is live where, in a person's words (labels and masked previews only). */
function liveWords(old: TokenSummary, successor: TokenSummary, written: Place[], stillOld: Place[], revoked: boolean, stillListed = false): string[] {
  const where = (ps: Place[]) => (ps.length ? `, and written in ${listWords(ps.map(placeWords))}` : '');
  const out = [`The new token ${named(successor)} is in the vault and live at Synapse${where(written)}.`];
  if (revoked && stillListed) out.push(`The old token ${named(old)} is revoked at Synapse; it is still listed in the vault, marked gone: remove it.`);
  else if (revoked) out.push(`The old token (${old.preview}) is revoked at Synapse and gone from the vault.`);
  else {
    out.push(
      `The old token ${named(old)} is still live at Synapse — it was not revoked — and still in the vault${stillOld.length ? `, and still in ${listWords(stillOld.map(placeWords))}` : ''}. Rotate it again to finish once that is fixed, or revoke it.`,
    );
  }
  return out;
}
