import type { Rule } from '../rule';
import { checkLabelType, isGitHash } from '../labels';

export const rule: Rule = {
  id: 'label-git-hash',
  severity: 'warning',
  description: 'Labels the label-schema types as hash hold a git commit hash.',
  aliases: ['DL3055'],
  help: 'A label the `label-schema` of .hadolint.yaml types as `hash` must hold a git commit hash (7 or 40 lower-case hex digits).',
  check: (model, ctx) => checkLabelType(model, ctx, 'hash', isGitHash, key => `label ${key} is not a git commit hash`)
};
