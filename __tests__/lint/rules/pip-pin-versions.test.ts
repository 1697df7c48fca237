import { rule } from '../../../src/lint/rules/pip-pin-versions';
import { ruleCases } from '../../support/ruleTester';
import { hadolintSpecCases } from '../../support/hadolintSpec';

ruleCases(rule, {
  valid: [
    'FROM python:3.12\nRUN pip install --no-cache-dir flask==3.0.0 "requests>=2.31"',
    'FROM python:3.12\nRUN pip install -r requirements.txt',
    'FROM python:3.12\nRUN pip install --requirement=req.txt && pip install .',
    'FROM python:3.12\nRUN pip install -c constraints.txt flask',
    'FROM python:3.12\nRUN pip install -U pip setuptools wheel',
    'FROM python:3.12\nRUN pip install ./dist/app-1.0-py3-none-any.whl git+https://github.com/org/lib.git@v1.2',
    'FROM python:3.12\nRUN pip install -e ".[dev]" $EXTRA'
  ],
  invalid: [
    { code: 'FROM python:3.12\nRUN pip install flask', lines: [2], aliases: ['DL3013'] },
    { code: 'FROM python:3.12\nRUN python3 -m pip install --no-cache-dir \\\n    flask==3.0 \\\n    gunicorn', lines: [2] },
    { code: 'FROM python:3.12\nRUN pip3 install -U requests\nRUN pip install git+https://github.com/org/lib.git', lines: [2, 3] },
    { code: 'FROM python:3.12\nRUN pip install --index-url https://pypi.example/simple uvicorn', lines: [2] }
  ]
});

it('is an info finding by default', () => {
  expect(rule.severity).toBe('info');
});

hadolintSpecCases('DL3013');
