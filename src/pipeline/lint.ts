import { emptyConfig } from '../config/config';
import type { DockerfileModel } from '../dockerfile/model';
import { lintFiles } from '../lint/engine';
import type { LintReport } from '../lint/rule';
import type { Found } from './find';
import type { Notes } from './notes';
import type { PipelineOptions } from './options';

/** What the lint step hands on: the lint report, and the models of the files that parsed cleanly (the ones to build). */
export interface Linted {
  lint: LintReport;
  models: DockerfileModel[];
}

/** Step 2, lint: every found Dockerfile, with the project's config (the defaults when it could not be read). */
export async function lint(o: PipelineOptions, found: Found, notes: Notes): Promise<Linted> {
  const models: DockerfileModel[] = [];
  const report = await o.log.group('Lint', async () => {
    const r = await lintFiles(found.files, {
      cwd: o.cwd,
      config: found.config ?? emptyConfig(),
      // a file that did not parse cleanly is reported by lint and not built
      onModel: m => {
        if (m.problems.length === 0 && m.stages.length > 0) models.push(m);
      },
      shellcheck: o.shellcheck
    });
    if (r.shellcheck?.notice) notes.skip(r.shellcheck.notice);
    o.log.info(`${r.summary.violations} findings in ${r.summary.files} files`);
    return r;
  });
  if (!found.config) notes.skip('Build and size were skipped, and lint used the default configuration: the configuration could not be read.');
  return { lint: report, models };
}
