import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HttpError, isCityHubError, NetworkError, SchemaError, TimeoutError } from '../src/errors.js';
import { backoffDelay, createHttp, jitter, parseRetryAfter, retryPolicy } from '../src/http/index.js';
import { errorBody, fakeFetch, json, sleep } from './helpers.js';

const API = 'https://api.example.cn';
const fast = { limit: 2, backoff: { base: 1, cap: 5 } };
const hang = (_c: unknown, _n: number, signal: AbortSignal) =>
  new Promise<Response>((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));

describe('retry policy (reliability #12)', () => {
  it('retries exactly the retryable method × status × idempotency-key combinations', async () => {
    const statuses = [400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504];
    const retryable = new Set([429, 500, 502, 503, 504]);
    const rows: string[] = [];
    let cases = 0;
    for (const method of ['GET', 'POST'] as const) {
      for (const withKey of [false, true]) {
        const cells: string[] = [];
        for (const status of statuses) {
          const { fetch, calls } = fakeFetch(() => errorBody(status, status === 422 ? 'validation_failed' : 'internal'));
          const http = createHttp({ fetch, retry: fast });
          const error = await http
            .request({ method, url: `${API}/v1/x`, ...(method === 'POST' ? { json: { a: 1 } } : {}), ...(withKey ? { idempotencyKey: 'k-1' } : {}) })
            .then(() => assert.fail('should reject'), (e: unknown) => e);
          assert.ok(error instanceof HttpError, `${method} ${status}: HttpError`);
          assert.equal(error.status, status);
          const expected = retryable.has(status) && (method === 'GET' || withKey) ? 3 : 1;
          assert.equal(calls.length, expected, `${method} ${status} key=${withKey}: ${calls.length} attempts, expected ${expected}`);
          cells.push(calls.length > 1 ? `R${calls.length}` : '·');
          cases++;
        }
        rows.push(`${method.padEnd(4)} ${withKey ? 'key   ' : 'no key'} ${cells.map((c) => c.padStart(4)).join('')}`);
      }
    }
    console.log(`\nretry matrix (R3 = retried, 3 attempts; · = not retried), ${cases} cases\n            ${statuses.map((s) => String(s).padStart(4)).join('')}\n${rows.join('\n')}`);
  });

  it('retries network errors and per-attempt timeouts for GET, then succeeds', async () => {
    const { fetch, calls } = fakeFetch((_c, n, signal) => {
      if (n === 1) throw new TypeError('fetch failed');
      if (n === 2) return hang(null, n, signal);
      return json({ ok: true });
    });
    const http = createHttp({ fetch, retry: fast, timeout: 50 });
    const response = await http.request({ method: 'GET', url: `${API}/v1/x` });
    assert.deepEqual(response.body, { ok: true });
    assert.equal(calls.length, 3);
  });

  it('backs off exponentially with equal jitter, capped: each wait in [d/2, d] for d = base · 2^n up to cap', async () => {
    // The policy itself, exactly.
    const policy = retryPolicy({ backoff: { base: 200, cap: 800 } });
    assert.deepEqual([1, 2, 3, 4, 5].map((n) => backoffDelay(policy, n)), [200, 400, 800, 800, 800]);
    assert.deepEqual([0, 0.5, 1].map((r) => jitter(400, () => r)), [200, 300, 400]);
    // And as the client waits: the least random draw gives the fixed half of each delay (timers fire late, not early).
    let draws = 0;
    const { fetch, calls } = fakeFetch((_c, n) => (n <= 4 ? errorBody(503, 'service_unavailable') : json({})));
    const random = () => (draws++, 0);
    await createHttp({ fetch, random, retry: { limit: 4, backoff: { base: 200, cap: 800 } } }).request({ method: 'GET', url: `${API}/v1/x` });
    const gaps = calls.slice(1).map((c, i) => c.at - calls[i]!.at);
    console.log(`backoff waits (base 200, cap 800, least jitter): ${gaps.join(', ')} ms`);
    assert.equal(draws, 4, 'one jitter draw per retry');
    // (Below d: without jitter, or without the cap on the 4th wait, it would be at least d.)
    [200, 400, 800, 800].forEach((d, i) => assert.ok(gaps[i]! >= d / 2 - 2 && gaps[i]! < d, `retry ${i + 1} waited ${gaps[i]} ms, want ${d / 2}`));
  });

  it('retries a POST with an Idempotency-Key after network errors, with the same key; never one without', async () => {
    const flaky = () => fakeFetch((_c, n) => (n < 3 ? Promise.reject(new TypeError('fetch failed')) : json({ done: true }, 201)));
    const keyed = flaky();
    const response = await createHttp({ fetch: keyed.fetch, retry: fast }).request({ method: 'POST', url: `${API}/v1/s`, json: { a: 1 }, idempotencyKey: 'key-net' });
    assert.equal(response.status, 201);
    assert.deepEqual(keyed.calls.map((c) => c.headers['idempotency-key']), ['key-net', 'key-net', 'key-net']);
    const bare = flaky();
    await assert.rejects(createHttp({ fetch: bare.fetch, retry: fast }).request({ method: 'POST', url: `${API}/v1/s`, json: { a: 1 } }), NetworkError);
    assert.equal(bare.calls.length, 1, 'a POST without a key is sent once');
  });

  it('maps exhausted network errors to NetworkError and timeouts to TimeoutError', async () => {
    const down = fakeFetch(() => {
      throw new TypeError('fetch failed');
    });
    const error = await createHttp({ fetch: down.fetch, retry: fast }).request({ method: 'GET', url: `${API}/v1/x` }).catch((e: unknown) => e);
    assert.ok(error instanceof NetworkError && isCityHubError(error), 'error instanceof NetworkError && isCityHubError(error)');
    assert.equal(down.calls.length, 3);

    const slow = fakeFetch(hang);
    const timeout = await createHttp({ fetch: slow.fetch, retry: fast, timeout: 30 })
      .request({ method: 'POST', url: `${API}/v1/x`, json: {} })
      .catch((e: unknown) => e);
    assert.ok(timeout instanceof TimeoutError, 'timeout instanceof TimeoutError');
    assert.equal(timeout.phase, 'attempt');
    assert.equal(slow.calls.length, 1, 'a POST without an idempotency key is never resent');
  });

  it('does not retry a 200 whose body is not JSON, and reports it as a SchemaError', async () => {
    const { fetch, calls } = fakeFetch(() => new Response('<html>oops</html>', { status: 200 }));
    const error = await createHttp({ fetch, retry: fast }).request({ method: 'GET', url: `${API}/v1/x` }).catch((e: unknown) => e);
    assert.ok(error instanceof SchemaError, 'error instanceof SchemaError');
    assert.equal(calls.length, 1);
  });
});

describe('idempotent POST retries', () => {
  it('sends the same Idempotency-Key and an identical body on every attempt', async () => {
    const { fetch, calls } = fakeFetch((_c, n) => (n < 3 ? errorBody(503, 'service_unavailable') : json({ done: true }, 201)));
    const http = createHttp({ fetch, retry: fast });
    const response = await http.request({ method: 'POST', url: `${API}/v1/s`, json: { values: { plate: '粤B12345' } }, idempotencyKey: 'key-123' });
    assert.equal(response.status, 201);
    assert.equal(calls.length, 3);
    assert.deepEqual(calls.map((c) => c.headers['idempotency-key']), ['key-123', 'key-123', 'key-123']);
    assert.deepEqual(new Set(calls.map((c) => c.body)).size, 1);
    assert.equal(calls[0]?.body, JSON.stringify({ values: { plate: '粤B12345' } }));
  });
});

describe('Retry-After', () => {
  it('parses delay-seconds and HTTP-dates', () => {
    const now = Date.parse('2026-11-23T08:00:00Z');
    assert.equal(parseRetryAfter('3', now), 3000);
    assert.equal(parseRetryAfter('Mon, 23 Nov 2026 08:00:05 GMT', now), 5000);
    assert.equal(parseRetryAfter('Mon, 23 Nov 2026 07:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });

  it('waits the seconds the server asked for (429, Retry-After: 1)', async () => {
    const { fetch, calls } = fakeFetch((_c, n) => (n === 1 ? new Response('', { status: 429, headers: { 'retry-after': '1' } }) : json({})));
    await createHttp({ fetch, retry: { limit: 2, backoff: { base: 1, cap: 5000 } } }).request({ method: 'GET', url: `${API}/v1/x` });
    const gap = (calls[1]?.at ?? 0) - (calls[0]?.at ?? 0);
    console.log(`Retry-After: 1 → waited ${gap} ms`);
    assert.ok(gap >= 950 && gap < 2000, `waited ${gap} ms`);
  });

  it('waits until an HTTP-date (503)', async () => {
    const { fetch, calls } = fakeFetch((_c, n) =>
      n === 1 ? new Response('', { status: 503, headers: { 'retry-after': new Date(Date.now() + 2000).toUTCString() } }) : json({}));
    await createHttp({ fetch, retry: { limit: 2, backoff: { base: 1, cap: 5000 } } }).request({ method: 'GET', url: `${API}/v1/x` });
    const gap = (calls[1]?.at ?? 0) - (calls[0]?.at ?? 0);
    console.log(`Retry-After: <date +2 s> → waited ${gap} ms`);
    assert.ok(gap >= 900 && gap < 2500, `waited ${gap} ms`);
  });

  it('gives up at once when Retry-After is beyond the cap or the deadline, keeping the wait on the error', async () => {
    for (const [retry, header] of [[{ limit: 3, backoff: { base: 1, cap: 50 } }, '2'], [{ limit: 3, backoff: { base: 1, cap: 60_000 }, deadline: 500 }, '2']] as const) {
      const { fetch, calls } = fakeFetch(() => new Response('', { status: 429, headers: { 'retry-after': header } }));
      const started = Date.now();
      const error = await createHttp({ fetch, retry }).request({ method: 'GET', url: `${API}/v1/x` }).catch((e: unknown) => e);
      assert.ok(error instanceof HttpError, 'error instanceof HttpError');
      assert.equal(error.status, 429);
      assert.equal(error.retryAfter, Number(header) * 1000);
      assert.equal(calls.length, 1);
      assert.ok(Date.now() - started < 300, 'Date.now() - started < 300');
    }
  });
});

describe('total deadline', () => {
  it('stops a hanging request at the deadline even with a long per-attempt timeout', async () => {
    let aborted = false;
    const { fetch } = fakeFetch((_c, _n, signal) => {
      signal.addEventListener('abort', () => (aborted = true));
      return hang(null, 0, signal);
    });
    const started = Date.now();
    const error = await createHttp({ fetch, timeout: 10_000, retry: { deadline: 150 } }).request({ method: 'GET', url: `${API}/v1/x` }).catch((e: unknown) => e);
    const took = Date.now() - started;
    assert.ok(error instanceof TimeoutError, String(error));
    assert.equal(error.phase, 'deadline');
    assert.ok(aborted, 'the in-flight fetch was aborted');
    assert.ok(took >= 140 && took < 1000, `took ${took} ms`);
  });

  it('stops retrying when the deadline falls inside a backoff wait, keeping the last error as cause', async () => {
    const { fetch, calls } = fakeFetch(() => errorBody(503, 'service_unavailable'));
    const started = Date.now();
    const error = await createHttp({ fetch, retry: { limit: 5, backoff: { base: 2000, cap: 2000 }, deadline: 200 } })
      .request({ method: 'GET', url: `${API}/v1/x` }).catch((e: unknown) => e);
    assert.ok(error instanceof TimeoutError && error.phase === 'deadline', 'error instanceof TimeoutError && error.phase === \'deadline\'');
    assert.ok(error.cause instanceof HttpError && error.cause.status === 503, String(error.cause));
    assert.equal(calls.length, 1);
    assert.ok(Date.now() - started < 1000, 'Date.now() - started < 1000');
  });
});

describe('abort', () => {
  it('rejects with the caller’s own AbortError and aborts the fetch', async () => {
    let fetchAborted = false;
    const { fetch } = fakeFetch((_c, _n, signal) => {
      signal.addEventListener('abort', () => (fetchAborted = true));
      return hang(null, 0, signal);
    });
    const controller = new AbortController();
    const pending = createHttp({ fetch }).request({ method: 'GET', url: `${API}/v1/x`, signal: controller.signal });
    await sleep(10);
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    assert.equal(error, controller.signal.reason);
    assert.ok(error instanceof DOMException && error.name === 'AbortError', 'error instanceof DOMException && error.name === \'AbortError\'');
    await sleep(1);
    assert.ok(fetchAborted, 'fetchAborted');
  });

  it('aborts during a backoff wait without another attempt, and never starts with an aborted signal', async () => {
    const { fetch, calls } = fakeFetch(() => errorBody(503, 'service_unavailable'));
    const http = createHttp({ fetch, retry: { limit: 3, backoff: { base: 5000, cap: 5000 } } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const started = Date.now();
    const error = await http.request({ method: 'GET', url: `${API}/v1/x`, signal: controller.signal }).catch((e: unknown) => e);
    assert.ok(error instanceof DOMException && error.name === 'AbortError', 'error instanceof DOMException && error.name === \'AbortError\'');
    assert.equal(calls.length, 1);
    assert.ok(Date.now() - started < 1000, 'Date.now() - started < 1000');
    const pre = await http.request({ method: 'GET', url: `${API}/v1/x`, signal: AbortSignal.abort() }).catch((e: unknown) => e);
    assert.ok(pre instanceof DOMException && pre.name === 'AbortError', 'pre instanceof DOMException && pre.name === \'AbortError\'');
    assert.equal(calls.length, 1);
  });
});

describe('coalescing (reliability #13)', () => {
  it('shares one fetch between 10 identical concurrent GETs, but sends 10 POSTs', async () => {
    const get = fakeFetch(async () => {
      await sleep(20);
      return json({ n: 1 });
    });
    const http = createHttp({ fetch: get.fetch });
    const results = await Promise.all(Array.from({ length: 10 }, () => http.request({ method: 'GET', url: `${API}/v1/cities` })));
    assert.equal(get.calls.length, 1);
    assert.ok(results.every((r) => (r.body as { n: number }).n === 1), 'results.every((r) => (r.body as { n: number }).n === 1)');

    const post = fakeFetch(async () => {
      await sleep(20);
      return json({ n: 1 }, 201);
    });
    const http2 = createHttp({ fetch: post.fetch });
    await Promise.all(Array.from({ length: 10 }, () => http2.request({ method: 'POST', url: `${API}/v1/s`, json: {}, idempotencyKey: 'same' })));
    assert.equal(post.calls.length, 10);
    console.log(`coalescing: 10 concurrent GETs → ${get.calls.length} fetch; 10 concurrent POSTs → ${post.calls.length} fetches`);
  });

  it('does not share between identities, URLs or sequential calls', async () => {
    let who = 0;
    const { fetch, calls } = fakeFetch(async () => {
      await sleep(10);
      return json({});
    });
    const http = createHttp({ fetch, apiOrigin: API, identity: async () => ({ token: `sandbox-${who++ % 2}` }) });
    await Promise.all([
      http.request({ method: 'GET', url: `${API}/v1/orders`, auth: true }),
      http.request({ method: 'GET', url: `${API}/v1/orders`, auth: true }),
      http.request({ method: 'GET', url: `${API}/v1/orders`, auth: true }),
      http.request({ method: 'GET', url: `${API}/v1/orders?page=2`, auth: true }),
    ]);
    assert.equal(calls.length, 3, 'two identities on one URL + one other URL');
    await Promise.all([
      http.request({ method: 'GET', url: `${API}/v1/cities` }),
      http.request({ method: 'GET', url: `${API}/v1/cities`, headers: { 'If-None-Match': '"v1"' } }),
    ]);
    assert.equal(calls.length, 5, 'a conditional GET does not share with an unconditional one');
    await http.request({ method: 'GET', url: `${API}/v1/cities` });
    await http.request({ method: 'GET', url: `${API}/v1/cities` });
    assert.equal(calls.length, 7);
  });

  it('keeps the shared request alive while any caller waits; aborts it when all leave', async () => {
    let fetchAborted = false;
    const { fetch, calls } = fakeFetch(async (_c, _n, signal) => {
      signal.addEventListener('abort', () => (fetchAborted = true));
      await sleep(40);
      return json({ ok: 1 });
    });
    const http = createHttp({ fetch });
    const a = new AbortController();
    const first = http.request({ method: 'GET', url: `${API}/v1/x`, signal: a.signal });
    const second = http.request({ method: 'GET', url: `${API}/v1/x` });
    a.abort();
    assert.equal(await first.catch((e: unknown) => (e as Error).name), 'AbortError');
    assert.deepEqual((await second).body, { ok: 1 });
    assert.equal(calls.length, 1);
    assert.equal(fetchAborted, false);

    const b = new AbortController();
    const c = new AbortController();
    const p1 = http.request({ method: 'GET', url: `${API}/v1/y`, signal: b.signal }).catch((e: unknown) => e);
    const p2 = http.request({ method: 'GET', url: `${API}/v1/y`, signal: c.signal }).catch((e: unknown) => e);
    await sleep(5);
    b.abort();
    c.abort();
    await Promise.all([p1, p2]);
    await sleep(1);
    assert.ok(fetchAborted, 'nobody waits any more: the fetch is aborted');
  });
});

describe('credentials (reliability #15)', () => {
  it('sends the token only to the API origin, never in the URL, and never follows redirects with it', async () => {
    const { fetch, calls } = fakeFetch(() => json({}));
    const http = createHttp({ fetch, apiOrigin: API, identity: async () => ({ token: 'sandbox-secret' }) });
    await http.request({ method: 'GET', url: `${API}/v1/orders`, auth: true });
    assert.equal(calls[0]?.headers.authorization, 'Bearer sandbox-secret');
    assert.equal(calls[0]?.redirect, 'manual');
    assert.equal(calls[0]?.credentials, 'same-origin');

    const refused = await http.request({ method: 'GET', url: 'https://cdn.example.net/cities.json', auth: true }).catch((e: unknown) => e);
    assert.ok(isCityHubError(refused) && refused.code === 'credentials_refused', 'isCityHubError(refused) && refused.code === \'credentials_refused\'');
    await http.request({ method: 'GET', url: 'https://cdn.example.net/cities.json', headers: { Authorization: 'Bearer smuggled', Cookie: 'a=b' } });
    const cdn = calls.at(-1);
    assert.equal(cdn?.headers.authorization, undefined);
    assert.equal(cdn?.headers.cookie, undefined);
    assert.equal(cdn?.credentials, 'omit');
    assert.equal(calls.length, 2);
    assert.ok(calls.every((c) => !c.url.includes('secret')), 'calls.every((c) => !c.url.includes(\'secret\'))');
  });

  it('redacts the token on errors', async () => {
    const { fetch } = fakeFetch(() => errorBody(401, 'unauthorized'));
    const http = createHttp({ fetch, apiOrigin: API, identity: async () => ({ token: 'sandbox-secret' }) });
    const error = await http.request({ method: 'GET', url: `${API}/v1/orders`, auth: true }).catch((e: unknown) => e);
    assert.ok(error instanceof HttpError, 'error instanceof HttpError');
    assert.equal(error.code, 'unauthorized');
    assert.equal(error.request?.headers.authorization, '[redacted]');
    assert.ok(!JSON.stringify({ ...error, message: error.message, request: error.request }).includes('sandbox-secret'), '!JSON.stringify({ ...error, message: error.message, request: error....');
  });
});
