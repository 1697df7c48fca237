import type { Logger } from '../log';

/**
 * What a run says about itself besides its results: warnings (logged where they happen and kept for the report),
 * the parts it skipped and why, and the errors that fail it (a bad config or input) without stopping the other steps.
 */
export class Notes {
  readonly warnings: string[] = [];
  readonly skipped: string[] = [];
  readonly errors: string[] = [];
  constructor(private readonly log: Logger) {}

  warn(message: string): void {
    this.log.warning(message);
    this.warnings.push(message);
  }

  /** A warning some other part already logged (e.g. inside a build's log group): kept for the report only. */
  keep(messages: readonly string[]): void {
    this.warnings.push(...messages);
  }

  skip(message: string): void {
    this.skipped.push(message);
  }

  error(message: string): void {
    this.errors.push(message);
  }
}
