import { exec, execLog } from '../src/exec';

describe('exec', () => {
  it('captures stdout, stderr and the exit code without throwing', async () => {
    const r = await exec('sh', ['-c', 'echo out; echo err >&2; exit 3']);
    expect(r).toMatchObject({ exitCode: 3, stdout: 'out\n', stderr: 'err\n' });
    expect(execLog[execLog.length - 1]).toEqual({ cmd: 'sh', args: ['-c', 'echo out; echo err >&2; exit 3'] });
  });
  it('reports a command that cannot start as a spawn error', async () => {
    const r = await exec('stageguard-no-such-command', []);
    expect(r.exitCode).toBe(127);
    expect(r.spawnError).toMatch(/ENOENT/);
  });
  it('passes input on stdin', async () => {
    const r = await exec('cat', [], { input: 'hello' });
    expect(r.stdout).toBe('hello');
  });
});
