/**
 * The SDK against the real reference server over loopback. Skips (with a message) only when `@cityhub/server`
 * cannot be imported; every other failure fails.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { compileCatalog, type CompiledCatalog } from '@cityhub/schema/node';
import { memoryCache, type CatalogCache } from '../src/cache/index.js';
import { createCityHub, type CityHubOptions } from '../src/client.js';
import { HttpError, ValidationError } from '../src/errors.js';

type ServerModule = typeof import('@cityhub/server');
let server: ServerModule | undefined;
let importError: unknown;
try {
  server = await import('@cityhub/server');
  if (typeof server.startServer !== 'function') throw new Error('@cityhub/server does not export startServer');
} catch (error) {
  importError = error;
}
const skip = server ? false : `@cityhub/server is not available (${(importError as Error)?.message ?? importError})`;
if (skip) console.log(`# integration tests skipped: ${skip}`);

const zh = (s: string, en?: string) => (en ? { 'zh-Hans': s, en } : { 'zh-Hans': s });

/** A small manifest set of our own, so these tests do not depend on the sample catalog's contents. */
function manifests() {
  return {
    cities: {
      file: 'cities.json',
      data: {
        schemaVersion: '1.0',
        cities: [
          { code: '440300', name: zh('深圳', 'Shenzhen'), province: { code: '440000', name: zh('广东省') }, level: 'sub-provincial', pinyin: 'shenzhen', popular: true },
          { code: '440100', name: zh('广州', 'Guangzhou'), province: { code: '440000', name: zh('广东省') }, level: 'sub-provincial', pinyin: 'guangzhou' },
        ],
      },
    },
    standard: {
      file: 'standard.json',
      data: {
        schemaVersion: '1.0',
        categories: [
          { id: 'traffic', name: zh('交通出行', 'Traffic'), order: 1, icon: 'car' },
          { id: 'exit-entry', name: zh('出入境', 'Exit & entry'), order: 2, icon: 'passport' },
        ],
        services: [
          {
            code: 'traffic-violation-query', kind: 'query', identity: 'none', categories: ['traffic'],
            name: zh('交通违法查询', 'Traffic violations'), description: zh('查询机动车未处理的交通违法记录。'),
            keywords: ['违章'], synonyms: ['查违章'],
            delivery: { type: 'form' },
            form: { fields: [{ code: 'plate', type: 'plate', required: true, order: 1, label: zh('车牌号') }] },
          },
          {
            code: 'hk-macau-permit-renewal', kind: 'transaction', identity: 'real-name', categories: ['exit-entry'],
            name: zh('港澳通行证续签', 'Renew a Hong Kong/Macau permit'), description: zh('办理往来港澳通行证再次签注。'),
            delivery: { type: 'form' },
            form: { fields: [
              { code: 'mobile', type: 'mobile', required: true, order: 1, label: zh('手机号') },
              { code: 'visits', type: 'singlevaluelist', required: true, order: 2, label: zh('签注类型'),
                values: [{ key: 'once', name: zh('一次') }, { key: 'twice', name: zh('两次') }] },
            ] },
          },
          {
            code: 'traffic-info', kind: 'info', identity: 'none', categories: ['traffic'],
            name: zh('交通指南', 'Traffic guide'), description: zh('本市交通出行指南。'), delivery: { type: 'info' },
          },
        ],
      },
    },
    providers: [{
      file: 'providers/sz.json',
      data: {
        schemaVersion: '1.0',
        provider: { id: 'sz-gov', name: zh('深圳市政府'), classification: 'government', authority: { name: zh('深圳市政府') }, integration: 'api' },
        services: [
          { service: 'traffic-violation-query', bindings: [{ city: '440300' }, { city: '440100' }] },
          { service: 'hk-macau-permit-renewal', bindings: [{ city: '440300' }] },
          { service: 'traffic-info', bindings: [{ city: '440300' }] },
        ],
      },
    }],
  };
}

describe('SDK × reference server (loopback)', { skip }, () => {
  let running: Awaited<ReturnType<ServerModule['startServer']>>;
  let compiled: CompiledCatalog;
  const seen: Array<{ method: string; path: string; status: number }> = [];

  before(async () => {
    compiled = compileCatalog(manifests(), { generatedAt: new Date('2026-11-01T00:00:00Z') });
    running = await server!.startServer({ port: 0, catalog: compiled, log: (e) => seen.push(e) });
  });
  after(async () => {
    await running?.close();
  });

  /** A client whose fetch counts requests; `drop` makes the first matching response vanish after the server handled it. */
  function client(options: Partial<CityHubOptions> & { drop?: (url: string, method: string) => boolean } = {}) {
    const calls: string[] = [];
    let dropped = false;
    const fetch = async (input: Request | string | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      calls.push(`${request.method} ${new URL(request.url).pathname}`);
      const response = await globalThis.fetch(request);
      if (!dropped && options.drop?.(request.url, request.method)) {
        dropped = true;
        await response.arrayBuffer();
        throw new TypeError('fetch failed (response dropped by the test)');
      }
      return response;
    };
    const hub = createCityHub({ api: running.url, fetch, cache: memoryCache(), retry: { limit: 2, backoff: { base: 5, cap: 20 } }, ...options });
    return { hub, calls };
  }

  it('reads cities and catalogs from the API; a warm start makes no request before data, then gets a 304', async () => {
    const cache: CatalogCache = memoryCache();
    const first = client({ cache });
    const cities = await first.hub.cities();
    assert.equal(cities.source, 'network');
    assert.deepEqual(cities.data.cities.map((c) => c.code).sort(), ['440100', '440300']);
    const cat = await first.hub.catalog('440300');
    assert.deepEqual(cat.data, compiled.catalogs.get('440300'), 'the parsed catalog equals what the server compiled');

    const second = client({ cache });
    const before304 = seen.length;
    const warm = await second.hub.cities();
    assert.equal(second.calls.length, 0);
    assert.equal(warm.source, 'cache');
    const revalidations = () => seen.slice(before304).filter((e) => e.path === '/v1/cities');
    for (let waited = 0; revalidations().length === 0 && waited < 3000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(second.calls, ['GET /v1/cities']);
    assert.deepEqual(revalidations().map((e) => e.status), [304]);
  });

  it('browses the static catalog files with no API calls', async () => {
    const { hub, calls } = client({ api: undefined, catalogUrl: `${running.url}/catalog/cities.json` } as Partial<CityHubOptions>);
    const cat = await hub.catalog('440100');
    assert.equal(cat.data.city.code, '440100');
    assert.ok(calls.every((c) => c.startsWith('GET /catalog/')), calls.join());
    const svc = await hub.service('440100', 'traffic-violation-query');
    assert.equal(svc.code, 'traffic-violation-query');
  });

  it('gets a service; unknown ones are HttpError 404 not_found', async () => {
    const { hub } = client();
    assert.equal((await hub.service('440300', 'hk-macau-permit-renewal')).kind, 'transaction');
    const error = await hub.service('440300', 'nope').catch((e: unknown) => e);
    assert.ok(error instanceof HttpError && error.status === 404 && error.code === 'not_found', 'error instanceof HttpError && error.status === 404 && error.code ==...');
  });

  it('validates locally: invalid values never reach the server', async () => {
    const { hub } = client();
    const before = seen.filter((e) => e.method === 'POST').length;
    const error = await hub.submit('440300', 'traffic-violation-query', { plate: 'not a plate' }).catch((e: unknown) => e);
    assert.ok(error instanceof ValidationError, 'error instanceof ValidationError');
    assert.equal(seen.filter((e) => e.method === 'POST').length, before);
  });

  it('submits, and the order shows up in orders() and order(id) for the same identity only', async () => {
    const alice = client({ identity: async () => ({ token: 'sandbox-alice-int' }) });
    const result = await alice.hub.submit('440300', 'hk-macau-permit-renewal', { mobile: '13812345678', visits: 'once' });
    assert.equal(result.service, 'hk-macau-permit-renewal');
    assert.ok(result.order, 'a transaction creates an order');
    const { orders } = await alice.hub.orders();
    assert.ok(orders.some((o) => o.id === result.order?.id), 'orders.some((o) => o.id === result.order?.id)');
    assert.equal((await alice.hub.order(result.order!.id)).reference, result.order!.reference);

    const bob = client({ identity: async () => ({ token: 'sandbox-bob-int' }) });
    assert.ok(!(await bob.hub.orders()).orders.some((o) => o.id === result.order?.id), '!(await bob.hub.orders()).orders.some((o) => o.id === result.order?...');
    const anonymous = await client().hub.orders().catch((e: unknown) => e);
    assert.ok(anonymous instanceof HttpError && anonymous.status === 401 && anonymous.code === 'unauthorized', 'anonymous instanceof HttpError && anonymous.status === 401 && anony...');
  });

  it('a dropped response is retried with the same key: the server replays, one order exists', async () => {
    const token = `sandbox-drop-${Date.now()}`;
    const { hub, calls } = client({ identity: async () => ({ token }), drop: (url, method) => method === 'POST' && url.includes('/submissions') });
    const result = await hub.submit('440300', 'hk-macau-permit-renewal', { mobile: '13900001111', visits: 'twice' });
    assert.equal(calls.filter((c) => c.startsWith('POST')).length, 2, 'sent twice');
    const { orders } = await hub.orders();
    assert.equal(orders.length, 1, 'but only one order');
    assert.equal(orders[0]?.id, result.order?.id);
  });

  it('same key + same values replays; same key + other values is 422 idempotency_conflict', async () => {
    const { hub } = client({ identity: async () => ({ token: 'sandbox-keys' }) });
    const key = `key-${Date.now()}`;
    const a = await hub.submit('440300', 'traffic-violation-query', { plate: '粤B12345' }, { idempotencyKey: key });
    const b = await hub.submit('440300', 'traffic-violation-query', { plate: '粤B12345' }, { idempotencyKey: key });
    assert.equal(a.id, b.id);
    const conflict = await hub.submit('440300', 'traffic-violation-query', { plate: '粤B54321' }, { idempotencyKey: key }).catch((e: unknown) => e);
    assert.ok(conflict instanceof HttpError && conflict.status === 422 && conflict.code === 'idempotency_conflict', 'conflict instanceof HttpError && conflict.status === 422 && conflic...');
  });

  it('searches a city catalog (one index per catalog hash)', async () => {
    const { hub } = client();
    const results = await hub.search('违章', { city: '440300', limit: 5 });
    assert.equal(results.services[0]?.service.code, 'traffic-violation-query');
    const again = await hub.search('jiaotong', { city: '440300' });
    assert.ok(again.services.length > 0, 'again.services.length > 0');
  });
});
