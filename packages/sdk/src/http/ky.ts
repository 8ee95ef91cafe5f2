import ky, { type KyInstance } from 'ky';
import { backoffDelay, jitter, RETRY_AFTER_STATUSES, RETRY_STATUSES, type RetryPolicy } from './retry.js';

export type FetchFn = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

export interface KyFactoryOptions {
  /** The fetch to use; default `globalThis.fetch`, looked up at call time. */
  fetch?: FetchFn;
  /** Per-attempt timeout in ms. */
  timeout: number;
  policy: RetryPolicy;
  /** Random source for jitter (tests pin it). */
  random?: () => number;
}

/**
 * The ky instance every SDK request goes through: per-attempt timeout, jittered capped exponential backoff,
 * `Retry-After` honoured up to the cap, retries only for GET/HEAD (the HTTP layer adds POST per request when it
 * carries an `Idempotency-Key`), never on 4xx other than 408/429. 304 is a normal answer, not an error.
 */
export function createKy(options: KyFactoryOptions): KyInstance {
  const { policy } = options;
  const fetch: FetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return ky.create({
    fetch,
    timeout: options.timeout,
    throwHttpErrors: (status: number) => status !== 304,
    retry: {
      limit: policy.limit,
      methods: ['get', 'head'],
      statusCodes: [...RETRY_STATUSES],
      afterStatusCodes: [...RETRY_AFTER_STATUSES],
      maxRetryAfter: policy.cap,
      backoffLimit: policy.cap,
      delay: (attempt: number) => backoffDelay(policy, attempt),
      jitter: (delay: number) => jitter(delay, options.random),
      retryOnTimeout: true,
    },
  });
}
