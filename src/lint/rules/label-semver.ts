import type { Rule } from '../rule';
import { checkLabelType, isSemVer } from '../labels';

export const rule: Rule = {
  id: 'label-semver',
  severity: 'warning',
  description: 'Labels the label-schema types as semver hold a semantic version.',
  aliases: ['DL3056'],
  help: 'A label the `label-schema` of .hadolint.yaml types as `semver` must hold a semantic version (SemVer 2.0.0: `1.4.2`, `2.0.0-rc.1`).',
  check: (model, ctx) => checkLabelType(model, ctx, 'semver', isSemVer, key => `label ${key} is not a semantic version`)
};
