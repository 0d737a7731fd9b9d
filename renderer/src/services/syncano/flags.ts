// @process: renderer
// The four flags of an instance API key as the key form lists them: the flags, their order and
// their explanations are Syncano's facts in its shared module (electron/shared/services/syncano).
import { FLAG_INFO as INFO, SYNCANO_FLAGS, type SyncanoFlag } from '../../../../electron/shared/services/syncano';

export const FLAG_INFO: ReadonlyArray<{ flag: SyncanoFlag; title: string; explain: string }> = SYNCANO_FLAGS.map((flag) => ({ flag, ...INFO[flag] }));

export { NO_FLAGS, onFlagNames } from '../../../../electron/shared/services/syncano';
