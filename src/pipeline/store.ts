import { storeRunReport } from '../baseline/step';
import { VERSION } from '../version';
import type { Built } from './build';
import type { Linted } from './lint';
import type { Measured } from './measure';
import type { Notes } from './notes';
import type { PipelineOptions } from './options';

/**
 * After measure, store: the run's own report in the cache repository, for the pull requests after it, under the tags
 * the cache rules allow (a push: its branch and commit; a PR: its own branch; a fork: nothing).
 */
export async function store(o: PipelineOptions, built: Built, linted: Linted, measured: Measured, notes: Notes): Promise<void> {
  if (!o.cacheRepository || !o.context_.headSha || measured.images.length === 0) return;
  const cacheRepository = o.cacheRepository;
  const sha = o.context_.headSha;
  await o.log.group('Store the report', async () => {
    const r = await storeRunReport({
      cacheRepository,
      branch: o.branch,
      sha,
      event: o.event,
      isFork: o.isFork,
      baseBranch: o.baseBranch,
      defaultBranch: o.defaultBranch,
      version: VERSION,
      buildArgs: o.buildArgs,
      platform: o.platform || undefined,
      models: linted.models.filter(m => built.plans.some(p => p.dockerfile === m.path)),
      targets: built.plans,
      measured: measured.images,
      lint: linted.lint,
      secrets: o.secrets
    });
    if (r.info) o.log.info(r.info);
    if (r.warning) notes.warn(r.warning);
  });
}
