import type { Rule } from '../rule';
import { checkRpmPins } from '../rpmVersions';

export const rule: Rule = {
  id: 'dnf-pin-versions',
  severity: 'warning',
  description: 'dnf and microdnf install pin package versions (pkg-version) and module streams (module:stream).',
  aliases: ['DL3041'],
  help:
    'Unpinned `dnf install -y httpd` installs whatever the repository has at build time. Pin with `httpd-2.4.57` ' +
    '(a `${VERSION}` declared by an ARG or ENV counts), install a local `.rpm`, and give modules a stream ' +
    '(`dnf module install nodejs:20`). Groups (`dnf group install`) are not checked.',
  check: model => checkRpmPins(model, ['dnf', 'microdnf'], ['group'], 'pin versions in dnf install: use <package>-<version>')
};
