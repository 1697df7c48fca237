import type { Rule } from '../rule';
import { checkLabelType, isUrl } from '../labels';

export const rule: Rule = {
  id: 'label-url',
  severity: 'warning',
  description: 'Labels the label-schema types as url hold a valid URL.',
  aliases: ['DL3052'],
  help: 'A label the `label-schema` of .hadolint.yaml types as `url` must hold a valid URL (an absolute URI such as `https://example.com/repo`).',
  check: (model, ctx) => checkLabelType(model, ctx, 'url', isUrl, key => `label ${key} is not a valid URL`)
};
