import type { Rule } from '../rule';
import { checkLabelType, isEmail } from '../labels';

export const rule: Rule = {
  id: 'label-email',
  severity: 'warning',
  description: 'Labels the label-schema types as email hold an email address.',
  aliases: ['DL3058'],
  help: 'A label the `label-schema` of .hadolint.yaml types as `email` must hold an email address (RFC 5322: `team@example.com`).',
  check: (model, ctx) => checkLabelType(model, ctx, 'email', isEmail, key => `label ${key} is not an email address`)
};
