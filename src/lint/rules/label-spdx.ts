import type { Rule } from '../rule';
import { checkLabelType, isSpdxId } from '../labels';

export const rule: Rule = {
  id: 'label-spdx',
  severity: 'warning',
  description: 'Labels the label-schema types as spdx hold an SPDX license identifier.',
  aliases: ['DL3054'],
  help: 'A label the `label-schema` of .hadolint.yaml types as `spdx` must hold an SPDX license identifier (`MIT`, `Apache-2.0`, from the SPDX license list).',
  check: (model, ctx) => checkLabelType(model, ctx, 'spdx', isSpdxId, key => `label ${key} is not an SPDX license identifier`)
};
