import { imageFamily } from '../../dockerfile/imageRef';
import type { ImageRef } from '../../dockerfile/model';
import type { Rule } from '../rule';
import { finalStageOf } from '../../dockerfile/stages';
import { ownValue } from '../../own';

/** Families that publish a minimal variant, and the tag words that mark one. */
const MINIMAL_TAGS: Record<string, RegExp> = {
  python: /slim|alpine/,
  node: /slim|alpine/,
  ruby: /slim|alpine/,
  php: /alpine|slim/,
  golang: /alpine/,
  rust: /slim|alpine/,
  openjdk: /jre|slim|alpine/,
  'eclipse-temurin': /jre/,
  maven: /alpine|slim/,
  gradle: /alpine|jre/,
  'buildpack-deps': /curl/,
  debian: /slim/
};

/** Undefined when the base is minimal or its family has no minimal variant; else the suggestion. */
export function nonMinimalBase(ref: ImageRef): string | undefined {
  if (ref.isScratch || !ref.fullyResolved) return undefined;
  const family = imageFamily(ref);
  const minimal = ownValue(MINIMAL_TAGS, family);
  if (!minimal) return undefined;
  const tag = (ref.tag ?? 'latest').toLowerCase();
  if (minimal.test(tag)) return undefined;
  if (family === 'maven' || family === 'gradle' || family === 'golang' || family === 'rust') return 'a runtime image (distroless, alpine, debian-slim, or the JRE) instead of the build tool image';
  if (family === 'openjdk' || family === 'eclipse-temurin') return `${family}:<version>-jre`;
  if (family === 'buildpack-deps') return 'debian:<release>-slim';
  return `${family}:<version>-${family === 'php' ? 'alpine' : 'slim'}`;
}

export const rule: Rule = {
  id: 'slim-base',
  severity: 'warning',
  description: 'The final stage is based on a minimal image variant (-slim, -alpine, distroless, JRE, scratch).',
  aliases: [],
  scorecard: true,
  help:
    'Families such as python, node, ruby, php, golang, rust, openjdk/eclipse-temurin, maven, gradle, buildpack-deps ' +
    'and debian publish minimal variants that are hundreds of MB smaller. Images from other families pass.',
  check(model) {
    const final = finalStageOf(model);
    if (!final) return [];
    const suggestion = nonMinimalBase(final.base);
    if (!suggestion) return [];
    return [{ range: final.from.range, message: `the final stage is based on ${final.base.resolved}, which has a smaller variant: use ${suggestion}` }];
  }
};
