import { parseDockerfile } from '../../src/dockerfile/parse';
import { emptyConfig } from '../../src/config/config';
import { buildkitNameOf } from '../../src/lint/buildkit';
import { lintModel } from '../../src/lint/engine';
import { DEFAULT_RULE_CONTEXT } from '../../src/lint/findings';
import type { Finding } from '../../src/lint/rule';
import { BUILDKIT_CHECK_CASES, type BuildkitCheckCase } from '../fixtures/buildkit/checkTests';

/** Lints one upstream case and pairs BuildKit's expected warnings with stageguard's findings of the same check. */
export function compareCase(c: BuildkitCheckCase): { caught: [string, number][]; missed: [string, number][]; extra: Finding[] } {
  const model = parseDockerfile('Dockerfile', c.dockerfile);
  const ctx = {
    ...DEFAULT_RULE_CONTEXT,
    dockerignore: c.dockerignore === undefined ? { exists: false, lines: [] } : { exists: true, lines: c.dockerignore.split('\n') },
    buildkitCheck: c.checkArg
  };
  const found = lintModel(model, ctx, emptyConfig()).violations.filter(f => buildkitNameOf(f) !== undefined);
  const left = [...found];
  const caught: [string, number][] = [];
  const missed: [string, number][] = [];
  for (const [rule, line] of c.warnings) {
    const at = left.findIndex(f => buildkitNameOf(f) === rule && line >= f.line && line <= f.endLine);
    if (at >= 0) {
      caught.push([rule, line]);
      left.splice(at, 1);
    } else missed.push([rule, line]);
  }
  return { caught, missed, extra: left };
}

describe("BuildKit's own build-check tests", () => {
  it.each(BUILDKIT_CHECK_CASES.map(c => [c.name, c] as const))('%s: stageguard reports exactly the warnings BuildKit reports', (_name, c) => {
    const { missed, extra } = compareCase(c);
    expect({ missed, extra: extra.map(f => [buildkitNameOf(f), f.line, f.message]) }).toEqual({ missed: [], extra: [] });
  });

  it('catches every warning of the upstream cases and prints the share', () => {
    let expected = 0;
    let caught = 0;
    for (const c of BUILDKIT_CHECK_CASES) {
      const r = compareCase(c);
      expected += c.warnings.length;
      caught += r.caught.length;
    }
    process.stdout.write(`BuildKit check tests: ${caught}/${expected} warnings caught (${Math.round((100 * caught) / expected)}%) over ${BUILDKIT_CHECK_CASES.length} cases\n`);
    expect(expected).toBeGreaterThan(60);
    expect(caught).toBe(expected);
  });
});
