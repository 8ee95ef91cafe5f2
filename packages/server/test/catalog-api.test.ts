import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CatalogService, CitiesIndex, CityCatalog } from '@cityhub/schema';
import type { RunningServer } from '../src/index.js';
import { expectError, fixtureCatalog, startFixtureServer } from './helpers.js';

describe('catalog API over HTTP', () => {
  let server: RunningServer;
  before(async () => {
    server = await startFixtureServer();
  });
  after(() => server.close());

  it('GET /v1/health answers ok with the catalog hash', async () => {
    const res = await fetch(`${server.url}/v1/health`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { status: string; catalog: { hash: string; cities: number }; store: { ok: boolean } };
    assert.equal(body.status, 'ok');
    assert.equal(body.store.ok, true);
    assert.equal(body.catalog.hash, (await fixtureCatalog()).index.hash);
    assert.equal(body.catalog.cities, 2);
    assert.match(res.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  });

  it('GET /v1/cities returns a valid CitiesIndex with a strong ETag and cache headers', async () => {
    const res = await fetch(`${server.url}/v1/cities`);
    assert.equal(res.status, 200);
    const index = CitiesIndex.parse(await res.json());
    assert.deepEqual(index.cities.map((c) => c.code).sort(), ['210300', '440300']);
    assert.equal(res.headers.get('etag'), `"${index.hash}"`);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=60, stale-while-revalidate=86400');
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
  });

  it('answers 304 to If-None-Match (exact, weak, listed and *) and 200 to a stale tag', async () => {
    const first = await fetch(`${server.url}/v1/cities`);
    const etag = first.headers.get('etag')!;
    await first.arrayBuffer();
    for (const header of [etag, `W/${etag}`, `"stale", ${etag}`, '*']) {
      const res = await fetch(`${server.url}/v1/cities`, { headers: { 'If-None-Match': header } });
      assert.equal(res.status, 304, header);
      assert.equal(res.headers.get('etag'), etag);
      assert.equal(await res.text(), '');
    }
    const stale = await fetch(`${server.url}/v1/cities`, { headers: { 'If-None-Match': '"0000"' } });
    assert.equal(stale.status, 200);
    await stale.arrayBuffer();
  });

  it('GET /v1/cities/:city/catalog returns that city\'s CityCatalog, ETag = its hash, 304 on match', async () => {
    const res = await fetch(`${server.url}/v1/cities/440300/catalog`);
    assert.equal(res.status, 200);
    const catalog = CityCatalog.parse(await res.json());
    assert.equal(catalog.city.code, '440300');
    assert.equal(res.headers.get('etag'), `"${catalog.hash}"`);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=60, stale-while-revalidate=86400');
    const again = await fetch(`${server.url}/v1/cities/440300/catalog`, { headers: { 'If-None-Match': `"${catalog.hash}"` } });
    assert.equal(again.status, 304);
    // Each city has its own catalog and tag.
    const other = await fetch(`${server.url}/v1/cities/210300/catalog`, { headers: { 'If-None-Match': `"${catalog.hash}"` } });
    assert.equal(other.status, 200);
    assert.notEqual(other.headers.get('etag'), `"${catalog.hash}"`);
    await other.arrayBuffer();
  });

  it('HEAD answers like GET without a body', async () => {
    const res = await fetch(`${server.url}/v1/cities/440300/catalog`, { method: 'HEAD' });
    assert.equal(res.status, 200);
    assert.ok(res.headers.get('etag'));
    assert.equal(await res.text(), '');
  });

  it('GET /v1/cities/:city/services/:service returns the city\'s CatalogService, 404 when absent', async () => {
    const res = await fetch(`${server.url}/v1/cities/440300/services/transit-card-top-up`);
    assert.equal(res.status, 200);
    const service = CatalogService.parse(await res.json());
    assert.equal(service.name['zh-Hans'], '深圳通充值', 'the local name of the binding');
    assert.ok(res.headers.get('etag'));
    // 鞍山 does not offer the top-up; an unknown service and an unknown city are 404 too.
    await expectError(await fetch(`${server.url}/v1/cities/210300/services/transit-card-top-up`), 404, 'not_found');
    await expectError(await fetch(`${server.url}/v1/cities/440300/services/no-such-service`), 404, 'not_found');
    await expectError(await fetch(`${server.url}/v1/cities/999999/catalog`), 404, 'not_found');
    await expectError(await fetch(`${server.url}/v1/cities/999999/services/water-bill-payment`), 404, 'not_found');
  });

  it('serves the compiled files at /catalog/<path>: hashed files immutable, cities.json revalidated', async () => {
    const compiled = await fixtureCatalog();
    for (const [path, text] of compiled.files) {
      const res = await fetch(`${server.url}/catalog/${path}`);
      assert.equal(res.status, 200, path);
      assert.equal(await res.text(), text, `${path} is served byte for byte`);
      const etag = res.headers.get('etag')!;
      assert.match(etag, /^"[0-9a-f]{16}"$/);
      if (path === 'cities.json') {
        assert.equal(res.headers.get('cache-control'), 'public, max-age=60, stale-while-revalidate=86400');
      } else {
        assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
        // The index's relative path also resolves against /v1/cities.
        const viaApi = await fetch(`${server.url}/v1/${path}`);
        assert.equal(viaApi.status, 200);
        assert.equal(await viaApi.text(), text);
      }
      const cached = await fetch(`${server.url}/catalog/${path}`, { headers: { 'If-None-Match': etag } });
      assert.equal(cached.status, 304);
    }
    await expectError(await fetch(`${server.url}/catalog/catalogs/440300.0000.json`), 404, 'not_found');
    await expectError(await fetch(`${server.url}/catalog/../package.json`), 404, 'not_found');
  });

  it('unknown routes are 404 JSON; wrong methods are 405 with Allow', async () => {
    await expectError(await fetch(`${server.url}/v1/nope`), 404, 'not_found');
    await expectError(await fetch(`${server.url}/`), 404, 'not_found');
    const del = await fetch(`${server.url}/v1/cities`, { method: 'DELETE' });
    assert.equal(del.headers.get('allow'), 'GET, HEAD, OPTIONS');
    await expectError(del, 405, 'method_not_allowed');
    const put = await fetch(`${server.url}/v1/cities/440300/services/water-bill-payment/submissions`, { method: 'PUT', body: '{}' });
    assert.equal(put.headers.get('allow'), 'POST, OPTIONS');
    await expectError(put, 405, 'method_not_allowed');
    await expectError(await fetch(`${server.url}/v1/cities/440300/services/water-bill-payment/submissions`), 405, 'method_not_allowed');
    await expectError(await fetch(`${server.url}/v1/orders`, { method: 'POST', body: '{}' }), 405, 'method_not_allowed');
    await expectError(await fetch(`${server.url}/catalog/cities.json`, { method: 'POST', body: '{}' }), 405, 'method_not_allowed');
  });

  it('answers CORS preflights for the SDK on other origins', async () => {
    const res = await fetch(`${server.url}/v1/cities/440300/services/water-bill-payment/submissions`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://bank.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type, idempotency-key',
      },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.match(res.headers.get('access-control-allow-methods') ?? '', /POST/);
    const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const h of ['authorization', 'content-type', 'idempotency-key', 'if-none-match']) assert.ok(allowed.includes(h), h);
    const exposed = (res.headers.get('access-control-expose-headers') ?? '').toLowerCase();
    for (const h of ['etag', 'retry-after', 'x-request-id']) assert.ok(exposed.includes(h), h);
    // Actual responses (errors included) carry CORS headers too.
    const error = await fetch(`${server.url}/v1/nope`, { headers: { Origin: 'https://bank.example' } });
    assert.equal(error.headers.get('access-control-allow-origin'), '*');
    await error.arrayBuffer();
  });

  it('gives every response an X-Request-Id, keeping a safe client-supplied one', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${server.url}/v1/health`);
      ids.add(res.headers.get('x-request-id')!);
      await res.arrayBuffer();
    }
    assert.equal(ids.size, 3);
    const kept = await fetch(`${server.url}/v1/health`, { headers: { 'X-Request-Id': 'client-trace-0001' } });
    assert.equal(kept.headers.get('x-request-id'), 'client-trace-0001');
    const replaced = await fetch(`${server.url}/v1/health`, { headers: { 'X-Request-Id': 'bad id with spaces' } });
    assert.notEqual(replaced.headers.get('x-request-id'), 'bad id with spaces');
    await kept.arrayBuffer();
    await replaced.arrayBuffer();
  });
});
