import { rule } from '../../../src/lint/rules/yum-clean';
import { ruleCases } from '../../support/ruleTester';
import { hadolintSpecCases } from '../../support/hadolintSpec';

ruleCases(rule, {
  valid: [
    'FROM centos:7\nRUN yum install -y httpd && yum clean all',
    'FROM centos:7\nRUN yum install -y httpd && rm -rf /var/cache/yum',
    'FROM centos:7\nRUN --mount=type=cache,target=/var/cache/yum yum install -y httpd',
    'FROM centos:7 AS build\nRUN yum install -y gcc\nFROM centos:7\nCOPY --from=build /out /out',
    'FROM centos:7\nRUN yum update -y && yum clean all'
  ],
  invalid: [
    { code: 'FROM centos:7\nRUN yum install -y httpd', lines: [2], aliases: ['DL3032'] },
    { code: 'FROM centos:7\nRUN yum -y install httpd && yum clean packages', lines: [2] },
    { code: 'FROM centos:7 AS base\nRUN yum install -y a\nFROM base\nRUN yum install -y b\nRUN yum clean all', lines: [2, 4] }
  ]
});

hadolintSpecCases('DL3032');
