import * as core from '@actions/core';

/** Where progress goes: the runner's log (grouped, with annotations) or a terminal. */
export interface Logger {
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  debug(message: string): void;
}

export const actionsLogger: Logger = {
  group: (name, fn) => core.group(name, fn),
  info: m => core.info(m),
  warning: m => core.warning(m),
  error: m => core.error(m),
  debug: m => core.debug(m)
};

/** For the command line: progress on stderr so stdout stays the report. */
export function consoleLogger(write: (s: string) => void, verbose = false): Logger {
  return {
    async group(name, fn) {
      write(`── ${name}\n`);
      return fn();
    },
    info: m => write(`${m}\n`),
    warning: m => write(`warning: ${m}\n`),
    error: m => write(`error: ${m}\n`),
    debug: m => {
      if (verbose) write(`debug: ${m}\n`);
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
