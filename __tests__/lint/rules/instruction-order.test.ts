import { parseDockerfile } from '../../../src/dockerfile/parse';
import { DEFAULT_RULE_CONTEXT, runRuleOnModel } from '../../../src/lint/findings';
import { rule } from '../../../src/lint/rules/instruction-order';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: ['ARG BASE=debian:12\nFROM ${BASE}', '# comment\nFROM debian:12\nLABEL a=1'],
  invalid: []
});

// the parser reports these files too (a parse error), so they are linted on the model directly
it.each([
  ['LABEL a=1\nFROM debian:12', [1]],
  ['ARG V=1\nENV A=1\nRUN true\nFROM debian:12', [2, 3]]
])('reports each instruction but ARG before the first FROM (%j)', (code, lines) => {
  const found = runRuleOnModel(rule, parseDockerfile('Dockerfile', code), DEFAULT_RULE_CONTEXT);
  expect(found.map(f => f.line)).toEqual(lines);
  expect(found.every(f => f.aliases.includes('DL3061'))).toBe(true);
});

hadolintSpecCases('DL3061');
