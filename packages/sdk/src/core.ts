/**
 * @cityhub/sdk/core — the SDK without payments: the client (`createCityHub` here returns a `CityHubCore`, a
 * client with no `payments` member), errors, caches, the HTTP layer, boundary parsers and search. Pages that
 * never take payments import this and ship no payments code; `@cityhub/sdk` is this plus `hub.payments`.
 */
import { createHub, type CityHubCore, type CityHubCoreOptions } from './hub.js';

/** Creates a CityHub client without payments. Give it `api`, `catalogUrl`, or both. */
export function createCityHub(options: CityHubCoreOptions): CityHubCore {
  return createHub(options).hub;
}

/** The client's option and result types. */
export {
  uuid, type CityHubCore, type CityHubCoreOptions, type CallOptions, type CachedCallOptions, type SubmitOptions, type HubSearchOptions,
} from './hub.js';

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

/** Catalog search (from `./search`): `createSearchIndex(catalog).search(query, { limit })`. */
export * from './search/index.js';
