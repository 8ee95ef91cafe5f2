import { availableIndexedDb, indexedDbCache } from './indexeddb.js';
import { memoryCache } from './memory.js';
import type { CatalogCache } from './types.js';
import { availableLocalStorage, webStorageCache } from './web-storage.js';

export { memoryCache, type MemoryCacheOptions } from './memory.js';
export { webStorageCache, availableLocalStorage, type StorageLike, type WebStorageCacheOptions } from './web-storage.js';
export { indexedDbCache, availableIndexedDb, type IdbFactoryLike, type IndexedDbCacheOptions } from './indexeddb.js';
export { isCacheEntry, type CacheEntry, type CatalogCache } from './types.js';
export { SwrResource, type Cached, type SwrFetch, type SwrFetchResult, type SwrGetOptions, type SwrResourceOptions } from './swr.js';

/** The best cache this runtime has: IndexedDB, else `localStorage`, else memory (Node). */
export function defaultCache(): CatalogCache {
  if (availableIndexedDb()) return indexedDbCache();
  if (availableLocalStorage()) return webStorageCache();
  return memoryCache();
}
