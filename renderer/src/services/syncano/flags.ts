// @process: renderer
// The four flags of an instance API key, each explained in one line (after Syncano's guide to
// keys; the guide says nothing more of allow_group_create than its name does).
import type { SyncanoFlag, SyncanoFlags } from '../../../../electron/shared/contract/syncano';

export const FLAG_INFO: ReadonlyArray<{ flag: SyncanoFlag; title: string; explain: string }> = [
  { flag: 'ignore_acl', title: 'Ignore permissions (ignore_acl)', explain: 'The key skips the permissions set on this instance’s resources — it is not held back by them.' },
  { flag: 'allow_user_create', title: 'Create users (allow_user_create)', explain: 'The key may create users, which a plain API key cannot.' },
  { flag: 'allow_group_create', title: 'Create groups (allow_group_create)', explain: 'The key may create groups, as the flag above does for users.' },
  {
    flag: 'allow_anonymous_read',
    title: 'Anonymous read (allow_anonymous_read)',
    explain: 'The key may read classes and data objects whose other_permissions are read or higher.',
  },
];

export const NO_FLAGS: SyncanoFlags = { ignore_acl: false, allow_user_create: false, allow_group_create: false, allow_anonymous_read: false };

export const onFlagNames = (f: SyncanoFlags): string[] => FLAG_INFO.filter((i) => f[i.flag]).map((i) => i.flag);
