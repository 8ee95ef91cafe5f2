import { isCacheEntry, type CatalogCache } from './types.js';

/** The part of the Web Storage API the cache uses (`localStorage`, `sessionStorage`, or a test double). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface WebStorageCacheOptions {
  /** Default `globalThis.localStorage`. */
  storage?: StorageLike;
  /** Key prefix. Default `cityhub:`. */
  prefix?: string;
}

/** `globalThis.localStorage` when it exists and accepts writes (not in Node, not when blocked), else `undefined`. */
export function availableLocalStorage(): StorageLike | undefined {
  try {
    const storage = (globalThis as { localStorage?: StorageLike }).localStorage;
    if (!storage) return undefined;
    const probe = 'cityhub:probe';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return undefined;
  }
}

/**
 * A cache in Web Storage (JSON per key). Corrupt entries read as misses and are removed; quota errors are
 * ignored (the cache is best-effort). Prefer `indexedDbCache()` for large catalogs.
 */
export function webStorageCache(options: WebStorageCacheOptions = {}): CatalogCache {
  const storage = options.storage ?? availableLocalStorage();
  if (!storage) throw new TypeError('webStorageCache: no Web Storage available');
  const prefix = options.prefix ?? 'cityhub:';
  return {
    get(key) {
      try {
        const text = storage.getItem(prefix + key);
        if (text === null) return undefined;
        const value: unknown = JSON.parse(text);
        if (isCacheEntry(value)) return value;
      } catch {
        // fall through: unreadable
      }
      try {
        storage.removeItem(prefix + key);
      } catch {
        // ignore
      }
      return undefined;
    },
    set(key, entry) {
      try {
        storage.setItem(prefix + key, JSON.stringify(entry));
      } catch {
        // quota exceeded or storage blocked: keep working without it
      }
    },
    delete(key) {
      try {
        storage.removeItem(prefix + key);
      } catch {
        // ignore
      }
    },
  };
}
