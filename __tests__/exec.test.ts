import { exec, execLog, execStream } from '../src/exec';

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

describe('execStream', () => {
  it('streams stdout and reports the exit code and stderr when the process ends', async () => {
    const { stdout, done } = execStream('sh', ['-c', 'printf abc; echo oops >&2; exit 4']);
    let text = '';
    stdout.on('data', (c: Buffer) => (text += c.toString()));
    const r = await done;
    expect({ text, exitCode: r.exitCode, stderr: r.stderr }).toEqual({ text: 'abc', exitCode: 4, stderr: 'oops\n' });
  });

  it('kills a producer that outlives its timeout, so a stuck engine cannot hang the run', async () => {
    const { stdout, done } = execStream('sleep', ['30'], { timeoutMs: 200 });
    const streamError = new Promise<Error>(resolve => stdout.on('error', resolve));
    const started = Date.now();
    const r = await done;
    expect(r.timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await streamError).message).toMatch(/timed out/);
  });
});

describe('exec timeouts', () => {
  it('kills a command that outlives its timeout and says so', async () => {
    const started = Date.now();
    const r = await exec('sleep', ['30'], { timeoutMs: 300 });
    expect(r).toMatchObject({ exitCode: 137, timedOut: true });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
  it('keeps only the tail of a long output', async () => {
    const r = await exec('sh', ['-c', 'i=0; while [ $i -lt 2000 ]; do echo line$i; i=$((i+1)); done'], { maxBuffer: 1024 });
    expect(r.stdout.endsWith('line1999\n')).toBe(true);
    expect(r.stdout).not.toContain('line0\n');
    expect(r.stdout.length).toBeLessThan(4096);
  });
  it('records the command as given, not the timeout wrapper', async () => {
    await exec('true', ['a b'], { timeoutMs: 5000 });
    expect(execLog[execLog.length - 1]).toEqual({ cmd: 'true', args: ['a b'] });
  });
});
