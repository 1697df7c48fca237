import { emptyConfig } from '../config/config';
import type { DockerfileModel } from '../dockerfile/model';
import { compareWithBase } from '../lint/base';
import { lintFiles } from '../lint/engine';
import type { LintReport } from '../lint/rule';
import type { Found } from './find';
import type { Notes } from './notes';
import type { PipelineOptions } from './options';

/** What the lint step hands on: the lint report, and the models of the files that parsed cleanly (the ones to build). */
export interface Linted {
  lint: LintReport;
  models: DockerfileModel[];
  /** The base commit's version of each linted file, by path, when the findings were marked against a base. */
  baseModels: Map<string, DockerfileModel>;
}

/** Step 2, lint: every found Dockerfile, with the project's config (the defaults when it could not be read). */
export async function lint(o: PipelineOptions, found: Found, notes: Notes): Promise<Linted> {
  const models: DockerfileModel[] = [];
  const heads = new Map<string, DockerfileModel>();
  const baseModels = new Map<string, DockerfileModel>();
  const report = await o.log.group('Lint', async () => {
    const r = await lintFiles(found.files, {
      cwd: o.cwd,
      config: found.config ?? emptyConfig(),
      buildArgs: o.buildArgs,
      // a file that did not parse cleanly is reported by lint and not built
      onModel: m => {
        heads.set(m.path, m);
        if (m.problems.length === 0 && m.stages.length > 0) models.push(m);
      },
      shellcheck: o.shellcheck
    });
    if (r.shellcheck?.notice) notes.skip(r.shellcheck.notice);
    o.log.info(`${r.summary.violations} findings in ${r.summary.files} files`);
    if (!o.baseSha) return r;
    // new / existing / fixed against the base commit's version of each file (read with git show, not built)
    try {
      const marked = await compareWithBase(r, heads, { cwd: o.cwd, repoDir: o.repoDir, sha: o.baseSha, config: found.config ?? emptyConfig(), shellcheck: o.shellcheck, renamedFrom: o.renamedFrom, onBaseModel: m => baseModels.set(m.path, m) });
      o.log.info(`against the base: ${marked.summary.new} new, ${marked.summary.existing} existing, ${marked.summary.fixed} fixed`);
      return marked;
    } catch (e) {
      notes.warn(`Findings are not marked new or existing: ${(e as Error).message}`);
      return r;
    }
  });
  if (!found.config) notes.skip('Build and size were skipped, and lint used the default configuration: the configuration could not be read.');
  return { lint: report, models, baseModels };
}
