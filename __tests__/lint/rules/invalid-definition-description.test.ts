import { rule } from '../../../src/lint/rules/invalid-definition-description';
import { ruleCases } from '../../support/ruleTester';

// Cases from BuildKit's testDefinitionDescription (the rule itself; `experimental=` is applied by the engine)
ruleCases(rule, {
  valid: [
    '# check=skip=all;experimental=InvalidDefinitionDescription\n# foo this is the foo\nARG foo=bar\n\n# base this is the base image\nFROM scratch AS base\n\n# version this is the version number\nARG version=latest\n\n# baz this is the baz\nARG foo=baz bar=qux baz=quux\n#\nARG bit=bat\n\n# comment for something other than ARG or FROM\nCOPY Dockerfile .\n'
  ],
  invalid: [
    {
      code: '# check=experimental=InvalidDefinitionDescription\n# bar this is the bar\nARG foo=bar\n# BasE this is the BasE image\nFROM scratch AS base\n# definitely a bad comment\nARG version=latest\n# definitely a bad comment\nARG foo=baz bar=qux baz=quux\n',
      lines: [3, 5, 7, 9],
      aliases: ['InvalidDefinitionDescription']
    }
  ]
});
