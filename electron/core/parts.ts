// @process: core
// The core's parts as the composition root (app-core.ts) builds them, once per process, and hands
// them to the use cases. A use case takes the parts it needs (a Pick of this), never another use
// case's internals (docs/architecture.md, "The core's parts").
import type { ActivityLog } from './activity-log';
import type { Clock, SecretClipboard } from './clipboard';
import type { Config } from './config';
import type { KeychainPort } from './keychain';
import type { Recovery } from './recovery';
import type { SettingsStore } from './settings-store';
import type { TokenStore } from './token-store';
import type { WriteLock } from './write-lock';

export interface CoreParts {
  config: Config;
  clock: Clock;
  /** The keychain port itself, for entries that are not token records (the probe, Synapse's
   * sign-in receipt). Tokens go through `tokens`. */
  keychain: KeychainPort;
  /** Keychain + catalog + the one write queue and lock + the journal: the only writer of tokens. */
  tokens: TokenStore;
  recovery: Recovery;
  /** The data folder's one write lock (the token store's), for the other files written under it:
   * settings, Synapse's last sync. */
  lock: WriteLock;
  activity: ActivityLog;
  settings: SettingsStore;
  clipboard: SecretClipboard;
}
