import { exec as actionsExec } from '@actions/exec';
import { which } from '@actions/io';
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

let timeoutTool: Promise<string> | undefined;

/** coreutils `timeout` (every Linux runner has it): @actions/exec has no timeout of its own and does not hand out the child. */
function findTimeoutTool(): Promise<string> {
  timeoutTool ??= which('timeout', false).catch(() => '');
  return timeoutTool;
}

/** Programs found on PATH, by PATH and name: a run starts hundreds of `docker` and `git` commands. */
const found = new Map<string, string>();

async function resolveProgram(cmd: string): Promise<string> {
  if (cmd.includes('/')) return cmd;
  const key = `${process.env.PATH ?? ''}\0${cmd}`;
  const hit = found.get(key);
  if (hit !== undefined) return hit;
  const program = await which(cmd, false);
  if (program) found.set(key, program); // a miss is asked again: the program may be installed meanwhile
  return program;
}

/**
 * Runs a command to completion through @actions/exec. Never throws: a non-zero exit, a missing program or a timeout
 * is in the result. It is `exec` with listeners, which is how `getExecOutput` is built, keeping only the tail of each
 * stream (`getExecOutput` would hold all of it). A timeout runs the command under coreutils `timeout --signal=KILL`.
 */
export async function exec(cmd: string, args: string[], opts: ExecOptions = {}): Promise<ExecResult> {
  execLog.push({ cmd, args: [...args] });
  if (execLog.length > 1000) execLog.shift();
  const max = opts.maxBuffer ?? 8 * 1024 * 1024;
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const outSize = { n: 0 };
  const errSize = { n: 0 };
  const started = Date.now();
  try {
    // resolved first, so a program that is not there is a spawn error rather than the wrapper's exit 127
    const program = await resolveProgram(cmd);
    if (!program) return { exitCode: 127, stdout: '', stderr: `${cmd}: ENOENT: not found on PATH`, spawnError: `spawn ${cmd} ENOENT` };
    const wrapper = opts.timeoutMs ? await findTimeoutTool() : '';
    const [tool, argv] = wrapper ? [wrapper, ['--signal=KILL', `${opts.timeoutMs! / 1000}s`, program, ...args]] : [program, args];
    const code = await actionsExec(`"${tool}"`, argv, {
      cwd: opts.cwd,
      env: (opts.env ?? process.env) as Record<string, string>,
      // as everywhere @actions/exec runs: stdin is a pipe, written and closed when there is input; no command the
      // seam runs reads stdin otherwise (an empty input would race a child that exits first into an EPIPE)
      ...(opts.input !== undefined ? { input: Buffer.from(opts.input) } : {}),
      silent: true,
      ignoreReturnCode: true,
      listeners: {
        stdout: (c: Buffer) => {
          opts.onStdout?.(c);
          tailAppend(out, outSize, c, max);
        },
        stderr: (c: Buffer) => {
          opts.onStderr?.(c);
          tailAppend(err, errSize, c, max);
        }
      }
    });
    // `timeout --signal=KILL` signals its whole process group, itself included: the exit code is then null
    const exitCode = (code as number | null) ?? 137;
    const timedOut = Boolean(wrapper) && exitCode === 137 && Date.now() - started >= opts.timeoutMs! * 0.9;
    return { exitCode, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ...(timedOut ? { timedOut } : {}) };
  } catch (e) {
    const message = (e as Error).message;
    return { exitCode: 127, stdout: '', stderr: message, spawnError: message };
  }
}

/**
 * Starts a command whose stdout is consumed as a stream (e.g. `docker save`), so large output is never held in
 * memory. This one path stays on `node:child_process`: @actions/exec delivers output through listeners that cannot
 * pause the child, so a multi-GB image archive read slower than the engine writes it would pile up in memory, while
 * a piped `Readable` gives back-pressure. `done` resolves when the process exits, with stderr collected.
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
