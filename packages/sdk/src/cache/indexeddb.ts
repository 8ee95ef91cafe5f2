import { memoryCache } from './memory.js';
import { isCacheEntry, type CacheEntry, type CatalogCache } from './types.js';

// The few IndexedDB shapes the cache touches, typed structurally so the SDK needs no DOM typings.
interface IdbRequest<T> {
  readonly result: T;
  onsuccess: (() => void) | null;
  onerror: (() => void) | null;
}
interface IdbOpenRequest extends IdbRequest<IdbDatabase> {
  onupgradeneeded: (() => void) | null;
  onblocked: (() => void) | null;
}
interface IdbStore {
  get(key: string): IdbRequest<unknown>;
  put(value: unknown, key: string): IdbRequest<unknown>;
  delete(key: string): IdbRequest<unknown>;
}
interface IdbDatabase {
  readonly objectStoreNames: { contains(name: string): boolean };
  createObjectStore(name: string): unknown;
  transaction(store: string, mode: 'readonly' | 'readwrite'): { objectStore(name: string): IdbStore };
}
/** The part of `indexedDB` the cache uses. */
export interface IdbFactoryLike {
  open(name: string, version?: number): IdbOpenRequest;
}

export interface IndexedDbCacheOptions {
  /** Default `globalThis.indexedDB`. */
  indexedDB?: IdbFactoryLike;
  /** Database name. Default `cityhub`. */
  name?: string;
  /** Object store name. Default `catalogs`. */
  store?: string;
}

/** `globalThis.indexedDB` when present, else `undefined`. */
export function availableIndexedDb(): IdbFactoryLike | undefined {
  try {
    const factory = (globalThis as { indexedDB?: IdbFactoryLike }).indexedDB;
    return factory && typeof factory.open === 'function' ? factory : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A cache in IndexedDB (large catalogs fit; structured clone, no JSON round trip). If the database cannot be
 * opened (private mode, blocked upgrade), it quietly works in memory instead.
 */
export function indexedDbCache(options: IndexedDbCacheOptions = {}): CatalogCache {
  const factory = options.indexedDB ?? availableIndexedDb();
  if (!factory) throw new TypeError('indexedDbCache: no IndexedDB available');
  const name = options.name ?? 'cityhub';
  const storeName = options.store ?? 'catalogs';
  const fallback = memoryCache();
  let opening: Promise<IdbDatabase | undefined> | undefined;

  const open = () =>
    (opening ??= new Promise<IdbDatabase | undefined>((resolve) => {
      try {
        const request = factory.open(name, 1);
        request.onupgradeneeded = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains(storeName)) db.createObjectStore(storeName);
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => resolve(undefined);
        request.onblocked = () => resolve(undefined);
      } catch {
        resolve(undefined);
      }
    }));

  const run = (db: IdbDatabase, mode: 'readonly' | 'readwrite', op: (store: IdbStore) => IdbRequest<unknown>) =>
    new Promise<unknown>((resolve) => {
      try {
        const request = op(db.transaction(storeName, mode).objectStore(storeName));
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => resolve(undefined);
      } catch {
        resolve(undefined);
      }
    });

  return {
    async get(key) {
      const db = await open();
      if (!db) return fallback.get(key);
      const value = await run(db, 'readonly', (store) => store.get(key));
      return isCacheEntry(value) ? (value as CacheEntry) : undefined;
    },
    async set(key, entry) {
      const db = await open();
      if (!db) return fallback.set(key, entry);
      await run(db, 'readwrite', (store) => store.put(entry, key));
    },
    async delete(key) {
      const db = await open();
      if (!db) return fallback.delete(key);
      await run(db, 'readwrite', (store) => store.delete(key));
    },
  };
}
