import type { CacheEntry, CatalogCache } from './types.js';

export interface MemoryCacheOptions {
  /** Most entries kept; the least recently used go first. Default 64. */
  maxEntries?: number;
}

/** An in-memory LRU cache: the default in Node and wherever no persistent storage exists. */
export function memoryCache(options: MemoryCacheOptions = {}): CatalogCache {
  const max = Math.max(1, options.maxEntries ?? 64);
  const map = new Map<string, CacheEntry>();
  return {
    get(key) {
      const entry = map.get(key);
      if (entry) {
        map.delete(key);
        map.set(key, entry);
      }
      return entry;
    },
    set(key, entry) {
      map.delete(key);
      map.set(key, entry);
      while (map.size > max) map.delete(map.keys().next().value as string);
    },
    delete(key) {
      map.delete(key);
    },
  };
}
