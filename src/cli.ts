/** The command line: `stageguard lint | build | size | run | plan | merge`. The same core as the action. */
import { logSafe } from './log';
import type { CliIo } from './cli/argv';
import { buildCommand } from './cli/build';
import { lintCommand } from './cli/lint';
import { mergeCommand } from './cli/merge';
import { planCommand } from './cli/plan';
import { runCommand } from './cli/run';
import { sizeCommand } from './cli/size';
import { VERSION } from './version';

export const USAGE = `stageguard ${VERSION}: guards Docker images on every pull request

usage: stageguard <command> [options]

commands:
  lint   [paths or globs...]   lint Dockerfiles (scorecard, hadolint-equivalent and expert rules)
  build  [paths...]            build every target stage with docker buildx and registry caching
  size   IMAGE [--base IMAGE]  measure an image layer by layer, and compare it with another
  run    [folder]              the whole job locally: lint, build, measure, compare, report
  plan   [paths...]            split the work into shards for a GitHub Actions matrix (JSON)
  merge  FILES...              merge the partial reports of shards (run --shard) into one report

Run "stageguard <command> --help" for a command's options.
`;


/** Dispatches argv (without node and the script) to a command; returns the exit status. */
export async function main(argv: string[], rawIo: CliIo): Promise<number> {
  // stderr is always words for a person (and, in a workflow, the runner's log): every line through logSafe
  const io: CliIo = { ...rawIo, stderr: s => rawIo.stderr(logSafe(s)) };
  const [command, ...rest] = argv;
  switch (command) {
    case 'lint':
      return lintCommand(rest, io);
    case 'build':
      return buildCommand(rest, io);
    case 'size':
      return sizeCommand(rest, io);
    case 'run':
      return runCommand(rest, io);
    case 'plan':
      return planCommand(rest, io);
    case 'merge':
      return mergeCommand(rest, io);
    case '--version':
    case 'version':
      io.stdout(`${VERSION}\n`);
      return 0;
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      io.stdout(USAGE);
      return command === undefined ? 2 : 0;
    default:
      io.stderr(`stageguard: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

if (require.main === module) {
  // `stageguard lint | head`: the reader went away; that is not an error worth a stack trace
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  main(process.argv.slice(2), {
    stdout: s => process.stdout.write(s),
    stderr: s => process.stderr.write(s),
    cwd: process.cwd()
  }).then(
    code => {
      process.exitCode = code;
    },
    (e: unknown) => {
      // an unexpected failure: its message (logSafe), and the stack only when asked for
      process.stderr.write(logSafe(`stageguard: ${process.env.STAGEGUARD_DEBUG ? ((e as Error).stack ?? String(e)) : e instanceof Error ? e.message : String(e)}`) + '\n');
      process.exitCode = 2;
    }
  );
}
