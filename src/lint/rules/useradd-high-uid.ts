import type { Rule } from '../rule';
import { checkRuns, flagArgs, hasAnyFlag } from '../commandArgs';

export const rule: Rule = {
  id: 'useradd-high-uid',
  severity: 'warning',
  description: 'useradd with a long UID also passes -l (--no-log-init).',
  aliases: ['DL3046'],
  help:
    'useradd records every user in /var/log/lastlog and faillog, sparse files whose size grows with the UID: with a ' +
    'UID of six digits or more they take gigabytes in the layer. Pass `-l` (`--no-log-init`).',
  check: model =>
    checkRuns(
      model,
      c => c.name === 'useradd' && !hasAnyFlag(c, ['l', 'no-log-init']) && hasAnyFlag(c, ['u', 'uid']) && [...flagArgs(c, 'u'), ...flagArgs(c, 'uid')].some(u => u.length > 5),
      () => 'useradd with a high UID and without -l: the lastlog file grows to the UID and bloats the layer'
    )
};
