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
import { rule as consistentInstructionCasing } from './consistent-instruction-casing';
import { rule as copyFromSelf } from './copy-from-self';
import { rule as copyFromStage } from './copy-from-stage';
import { rule as copyFromUndefinedStage } from './copy-from-undefined-stage';
import { rule as copyIgnoredFile } from './copy-ignored-file';
import { rule as copyInsteadOfAdd } from './copy-instead-of-add';
import { rule as copyRelativeDestWithoutWorkdir } from './copy-relative-dest-without-workdir';
import { rule as dockerignoreMissing } from './dockerignore-missing';
import { rule as duplicateStageName } from './duplicate-stage-name';
import { rule as exposeInvalidFormat } from './expose-invalid-format';
import { rule as exposeProtoCasing } from './expose-proto-casing';
import { rule as fromAsCasing } from './from-as-casing';
import { rule as fromPlatformFlagConstDisallowed } from './from-platform-flag-const-disallowed';
import { rule as healthcheck } from './healthcheck';
import { rule as invalidDefaultArgInFrom } from './invalid-default-arg-in-from';
import { rule as invalidDefinitionDescription } from './invalid-definition-description';
import { rule as jsonArgsRecommended } from './json-args-recommended';
import { rule as jsonCmd } from './json-cmd';
import { rule as layerCaching } from './layer-caching';
import { rule as legacyKeyValueFormat } from './legacy-key-value-format';
import { rule as maintainerDeprecated } from './maintainer-deprecated';
import { rule as multiStage } from './multi-stage';
import { rule as multipleCmd } from './multiple-cmd';
import { rule as multipleEntrypoint } from './multiple-entrypoint';
import { rule as multipleInstructionsDisallowed } from './multiple-instructions-disallowed';
import { rule as noEmptyContinuation } from './no-empty-continuation';
import { rule as noLatestTag } from './no-latest-tag';
import { rule as noSudo } from './no-sudo';
import { rule as nonRootUser } from './non-root-user';
import { rule as pipNoCacheDir } from './pip-no-cache-dir';
import { rule as pipPinVersions } from './pip-pin-versions';
import { rule as pipefail } from './pipefail';
import { rule as redundantTargetPlatform } from './redundant-target-platform';
import { rule as removedInLaterLayer } from './removed-in-later-layer';
import { rule as reservedStageName } from './reserved-stage-name';
import { rule as secretsInArgEnv } from './secrets-in-arg-env';
import { rule as slimBase } from './slim-base';
import { rule as stageLibcMismatch } from './stage-libc-mismatch';
import { rule as stageNameCasing } from './stage-name-casing';
import { rule as undefinedArgInFrom } from './undefined-arg-in-from';
import { rule as undefinedVar } from './undefined-var';
import { rule as unusedStage } from './unused-stage';
import { rule as validExposePort } from './valid-expose-port';
import { rule as workdirRelativePath } from './workdir-relative-path';
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
  consistentInstructionCasing,
  copyFromSelf,
  copyFromStage,
  copyFromUndefinedStage,
  copyIgnoredFile,
  copyInsteadOfAdd,
  copyRelativeDestWithoutWorkdir,
  dockerignoreMissing,
  duplicateStageName,
  exposeInvalidFormat,
  exposeProtoCasing,
  fromAsCasing,
  fromPlatformFlagConstDisallowed,
  healthcheck,
  invalidDefaultArgInFrom,
  invalidDefinitionDescription,
  jsonArgsRecommended,
  jsonCmd,
  layerCaching,
  legacyKeyValueFormat,
  maintainerDeprecated,
  multiStage,
  multipleCmd,
  multipleEntrypoint,
  multipleInstructionsDisallowed,
  noEmptyContinuation,
  noLatestTag,
  noSudo,
  nonRootUser,
  pipNoCacheDir,
  pipPinVersions,
  pipefail,
  redundantTargetPlatform,
  removedInLaterLayer,
  reservedStageName,
  secretsInArgEnv,
  slimBase,
  stageLibcMismatch,
  stageNameCasing,
  undefinedArgInFrom,
  undefinedVar,
  unusedStage,
  validExposePort,
  workdirRelativePath,
  yumClean
];

export function ruleById(id: string): Rule | undefined {
  return rules.find(r => r.id === id);
}
