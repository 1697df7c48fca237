import { parseInputs, readInputs, splitLines, splitList } from '../src/inputs';

const raw =
  (values: Record<string, string>) =>
  (name: string): string =>
    values[name] ?? '';

describe('parseInputs', () => {
  it('gives the documented defaults for empty inputs', () => {
    expect(parseInputs(raw({}))).toMatchObject({
      dockerfiles: [],
      'changed-only': true,
      'fail-on': 'error',
      build: true,
      push: false,
      'max-parallel': 2,
      compare: true,
      'size-metric': 'compressed',
      comment: 'always',
      'comment-mode': 'update',
      shellcheck: 'auto',
      'only-new-findings': false,
      'image-findings': 'own',
      'accept-size-label': 'stageguard:accept-size'
    });
  });

  it.each<[string, Record<string, string>, object]>([
    ['lists on newlines and commas', { dockerfiles: 'a/Dockerfile, b/*.Dockerfile\n# not this\nc/Dockerfile' }, { dockerfiles: ['a/Dockerfile', 'b/*.Dockerfile', 'c/Dockerfile'] }],
    ['booleans in YAML spellings', { 'changed-only': 'False', build: 'no', push: 'TRUE' }, { 'changed-only': false, build: false, push: true }],
    ['enums case-insensitively', { 'fail-on': 'Warning', comment: 'ON-CHANGE' }, { 'fail-on': 'warning', comment: 'on-change' }],
    ['build args keep their commas', { 'build-args': 'A=1,2\nB=x' }, { 'build-args': ['A=1,2', 'B=x'] }],
    ['max-parallel as a number', { 'max-parallel': '4' }, { 'max-parallel': 4 }],
    ['image findings of the base image gating too', { 'image-findings': 'All' }, { 'image-findings': 'all' }],
    ['another waiver label', { 'accept-size-label': ' size-ok ' }, { 'accept-size-label': 'size-ok' }],
    ['the waiver turned off', { 'accept-size-label': 'none' }, { 'accept-size-label': '' }]
  ])('reads %s', (_name, values, expected) => {
    expect(parseInputs(raw(values))).toMatchObject(expected);
  });

  it.each<[Record<string, string>, RegExp]>([
    [{ 'fail-on': 'loud' }, /Input "fail-on" must be one of error, warning, info, style, none; got "loud"/],
    [{ build: 'maybe' }, /Input "build" must be true or false; got "maybe"/],
    [{ 'max-parallel': '0' }, /Input "max-parallel" must be a whole number of at least 1; got "0"/],
    [{ 'size-metric': 'bytes' }, /Input "size-metric" must be one of compressed, uncompressed/],
    [{ 'comment-mode': 'append' }, /Input "comment-mode" must be one of update, recreate/],
    [{ 'image-findings': 'base' }, /Input "image-findings" must be one of own, all/],
    [{ 'accept-size-label': 'x'.repeat(51) }, /Input "accept-size-label" must be a label name/]
  ])('names the input in the error for %j', (values, message) => {
    expect(() => parseInputs(raw(values))).toThrow(message);
  });
});

describe('readInputs', () => {
  it('names every bad input and uses its default, so the run can publish a failed report', () => {
    const { inputs, errors } = readInputs(raw({ 'fail-on': 'loud', 'max-parallel': 'abc', build: 'maybe', mode: 'sideways', 'max-shards': '99999999999', 'trust-config': 'true' }));
    expect(errors).toEqual([
      'Input "fail-on" must be one of error, warning, info, style, none; got "loud".',
      'Input "build" must be true or false; got "maybe".',
      'Input "max-parallel" must be a whole number of at least 1; got "abc".',
      'Input "mode" must be one of run, plan, shard, report; got "sideways".',
      'Input "max-shards" must be a whole number of at least 1; got "99999999999".'
    ]);
    expect(inputs).toMatchObject({ 'fail-on': 'error', build: true, 'max-parallel': 2, mode: 'run', 'max-shards': 8, 'trust-config': true });
  });

  it('has no errors and trust-config off by default', () => {
    expect(readInputs(raw({}))).toMatchObject({ errors: [], inputs: { 'trust-config': false } });
  });
});

describe('list splitting', () => {
  it('drops blanks and comments', () => {
    expect(splitList(' a ,, b\n\n#c\n')).toEqual(['a', 'b']);
    expect(splitLines('K=1,2\n  \n# x\nL=3')).toEqual(['K=1,2', 'L=3']);
  });
});
