import { rule } from '../../../src/lint/rules/go-pin-versions';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM debian:12\nRUN go install example.com/tool@v1.4.2',
    'FROM debian:12\nRUN go install ./cmd/app',
    'FROM debian:12\nRUN go run example.com/gen@v1.0.0 arg'
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN go install example.com/tool', lines: [2], aliases: ['DL3062'] },
    { code: 'FROM debian:12\nRUN go install example.com/tool@latest', lines: [2], aliases: ['DL3062'] }
  ]
});

hadolintSpecCases('DL3062');
