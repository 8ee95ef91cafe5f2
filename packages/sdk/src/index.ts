/**
 * @cityhub/sdk — the typed CityHub client. Runs unchanged in browsers and Node (only `fetch`, `AbortSignal`,
 * timers, and — when present — IndexedDB or localStorage for the catalog cache).
 *
 * ```ts
 * import { createCityHub } from '@cityhub/sdk';
 * const hub = createCityHub({ api: 'https://hub.example.cn/' });
 * const { data, stale, updatedAt } = await hub.catalog('440300', { onUpdate: (fresh) => render(fresh.data) });
 * ```
 */

/** The client: `createCityHub(options)` and its option and result types. */
export {
  createCityHub, uuid,
  type CityHub, type CityHubOptions, type CallOptions, type CachedCallOptions, type SubmitOptions, type HubSearchOptions,
} from './client.js';

/** Error classes; `isCityHubError(e)` recognises errors from any copy of the SDK. */
export {
  CityHubError, HttpError, NetworkError, TimeoutError, SchemaError, ValidationError, isCityHubError, redactHeaders,
  type CityHubErrorOptions, type RequestSummary,
} from './errors.js';

/** Catalog caches: pass one as `cache`, or implement `CatalogCache` yourself. */
export {
  memoryCache, webStorageCache, indexedDbCache, defaultCache,
  type CacheEntry, type CatalogCache, type Cached, type StorageLike, type IdbFactoryLike,
  type MemoryCacheOptions, type WebStorageCacheOptions, type IndexedDbCacheOptions,
} from './cache/index.js';

/** The HTTP layer, for advanced use (custom endpoints with the same retry, deadline and credential rules). */
export {
  createHttp, createKy, parseRetryAfter, RETRY_STATUSES,
  type Http, type HttpOptions, type HttpRequest, type HttpResponse, type Identity, type IdentityProvider, type FetchFn,
  type RetryOptions, type BackoffOptions,
} from './http/index.js';

/** Boundary parsers: item-by-item list parsing with reports of dropped items. */
export {
  parseItems, documentParser, strictParser, parseCitiesIndex, parseCityCatalog, parseOrderList, parseOrder,
  parseCatalogService, parseSubmissionResult, parseErrorBody,
  type InvalidItemReport, type InvalidItemHandler,
} from './parse.js';

/** Payments (`hub.payments`): state machine, stores, provider adapters (sandbox, WeChat, Alipay, redirect). */
export * from './payments/index.js';

/** Catalog search (from `./search`): `createSearchIndex(catalog).search(query, { limit })`. */
export * from './search/index.js';
