import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

/** The Octokit stageguard talks to GitHub with: @actions/github's, plus retries of 5xx and rate-limit handling. */
export type GitHubClient = ReturnType<typeof getOctokit>;

export interface ClientOptions {
  token: string;
  /** GITHUB_API_URL; default from the environment, else https://api.github.com. */
  baseUrl?: string;
  /** Retries of a 5xx answer (plugin-retry), default 3. */
  retries?: number;
  /**
   * Base of every backoff in milliseconds (default 1000): 5xx retries wait base·1, base·4, base·9 (plugin-retry),
   * rate limits wait `retry-after`·base (plugin-throttling). Tests set 1 so they run fast.
   */
  backoffBaseMs?: number;
  /** Retries after a secondary rate limit, default 3. */
  secondaryRateLimitRetries?: number;
  /** Longest wait accepted for a primary rate limit reset, in seconds (default 60); longer fails with a message. */
  maxRateLimitWaitSeconds?: number;
  /**
   * GitHub asks for writes at most one per second, and plugin-throttling spaces notifying writes (a new comment)
   * by 3 s. `false` turns that spacing off (tests against a local server); the default keeps it.
   */
  spaceWrites?: boolean;
  /** Where retry and rate-limit notices go (never the token). */
  onNotice?: (message: string) => void;
}

/**
 * Test knob: STAGEGUARD_GITHUB_BACKOFF_MS replaces the 1000 ms backoff base when `backoffBaseMs` is not given, so the
 * fault suite can run the bundled action against a failing local API without waiting real seconds. Read once per
 * client, never at import time. Not an input: production runs never set it.
 */
function backoffFromEnv(): number | undefined {
  const v = process.env.STAGEGUARD_GITHUB_BACKOFF_MS;
  return v && /^\d+$/.test(v) ? Number(v) : undefined;
}

/** A plugin-throttling limiter group that schedules at once (duck-typed: `key(id).schedule(opts, fn, ...args)`). */
const immediateGroup = {
  key: () => ({
    schedule: (_opts: unknown, fn: (...a: unknown[]) => unknown, ...args: unknown[]) => Promise.resolve(fn(...args))
  })
};

/**
 * Builds the client. @actions/github 6 is on @octokit/core 5, which plugin-retry 6 and plugin-throttling 8 target
 * (peer `@octokit/core ^5`), so they plug in through `getOctokit(token, options, ...plugins)`.
 * The token only goes into the Authorization header; error messages built from responses never contain it.
 */
export function createGitHubClient(opts: ClientOptions): GitHubClient {
  const base = opts.backoffBaseMs ?? backoffFromEnv() ?? 1000;
  const secondaryRetries = opts.secondaryRateLimitRetries ?? 3;
  const maxWait = opts.maxRateLimitWaitSeconds ?? 60;
  const notice = opts.onNotice ?? (() => undefined);
  const throttle: Record<string, unknown> = {
    retryAfterBaseValue: base,
    fallbackSecondaryRateRetryAfter: 60,
    onSecondaryRateLimit: (retryAfter: number, options: { method: string; url: string }, _o: unknown, retryCount: number) => {
      if (retryCount < secondaryRetries) {
        notice(`GitHub secondary rate limit on ${options.method} ${options.url}; retrying after ${retryAfter} s (retry ${retryCount + 1}/${secondaryRetries})`);
        return true;
      }
      notice(`GitHub secondary rate limit on ${options.method} ${options.url}; giving up after ${secondaryRetries} retries`);
      return false;
    },
    onRateLimit: (retryAfter: number, options: { method: string; url: string }, _o: unknown, retryCount: number) => {
      if (retryCount < 1 && retryAfter <= maxWait) {
        notice(`GitHub rate limit on ${options.method} ${options.url}; waiting ${retryAfter} s for the reset`);
        return true;
      }
      notice(`GitHub rate limit on ${options.method} ${options.url}; the reset is ${retryAfter} s away, not waiting`);
      return false;
    }
  };
  // the test knob (above) also drops the 3 s spacing of writes, which is a backoff of its own
  if (opts.spaceWrites === false || (opts.spaceWrites === undefined && backoffFromEnv() !== undefined)) {
    throttle.write = immediateGroup;
    throttle.notifications = immediateGroup;
  }
  const options: Record<string, unknown> = {
    retry: { retries: opts.retries ?? 3, retryAfterBaseValue: base },
    throttle,
    // Octokit logs deprecations and request failures to the console by default; route them to the notice sink.
    log: { debug: () => undefined, info: () => undefined, warn: (m: string) => notice(String(m)), error: (m: string) => notice(String(m)) }
  };
  const baseUrl = opts.baseUrl ?? process.env.GITHUB_API_URL;
  if (baseUrl) options.baseUrl = baseUrl.replace(/\/+$/, '');
  return getOctokit(opts.token, options, retry, throttling);
}

/** The status and message of a GitHub API error, for a warning a user can act on; never includes headers. */
export function describeGitHubError(e: unknown): { status: number | null; message: string } {
  const err = e as { status?: unknown; message?: unknown; response?: { data?: { message?: unknown } } };
  const status = typeof err?.status === 'number' ? err.status : null;
  const apiMessage = typeof err?.response?.data?.message === 'string' ? err.response.data.message : undefined;
  const message = String(apiMessage ?? err?.message ?? e).replace(/\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/g, '***');
  return { status, message };
}
