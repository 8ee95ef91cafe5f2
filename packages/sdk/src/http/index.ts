export { createHttp, type Http, type HttpOptions, type HttpRequest, type HttpResponse, type Identity, type IdentityProvider } from './http.js';
export { createKy, type FetchFn, type KyFactoryOptions } from './ky.js';
export {
  backoffDelay, isRetryableMethod, jitter, parseRetryAfter, retryPolicy, RETRY_AFTER_STATUSES, RETRY_STATUSES,
  type BackoffOptions, type RetryOptions, type RetryPolicy,
} from './retry.js';
