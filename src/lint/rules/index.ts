import type { Rule } from '../rule';
import { rule as absoluteWorkdir } from './absolute-workdir';
import { rule as apkNoCache } from './apk-no-cache';
import { rule as aptGetYes } from './apt-get-yes';
import { rule as aptListsCleanup } from './apt-lists-cleanup';
import { rule as aptNoInstallRecommends } from './apt-no-install-recommends';
import { rule as aptPinVersions } from './apt-pin-versions';
import { rule as baseImageTag } from './base-image-tag';
import { rule as buildToolsInFinalStage } from './build-tools-in-final-stage';
import { rule as cdInsteadOfWorkdir } from './cd-instead-of-workdir';
import { rule as consecutiveRun } from './consecutive-run';
import { rule as copyFromSelf } from './copy-from-self';
import { rule as copyFromStage } from './copy-from-stage';
import { rule as copyFromUndefinedStage } from './copy-from-undefined-stage';
import { rule as copyInsteadOfAdd } from './copy-instead-of-add';
import { rule as copyRelativeDestWithoutWorkdir } from './copy-relative-dest-without-workdir';
import { rule as dockerignoreMissing } from './dockerignore-missing';
import { rule as duplicateStageName } from './duplicate-stage-name';
import { rule as fromAsCasing } from './from-as-casing';
import { rule as healthcheck } from './healthcheck';
import { rule as jsonCmd } from './json-cmd';
import { rule as layerCaching } from './layer-caching';
import { rule as maintainerDeprecated } from './maintainer-deprecated';
import { rule as multiStage } from './multi-stage';
import { rule as multipleCmd } from './multiple-cmd';
import { rule as multipleEntrypoint } from './multiple-entrypoint';
import { rule as noLatestTag } from './no-latest-tag';
import { rule as noSudo } from './no-sudo';
import { rule as nonRootUser } from './non-root-user';
import { rule as pipNoCacheDir } from './pip-no-cache-dir';
import { rule as pipPinVersions } from './pip-pin-versions';
import { rule as pipefail } from './pipefail';
import { rule as removedInLaterLayer } from './removed-in-later-layer';
import { rule as secretsInArgEnv } from './secrets-in-arg-env';
import { rule as slimBase } from './slim-base';
import { rule as stageLibcMismatch } from './stage-libc-mismatch';
import { rule as stageNameCasing } from './stage-name-casing';
import { rule as unusedStage } from './unused-stage';
import { rule as validExposePort } from './valid-expose-port';
import { rule as yumClean } from './yum-clean';

/**
 * The registry: every rule, sorted by id. A meta-test keeps this list, the rule files and their tests in sync.
 * To add a rule: create `<id>.ts` exporting `rule`, import it here, and keep the array sorted.
 */
export const rules: readonly Rule[] = [
  absoluteWorkdir,
  apkNoCache,
  aptGetYes,
  aptListsCleanup,
  aptNoInstallRecommends,
  aptPinVersions,
  baseImageTag,
  buildToolsInFinalStage,
  cdInsteadOfWorkdir,
  consecutiveRun,
  copyFromSelf,
  copyFromStage,
  copyFromUndefinedStage,
  copyInsteadOfAdd,
  copyRelativeDestWithoutWorkdir,
  dockerignoreMissing,
  duplicateStageName,
  fromAsCasing,
  healthcheck,
  jsonCmd,
  layerCaching,
  maintainerDeprecated,
  multiStage,
  multipleCmd,
  multipleEntrypoint,
  noLatestTag,
  noSudo,
  nonRootUser,
  pipNoCacheDir,
  pipPinVersions,
  pipefail,
  removedInLaterLayer,
  secretsInArgEnv,
  slimBase,
  stageLibcMismatch,
  stageNameCasing,
  unusedStage,
  validExposePort,
  yumClean
];

export function ruleById(id: string): Rule | undefined {
  return rules.find(r => r.id === id);
}
