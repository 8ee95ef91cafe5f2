/**
 * The retry policy (reliability #12): which requests and answers are retried, and how long to wait.
 */

/** Statuses worth another attempt: the server may answer differently later. */
export const RETRY_STATUSES: readonly number[] = [408, 429, 500, 502, 503, 504];
/** Statuses whose `Retry-After` header sets the wait. */
export const RETRY_AFTER_STATUSES: readonly number[] = [429, 503];

export interface BackoffOptions {
  /** First wait in ms (doubled on every further retry). Default 300. */
  base?: number;
  /** Longest wait in ms between attempts, for backoff and for `Retry-After`. Default 8000. */
  cap?: number;
}

export interface RetryOptions {
  /** Retries after the first attempt. Default 2 (3 attempts in all). */
  limit?: number;
  backoff?: BackoffOptions;
  /** Total time in ms for all attempts and waits together. Default 30 000. */
  deadline?: number;
}

export interface RetryPolicy {
  limit: number;
  base: number;
  cap: number;
  deadline: number;
}

export function retryPolicy(options: RetryOptions = {}): RetryPolicy {
  return {
    limit: Math.max(0, options.limit ?? 2),
    base: Math.max(0, options.backoff?.base ?? 300),
    cap: Math.max(0, options.backoff?.cap ?? 8000),
    deadline: Math.max(1, options.deadline ?? 30_000),
  };
}

/** True when the method may be sent again: GET/HEAD always, POST only with an idempotency key. */
export function isRetryableMethod(method: string, hasIdempotencyKey: boolean): boolean {
  const m = method.toUpperCase();
  return m === 'GET' || m === 'HEAD' || (m === 'POST' && hasIdempotencyKey);
}

/** Exponential backoff before retry number `attempt` (1-based), capped. */
export const backoffDelay = (policy: RetryPolicy, attempt: number): number =>
  Math.min(policy.cap, policy.base * 2 ** (attempt - 1));

/** "Equal jitter": half the delay fixed, half random, so retries spread out but never fire at once. */
export const jitter = (delay: number, random: () => number = Math.random): number => delay / 2 + (random() * delay) / 2;

/**
 * `Retry-After` in milliseconds from delay-seconds or an HTTP-date, or `undefined` when absent/unreadable.
 * Past dates give 0.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
