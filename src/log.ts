import * as core from '@actions/core';
import { stripControl } from './report/escape';

/**
 * The one place text reaches the log. The runner reads workflow commands from every line a step prints (stdout and
 * stderr): a line that starts with `::` after blanks (`::add-mask::`, `::stop-commands::`, `::warning file=...::`),
 * and the older form `##[command]` anywhere in a line. Text from a pull request (a file name holding a newline, a
 * config key, a build log) must never make such a line. So every line is neutralised: line breaks the log viewer
 * shows (CR, LF, U+2028, U+2029, NEL) split lines, each line's leading `::` becomes `: :` and `##[` becomes `# #[`;
 * ANSI escapes and control characters are dropped.
 * See https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions.
 */
export function logSafe(text: string): string {
  return stripControl(String(text).replace(/\u2028|\u2029|\u0085/g, '\n'))
    .split('\n')
    .map(line => line.replace(/^(\s*):(?=:)/, '$1: ').replace(/##\[/g, '# #['))
    .join('\n');
}

/**
 * JSON for stdout (`--format json`, SARIF) with the same guarantee but the same data: a JSON line cannot start with
 * `::`, and `##[` can only sit inside a string, where `\u005b` is the same `[`.
 */
export function jsonLogSafe(json: string): string {
  return json.replace(/##\[/g, '##\\u005b');
}

/** Where progress goes: the runner's log (grouped, with annotations) or a terminal. */
export interface Logger {
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  debug(message: string): void;
}

/** The runner's log, every message through logSafe (annotation properties are escaped by @actions/core). */
export interface ActionsLogger extends Logger {
  notice(message: string, props?: core.AnnotationProperties): void;
  warning(message: string, props?: core.AnnotationProperties): void;
  error(message: string, props?: core.AnnotationProperties): void;
}

export const actionsLogger: ActionsLogger = {
  group: (name, fn) => core.group(logSafe(name), fn),
  info: m => core.info(logSafe(m)),
  notice: (m: string, props?: core.AnnotationProperties) => core.notice(logSafe(m), props),
  warning: (m: string, props?: core.AnnotationProperties) => core.warning(logSafe(m), props),
  error: (m: string, props?: core.AnnotationProperties) => core.error(logSafe(m), props),
  debug: m => core.debug(logSafe(m))
};

/** For the command line: progress on stderr so stdout stays the report. */
export function consoleLogger(write: (s: string) => void, verbose = false): Logger {
  const out = (s: string): void => write(`${logSafe(s)}\n`);
  return {
    async group(name, fn) {
      out(`── ${name}`);
      return fn();
    },
    info: m => out(m),
    warning: m => out(`warning: ${m}`),
    error: m => out(`error: ${m}`),
    debug: m => {
      if (verbose) out(`debug: ${m}`);
    }
  };
}

/** A logger that prints nothing (for tests and quiet runs). */
export const silentLogger: Logger = {
  group: (_name, fn) => fn(),
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  debug: () => undefined
};
