/** What the policy decides: the gates that failed and the verdict. */

/** A gate that failed (size budget, increase, waste), a failed build, or the lint threshold; rendered and used for the exit status. */
export interface GateFailure {
  kind: 'lint' | 'build' | 'max-size' | 'max-increase' | 'max-wasted';
  /** e.g. `app/Dockerfile (final)` */
  subject: string;
  message: string;
}

/** The verdict of a run or a merged report: whether the step fails, with one reason per kind. */
export interface Verdict {
  failed: boolean;
  reasons: string[];
}
