import { rule } from '../../../src/lint/rules/consecutive-run';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM busybox:1\nRUN a',
    'FROM busybox:1\nRUN a\nWORKDIR /x\nRUN b',
    'FROM busybox:1\nRUN --mount=type=cache,target=/root/.cache a\nRUN b',
    'FROM busybox:1\nRUN a && b && c\nRUN d',
    'FROM busybox:1\nRUN a\nFROM busybox:1\nRUN b',
    { code: 'FROM busybox:1\nRUN a\n# why\nRUN b && c\nRUN d', name: 'a RUN that chains commands is a deliberate split, before and after it' }
  ],
  invalid: [
    { code: 'FROM busybox:1\nRUN a\nRUN b', lines: [3], aliases: ['DL3059'] },
    { code: 'FROM busybox:1\nRUN a && b\n# why\nRUN c\nRUN d', lines: [5] },
    { code: 'FROM busybox:1\nRUN --network=none a\nRUN --network=none b', lines: [3] }
  ]
});

it('is an info finding by default', () => {
  expect(rule.severity).toBe('info');
});

hadolintSpecCases('DL3059');
