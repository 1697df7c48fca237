import { rule } from '../../../src/lint/rules/undefined-var';
import { runRule, ruleCases } from '../../support/ruleTester';

// Cases from BuildKit's testUnmatchedVars and testAllTargetUnmarshal
ruleCases(rule, {
  valid: [
    '\nFROM scratch\nARG foo\nCOPY Dockerfile${foo} .\n',
    '\nFROM alpine AS base\nARG foo=Dockerfile\n\nFROM base\nCOPY $foo .\n',
    '\nFROM alpine\nRUN echo $PATH\n',
    'FROM alpine\nENV APP=/app\nWORKDIR $APP\nCOPY --chown=1000 . ${APP}',
    "FROM alpine\nLABEL note='costs $5'",
    'FROM alpine\nENV PATH=$PATH:/opt/bin'
  ],
  invalid: [
    { code: '\nFROM scratch AS first\nCOPY $foo .\n\nFROM scratch AS second\nCOPY $bar .\n', lines: [3, 6], aliases: ['UndefinedVar'] },
    { code: '\nFROM alpine\nCOPY $foo .\nARG foo=bar\nRUN echo $foo\n', lines: [3] },
    { code: '\nFROM alpine\nARG DIR_BINARIES=binaries/\nARG DIR_ASSETS=assets/\nARG DIR_CONFIG=config/\nCOPY $DIR_ASSET .\n', lines: [6] },
    { code: '\nFROM alpine\nENV PATH=$PAHT:/tmp/bin\n', lines: [3] },
    { code: 'ARG VERSION=1\nFROM alpine\nLABEL version=$VERSION', lines: [3], name: 'a global ARG must be declared again in the stage' }
  ]
});

it('suggests the declared name a typo is closest to', () => {
  expect(runRule(rule, '\nFROM alpine\nARG DIR_ASSETS=assets/\nCOPY $DIR_ASSET .\n')[0].message).toBe("Usage of undefined variable '$DIR_ASSET' (did you mean $DIR_ASSETS?)");
  expect(runRule(rule, '\nFROM alpine\nENV PATH=$PAHT:/tmp/bin\n')[0].message).toBe("Usage of undefined variable '$PAHT' (did you mean $PATH?)");
});
