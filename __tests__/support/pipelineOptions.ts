import { silentLogger } from '../../src/log';
import type { PipelineOptions } from '../../src/pipeline/options';

/** Pipeline options for a test: the defaults of a quiet local run, with what the test sets on top. */
export function pipelineOptions(over: Partial<PipelineOptions> & Pick<PipelineOptions, 'cwd'>): PipelineOptions {
  return {
    dockerfiles: [],
    changedFiles: null,
    failOn: 'none',
    build: true,
    targets: [],
    buildArgs: [],
    push: false,
    maxParallel: 2,
    branch: 'main',
    event: 'local',
    isFork: false,
    sizeMetric: 'compressed',
    context_: {},
    log: silentLogger,
    ...over
  };
}
