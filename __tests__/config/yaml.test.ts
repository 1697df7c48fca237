import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig, parseYamlText } from '../../src/config/config';
import { MAX_CONFIG_BYTES } from '../../src/fs/workspace';

describe('config YAML from a pull request', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stageguard-yaml-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('collects the parser warnings into the config and never emits a process warning', () => {
    const emitted = jest.spyOn(process, 'emitWarning');
    try {
      fs.writeFileSync(path.join(dir, '.hadolint.yaml'), 'ignored: [DL3008]\n::warning file=README.md,line=1::pwned: !foo 1\n');
      const config = loadConfig({ cwd: dir });
      expect(emitted).not.toHaveBeenCalled();
      expect(config.ignored).toEqual(['DL3008']);
      expect(config.warnings).toHaveLength(1);
      // one line, the parser's words; the source line it would quote is left out
      expect(config.warnings[0]).toMatch(/^\.hadolint\.yaml: Unresolved tag: !foo/);
      expect(config.warnings[0]).not.toContain('\n');
    } finally {
      emitted.mockRestore();
    }
  });

  it.each<[string, string, RegExp]>([
    ['at the top', 'ignored: [a]\nfail-on: error\nignored: [b]\n', /\.stageguard\.yml: ignored: the key is given twice/],
    ['in a nested map', 'severity:\n  apt-get-yes: error\n  pipefail: info\n  apt-get-yes: off\n', /severity\.apt-get-yes: the key is given twice/],
    ['inside a list item', 'overrides:\n  - files: [a]\n    files: [b]\n', /overrides\[0\]\.files: the key is given twice/]
  ])('names a key given twice %s', (_name, text, message) => {
    fs.writeFileSync(path.join(dir, '.stageguard.yml'), text);
    expect(() => loadConfig({ cwd: dir })).toThrow(message);
  });

  it('checks 4,500 keys for duplicates in one pass', () => {
    const keys = Array.from({ length: 4_500 }, (_, i) => `  r${i}: off`);
    const text = `severity:\n${keys.join('\n')}\n  r7: error\n`;
    expect(text.length).toBeLessThan(MAX_CONFIG_BYTES);
    expect(() => parseYamlText('.stageguard.yml', text)).toThrow(/severity\.r7: the key is given twice/);
  });

  it('refuses a config over the byte cap by name, without parsing it', () => {
    fs.writeFileSync(path.join(dir, '.stageguard.yml'), `severity:\n${'  k: off\n'.repeat(250_000)}`);
    expect(() => loadConfig({ cwd: dir })).toThrow(new RegExp(`\\.stageguard\\.yml: \\(file\\): is larger than ${MAX_CONFIG_BYTES} bytes`));
  });

  it('stops an alias bomb and a deep nesting as config errors', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    expect(() => parseYamlText('.stageguard.yml', bomb)).toThrow(/\.stageguard\.yml: \(yaml\):/);
    expect(() => parseYamlText('.stageguard.yml', `${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toThrow(/\.stageguard\.yml:/);
  });
});
