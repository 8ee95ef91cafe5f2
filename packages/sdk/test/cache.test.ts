import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultCache, indexedDbCache, memoryCache, webStorageCache, type IdbFactoryLike, type StorageLike } from '../src/cache/index.js';

const entry = (n: number) => ({ data: { n }, etag: `W/"${n}"`, storedAt: 1_000 + n });

function fakeStorage(options: { quota?: number } = {}) {
  const map = new Map<string, string>();
  const storage: StorageLike & { map: Map<string, string> } = {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => {
      const size = [...map.values()].reduce((a, b) => a + b.length, 0) + v.length;
      if (options.quota !== undefined && size > options.quota) throw new DOMException('full', 'QuotaExceededError');
      map.set(k, v);
    },
    removeItem: (k) => void map.delete(k),
  };
  return storage;
}

/** A minimal asynchronous IndexedDB double (one database, object stores as Maps, structured clone). */
function fakeIndexedDb(options: { failOpen?: boolean } = {}) {
  const stores = new Map<string, Map<string, unknown>>();
  let opens = 0;
  const request = <T>(run: () => T) => {
    const req = { result: undefined as T, onsuccess: null as null | (() => void), onerror: null as null | (() => void) };
    setTimeout(() => {
      req.result = run();
      req.onsuccess?.();
    }, 0);
    return req;
  };
  const db = {
    objectStoreNames: { contains: (name: string) => stores.has(name) },
    createObjectStore: (name: string) => stores.set(name, new Map()),
    transaction: (name: string) => ({
      objectStore: () => {
        const store = stores.get(name);
        if (!store) throw new DOMException('no store', 'NotFoundError');
        return {
          get: (key: string) => request(() => structuredClone(store.get(key))),
          put: (value: unknown, key: string) => request(() => void store.set(key, structuredClone(value))),
          delete: (key: string) => request(() => void store.delete(key)),
        };
      },
    }),
  };
  const factory: IdbFactoryLike = {
    open: () => {
      opens++;
      const req = { result: db, onsuccess: null as null | (() => void), onerror: null as null | (() => void), onupgradeneeded: null as null | (() => void), onblocked: null as null | (() => void) };
      setTimeout(() => {
        if (options.failOpen) return req.onerror?.();
        req.onupgradeneeded?.();
        req.onsuccess?.();
      }, 0);
      return req as never;
    },
  };
  return { factory, stores, opens: () => opens };
}

describe('catalog caches', () => {
  it('memoryCache keeps the most recently used entries', async () => {
    const cache = memoryCache({ maxEntries: 2 });
    await cache.set('a', entry(1));
    await cache.set('b', entry(2));
    await cache.get('a');
    await cache.set('c', entry(3));
    assert.deepEqual(await cache.get('a'), entry(1));
    assert.equal(await cache.get('b'), undefined);
    await cache.delete('a');
    assert.equal(await cache.get('a'), undefined);
  });

  it('webStorageCache round-trips entries, drops corrupt ones, survives quota errors', async () => {
    const storage = fakeStorage({ quota: 200 });
    const cache = webStorageCache({ storage });
    await cache.set('k', entry(1));
    assert.deepEqual(await cache.get('k'), entry(1));
    assert.ok(storage.map.has('cityhub:k'), 'storage.map.has(\'cityhub:k\')');
    storage.map.set('cityhub:bad', '{not json');
    storage.map.set('cityhub:wrong', JSON.stringify({ data: 1 }));
    assert.equal(await cache.get('bad'), undefined);
    assert.equal(await cache.get('wrong'), undefined);
    assert.ok(!storage.map.has('cityhub:bad') && !storage.map.has('cityhub:wrong'), 'corrupt entries removed');
    await cache.set('big', { data: 'x'.repeat(500), storedAt: 1 });
    assert.equal(await cache.get('big'), undefined, 'quota error ignored');
    assert.throws(() => webStorageCache(), TypeError, 'no localStorage in Node');
  });

  it('indexedDbCache stores entries in an object store; falls back to memory when the database cannot open', async () => {
    const idb = fakeIndexedDb();
    const cache = indexedDbCache({ indexedDB: idb.factory });
    await cache.set('k', entry(7));
    assert.deepEqual(await cache.get('k'), entry(7));
    assert.deepEqual(idb.stores.get('catalogs')?.get('k'), entry(7));
    await cache.delete('k');
    assert.equal(await cache.get('k'), undefined);
    assert.equal(idb.opens(), 1, 'the database is opened once');

    const broken = indexedDbCache({ indexedDB: fakeIndexedDb({ failOpen: true }).factory });
    await broken.set('k', entry(8));
    assert.deepEqual(await broken.get('k'), entry(8));
  });

  it('defaultCache: memory in Node, IndexedDB or localStorage when the runtime has them', async () => {
    const g = globalThis as { indexedDB?: unknown; localStorage?: unknown };
    const memory = defaultCache();
    await memory.set('x', entry(1));
    assert.deepEqual(await memory.get('x'), entry(1));
    const storage = fakeStorage();
    g.localStorage = storage;
    try {
      await defaultCache().set('y', entry(2));
      assert.ok(storage.map.has('cityhub:y'), 'localStorage used');
      const idb = fakeIndexedDb();
      g.indexedDB = idb.factory;
      await defaultCache().set('z', entry(3));
      assert.ok(idb.stores.get('catalogs')?.has('z'), 'IndexedDB preferred');
      assert.ok(!storage.map.has('cityhub:z'), '!storage.map.has(\'cityhub:z\')');
    } finally {
      delete g.localStorage;
      delete g.indexedDB;
    }
  });
});
