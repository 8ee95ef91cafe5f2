/**
 * Reports on Open311 GeoReport v2 endpoints, over loopback: the hub server against a scripted endpoint (answers,
 * errors, silence, resets, garbage) and against its own sandbox endpoint.
 */
import assert from 'node:assert/strict';
import { isPrivateAddress } from '../src/outbound.js';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Order, SubmissionResult, type CityCatalog, type Entry, type FormDefinition, type FormField } from '@cityhub/schema';
import type { CompiledCatalog } from '@cityhub/schema/node';
import { canonicalJson, sha256 } from '../src/http.js';
import { identify } from '../src/identity.js';
import { SANDBOX_OPEN311_PATH, serviceRequestBody, type RunningServer } from '../src/index.js';
import { FIXED_NOW, auth, expectError, fixtureCatalog, postJson, printTable, startFixtureServer, submissionPath, TOKEN } from './helpers.js';

const SZ = '440300';
const SERVICE = 'city-management-report';
const PATH = submissionPath(SZ, SERVICE);
const report = (n: number) => ({ values: { category: 'garbage', location: `深南大道 ${n} 号`, description: '垃圾堆放多日无人清理', mobile: '13812345678' } });

/** One request the scripted endpoint received. */
interface Seen {
  method: string;
  path: string;
  type: string;
  params: URLSearchParams;
}

type Script = (req: IncomingMessage, res: ServerResponse) => void;

const answer = (status: number, body: unknown, headers: Record<string, string> = {}): Script => (_req, res) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

/** A GeoReport endpoint on a loopback port whose next answers the test scripts. */
async function scriptedEndpoint() {
  const seen: Seen[] = [];
  const sockets = new Set<Socket>();
  let script: Script = answer(201, [{ service_request_id: 'SR-1' }]);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://endpoint');
      seen.push({ method: req.method ?? '', path: url.pathname, type: req.headers['content-type'] ?? '', params: new URLSearchParams(Buffer.concat(chunks).toString('utf8')) });
      script(req, res);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/open311/v2`,
    host: `127.0.0.1:${port}`,
    seen,
    posts: () => seen.filter((s) => s.method === 'POST').length,
    set(next: Script) {
      script = next;
    },
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

/** The fixture catalog with Shenzhen's city-management report bound to another Open311 entry. */
async function withEntry(entry: Entry): Promise<CompiledCatalog> {
  const fixture = await fixtureCatalog();
  const catalogs = new Map<string, CityCatalog>();
  for (const [code, catalog] of fixture.catalogs) {
    catalogs.set(code, code !== SZ ? catalog : { ...catalog, services: catalog.services.map((s) => (s.code === SERVICE ? { ...s, entry } : s)) });
  }
  return { ...fixture, catalogs };
}

async function resultOf(res: Response): Promise<SubmissionResult> {
  return SubmissionResult.parse(await res.json());
}

describe('Open311 forwarding against a scripted GeoReport endpoint', () => {
  let endpoint: Awaited<ReturnType<typeof scriptedEndpoint>>;
  let hub: RunningServer;
  let base: string;
  const figures: Array<[string, string, number, string]> = [];
  before(async () => {
    endpoint = await scriptedEndpoint();
    hub = await startFixtureServer({
      catalog: await withEntry({ type: 'open311', endpoint: endpoint.url, serviceCode: 'CM-01', jurisdictionId: 'shenzhen' }),
      // (The scripted endpoint listens on 127.0.0.1: allowed here only because the tests ask for it.)
      open311: { timeoutMs: 1000, statusMaxAgeMs: 0, maxResponseBytes: 16 * 1024, allowPrivateNetwork: true },
    });
    base = hub.url;
  });
  after(async () => {
    printTable('# Open311 endpoint behaviour → hub answer', ['endpoint does', 'hub answers', 'GeoReport POSTs', 'recorded'], figures);
    await hub.close();
    await endpoint.close();
  });

  /** Submits once under `key` with the endpoint scripted by `script`; returns the response and the POSTs it caused. */
  async function submitWith(label: string, script: Script, key: string, n = 1) {
    endpoint.set(script);
    const posts = endpoint.posts();
    const orders = hub.store.stats().orders;
    const res = await postJson(base, PATH, report(n), { token: TOKEN, key });
    const sent = endpoint.posts() - posts;
    figures.push([label, String(res.status), sent, hub.store.stats().orders > orders ? 'order' : '—']);
    return { res, sent };
  }

  it('POSTs {endpoint}/requests.json form-encoded with the mapped fields and records the service_request_id', async () => {
    const { res, sent } = await submitWith('201 [{service_request_id}]', answer(201, [{ service_request_id: 'SR-1001', service_notice: '已受理', account_id: null }]), 'o311-created');
    assert.equal(sent, 1);
    assert.equal(res.status, 201);
    const request = endpoint.seen.at(-1)!;
    assert.equal(request.path, '/open311/v2/requests.json');
    assert.match(request.type, /^application\/x-www-form-urlencoded/);
    assert.deepEqual([...request.params], [
      ['service_code', 'CM-01'],
      ['jurisdiction_id', 'shenzhen'],
      ['attribute[category]', 'garbage'],
      ['address_string', '深南大道 1 号'],
      ['description', '垃圾堆放多日无人清理'],
      ['phone', '13812345678'],
    ]);
    const result = await resultOf(res);
    const order = result.order!;
    assert.deepEqual(order.forwarded, { system: 'open311', host: endpoint.host, state: 'confirmed', serviceRequestId: 'SR-1001' });
    assert.equal(order.status, 'received');
    assert.match(result.summary['zh-Hans'], /SR-1001/);
    assert.match(order.timeline[0]!.note!['zh-Hans'], /Open311 编号 SR-1001/);
    const rows = result.sections.flatMap((s) => s.rows);
    assert.ok(rows.some((r) => r.value === 'SR-1001'), 'the receipt shows their number');
    assert.ok(rows.some((r) => r.value === '138****5678' && r.sensitive), 'personal data stays masked on the receipt');
    assert.equal(res.headers.get('location'), `/v1/orders/${order.id}`);

    endpoint.set(answer(200, [{ service_request_id: 'SR-1001', status: 'open', status_notes: null }]));
    const fetched = await fetch(`${base}/v1/orders/${order.id}`, { headers: auth() });
    assert.deepEqual(Order.parse(await fetched.json()), order, 'a bare "open" changes nothing');
  });

  it('maps every field type: lists send keys, multivaluelist repeats attribute[code][], standard fields by code', () => {
    const label = { 'zh-Hans': '字段' };
    const plain: Array<[string, 'number' | 'string' | 'date' | 'amount' | 'text']> = [
      ['lat', 'number'], ['long', 'number'], ['location', 'string'], ['address', 'string'], ['email', 'string'], ['firstName', 'string'],
      ['lastName', 'string'], ['name', 'string'], ['mediaUrl', 'string'], ['seenOn', 'date'], ['fee', 'amount'], ['notes', 'text'],
    ];
    const form: FormDefinition = {
      fields: [
        { code: 'kinds', type: 'multivaluelist', label, required: true, order: 1, values: [{ key: 'a', name: label }, { key: 'b', name: label }] },
        ...plain.map(([code, type], i): FormField => ({ code, type, label, required: false, order: i + 2 })),
      ],
    };
    const body = serviceRequestBody(form, {
      kinds: ['a', 'b'], lat: 22.54, long: 114.05, location: '福田区', address: '第二个地址', email: 'a@example.cn', firstName: 'San',
      lastName: 'Zhang', name: '张三', mediaUrl: 'https://img.example.cn/1.jpg', seenOn: '2026-11-22', fee: 1250, notes: '',
    }, { serviceCode: 'X' });
    assert.deepEqual([...body], [
      ['service_code', 'X'],
      ['attribute[kinds][]', 'a'], ['attribute[kinds][]', 'b'],
      ['lat', '22.54'], ['long', '114.05'],
      ['address_string', '福田区'], ['attribute[address]', '第二个地址'],
      ['email', 'a@example.cn'], ['first_name', 'San'], ['last_name', 'Zhang'], ['attribute[name]', '张三'],
      ['media_url', 'https://img.example.cn/1.jpg'], ['attribute[seenOn]', '2026-11-22'], ['attribute[fee]', '1250'],
    ]);
  });

  it('4xx from the endpoint → 422 provider_rejected with its description; nothing recorded, the key may send again', async () => {
    const refused = await submitWith('400 [{code, description}]', answer(400, [{ code: 400, description: 'attribute[category] 不在受理范围' }]), 'o311-4xx');
    const body = await expectError(refused.res, 422, 'provider_rejected');
    assert.match(body.error.message, /不在受理范围/);
    const forbidden = await submitWith('403 (no body)', answer(403, ''), 'o311-403');
    assert.match((await expectError(forbidden.res, 422, 'provider_rejected')).error.message, /HTTP 403/);
    const inBody = await submitWith('200 [{code, description}]', answer(200, [{ code: 400, description: 'service_code 已停用' }]), 'o311-200-error');
    assert.match((await expectError(inBody.res, 422, 'provider_rejected')).error.message, /已停用/);
    // The endpoint refused it, so nothing stands in the way of sending the corrected report under the same key.
    const again = await submitWith('201 after a 400 (same key)', answer(201, [{ service_request_id: 'SR-1002' }]), 'o311-4xx');
    assert.equal(again.res.status, 201);
    assert.equal((await resultOf(again.res)).order!.forwarded?.serviceRequestId, 'SR-1002');
  });

  it('503/429 → 503 with Retry-After: nothing recorded, and a retry with the key sends again', async () => {
    const busy = await submitWith('503 + Retry-After: 7', answer(503, '', { 'retry-after': '7' }), 'o311-busy');
    await expectError(busy.res, 503, 'service_unavailable');
    assert.equal(busy.res.headers.get('retry-after'), '7');
    const limited = await submitWith('429', answer(429, ''), 'o311-busy');
    await expectError(limited.res, 503, 'service_unavailable');
    const ok = await submitWith('201 on the retry (same key)', answer(201, [{ service_request_id: 'SR-1003' }]), 'o311-busy');
    assert.equal(ok.res.status, 201);
  });

  it('500, 502, 504, 408 or a 3xx after sending may mean it arrived: 202 unknown, recorded, never sent again', async () => {
    for (const [label, status, headers] of [
      ['500', 500, {}], ['502', 502, {}], ['504', 504, {}], ['408', 408, {}], ['303 (not followed)', 303, { location: `${endpoint.url}/elsewhere` }],
    ] as const) {
      const key = `o311-unknown-${status}`;
      const first = await submitWith(label, answer(status, status === 500 ? [{ code: 500, description: 'database down' }] : '', headers), key);
      assert.equal(first.res.status, 202, label);
      const result = await resultOf(first.res);
      assert.equal(result.order!.forwarded?.state, 'unknown', label);
      assert.match(result.summary['zh-Hans'], /未重复发送/, label);
      // The client retries with its key: the stored 202 comes back, and the endpoint hears nothing more.
      endpoint.set(answer(201, [{ service_request_id: 'SR-never' }]));
      const posts = endpoint.posts();
      const retry = await postJson(base, PATH, report(1), { token: TOKEN, key });
      assert.equal(retry.status, 202, `${label}: replay`);
      assert.equal(endpoint.posts(), posts, `${label}: sent again`);
    }
    assert.equal(endpoint.seen.filter((s) => s.path.endsWith('/elsewhere')).length, 0, 'redirects are not followed');
  });

  it('a timeout after sending is an unknown outcome: 202, recorded as unknown, never sent again', async () => {
    const silent = await submitWith('no answer (timeout)', () => undefined, 'o311-timeout');
    assert.equal(silent.sent, 1);
    assert.equal(silent.res.status, 202);
    const text = await silent.res.text();
    const result = SubmissionResult.parse(JSON.parse(text));
    assert.equal(result.status, 'accepted');
    assert.deepEqual(result.order!.forwarded, { system: 'open311', host: endpoint.host, state: 'unknown' });
    assert.match(result.summary['zh-Hans'], /没有确认是否收到/);
    assert.match(result.summary['zh-Hans'], /未重复发送/);
    assert.match(result.summary.en!, /did not confirm/);
    // The client retries (same key): the stored answer comes back; the endpoint hears nothing more.
    endpoint.set(answer(201, [{ service_request_id: 'SR-never' }]));
    const posts = endpoint.posts();
    const retry = await postJson(base, PATH, report(1), { token: TOKEN, key: 'o311-timeout' });
    assert.equal(retry.status, 202);
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    assert.equal(await retry.text(), text);
    assert.equal(endpoint.posts(), posts, 'the endpoint heard nothing more');
    // An unknown order is not asked about (there is no number to ask with).
    const fetched = Order.parse(await (await fetch(`${base}/v1/orders/${result.order!.id}`, { headers: auth() })).json());
    assert.deepEqual(fetched, result.order);
  });

  it('a connection reset after sending, or an unreadable 2xx, is an unknown outcome too (202)', async () => {
    const cases: Array<[string, Script]> = [
      ['connection reset', (req) => req.socket.destroy()],
      ['200 not JSON', answer(200, '<html>OK</html>')],
      ['200 wrong shape', answer(200, [{ id: 5 }])],
      ['200 id with spaces', answer(200, [{ service_request_id: 'a b' }])],
      ['200 over 16 KiB', answer(200, [{ service_request_id: 'SR-big', service_notice: 'x'.repeat(20_000) }])],
      ['200 empty array', answer(200, [])],
    ];
    for (const [label, script] of cases) {
      const { res, sent } = await submitWith(label, script, `o311-unknown-${label.replace(/\W+/g, '-')}`);
      assert.equal(sent, 1, label);
      assert.equal(res.status, 202, label);
      assert.equal((await resultOf(res)).order!.forwarded?.state, 'unknown', label);
    }
  });

  it('a send that a restart interrupted (its key left "sending") is recorded as unknown, never sent again', async () => {
    const key = 'o311-interrupted';
    const body = report(3);
    const owner = identify(`Bearer ${TOKEN}`)!.owner;
    const requestHash = sha256(canonicalJson({ method: 'POST', path: PATH, owner, body }));
    // What a kill -9 between "sending" and the endpoint's answer leaves behind.
    hub.store.atomically(() => hub.store.forwarding.begin(
      { id: 'fwd_interrupted', owner, key, requestHash, city: SZ, service: SERVICE, endpoint: endpoint.url },
      FIXED_NOW.toISOString(),
    ));
    endpoint.set(answer(201, [{ service_request_id: 'SR-twice' }]));
    const posts = endpoint.posts();
    const res = await postJson(base, PATH, body, { token: TOKEN, key });
    assert.equal(res.status, 202);
    const result = await resultOf(res);
    assert.equal(result.order!.forwarded?.state, 'unknown');
    assert.match(result.summary['zh-Hans'], /发送时服务中断/);
    assert.equal(endpoint.posts(), posts, 'not sent again');
    figures.push(['(restart while sending)', '202', 0, 'order']);
  });

  it('an endpoint that cannot be reached → 502, nothing sent or recorded', async () => {
    const down = await scriptedEndpoint();
    await down.close();
    const other = await startFixtureServer({
      catalog: await withEntry({ type: 'open311', endpoint: down.url, serviceCode: 'CM-01' }), open311: { allowPrivateNetwork: true },
    });
    try {
      const res = await postJson(other.url, PATH, report(1), { key: 'o311-down' });
      assert.match((await expectError(res, 502, 'bad_gateway')).error.message, /nothing was sent/);
      assert.equal(other.store.stats().orders, 0);
      figures.push(['connection refused', '502', 0, '—']);
    } finally {
      await other.close();
    }
  });

  it('20 concurrent duplicates of one key → 1 GeoReport request, 1 order, 19 replays', async () => {
    for (const [label, script] of [
      ['201 after 150 ms', (_req: IncomingMessage, res: ServerResponse) => void setTimeout(() => answer(201, [{ service_request_id: 'SR-dup' }])(_req, res), 150)],
      ['no answer (timeout)', () => undefined],
    ] as const) {
      endpoint.set(script);
      const posts = endpoint.posts();
      const key = `o311-dup-${label.replace(/\W+/g, '-')}`;
      const token = `sandbox-dup${posts}`;
      const responses = await Promise.all(Array.from({ length: 20 }, () => postJson(base, PATH, report(9), { token, key })));
      const bodies = await Promise.all(responses.map((r) => r.text()));
      assert.equal(endpoint.posts() - posts, 1, `${label}: one POST to the endpoint`);
      assert.equal(new Set(bodies).size, 1, `${label}: every duplicate got the same answer`);
      assert.equal(new Set(responses.map((r) => r.status)).size, 1);
      assert.equal(responses.filter((r) => r.headers.get('idempotent-replayed') === 'true').length, 19);
      const orders = (await (await fetch(`${base}/v1/orders`, { headers: auth(token) })).json()) as { orders: unknown[] };
      assert.equal(orders.orders.length, 1);
      figures.push([`20 duplicates, ${label}`, String(responses[0]!.status), endpoint.posts() - posts, '1 order']);
    }
    // The same key with another body while in flight is refused, and sends nothing.
    endpoint.set(() => undefined);
    const posts = endpoint.posts();
    const [first, conflict] = await Promise.all([
      postJson(base, PATH, report(10), { token: TOKEN, key: 'o311-dup-conflict' }),
      new Promise<Response>((resolve) => setTimeout(() => resolve(postJson(base, PATH, report(11), { token: TOKEN, key: 'o311-dup-conflict' })), 50)),
    ]);
    await expectError(conflict, 422, 'idempotency_conflict');
    assert.equal(first.status, 202);
    await first.arrayBuffer();
    assert.equal(endpoint.posts() - posts, 1);
  });

  it('a token answer is confirmed; reading the order looks the number up and follows the status', async () => {
    const { res } = await submitWith('201 [{token}]', answer(201, [{ token: 'T-77' }]), 'o311-token');
    assert.equal(res.status, 201);
    const order = (await resultOf(res)).order!;
    assert.deepEqual(order.forwarded, { system: 'open311', host: endpoint.host, state: 'confirmed', token: 'T-77' });

    endpoint.set((req, res2) => {
      if (req.url?.includes('/tokens/T-77.json')) return answer(200, [{ service_request_id: 'SR-77', token: 'T-77' }])(req, res2);
      if (req.url?.includes('/requests/SR-77.json')) {
        return answer(200, [{ service_request_id: 'SR-77', status: 'open', status_notes: '已派单', updated_datetime: '2026-11-23T02:00:00+00:00' }])(req, res2);
      }
      return answer(404, [{ code: 404, description: 'not found' }])(req, res2);
    });
    const fetched = Order.parse(await (await fetch(`${base}/v1/orders/${order.id}`, { headers: auth() })).json());
    assert.equal(fetched.forwarded?.serviceRequestId, 'SR-77');
    assert.equal(fetched.status, 'processing');
    assert.deepEqual(fetched.timeline.map((e) => [e.status, e.note?.['zh-Hans']]), [
      ['received', order.timeline[0]!.note!['zh-Hans']],
      ['received', 'Open311 编号 SR-77'],
      ['processing', '已派单'],
    ]);
    // A broken status answer changes nothing.
    endpoint.set(answer(200, 'garbage'));
    const unchanged = Order.parse(await (await fetch(`${base}/v1/orders/${order.id}`, { headers: auth() })).json());
    assert.deepEqual(unchanged, fetched);
  });

  it('refuses to send where the outbound rules do not allow (host allowlist) → 409, nothing sent', async () => {
    const strict = await startFixtureServer({
      catalog: await withEntry({ type: 'open311', endpoint: endpoint.url, serviceCode: 'CM-01' }),
      open311: { allowedHosts: ['gov.cn'], allowPrivateNetwork: true },
    });
    try {
      const posts = endpoint.posts();
      await expectError(await postJson(strict.url, PATH, report(1)), 409, 'conflict');
      assert.equal(endpoint.posts(), posts);
    } finally {
      await strict.close();
    }
  });

  it('by default never calls this machine or a private network from catalog data (SSRF), whatever the URL says', async () => {
    const port = new URL(endpoint.url).port;
    for (const url of [endpoint.url, `https://127.0.0.1:${port}/open311/v2`, `https://localhost:${port}/open311/v2`, `https://[::1]:${port}/open311/v2`]) {
      const guarded = await startFixtureServer({ catalog: await withEntry({ type: 'open311', endpoint: url, serviceCode: 'CM-01' }) });
      try {
        const posts = endpoint.posts();
        const res = await postJson(guarded.url, PATH, report(1));
        assert.ok(res.status === 409 || res.status === 502, `${url}: ${res.status}`);
        assert.equal(endpoint.posts(), posts, `${url}: something was sent`);
        assert.equal(guarded.store.stats().orders, 0);
      } finally {
        await guarded.close();
      }
    }
    figures.push(['catalog endpoint on loopback (default rules)', '409/502', 0, '—']);
  });

  it('knows private addresses (after DNS too)', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1']) {
      assert.equal(isPrivateAddress(address), true, address);
    }
    for (const address of ['8.8.8.8', '172.32.0.1', '203.0.113.9', '2001:db8::1', 'not-an-ip']) assert.equal(isPrivateAddress(address), false, address);
  });
});

describe('the sandbox Open311 endpoint', () => {
  let hub: RunningServer;
  let now = FIXED_NOW;
  before(async () => {
    hub = await startFixtureServer({ now: () => now });
  });
  after(() => hub.close());
  const sandbox = (path: string) => `${hub.url}${SANDBOX_OPEN311_PATH}/${path}`;
  const form = (params: Record<string, string>) =>
    fetch(sandbox('requests.json'), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params) });

  it('publishes services.json and service definitions built from the forms', async () => {
    const services = (await (await fetch(sandbox('services.json'))).json()) as Array<{ service_code: string; metadata: boolean; type: string }>;
    assert.deepEqual(services.map((s) => [s.service_code, s.metadata, s.type]), [['CM-01', true, 'realtime']]);
    const definition = (await (await fetch(sandbox('services/CM-01.json'))).json()) as { attributes: Array<{ code: string; datatype: string; required: boolean; values?: unknown[] }> };
    // location, description and mobile are standard fields; the rest are attributes.
    assert.deepEqual(definition.attributes.map((a) => [a.code, a.datatype, a.required]), [['category', 'singlevaluelist', true]]);
    assert.equal((await fetch(sandbox('services/nope.json'))).status, 404);
  });

  it('answers GeoReport errors: 400 without a location or a required attribute, 404 for an unknown service', async () => {
    const cases: Array<[Record<string, string>, number, RegExp]> = [
      [{ service_code: 'CM-01', 'attribute[category]': 'garbage' }, 400, /location is required/],
      [{ service_code: 'CM-01', address_string: '福田区' }, 400, /attribute\[category\] is required/],
      [{ service_code: 'CM-01', address_string: '福田区', 'attribute[category]': 'fireworks' }, 400, /no value fireworks/],
      [{ service_code: 'XX', address_string: '福田区' }, 404, /not found/],
      [{ address_string: '福田区' }, 400, /service_code is required/],
    ];
    for (const [params, status, description] of cases) {
      const res = await form(params);
      assert.equal(res.status, status, JSON.stringify(params));
      const body = (await res.json()) as Array<{ code: number; description: string }>;
      assert.equal(body[0]!.code, status);
      assert.match(body[0]!.description, description);
    }
    const json = await fetch(sandbox('requests.json'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(json.status, 400);
    await json.arrayBuffer();
    assert.equal((await fetch(sandbox('requests/311-nope.json'))).status, 404);
  });

  it('takes a hub report and moves it open → dispatched → closed as the clock runs; the order follows', async () => {
    const res = await postJson(hub.url, PATH, report(1), { token: TOKEN });
    assert.equal(res.status, 201);
    const order = (await resultOf(res)).order!;
    assert.equal(order.forwarded?.host, 'sandbox.cityhub.invalid');
    const id = order.forwarded!.serviceRequestId!;
    assert.match(id, /^311-20261123-\d{6}$/);

    const read = async () => Order.parse(await (await fetch(`${hub.url}/v1/orders/${order.id}`, { headers: auth() })).json());
    assert.equal((await read()).status, 'received');
    now = new Date(FIXED_NOW.getTime() + 11 * 60_000);
    const dispatched = await read();
    assert.equal(dispatched.status, 'processing');
    assert.match(dispatched.timeline.at(-1)!.note!['zh-Hans'], /已派单/);
    now = new Date(FIXED_NOW.getTime() + 4 * 86_400_000);
    const closed = await read();
    assert.equal(closed.status, 'completed');
    assert.deepEqual(closed.timeline.map((e) => e.status), ['received', 'processing', 'completed']);
    const status = (await (await fetch(sandbox(`requests/${id}.json`))).json()) as Array<{ status: string; service_code: string }>;
    assert.deepEqual([status[0]!.status, status[0]!.service_code], ['closed', 'CM-01']);
    now = new Date(FIXED_NOW.getTime() + 5 * 86_400_000);
    assert.deepEqual(await read(), closed, 'a completed order is not asked about again');
  });
});
