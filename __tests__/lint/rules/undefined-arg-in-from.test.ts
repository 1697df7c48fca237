import { rule } from '../../../src/lint/rules/undefined-arg-in-from';
import { parseDockerfile } from '../../../src/dockerfile/parse';
import { DEFAULT_RULE_CONTEXT, runRuleOnModel } from '../../../src/lint/findings';
import { runRule, ruleCases } from '../../support/ruleTester';

// Cases from BuildKit's testUndeclaredArg
ruleCases(rule, {
  valid: [
    '\nARG base=scratch\nFROM $base\nCOPY Dockerfile .\n',
    '\nARG BUILDPLATFORM=linux/amd64\nFROM --platform=$BUILDPLATFORM scratch\nCOPY Dockerfile .\n',
    '\nFROM --platform=$BUILDPLATFORM scratch\nCOPY Dockerfile .\n',
    '\nARG DEBUG\nFROM scratch${DEBUG}\nCOPY Dockerfile .\n',
    '\nARG DEBUG\nFROM scra${DEBUG:-tch}\nCOPY Dockerfile .\n',
    '\nARG DEBUG=""\nFROM scratch${DEBUG-@bogus}\nCOPY Dockerfile .\n'
  ],
  invalid: [
    { code: '\nFROM --platform=$BULIDPLATFORM scratch\nCOPY Dockerfile .\n', lines: [2], aliases: ['UndefinedArgInFrom'] },
    { code: '\nARG MY_OS=linux\nARG MY_ARCH=amd64\nFROM --platform=linux/${MYARCH} busybox\nCOPY Dockerfile .\n', lines: [4] }
  ]
});

it('suggests the declared name a typo is closest to', () => {
  expect(runRule(rule, '\nFROM --platform=$BULIDPLATFORM scratch\n')[0].message).toBe("FROM argument 'BULIDPLATFORM' is not declared (did you mean BUILDPLATFORM?)");
  expect(runRule(rule, '\nARG MY_ARCH=amd64\nFROM --platform=linux/${MYARCH} busybox\n')[0].message).toContain('(did you mean MY_ARCH?)');
});

it('reports an undeclared ARG in the image of FROM (which stageguard also reports as a parse error)', () => {
  const model = parseDockerfile('Dockerfile', '\nARG tag=latest\nFROM busybox:${tag}${version} AS b\nCOPY Dockerfile .\n');
  const found = runRuleOnModel(rule, model, DEFAULT_RULE_CONTEXT);
  expect(found.map(f => [f.line, f.message])).toEqual([[3, "FROM argument 'version' is not declared"]]);
});
