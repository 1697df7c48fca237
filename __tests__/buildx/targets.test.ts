import { parseDockerfile } from '../../src/dockerfile/parse';
import { finalStageName, targetChoicesFor, targetsFor } from '../../src/buildx/targets';

const df = (text: string) => parseDockerfile('Dockerfile', text);

describe('targetsFor', () => {
  test.each<[number, string, string, string[] | undefined, string[]]>([
    [1, 'a single unnamed stage', 'FROM a\nRUN x\n', undefined, ['stage-0']],
    [2, 'a builder copied from and an unnamed final', 'FROM a AS builder\nRUN x\nFROM b\nCOPY --from=builder /x /x\n', undefined, ['builder', 'stage-1']],
    [3, 'a stage used as a base', 'FROM a AS base\nFROM base AS app\n', undefined, ['base', 'app']],
    [4, 'a stage mounted from', 'FROM a AS deps\nFROM b AS app\nRUN --mount=type=bind,from=deps,target=/d ls /d\n', undefined, ['deps', 'app']],
    [5, 'an unused named stage is not a target', 'FROM a AS test\nFROM a AS builder\nFROM b\nCOPY --from=builder /x /x\n', undefined, ['builder', 'stage-2']],
    [6, 'an override picks the named stages', 'FROM a AS test\nFROM a AS builder\nFROM b AS app\nCOPY --from=builder /x /x\n', ['test'], ['test']],
    [7, 'an override compares names case-insensitively', 'FROM a AS Builder\nFROM b AS app\n', ['builder', 'APP'], ['Builder', 'app']],
    [8, 'an override naming no stage of this file keeps the automatic choice', 'FROM a AS builder\nFROM b\nCOPY --from=builder /x /x\n', ['nope'], ['builder', 'stage-1']],
    [9, 'an override may name the unnamed final stage', 'FROM a AS builder\nFROM b\n', ['stage-1'], ['stage-1']],
    [10, 'COPY --from an image is not a stage', 'FROM a\nCOPY --from=alpine:3 /x /x\n', undefined, ['stage-0']],
    [11, 'COPY --from by index of an unnamed stage is skipped', 'FROM a\nRUN x\nFROM b\nCOPY --from=0 /x /x\n', undefined, ['stage-1']]
  ])('%i: %s', (_n, _name, text, override, expected) => {
    expect(targetsFor(df(text), override)).toEqual(expected);
  });

  it('adds the stages the config names', () => {
    expect(targetsFor(df('FROM a AS test\nFROM b AS app\n'), undefined, ['test'])).toEqual(['test', 'app']);
  });

  it('builds an unnamed final stage without --target and a named one with it', () => {
    expect(targetChoicesFor(df('FROM a AS builder\nFROM b\nCOPY --from=builder / /\n'))).toEqual([
      { name: 'builder', targetFlag: 'builder' },
      { name: 'stage-1' }
    ]);
  });

  it('renames the unnamed final stage when a named stage already uses its synthetic name', () => {
    expect(finalStageName(df('FROM a AS stage-1\nFROM b\n'))).toBe('stage-1-final');
  });

  it('gives no target for a file without stages', () => {
    expect(targetsFor(df('# nothing\n'))).toEqual([]);
  });
});
