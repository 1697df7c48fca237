import type { Rule } from '../rule';
import { rule as absoluteWorkdir } from './absolute-workdir';
import { rule as addToExtractArchive } from './add-to-extract-archive';
import { rule as apkNoCache } from './apk-no-cache';
import { rule as apkPinVersions } from './apk-pin-versions';
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
import { rule as copyMultipleSourcesDestSlash } from './copy-multiple-sources-dest-slash';
import { rule as copyRelativeDestWithoutWorkdir } from './copy-relative-dest-without-workdir';
import { rule as copyWholeFilesystem } from './copy-whole-filesystem';
import { rule as curlOrWget } from './curl-or-wget';
import { rule as dnfClean } from './dnf-clean';
import { rule as dnfPinVersions } from './dnf-pin-versions';
import { rule as dnfYes } from './dnf-yes';
import { rule as dockerignoreMissing } from './dockerignore-missing';
import { rule as duplicateStageName } from './duplicate-stage-name';
import { rule as envSelfReference } from './env-self-reference';
import { rule as exposeInvalidFormat } from './expose-invalid-format';
import { rule as exposeProtoCasing } from './expose-proto-casing';
import { rule as fromAsCasing } from './from-as-casing';
import { rule as fromPlatformFlag } from './from-platform-flag';
import { rule as fromPlatformFlagConstDisallowed } from './from-platform-flag-const-disallowed';
import { rule as gemPinVersions } from './gem-pin-versions';
import { rule as goPinVersions } from './go-pin-versions';
import { rule as healthcheck } from './healthcheck';
import { rule as inlineIgnorePragma } from './inline-ignore-pragma';
import { rule as instructionOrder } from './instruction-order';
import { rule as invalidDefaultArgInFrom } from './invalid-default-arg-in-from';
import { rule as invalidDefinitionDescription } from './invalid-definition-description';
import { rule as jsonArgsRecommended } from './json-args-recommended';
import { rule as jsonCmd } from './json-cmd';
import { rule as labelEmail } from './label-email';
import { rule as labelGitHash } from './label-git-hash';
import { rule as labelKeyValid } from './label-key-valid';
import { rule as labelNotEmpty } from './label-not-empty';
import { rule as labelRequired } from './label-required';
import { rule as labelRfc3339 } from './label-rfc3339';
import { rule as labelSemver } from './label-semver';
import { rule as labelSpdx } from './label-spdx';
import { rule as labelSuperfluous } from './label-superfluous';
import { rule as labelUrl } from './label-url';
import { rule as layerCaching } from './layer-caching';
import { rule as legacyKeyValueFormat } from './legacy-key-value-format';
import { rule as maintainerDeprecated } from './maintainer-deprecated';
import { rule as multiStage } from './multi-stage';
import { rule as multipleCmd } from './multiple-cmd';
import { rule as multipleEntrypoint } from './multiple-entrypoint';
import { rule as multipleHealthcheck } from './multiple-healthcheck';
import { rule as multipleInstructionsDisallowed } from './multiple-instructions-disallowed';
import { rule as noApt } from './no-apt';
import { rule as noEmptyContinuation } from './no-empty-continuation';
import { rule as noLatestTag } from './no-latest-tag';
import { rule as noSudo } from './no-sudo';
import { rule as noZypperDistUpgrade } from './no-zypper-dist-upgrade';
import { rule as nonRootUser } from './non-root-user';
import { rule as npmPinVersions } from './npm-pin-versions';
import { rule as numericUserId } from './numeric-user-id';
import { rule as onbuildTriggerForbidden } from './onbuild-trigger-forbidden';
import { rule as pipNoCacheDir } from './pip-no-cache-dir';
import { rule as pipPinVersions } from './pip-pin-versions';
import { rule as pipefail } from './pipefail';
import { rule as pointlessCommand } from './pointless-command';
import { rule as redundantTargetPlatform } from './redundant-target-platform';
import { rule as removedInLaterLayer } from './removed-in-later-layer';
import { rule as reservedStageName } from './reserved-stage-name';
import { rule as secretsInArgEnv } from './secrets-in-arg-env';
import { rule as sensitiveArgEnvName } from './sensitive-arg-env-name';
import { rule as shellInsteadOfLnSh } from './shell-instead-of-ln-sh';
import { rule as slimBase } from './slim-base';
import { rule as stageLibcMismatch } from './stage-libc-mismatch';
import { rule as stageNameCasing } from './stage-name-casing';
import { rule as trustedRegistry } from './trusted-registry';
import { rule as undefinedArgInFrom } from './undefined-arg-in-from';
import { rule as undefinedVar } from './undefined-var';
import { rule as unusedStage } from './unused-stage';
import { rule as useraddHighUid } from './useradd-high-uid';
import { rule as validExposePort } from './valid-expose-port';
import { rule as wgetProgress } from './wget-progress';
import { rule as workdirRelativePath } from './workdir-relative-path';
import { rule as yarnCacheClean } from './yarn-cache-clean';
import { rule as yumClean } from './yum-clean';
import { rule as yumPinVersions } from './yum-pin-versions';
import { rule as yumYes } from './yum-yes';
import { rule as zypperClean } from './zypper-clean';
import { rule as zypperPinVersions } from './zypper-pin-versions';
import { rule as zypperYes } from './zypper-yes';

/**
 * The registry: every rule, sorted by id. A meta-test keeps this list, the rule files and their tests in sync.
 * To add a rule: create `<id>.ts` exporting `rule`, import it here, and keep the array sorted.
 */
export const rules: readonly Rule[] = [
  absoluteWorkdir,
  addToExtractArchive,
  apkNoCache,
  apkPinVersions,
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
  copyMultipleSourcesDestSlash,
  copyRelativeDestWithoutWorkdir,
  copyWholeFilesystem,
  curlOrWget,
  dnfClean,
  dnfPinVersions,
  dnfYes,
  dockerignoreMissing,
  duplicateStageName,
  envSelfReference,
  exposeInvalidFormat,
  exposeProtoCasing,
  fromAsCasing,
  fromPlatformFlag,
  fromPlatformFlagConstDisallowed,
  gemPinVersions,
  goPinVersions,
  healthcheck,
  inlineIgnorePragma,
  instructionOrder,
  invalidDefaultArgInFrom,
  invalidDefinitionDescription,
  jsonArgsRecommended,
  jsonCmd,
  labelEmail,
  labelGitHash,
  labelKeyValid,
  labelNotEmpty,
  labelRequired,
  labelRfc3339,
  labelSemver,
  labelSpdx,
  labelSuperfluous,
  labelUrl,
  layerCaching,
  legacyKeyValueFormat,
  maintainerDeprecated,
  multiStage,
  multipleCmd,
  multipleEntrypoint,
  multipleHealthcheck,
  multipleInstructionsDisallowed,
  noApt,
  noEmptyContinuation,
  noLatestTag,
  noSudo,
  noZypperDistUpgrade,
  nonRootUser,
  npmPinVersions,
  numericUserId,
  onbuildTriggerForbidden,
  pipNoCacheDir,
  pipPinVersions,
  pipefail,
  pointlessCommand,
  redundantTargetPlatform,
  removedInLaterLayer,
  reservedStageName,
  secretsInArgEnv,
  sensitiveArgEnvName,
  shellInsteadOfLnSh,
  slimBase,
  stageLibcMismatch,
  stageNameCasing,
  trustedRegistry,
  undefinedArgInFrom,
  undefinedVar,
  unusedStage,
  useraddHighUid,
  validExposePort,
  wgetProgress,
  workdirRelativePath,
  yarnCacheClean,
  yumClean,
  yumPinVersions,
  yumYes,
  zypperClean,
  zypperPinVersions,
  zypperYes
];

export function ruleById(id: string): Rule | undefined {
  return rules.find(r => r.id === id);
}
