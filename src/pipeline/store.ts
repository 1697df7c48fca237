import { storeRunReport } from '../baseline/step';
import { exec } from '../exec';
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
    // only the figures of that very commit may go under its name: not a merge commit's (a PR's checkout), not a tree
    // with uncommitted changes
    const dir = o.repoDir ?? o.cwd;
    const head = await exec('git', ['rev-parse', 'HEAD'], { cwd: dir, timeoutMs: 30000 });
    const dirty = await exec('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: dir, timeoutMs: 60000 });
    if (head.exitCode !== 0 || head.stdout.trim() !== sha || dirty.exitCode !== 0 || dirty.stdout.trim() !== '') {
      o.log.info(`The report is not stored: the checkout is not exactly commit ${sha.slice(0, 12)} (another commit, or uncommitted changes).`);
      return;
    }
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
