import { redactDeep, redactSecrets } from '../../src/redact';

describe('redactSecrets', () => {
  it.each([
    ['masks an installation token echoed by a build', 'token=ghs_abcdefghijklmnopqrstuvwxyz0123 done', [], 'token=*** done'],
    ['masks a personal access token in an error', 'Bad credentials ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZ012345', [], 'Bad credentials ***'],
    ['masks a fine-grained token', 'x github_pat_11ABCDEFG0123456789_abcdefghijklmnop y', [], 'x *** y'],
    ['masks a registered value of any shape', 'pass=hunter2hunter2!', ['hunter2hunter2'], 'pass=***!'],
    ['ignores blank and very short registered values', 'a b c', ['', 'a'], 'a b c'],
    ['leaves text without secrets alone', 'ghs_short is not a token', [], 'ghs_short is not a token']
  ])('%s', (_name, text, secrets, expected) => {
    expect(redactSecrets(text, secrets)).toBe(expected);
  });

  it('masks every string of a report, keeping numbers, nulls and shape', () => {
    const report = { builds: [{ ok: false, error: 'echo ghs_abcdefghijklmnopqrstuvwxyz0123', seconds: 1.5, image: null }], warnings: ['ghs_abcdefghijklmnopqrstuvwxyz0123'] };
    expect(redactDeep(report)).toEqual({ builds: [{ ok: false, error: 'echo ***', seconds: 1.5, image: null }], warnings: ['***'] });
  });
});

describe('redactDeep on keys', () => {
  it('masks a token that a map holds as a key (step timings are keyed by instruction text)', () => {
    const { redactDeep } = jest.requireActual<typeof import('../../src/redact')>('../../src/redact');
    const out = redactDeep({ stepSeconds: { 'RUN echo ghs_abcdefghijklmnopqrstuvwxyz0123': 1.5 } });
    expect(JSON.stringify(out)).not.toContain('ghs_');
    expect(out.stepSeconds).toEqual({ 'RUN echo ***': 1.5 });
  });
});
