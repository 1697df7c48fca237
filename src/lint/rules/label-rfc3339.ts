import type { Rule } from '../rule';
import { checkLabelType, isRfc3339 } from '../labels';

export const rule: Rule = {
  id: 'label-rfc3339',
  severity: 'warning',
  description: 'Labels the label-schema types as rfc3339 hold an RFC 3339 time.',
  aliases: ['DL3053'],
  help: 'A label the `label-schema` of .hadolint.yaml types as `rfc3339` must hold an RFC 3339 time (`2024-05-01T12:00:00Z`).',
  check: (model, ctx) => checkLabelType(model, ctx, 'rfc3339', isRfc3339, key => `label ${key} is not an RFC 3339 time`)
};
