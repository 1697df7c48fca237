import type { Rule } from '../rule';
import { checkRpmPins } from '../rpmVersions';

export const rule: Rule = {
  id: 'yum-pin-versions',
  severity: 'warning',
  description: 'yum install pins package versions (pkg-version) and module streams (module:stream).',
  aliases: ['DL3033'],
  help:
    'Unpinned `yum install -y httpd` installs whatever the repository has at build time. Pin with `httpd-2.4.57` ' +
    '(a `${VERSION}` declared by an ARG or ENV counts), install a local `.rpm`, and give modules a stream (`nodejs:20`).',
  check: model => checkRpmPins(model, ['yum'], [], 'pin versions in yum install: use <package>-<version>')
};
