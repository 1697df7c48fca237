import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyHadolintConfig, emptyConfig, loadConfig } from '../../src/config/config';
import { lintCommand } from '../../src/cli/lint';
import { buildArgValues, lintFiles } from '../../src/lint/engine';

/** Lints one Dockerfile in a fresh folder beside a `.hadolint.yaml`, through the config loader and the engine. */
async function lint(dockerfile: string, hadolintYaml: string, buildArgs?: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'sg-hadolint-config-'));
  try {
    writeFileSync(join(dir, 'Dockerfile'), dockerfile);
    writeFileSync(join(dir, '.dockerignore'), '.git\n');
    if (hadolintYaml) writeFileSync(join(dir, '.hadolint.yaml'), hadolintYaml);
    const config = loadConfig({ cwd: dir });
    const report = await lintFiles(['Dockerfile'], { cwd: dir, config, buildArgs });
    return report.files[0].violations;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const codes = (vs: { aliases: string[] }[]): string[] => vs.flatMap(v => v.aliases);

describe("hadolint's config keys", () => {
  it('reads label-schema, strict-labels and disable-ignore-pragma, in both spellings', () => {
    const c = emptyConfig();
    applyHadolintConfig(c, '.hadolint.yaml', { 'label-schema': { version: 'semver', url: 'url' }, 'strict-labels': true, disableIgnorePragma: true });
    expect(c.labelSchema).toEqual({ version: 'semver', url: 'url' });
    expect(c.strictLabels).toBe(true);
    expect(c.disableIgnorePragma).toBe(true);
  });

  it.each([
    [{ 'label-schema': { version: 'number' } }, 'label-schema.version'],
    [{ 'label-schema': ['version'] }, 'label-schema'],
    [{ 'strict-labels': 'yes' }, 'strict-labels'],
    [{ 'disable-ignore-pragma': 1 }, 'disable-ignore-pragma']
  ])('rejects a malformed value (%j) naming the key', (doc, key) => {
    expect(() => applyHadolintConfig(emptyConfig(), '.hadolint.yaml', doc)).toThrow(`.hadolint.yaml: ${key}:`);
  });

  it('checks labels against the label-schema and strict-labels', async () => {
    const yaml = 'label-schema:\n  version: semver\n  maintainer: email\nstrict-labels: true\n';
    const found = await lint('FROM debian:12\nLABEL version="1.2" maintainer="me@example.com" extra=1\nUSER 1000\n', yaml);
    expect(codes(found)).toEqual(expect.arrayContaining(['DL3056', 'DL3050']));
    expect(codes(found)).not.toContain('DL3058');
    expect(codes(found)).not.toContain('DL3049');
  });

  it('honours inline ignore pragmas unless disable-ignore-pragma is set', async () => {
    const file = 'FROM debian:12\n# hadolint ignore=DL3027\nRUN apt install -y curl\n';
    expect(codes(await lint(file, ''))).not.toContain('DL3027');
    expect(codes(await lint(file, 'disable-ignore-pragma: true\n'))).toContain('DL3027');
  });

  it('leaves DL1001 off by default and reports pragmas once the config gives it a severity', async () => {
    const file = 'FROM debian:12\n# hadolint ignore=DL3027\nRUN apt install -y curl\n';
    expect(codes(await lint(file, ''))).not.toContain('DL1001');
    const found = await lint(file, 'override:\n  warning:\n    - DL1001\n');
    expect(found.filter(v => v.aliases.includes('DL1001')).map(v => [v.line, v.severity])).toEqual([[2, 'warning']]);
  });

  it('applies trustedRegistries to FROM and COPY --from', async () => {
    const found = await lint('FROM ghcr.io/acme/base:1\nCOPY --from=quay.io/x/y:1 /a /a\n', 'trustedRegistries:\n  - docker.io\n');
    expect(found.filter(v => v.aliases.includes('DL3026')).map(v => v.line)).toEqual([1, 2]);
  });
});

describe('lint with the build arguments the build passes', () => {
  it('reads NAME=value lines and skips a bare NAME (its value comes from the environment)', () => {
    expect(buildArgValues(['BASE=python:3.12', 'EMPTY=', 'FROM_ENV', 'X=a=b'])).toEqual({ BASE: 'python:3.12', EMPTY: '', X: 'a=b' });
  });

  it('does not report FROM ${BASE} when the build passes a pinned value, and does when it passes an unpinned one', async () => {
    const file = 'ARG BASE=python\nFROM ${BASE}\nUSER 1000\n';
    expect(codes(await lint(file, ''))).toContain('DL3006');
    expect(codes(await lint(file, '', ['BASE=python:3.12-slim']))).not.toContain('DL3006');
    expect(codes(await lint('ARG BASE\nFROM ${BASE}\n', '', ['BASE=python:latest']))).toContain('DL3007');
  });

  it('takes --build-arg on the command line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-hadolint-cli-'));
    try {
      writeFileSync(join(dir, 'Dockerfile'), 'ARG BASE=python\nFROM ${BASE}\n');
      const run = async (...argv: string[]) => {
        let out = '';
        await lintCommand(['--format', 'json', ...argv], { cwd: dir, stdout: s => (out += s), stderr: () => undefined });
        return (JSON.parse(out) as { files: { violations: { aliases: string[] }[] }[] }).files[0].violations.flatMap(v => v.aliases);
      };
      expect(await run()).toContain('DL3006');
      expect(await run('--build-arg', 'BASE=python:3.12-slim')).not.toContain('DL3006');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
