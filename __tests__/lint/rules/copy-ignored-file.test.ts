import { rule } from '../../../src/lint/rules/copy-ignored-file';
import { ruleCases } from '../../support/ruleTester';

const ignore = (text: string) => ({ dockerignore: { exists: true, lines: text.split('\n') } });

// Cases from BuildKit's testCopyIgnoredFiles and testCopyIgnoredFileContextRoot
ruleCases(rule, {
  valid: [
    { code: '\nFROM scratch AS base\nCOPY Dockerfile /foobar\nADD Dockerfile /windy\n\nFROM base\nCOPY --from=base /foobar /Dockerfile\n', ctx: ignore('\nfoobar\n') },
    { code: '\nFROM scratch\nCOPY ./Dockerfile .\n', ctx: ignore('\n**\n!Dockerfile\n') },
    { code: '\nFROM scratch\nCOPY . .\n', ctx: ignore('\n**\n!Dockerfile\n') },
    { code: '\nFROM scratch\nCOPY . .\n', ctx: ignore('\n.*\n') },
    { code: 'FROM scratch\nCOPY Dockerfile .', ctx: { dockerignore: { exists: false, lines: [] } } },
    { code: 'FROM scratch\nCOPY <<EOF /a\nx\nEOF', ctx: ignore('EOF') },
    { code: 'FROM scratch\nCOPY <<EOF /a\nx\nEOF', ctx: ignore('a\nx'), name: 'a here-document body and its destination are no sources' }
  ],
  invalid: [
    { code: '\nFROM scratch\nCOPY Dockerfile .\nADD Dockerfile /windy\n', ctx: ignore('\nDockerfile\n'), lines: [3, 4], aliases: ['CopyIgnoredFile'] },
    { code: '\nFROM scratch\nCOPY . .\n', ctx: ignore('\n*\n'), lines: [3] },
    { code: 'FROM scratch\nCOPY docs/readme.md /d/', ctx: ignore('# comment\ndocs'), lines: [2], name: 'a file inside an ignored folder' },
    { code: 'FROM scratch\nCOPY ["build/out.js", "/app/"]', ctx: ignore('**/*.js'), lines: [2], name: 'JSON form and a ** pattern' }
  ]
});
