/**
 * The SDK in real browsers (Chromium and Firefox), with the browser's own IndexedDB, `fetch` and `crypto` — the parts
 * Node tests can only fake. `fetch` is replaced by a recorder answering from the test fixtures: no network.
 */
import { expect } from '@open-wc/testing';
import type { CitiesIndex, CityCatalog } from '@cityhub/schema';
import { createCityHub, isCityHubError } from '../src/index.js';

const fixture = async <T>(path: string): Promise<T> => (await (await fetch(new URL(`../../components/test/fixtures/${path}`, import.meta.url))).json()) as T;
const catalog = await fixture<CityCatalog>('catalogs/440300.json');
const cities = await fixture<CitiesIndex>('cities.json');
const ETAG = '"catalog-v1"';

interface Recorded {
  method: string;
  url: string;
  headers: Headers;
}

/** A fake API origin over `window.fetch`: the catalog of 440300 with an ETag, 304 when it matches; `offline` fails. */
function fakeApi(): { requests: Recorded[]; offline: boolean; restore(): void } {
  const original = window.fetch;
  const state = {
    requests: [] as Recorded[],
    offline: false,
    restore: () => void (window.fetch = original),
  };
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    state.requests.push({ method: request.method, url: request.url, headers: request.headers });
    if (state.offline) throw new TypeError('Failed to fetch');
    const path = new URL(request.url).pathname;
    if (path === '/v1/cities/440300/catalog') {
      if (request.headers.get('if-none-match') === ETAG) return new Response(null, { status: 304, headers: { etag: ETAG } });
      return Response.json(catalog, { headers: { etag: ETAG } });
    }
    // Static files on a CDN: the cities index and the catalog file it names.
    if (path === '/static/cities.json') return Response.json(cities);
    if (path === `/static/${cities.cities.find((c) => c.code === '440300')!.catalog.path}`) return Response.json(catalog);
    if (path.endsWith('/submissions')) return Response.json({ error: { code: 'unauthorized', message: 'sign in' } }, { status: 401 });
    return Response.json({ error: { code: 'not_found', message: 'no' } }, { status: 404 });
  };
  return state;
}

/** An origin no other test used, so IndexedDB starts empty for it. */
const freshApi = () => `https://api-${crypto.randomUUID()}.cityhub.test/`;

describe('@cityhub/sdk in the browser', () => {
  let api: ReturnType<typeof fakeApi>;
  beforeEach(() => {
    api = fakeApi();
  });
  afterEach(() => api.restore());

  it('keeps catalogs in IndexedDB: a new client (a reload) answers from it with zero requests, then revalidates with the ETag', async () => {
    const base = freshApi();
    const first = await createCityHub({ api: base }).catalog('440300');
    expect(first.source).to.equal('network');
    expect(first.data.services).to.have.length(catalog.services.length);
    expect(api.requests).to.have.length(1);

    // The page reloads: a new client, same API. Its first answer comes from IndexedDB before any request is made.
    api.requests.length = 0;
    const updates: unknown[] = [];
    const again = await createCityHub({ api: base }).catalog('440300', { onUpdate: (u) => updates.push(u) });
    expect(again.source).to.equal('cache');
    expect(again.data.city.code).to.equal('440300');
    expect(again.data.services.map((s) => s.code)).to.deep.equal(first.data.services.map((s) => s.code));
    // Then the revalidation: conditional, answered 304, so no update is announced.
    await waitFor(() => api.requests.length === 1);
    expect(api.requests[0]!.headers.get('if-none-match')).to.equal(ETAG);
    await new Promise((r) => setTimeout(r, 50));
    expect(updates).to.have.length(0);
  });

  it('offline after a visit: the cached catalog, marked stale with the time it was last confirmed', async () => {
    const base = freshApi();
    await createCityHub({ api: base }).catalog('440300');
    api.offline = true;
    const stale = await new Promise<{ stale: boolean; updatedAt: Date }>((resolve, reject) => {
      createCityHub({ api: base, retry: { limit: 0 } })
        .catalog('440300', { onUpdate: resolve }).then((result) => (result.stale ? resolve(result) : undefined), reject);
    });
    expect(stale.stale).to.equal(true);
    expect(stale.updatedAt.getTime()).to.be.closeTo(Date.now(), 60_000);
  });

  it('coalesces 10 concurrent reads of one catalog into 1 request', async () => {
    const hub = createCityHub({ api: freshApi() });
    const results = await Promise.all(Array.from({ length: 10 }, () => hub.catalog('440300')));
    expect(api.requests).to.have.length(1);
    expect(new Set(results.map((r) => r.data.services.length)).size).to.equal(1);
  });

  it('searches the way people type (pinyin initials, traditional characters) on the compiled catalog', async () => {
    const hub = createCityHub({ api: freshApi() });
    const gjj = await hub.search('gjj', { city: '440300' });
    expect(gjj.services[0]!.service.name['zh-Hans']).to.contain('公积金');
    const hant = await hub.search('公積金', { city: '440300' });
    expect(hant.services[0]!.service.code).to.equal(gjj.services[0]!.service.code);
  });

  it('sends the identity token only to the API origin (never to the catalog CDN), and a 401 is a typed error', async () => {
    const base = freshApi();
    const cdn = freshApi();
    const hub = createCityHub({ api: base, catalogUrl: `${cdn}static/cities.json`, identity: async () => ({ token: 'sandbox-browser', level: 'real-name' }) });
    await hub.catalog('440300');
    expect(api.requests.filter((r) => new URL(r.url).origin === new URL(cdn).origin).length, 'the catalog came from the CDN').to.be.greaterThan(0);
    const error = await hub.submit('440300', 'water-bill-payment', { accountNumber: '12345678' }).then(() => undefined, (e: unknown) => e);
    expect(isCityHubError(error)).to.equal(true);
    expect((error as { status?: number }).status).to.equal(401);
    const post = api.requests.find((r) => r.method === 'POST')!;
    expect(new URL(post.url).origin).to.equal(new URL(base).origin);
    expect(post.headers.get('authorization')).to.equal('Bearer sandbox-browser');
    expect(post.headers.get('idempotency-key')).to.match(/^[\w-]{16,}$/);
    expect(api.requests.filter((r) => r.method === 'GET').every((r) => r.headers.get('authorization') === null)).to.equal(true);
  });
});

async function waitFor(condition: () => boolean, timeout = 2000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeout) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
