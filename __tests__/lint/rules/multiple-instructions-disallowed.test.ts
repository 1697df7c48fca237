import { rule } from '../../../src/lint/rules/multiple-instructions-disallowed';
import { ruleCases } from '../../support/ruleTester';

// Cases from BuildKit's testMultipleInstructionsDisallowed: the earlier, overridden instruction is reported
ruleCases(rule, {
  valid: ['\nFROM scratch AS a\nENTRYPOINT ["/myapp"]\nCMD ["/myapp"]\nHEALTHCHECK CMD ["/myapp"]\n\nFROM a AS b\nENTRYPOINT ["/myotherapp"]\nCMD ["/myotherapp"]\nHEALTHCHECK CMD ["/myotherapp"]\n'],
  invalid: [
    {
      code: '\nFROM scratch\nENTRYPOINT ["/myapp"]\nENTRYPOINT ["/myotherapp"]\nCMD ["/myapp"]\nCMD ["/myotherapp"]\nHEALTHCHECK CMD ["/myapp"]\nHEALTHCHECK CMD ["/myotherapp"]\n',
      lines: [3, 5, 7],
      aliases: ['MultipleInstructionsDisallowed']
    },
    {
      code: '\nFROM scratch\nENTRYPOINT ["/myapp"]\nCMD ["/myapp"]\nHEALTHCHECK CMD ["/myapp"]\nCOPY <<EOF /a.txt\nHello, World!\nEOF\nENTRYPOINT ["/myotherapp"]\nCMD ["/myotherapp"]\nHEALTHCHECK CMD ["/myotherapp"]\n',
      lines: [3, 4, 5]
    },
    { code: 'FROM scratch\nCMD a\nCMD b\nCMD c', lines: [2, 3], name: 'three CMDs report the first two' }
  ]
});
