import { imageFamily } from '../../dockerfile/imageRef';
import type { ImageRef } from '../../dockerfile/model';
import type { Rule, RuleReport } from '../rule';
import { buildCommand, isBuildPackage, osPackageInstall } from '../packages';
import { commandsOf } from '../instructions';

const SDK_FAMILIES = new Set(['golang', 'rust', 'maven', 'gradle', 'buildpack-deps', 'gcc', 'sdk']);
const FULL_WHEN_UNTAGGED = new Set(['python', 'node', 'ruby']);
const SLIM_TAG = /(^|[-.])(slim|alpine|distroless|minimal|jre)/;

/** A base that ships a compiler toolchain: golang, rust, maven, a JDK, dotnet/sdk, or the full python/node/ruby. */
export function sdkBase(ref: ImageRef): boolean {
  if (ref.isScratch || !ref.fullyResolved) return false;
  const family = imageFamily(ref);
  const tag = (ref.tag ?? '').toLowerCase();
  if (SDK_FAMILIES.has(family)) return true;
  if ((family === 'openjdk' || family === 'eclipse-temurin' || family === 'amazoncorretto') && !/jre/.test(tag)) return true;
  if (FULL_WHEN_UNTAGGED.has(family)) return !SLIM_TAG.test(tag);
  return false;
}

export const rule: Rule = {
  id: 'multi-stage',
  severity: 'warning',
  description: 'The shipped image is separated from the build toolchain by a multi-stage build.',
  aliases: [],
  scorecard: true,
  help:
    'A single-stage Dockerfile that compiles or installs build tools ships the toolchain. Build in a first stage ' +
    '(`FROM golang:1.22 AS build`) and copy only the artifacts into a small final stage (`COPY --from=build`).',
  check(model) {
    if (model.stages.length !== 1) return [];
    const stage = model.stages[0];
    const out: RuleReport[] = [];
    if (sdkBase(stage.base)) {
      out.push({
        range: stage.from.range,
        message: `single-stage build on the full SDK image ${stage.base.resolved}: build in a separate stage and copy the artifacts into a slim final stage`
      });
      return out;
    }
    for (const inst of stage.instructions) {
      for (const cmd of commandsOf(inst)) {
        const install = osPackageInstall(cmd);
        const tools = install ? install.packages.filter(isBuildPackage) : [];
        const build = buildCommand(cmd);
        if (tools.length || build) {
          out.push({
            range: inst.range,
            message: `single-stage build ${tools.length ? `installs build tools (${tools.join(', ')})` : `runs \`${build}\``} in the shipped image: build in a separate stage and COPY --from it`
          });
          return out;
        }
      }
    }
    return out;
  }
};
