import { rule } from '../../../src/lint/rules/copy-instead-of-add';
import { ruleCases } from '../../support/ruleTester';
import { hadolintSpecCases } from '../../support/hadolintSpec';

ruleCases(rule, {
  valid: [
    'FROM busybox:1\nADD https://example.com/app.tar.gz /opt/',
    'FROM busybox:1\nADD rootfs.tar.xz /',
    'FROM busybox:1\nADD --checksum=sha256:0000000000000000000000000000000000000000000000000000000000000000 http://example.com/x /x',
    'FROM busybox:1\nADD git@github.com:org/repo.git /src',
    'FROM busybox:1\nARG SRC=https://example.com/x\nADD $SRC /x',
    'FROM busybox:1\nCOPY app /app'
  ],
  invalid: [
    { code: 'FROM busybox:1\nADD app /app', lines: [2], aliases: ['DL3020'] },
    { code: 'FROM busybox:1\nADD a.tar.gz b.txt /opt/', lines: [2] },
    { code: 'FROM busybox:1\nADD --chown=1000 ["conf dir", "/etc/app/"]\nADD . /src', lines: [2, 3] }
  ]
});

hadolintSpecCases('DL3020');
