import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CitiesIndex, CityCatalog } from '@cityhub/schema';
import { memoryCache, type CacheEntry, type CatalogCache, type Cached } from '../src/cache/index.js';
import { createCityHub, type CityHubOptions } from '../src/client.js';
import { HttpError, isCityHubError, SchemaError, ValidationError } from '../src/errors.js';
import type { InvalidItemReport } from '../src/parse.js';
import {
  catalog, citiesIndex, city, deferred, errorBody, fakeFetch, json, order, service, submissionResult, validValues,
  type Handler, type RecordedCall,
} from './helpers.js';

const API = 'https://api.example.cn/';
const CDN = 'https://cdn.example.net/data/cities.json';
const T0 = Date.parse('2026-11-23T08:00:00Z');
const fast = { limit: 1, backoff: { base: 1, cap: 5 } };

/** A cache that records writes and lets a test wait for a write of some key. */
function spyCache(inner: CatalogCache = memoryCache()) {
  const writes: Array<[string, CacheEntry]> = [];
  const listeners = new Set<(key: string) => void>();
  const cache: CatalogCache = {
    get: (key) => inner.get(key),
    set: (key, entry) => {
      writes.push([key, entry]);
      inner.set(key, entry);
      for (const listener of [...listeners]) listener(key);
    },
    delete: (key) => inner.delete(key),
  };
  /** Resolves at the next write (from now on) of a key that starts with `prefix`. */
  const writeOf = (prefix = '') =>
    new Promise<string>((resolve) => {
      const listener = (key: string) => {
        if (!key.startsWith(prefix)) return;
        listeners.delete(listener);
        resolve(key);
      };
      listeners.add(listener);
    });
  return { cache, writes, writeOf, inner };
}

/** Routes for the fake API: cities and catalogs with ETags and 304s, services, submissions, orders. */
function api(state: { index: CitiesIndex; catalogs: Record<string, CityCatalog>; down?: 'offline' | 503 }): Handler {
  return (call) => {
    if (state.down === 'offline') throw new TypeError('fetch failed');
    if (state.down === 503) return errorBody(503, 'service_unavailable');
    const url = new URL(call.url);
    const etagOf = (hash: string) => `W/"${hash}"`;
    const conditional = (body: { hash: string }) =>
      call.headers['if-none-match'] === etagOf(body.hash) ? new Response(null, { status: 304, headers: { etag: etagOf(body.hash) } }) : json(body, 200, { etag: etagOf(body.hash) });
    if (url.pathname === '/v1/cities' || url.pathname === '/data/cities.json') return conditional(state.index);
    let m = /^\/v1\/cities\/(\d+)\/catalog$/.exec(url.pathname) ?? /^\/data\/catalogs\/(\d+)\.(\w+)\.json$/.exec(url.pathname);
    if (m) {
      const c = state.catalogs[m[1] ?? ''];
      if (!c || (m[2] && m[2] !== c.hash)) return errorBody(404, 'not_found');
      return conditional(c);
    }
    m = /^\/v1\/cities\/(\d+)\/services\/([\w-]+)$/.exec(url.pathname);
    if (m) {
      const s = state.catalogs[m[1] ?? '']?.services.find((x) => x.code === m?.[2]);
      return s ? json(s) : errorBody(404, 'not_found');
    }
    if (/\/submissions$/.test(url.pathname) && call.method === 'POST') return json(submissionResult(), 201);
    if (url.pathname === '/v1/orders') return json({ orders: [order('o1'), order('o2')] });
    if (url.pathname.startsWith('/v1/orders/')) return json(order(decodeURIComponent(url.pathname.slice(11))));
    return errorBody(404, 'not_found');
  };
}

function setup(options: Partial<CityHubOptions> & { state?: Parameters<typeof api>[0]; handler?: Handler } = {}) {
  const state = options.state ?? { index: citiesIndex(), catalogs: { '440300': catalog(), '440100': catalog('440100', 'bbbb') } };
  const fake = fakeFetch(options.handler ?? api(state));
  let time = T0;
  const hub = createCityHub({ api: API, retry: fast, now: () => new Date(time), fetch: fake.fetch, cache: memoryCache(), ...options });
  return { hub, state, calls: fake.calls, fetch: fake.fetch, tick: (ms: number) => (time += ms) };
}

describe('stale-while-revalidate (reliability #14)', () => {
  it('cold start: waits for the network, stores data with its ETag', async () => {
    const spy = spyCache();
    const { hub, calls } = setup({ cache: spy.cache });
    const result = await hub.cities();
    assert.equal(result.source, 'network');
    assert.equal(result.stale, false);
    assert.equal(result.updatedAt.getTime(), T0);
    assert.equal(result.data.cities.length, 2);
    assert.equal(calls.length, 1);
    assert.equal(spy.writes[0]?.[1].etag, 'W/"idx1"');
  });

  it('warm start: answers from the cache with zero requests, then revalidates with If-None-Match (304 → keep, touch)', async () => {
    const spy = spyCache();
    const first = setup({ cache: spy.cache });
    await first.hub.cities();
    await first.hub.catalog('440300');

    const second = setup({ cache: spy.cache, state: first.state });
    second.tick(60_000);
    const updates: Cached<CitiesIndex>[] = [];
    const written = spy.writeOf('v1|cities|');
    const cities = await second.hub.cities({ onUpdate: (fresh) => updates.push(fresh) });
    assert.equal(second.calls.length, 0, 'no request before the cached data resolved');
    assert.equal(cities.source, 'cache');
    assert.equal(cities.updatedAt.getTime(), T0);
    assert.equal(cities.data.hash, 'idx1');

    await written;
    assert.equal(second.calls.length, 1);
    assert.equal(second.calls[0]?.headers['if-none-match'], 'W/"idx1"');
    assert.equal(spy.writes.at(-1)?.[1].storedAt, T0 + 60_000, '304 touches the stored time');
    assert.equal(updates.length, 0, 'nothing changed: no update');
    const again = await second.hub.cities();
    assert.equal(again.updatedAt.getTime(), T0 + 60_000);

    const catalogCalls = second.calls.length;
    const cat = await second.hub.catalog('440300');
    assert.equal(second.calls.length, catalogCalls, 'warm catalog: zero requests before data');
    assert.equal(cat.source, 'cache');
    assert.equal(cat.data.services.length, 2);
  });

  it('200 on revalidation replaces the data and notifies onUpdate', async () => {
    const spy = spyCache();
    const { hub, state, tick } = setup({ cache: spy.cache });
    await hub.catalog('440300');
    state.catalogs['440300'] = catalog('440300', 'cccc', [service('water-bill')]);
    tick(5000);
    const update = deferred<Cached<CityCatalog>>();
    const shown = await hub.catalog('440300', { onUpdate: update.resolve });
    assert.equal(shown.data.hash, 'aaaa');
    const fresh = await update.promise;
    assert.equal(fresh.data.hash, 'cccc');
    assert.equal(fresh.source, 'network');
    assert.equal(fresh.stale, false);
    assert.equal(fresh.updatedAt.getTime(), T0 + 5000);
    const next = await hub.catalog('440300');
    assert.equal(next.data.hash, 'cccc');
    assert.equal(next.source, 'cache');
  });

  it('several reads right after the origin answered make no extra requests', async () => {
    const { hub, calls, tick } = setup();
    await hub.catalog('440300');
    await Promise.all([hub.catalog('440300'), hub.catalog('440300')]);
    tick(1000);
    await hub.catalog('440300');
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(calls.length, 1, 'confirmed 1 s ago: no revalidation');
    tick(5000);
    await hub.catalog('440300');
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(calls.length, 2, 'later reads revalidate again');
  });

  for (const down of ['offline', 503] as const) {
    it(`${down} on revalidation: cached data stays, marked stale with its updatedAt`, async () => {
      const { hub, state, tick, calls } = setup();
      await hub.cities();
      state.down = down;
      tick(5 * 60_000);
      const update = deferred<Cached<CitiesIndex>>();
      const shown = await hub.cities({ onUpdate: update.resolve });
      assert.equal(shown.stale, false);
      const stale = await update.promise;
      assert.equal(stale.stale, true);
      assert.equal(stale.source, 'cache');
      assert.equal(stale.updatedAt.getTime(), T0, 'last updated = the last successful contact');
      assert.equal(stale.data.hash, 'idx1');
      assert.ok(calls.length >= 2, 'calls.length >= 2');
      const later = await hub.cities();
      assert.equal(later.stale, true, 'later calls know the data is stale');

      state.down = undefined;
      const recovered = deferred<Cached<CitiesIndex>>();
      await hub.cities({ onUpdate: recovered.resolve });
      assert.equal((await recovered.promise).stale, false, 'fresh again once the origin answers');
    });
  }

  it('cold start with the origin down rejects with the typed error', async () => {
    const { hub } = setup({ state: { index: citiesIndex(), catalogs: {}, down: 503 } });
    const error = await hub.cities().catch((e: unknown) => e);
    assert.ok(error instanceof HttpError && error.status === 503, 'error instanceof HttpError && error.status === 503');
  });

  it('a persistent entry that no longer parses is discarded, not served', async () => {
    const spy = spyCache();
    await spy.inner.set(`v1|cities|${API}v1/cities`, { data: { nope: true }, storedAt: T0 });
    const { hub, calls } = setup({ cache: spy.cache });
    const result = await hub.cities();
    assert.equal(result.source, 'network');
    assert.equal(calls.length, 1);
  });
});

describe('static catalogs on a CDN (no server)', () => {
  it('reads cities.json and the hashed catalog file relative to it, with no credentials', async () => {
    const { hub, calls } = setup({ api: undefined, catalogUrl: CDN, identity: async () => ({ token: 'sandbox-secret' }) } as Partial<CityHubOptions>);
    const result = await hub.catalog('440300');
    assert.equal(result.data.hash, 'aaaa');
    assert.deepEqual(calls.map((c) => c.url), [CDN, 'https://cdn.example.net/data/catalogs/440300.aaaa.json']);
    assert.ok(calls.every((c) => c.headers.authorization === undefined && c.credentials === 'omit'), 'calls.every((c) => c.headers.authorization === undefined && c.crede...');
    const svc = await hub.service('440300', 'water-bill');
    assert.equal(svc.code, 'water-bill');
    const missing = await hub.service('440300', 'nope').catch((e: unknown) => e);
    assert.ok(isCityHubError(missing) && missing.code === 'not_found', 'isCityHubError(missing) && missing.code === \'not_found\'');
  });

  it('revalidates a warm catalog by the index hash; fetches the new file only when the hash changed', async () => {
    const spy = spyCache();
    const first = setup({ api: undefined, catalogUrl: CDN, cache: spy.cache } as Partial<CityHubOptions>);
    await first.hub.catalog('440300');

    const second = setup({ api: undefined, catalogUrl: CDN, cache: spy.cache, state: first.state } as Partial<CityHubOptions>);
    let updates = 0;
    const revalidated = spy.writeOf('v1|catalog|');
    const shown = await second.hub.catalog('440300', { onUpdate: () => updates++ });
    assert.equal(second.calls.length, 0);
    assert.equal(shown.source, 'cache');
    await revalidated;
    assert.equal(updates, 0, 'unchanged catalog: no update');
    assert.deepEqual(second.calls.map((c) => [c.url, c.headers['if-none-match']]), [[CDN, 'W/"idx1"']], 'one index check, no catalog download');

    first.state.catalogs['440300'] = catalog('440300', 'dddd');
    first.state.index = citiesIndex([{ ...city(), catalog: { path: 'catalogs/440300.dddd.json', hash: 'dddd', services: 2 } }], 'idx2');
    const third = setup({ api: undefined, catalogUrl: CDN, cache: spy.cache, state: first.state } as Partial<CityHubOptions>);
    const update = deferred<Cached<CityCatalog>>();
    await third.hub.catalog('440300', { onUpdate: update.resolve });
    assert.equal((await update.promise).data.hash, 'dddd');
    assert.ok(third.calls.some((c) => c.url.endsWith('/catalogs/440300.dddd.json')), 'third.calls.some((c) => c.url.endsWith(\'/catalogs/440300.dddd.json...');
  });

  it('refreshes a cached index whose catalog file is gone from the CDN', async () => {
    const spy = spyCache();
    const first = setup({ api: undefined, catalogUrl: CDN, cache: spy.cache } as Partial<CityHubOptions>);
    await first.hub.cities();
    first.state.catalogs['440300'] = catalog('440300', 'eeee');
    first.state.index = citiesIndex([{ ...city(), catalog: { path: 'catalogs/440300.eeee.json', hash: 'eeee', services: 2 } }], 'idx3');
    const second = setup({ api: undefined, catalogUrl: CDN, cache: spy.cache, state: first.state } as Partial<CityHubOptions>);
    const result = await second.hub.catalog('440300');
    assert.equal(result.data.hash, 'eeee');
    assert.equal(result.source, 'network');
  });

  it('refuses catalog paths that leave the index origin', async () => {
    const state = { index: citiesIndex([{ ...city(), catalog: { path: 'https://evil.example/x.json', hash: 'aaaa', services: 2 } }]), catalogs: { '440300': catalog() } };
    const { hub, calls } = setup({ api: undefined, catalogUrl: CDN, state } as Partial<CityHubOptions>);
    const error = await hub.catalog('440300').catch((e: unknown) => e);
    assert.ok(isCityHubError(error) && error.code === 'invalid_catalog_path', String(error));
    assert.ok(calls.every((c) => !c.url.includes('evil')), 'calls.every((c) => !c.url.includes(\'evil\'))');
  });
});

describe('submissions', () => {
  const identity = async () => ({ token: 'sandbox-alice', level: 'real-name' as const });

  it('validates locally first: invalid values throw ValidationError with zero requests (form from the cached catalog)', async () => {
    const { hub, calls } = setup({ identity });
    await hub.catalog('440300');
    const before = calls.length;
    const error = await hub.submit('440300', 'traffic-fine-payment', { plate: 'ABC', mobile: '123' }).catch((e: unknown) => e);
    assert.ok(error instanceof ValidationError, 'error instanceof ValidationError');
    assert.deepEqual(error.fields.map((f) => [f.field, f.reason]), [['plate', 'plate'], ['mobile', 'mobile']]);
    assert.equal(calls.length, before, 'no request at all');
  });

  it('without a cached catalog it reads the service, and still never POSTs invalid values', async () => {
    const { hub, calls } = setup({ identity });
    const error = await hub.submit('440300', 'traffic-fine-payment', { plate: '粤B12345' }).catch((e: unknown) => e);
    assert.ok(error instanceof ValidationError, 'error instanceof ValidationError');
    assert.deepEqual(calls.map((c) => c.method), ['GET']);
  });

  it('POSTs normalised values with the token and one idempotency key reused on retries; a new key per submission', async () => {
    let failures = 2;
    const base = api({ index: citiesIndex(), catalogs: { '440300': catalog() } });
    const { hub, calls } = setup({
      identity,
      retry: { limit: 3, backoff: { base: 1, cap: 5 } },
      handler: (call, n, signal) => (call.method === 'POST' && failures-- > 0 ? errorBody(503, 'service_unavailable') : base(call, n, signal)),
    });
    const result = await hub.submit('440300', 'traffic-fine-payment', { plate: ' 粤b12345 ', mobile: '138-1234-5678' });
    assert.equal(result.id, 'sub_1');
    const posts = calls.filter((c) => c.method === 'POST');
    assert.equal(posts.length, 3);
    const key = posts[0]?.headers['idempotency-key'] ?? '';
    assert.match(key, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.ok(posts.every((p) => p.headers['idempotency-key'] === key && p.body === posts[0]?.body), 'posts.every((p) => p.headers[\'idempotency-key\'] === key && p.body...');
    assert.equal(posts[0]?.headers.authorization, 'Bearer sandbox-alice');
    assert.equal(posts[0]?.url, `${API}v1/cities/440300/services/traffic-fine-payment/submissions`);
    assert.deepEqual(JSON.parse(posts[0]?.body ?? ''), { values: { plate: '粤B12345', mobile: '13812345678' } });

    await hub.submit('440300', 'traffic-fine-payment', validValues);
    await hub.submit('440300', 'traffic-fine-payment', validValues, { idempotencyKey: 'my-key' });
    const keys = calls.filter((c) => c.method === 'POST').map((c) => c.headers['idempotency-key']);
    assert.equal(new Set(keys.slice(0, 3)).size, 1);
    assert.notEqual(keys[3], key, 'a new logical submission gets a new key');
    assert.equal(keys[4], 'my-key');
  });

  it('surfaces server validation (422) as HttpError with field errors, without retrying', async () => {
    const fields = [{ field: 'plate', reason: 'plate', message: 'unknown plate' }];
    const base = api({ index: citiesIndex(), catalogs: { '440300': catalog() } });
    const { hub, calls } = setup({
      identity,
      handler: (call, n, signal) => (call.method === 'POST' ? errorBody(422, 'validation_failed', { fields, requestId: 'req-1' }) : base(call, n, signal)),
    });
    const error = await hub.submit('440300', 'traffic-fine-payment', validValues).catch((e: unknown) => e);
    assert.ok(error instanceof HttpError, 'error instanceof HttpError');
    assert.equal(error.code, 'validation_failed');
    assert.deepEqual(error.fields, fields);
    assert.equal(error.requestId, 'req-1');
    assert.equal(calls.filter((c) => c.method === 'POST').length, 1);
  });

  it('rejects services without a form, and submit without an API', async () => {
    const state = { index: citiesIndex(), catalogs: { '440300': catalog('440300', 'aaaa', [service('info-only', { form: undefined, entry: { type: 'info' } })]) } };
    const { hub } = setup({ state });
    const error = await hub.submit('440300', 'info-only', {}).catch((e: unknown) => e);
    assert.ok(isCityHubError(error) && error.code === 'not_submittable', 'isCityHubError(error) && error.code === \'not_submittable\'');
    const cdnOnly = setup({ api: undefined, catalogUrl: CDN } as Partial<CityHubOptions>);
    const noApi = await cdnOnly.hub.submit('440300', 'traffic-fine-payment', validValues).catch((e: unknown) => e);
    assert.ok(isCityHubError(noApi) && noApi.code === 'no_api', 'isCityHubError(noApi) && noApi.code === \'no_api\'');
  });
});

describe('orders and submissions are never cached', () => {
  it('every call goes to the network and nothing but catalog data is written to the cache', async () => {
    const spy = spyCache();
    const { hub, calls } = setup({ cache: spy.cache, identity: async () => ({ token: 'sandbox-bob' }) });
    await hub.orders();
    await hub.orders();
    await hub.order('o/1');
    await hub.order('o/1');
    await hub.submit('440300', 'traffic-fine-payment', validValues);
    await hub.submit('440300', 'traffic-fine-payment', validValues);
    assert.equal(calls.filter((c) => c.url.includes('/v1/orders')).length, 4);
    assert.equal(calls.filter((c) => c.method === 'POST').length, 2);
    assert.ok(calls.some((c) => c.url === `${API}v1/orders/o%2F1`), 'ids are path-encoded');
    assert.ok(spy.writes.every(([key]) => /^v1\|(cities|catalog)\|/.test(key)), spy.writes.map(([k]) => k).join());
    assert.ok(spy.writes.every(([, entry]) => !JSON.stringify(entry).includes('sandbox-bob')), 'spy.writes.every(([, entry]) => !JSON.stringify(entry).includes(\'s...');
    const orderCalls = calls.filter((c) => c.url.includes('/v1/orders'));
    assert.ok(orderCalls.every((c: RecordedCall) => c.headers.authorization === 'Bearer sandbox-bob'), 'orderCalls.every((c: RecordedCall) => c.headers.authorization === \...');
  });
});

describe('untrusted data at the client boundary (reliability #16)', () => {
  it('drops and reports invalid list items, keeps valid ones in order', async () => {
    const reports: InvalidItemReport[] = [];
    const broken = catalog();
    const services = [service('a-one'), { ...service('b-two'), popularity: 101 }, service('c-three'), 'garbage', service('d-four')];
    const state = { index: citiesIndex([city(), { ...city('110000'), pinyin: 'Bei Jing' }, city('440100', '广州', 'guangzhou')]), catalogs: { '440300': { ...broken, services } as unknown as CityCatalog } };
    const { hub } = setup({ state, onInvalid: (r) => reports.push(r) });
    const cities = await hub.cities();
    assert.deepEqual(cities.data.cities.map((c) => c.code), ['440300', '440100']);
    const cat = await hub.catalog('440300');
    assert.deepEqual(cat.data.services.map((s) => s.code), ['a-one', 'c-three', 'd-four']);
    assert.deepEqual(reports, [
      { resource: 'cities', index: 1, path: '/cities/1/pinyin', code: 'invalid_format' },
      { resource: 'catalog:440300', index: 1, path: '/services/1/popularity', code: 'too_big' },
      { resource: 'catalog:440300', index: 3, path: '/services/3', code: 'invalid_type' },
    ]);
  });

  it('a wrong top-level shape is a SchemaError carrying zod issues', async () => {
    const { hub } = setup({ handler: () => json({ cities: 'nope' }) });
    const error = await hub.cities().catch((e: unknown) => e);
    assert.ok(error instanceof SchemaError, 'error instanceof SchemaError');
    assert.equal(error.resource, 'cities');
    assert.ok(error.issues.length > 0, 'error.issues.length > 0');
  });
});

describe('options', () => {
  it('needs api or catalogUrl, and absolute http(s) URLs without credentials', () => {
    assert.throws(() => createCityHub({}), TypeError);
    assert.throws(() => createCityHub({ api: 'ftp://x.example/' }), TypeError);
    assert.throws(() => createCityHub({ api: 'https://user:pw@x.example/' }), TypeError);
    assert.throws(() => createCityHub({ api: '/relative' }), TypeError);
  });

  it('keeps a path prefix on the API base', async () => {
    const { hub, calls } = setup({ api: 'https://x.example.cn/hub', handler: () => json(citiesIndex()) });
    await hub.cities();
    assert.equal(calls[0]?.url, 'https://x.example.cn/hub/v1/cities');
  });
});
