import { relative, resolve } from 'node:path';
import { configFileNames, contextsByDockerfile, loadConfig, type Config } from '../config/config';
import { selectDockerfiles } from '../dockerfile/discover';
import type { Notes } from './notes';
import type { PipelineOptions } from './options';

/** What the find step hands on: the project's config (null when it could not be read) and the Dockerfiles to check. */
export interface Found {
  config: Config | null;
  /** Dockerfile paths relative to the working directory, after changed-only. */
  files: string[];
  /** The config files (read or not) the change adds, edits, renames or deletes, repository-relative. */
  configChanges: string[];
}

/** Pure: which of the config files `names` (repository-relative) are among the changed paths. */
export function configFilesChanged(changed: readonly string[], names: readonly string[]): string[] {
  const touched = new Set(changed);
  return names.filter(n => touched.has(n));
}

/** Step 1, find: read the config, discover the Dockerfiles and narrow them to those the PR touches. */
export async function find(o: PipelineOptions, notes: Notes): Promise<Found> {
  for (const e of o.inputErrors ?? []) notes.error(e);
  let config: Config | null = null;
  try {
    config = loadConfig({ cwd: o.cwd, configFile: o.configFile || undefined });
  } catch (e) {
    // a config that cannot be read fails the run, but the Dockerfiles are still linted with the defaults
    notes.error((e as Error).message);
  }
  for (const w of config?.warnings ?? []) notes.warn(w);
  const files = await o.log.group('Find Dockerfiles', async () => {
    const selection = await selectDockerfiles({
      cwd: o.cwd,
      patterns: o.dockerfiles,
      changed: o.changedFiles,
      context: o.context,
      contexts: contextsByDockerfile(config)
    });
    for (const u of selection.unmatched) notes.warn(`"${u}" matched no Dockerfile`);
    for (const r of selection.refused) notes.warn(r);
    if (o.changedFiles) {
      o.log.info(`${selection.files.length} of ${selection.found} Dockerfiles are touched by this pull request`);
      if (selection.files.length === 0) notes.skip('No Dockerfile is touched by this pull request (changed-only), so nothing was linted or built.');
    } else {
      o.log.info(`${selection.files.length} Dockerfiles: ${selection.files.join(', ')}`);
    }
    return selection.files;
  });
  // a change to the config changes what is reported: the report says so (a PR may bring its own config)
  const configChanges = configChangesOf(o.changedFiles ?? o.diffFiles ?? [], o.configFile || undefined, o.cwd, o.repoDir);
  return { config, files, configChanges };
}

/** Pure: the config files (as `loadConfig` in `cwd` reads them) among a change's repository-relative paths. */
export function configChangesOf(changed: readonly string[], configFile: string | undefined, cwd: string, repoDir = cwd): string[] {
  return configFilesChanged(changed, configFileNames(configFile).map(n => relative(repoDir, resolve(cwd, n))));
}
