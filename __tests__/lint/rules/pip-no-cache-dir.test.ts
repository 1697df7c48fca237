import { rule } from '../../../src/lint/rules/pip-no-cache-dir';
import { ruleCases } from '../../support/ruleTester';
import { hadolintSpecCases } from '../../support/hadolintSpec';

ruleCases(rule, {
  valid: [
    'FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt\n',
    'FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n',
    'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n',
    'FROM python:3.12-slim\nRUN PIP_NO_CACHE_DIR=1 python -m pip install flask\n',
    'FROM python:3.12-slim\nRUN pip download flask\n'
  ],
  invalid: [
    { code: 'FROM python:3.12-slim\nRUN pip install flask\n', lines: [2], aliases: ['DL3042'] },
    { code: 'FROM python:3.12-slim\nRUN apt-get update \\\n && python3 -m pip install -r req.txt\n', lines: [2] },
    { code: 'FROM python:3.12-slim AS a\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12-slim\nRUN pip3 install x\n', lines: [4] },
    { code: 'FROM python:3.12-slim\nRUN <<EOF\npip install flask\nEOF\n', lines: [2] }
  ]
});

hadolintSpecCases('DL3042');
