import type { Rule, RuleReport } from '../rule';
import { envNames } from '../instructions';

// hadolint's list of names known to hold credentials, and the substrings it treats as suspicious
const KNOWN = new Set([
  'ACCESS_TOKEN', 'APPLICATION_KEY', 'APP_SECRET', 'AUTH_TOKEN', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY',
  'BITTREX_API_KEY', 'BITTREX_API_SECRET', 'CF_PASSWORD', 'CF_USERNAME', 'CIRCLE_TOKEN', 'CI_DEPLOY_PASSWORD',
  'CI_DEPLOY_USER', 'DOCKERHUB_PASSWORD', 'DOCKER_EMAIL', 'DOCKER_PASSWORD', 'DOCKER_USERNAME',
  'FACEBOOK_ACCESS_TOKEN', 'FACEBOOK_APP_ID', 'FACEBOOK_APP_SECRET', 'FIREBASE_API_TOKEN', 'FIREBASE_TOKEN',
  'FOSSA_API_KEY', 'GH_ENTERPRISE_TOKEN', 'GH_TOKEN', 'GITHUB_ENTERPRISE_TOKEN', 'GITHUB_TOKEN', 'HEROKU_API_KEY',
  'HEROKU_API_USER', 'NPM_AUTH_TOKEN', 'NPM_TOKEN', 'OKTA_AUTHN_GROUPID', 'OKTA_CLIENT_ORGURL', 'OKTA_CLIENT_TOKEN',
  'OKTA_OAUTH2_CLIENTID', 'OKTA_OAUTH2_CLIENTSECRET', 'OPENAI_API_KEY', 'OS_PASSWORD', 'OS_USERNAME',
  'POSTGRES_PASSWORD', 'SLACK_TOKEN', 'STRIPE_API_KEY', 'STRIPE_DEVICE_NAME', 'TRAVIS_OS_NAME',
  'TRAVIS_SECURE_ENV_VARS', 'TRAVIS_SUDO', 'VAULT_CLIENT_KEY', 'VAULT_TOKEN'
]);
const SUSPICIOUS = ['api_key', 'client_key', 'password', 'private', 'secret', 'token', 'username'];

export const sensitiveName = (name: string): boolean => KNOWN.has(name.toUpperCase()) || SUSPICIOUS.some(s => name.toLowerCase().includes(s));

export const rule: Rule = {
  id: 'sensitive-arg-env-name',
  severity: 'warning',
  description: 'ARG and ENV names do not look like credentials (hadolint’s list of names and substrings).',
  aliases: ['DL3064'],
  help:
    'ARG and ENV values are kept in the image history and config, where anyone who can pull the image reads them. ' +
    'Pass credentials as build secrets (`RUN --mount=type=secret,id=token`). This is hadolint\'s check: a list of ' +
    'names known to hold credentials (`GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`...) and the substrings `password`, ' +
    '`secret`, `token`, `private`, `api_key`, `client_key`, `username`; BuildKit\'s own check, with other words and ' +
    'exceptions, is `secrets-in-arg-env`.',
  check(model) {
    const out: RuleReport[] = [];
    for (const inst of model.instructions) {
      const target = inst.keyword === 'ONBUILD' && inst.trigger ? inst.trigger : inst;
      const bad = envNames(target).find(sensitiveName);
      if (bad) out.push({ range: inst.range, message: `${target.keyword} ${bad} looks like a credential: pass it as a build secret instead` });
    }
    return out;
  }
};
