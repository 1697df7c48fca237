/**
 * Workflow commands from a pull request's text (issue point 4), through the bundled action and the bundled CLI: file
 * names holding a line break before `::`, a .hadolint.yaml key that is a command (the YAML parser's warning quotes
 * it), shard names in partial reports. No line the runner reads may be a command the PR wrote.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../e2e/harness';
import { useFakeGithub } from '../support/useFakeGithub';
import { LINT_ONLY, NODE, prRepo, requireBundle, REPO, runPr } from './support';

jest.setTimeout(120_000);

const GOOD = 'FROM localhost:5000/busybox:1\nRUN apt-get install curl\nUSER app\nHEALTHCHECK NONE\nCMD ["sh"]\n';

/** Folder names that end a log line and start a command on the next. */
const HOSTILE_DIRS = ['a\n::add-mask::pwned', 'b\r::warning file=README.md,line=1::pwned', 'c\u2028::stop-commands::pwned', 'd ##[add-mask]pwned'];
const HOSTILE_FILES = HOSTILE_DIRS.map(d => `${d}/Dockerfile`);

/** The lines of a step's output the runner would run as a command the pull request wrote. */
function forgedCommands(output: string): string[] {
  // `##[` counts outside a `::` command line (the runner tries the older form only when a line is not one)
  return output.split(/\r\n|\r|\n/).filter(l => /^\s*::(add-mask::(?!ghs_)|stop-commands|[a-z]+ file=README\.md)/.test(l) || (l.includes('##[') && !/^::[a-z]+[ :]/.test(l)));
}

describe('a pull request cannot speak for the workflow through the log', () => {
  const github = useFakeGithub(requireBundle);

  it('writes a YAML key that is a command, and config keys with line breaks, as plain text in run, plan and shard mode', async () => {
    const hadolint = 'ignored: [DL3008]\n::warning file=README.md,line=1::pwned: !foo 1\n';
    const stageguard = 'dockerfiles:\n  "ok/Dockerfile\\n::add-mask::pwned\\r::warning file=README.md,line=1::pwned":\n    colour: red\n';
    const { repo, baseSha, headSha } = prRepo('commands', {}, { 'ok/Dockerfile': GOOD, '.hadolint.yaml': hadolint });
    try {
      const runs: [string, Record<string, string>][] = [
        ['run', { mode: 'run' }],
        ['plan', { mode: 'plan' }]
      ];
      for (const [, inputs] of runs) {
        const run = await runPr({ github: github(), repo, number: 701, baseSha, headSha, inputs: { ...LINT_ONLY, ...inputs, 'fail-on': 'none' } });
        const output = `${run.stdout}\n${run.stderr}`;
        expect(forgedCommands(output)).toEqual([]);
        // Node printed the parser's warning raw to stderr before; now it is one of the run's warnings
        expect(run.stderr).not.toMatch(/Unresolved tag/);
        expect(run.stdout).toMatch(/^::warning::\.hadolint\.yaml: Unresolved tag: !foo/m);
        expect(run.exitCode).toBe(0);
      }
      // a .stageguard.yml whose key breaks the line: quoted by the config error the shard logs
      repo.write({ '.stageguard.yml': stageguard });
      for (const inputs of [{ mode: 'shard', shard: '1' }, { mode: 'run' }] as Record<string, string>[]) {
        const run = await runPr({ github: github(), repo, number: 702, baseSha, headSha, inputs: { ...LINT_ONLY, ...inputs } });
        const output = `${run.stdout}\n${run.stderr}`;
        expect(output).toMatch(/add-mask::pwned/);
        expect(forgedCommands(output)).toEqual([]);
      }
    } finally {
      repo.remove();
    }
  });

  it('prints the CLI text format and merge errors without a command a file or shard name wrote', () => {
    const { repo } = prRepo('cli-commands', {}, Object.fromEntries(HOSTILE_DIRS.map(d => [`${d}/Dockerfile`, GOOD])));
    try {
      const cli = (args: string[]): string => {
        const r = spawnSync(NODE.bin, [path.join(ROOT, 'dist', 'cli.js'), ...args], { cwd: repo.dir, encoding: 'utf8' });
        return `${r.stdout}\n${r.stderr}`;
      };
      const lint = cli(['lint', '--fail-on', 'none', ...HOSTILE_FILES]);
      expect(lint).toMatch(/add-mask::pwned/);
      expect(forgedCommands(lint)).toEqual([]);
      // a partial report whose shard name is a command, and a file whose name is one
      const partial = { kind: 'stageguard/partial-report', version: 1, shard: { shard: '1\n::add-mask::pwned', name: 'x', dockerfiles: [] }, report: {} };
      fs.writeFileSync(path.join(repo.dir, 'p.json'), JSON.stringify(partial));
      fs.writeFileSync(path.join(repo.dir, 'q\n::stop-commands::pwned.json'), '{');
      for (const format of ['markdown', 'json']) {
        const merged = cli(['merge', 'p.json', 'q*.json', '--expected-shards', '1\n::add-mask::pwned,2', '--format', format]);
        expect(merged).toMatch(/pwned/);
        expect(forgedCommands(merged)).toEqual([]);
      }
    } finally {
      repo.remove();
    }
  });
});
