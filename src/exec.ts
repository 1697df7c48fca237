import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

/** The one seam for child processes: every `docker`, `git` and tool call goes through here. */
export interface ExecOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Written to the child's stdin, which is then closed. */
  input?: string | Buffer;
  /** Called with each chunk as it arrives (the chunk is still collected unless `collect` is false). */
  onStdout?: (chunk: Buffer) => void;
  onStderr?: (chunk: Buffer) => void;
  /** Keep at most this many bytes of each stream (the tail). Default 8 MiB. */
  maxBuffer?: number;
  timeoutMs?: number;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Set when the process could not be started at all (e.g. ENOENT). */
  spawnError?: string;
  timedOut?: boolean;
}

/** Every argv that went through the seam, newest last; tests read it to assert exact command lines. */
export const execLog: { cmd: string; args: string[] }[] = [];

function tailAppend(parts: Buffer[], size: { n: number }, chunk: Buffer, max: number): void {
  parts.push(chunk);
  size.n += chunk.length;
  while (size.n > max && parts.length > 1) size.n -= parts.shift()!.length;
}

/** Runs a command to completion. Never throws: a non-zero exit or a spawn failure is in the result. */
export function exec(cmd: string, args: string[], opts: ExecOptions = {}): Promise<ExecResult> {
  execLog.push({ cmd, args: [...args] });
  if (execLog.length > 1000) execLog.shift();
  const max = opts.maxBuffer ?? 8 * 1024 * 1024;
  return new Promise(resolve => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const outSize = { n: 0 };
    const errSize = { n: 0 };
    let settled = false;
    let timedOut = false;
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, opts.timeoutMs)
      : undefined;
    const finish = (r: ExecResult): void => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      resolve(r);
    };
    child.stdout.on('data', (c: Buffer) => {
      opts.onStdout?.(c);
      tailAppend(out, outSize, c, max);
    });
    child.stderr.on('data', (c: Buffer) => {
      opts.onStderr?.(c);
      tailAppend(err, errSize, c, max);
    });
    child.on('error', e => finish({ exitCode: 127, stdout: '', stderr: String(e.message), spawnError: e.message }));
    child.on('close', code =>
      finish({
        exitCode: code ?? (timedOut ? 137 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut
      })
    );
    child.stdin.on('error', () => undefined);
    if (opts.input !== undefined) child.stdin.end(opts.input);
    else child.stdin.end();
  });
}

/**
 * Starts a command whose stdout is consumed as a stream (e.g. `docker save`), so large output is never held in
 * memory. `done` resolves when the process exits, with stderr collected.
 */
export function execStream(cmd: string, args: string[], opts: ExecOptions = {}): { stdout: Readable; done: Promise<ExecResult> } {
  execLog.push({ cmd, args: [...args] });
  const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const err: Buffer[] = [];
  const errSize = { n: 0 };
  child.stderr.on('data', (c: Buffer) => tailAppend(err, errSize, c, 1024 * 1024));
  let timedOut = false;
  // a stuck producer (e.g. `docker save` of an engine that stopped answering) must not hang the run
  const timer = opts.timeoutMs
    ? setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
        child.stdout.destroy(new Error(`${cmd} ${args[0] ?? ''} timed out after ${Math.round(opts.timeoutMs! / 1000)} s`));
      }, opts.timeoutMs)
    : undefined;
  const done = new Promise<ExecResult>(resolve => {
    child.on('error', e => resolve({ exitCode: 127, stdout: '', stderr: e.message, spawnError: e.message }));
    child.on('close', code => {
      if (timer) clearTimeout(timer);
      resolve({ exitCode: code ?? 137, stdout: '', stderr: Buffer.concat(err).toString('utf8'), timedOut });
    });
  });
  return { stdout: child.stdout, done };
}
