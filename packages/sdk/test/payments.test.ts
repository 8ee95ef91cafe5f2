/**
 * `hub.payments` against a fake server (injected fetch): idempotency keys, verifying instead of failing, the
 * client result never being final, amount checks, bounded verification, persistence, adapters' result codes,
 * the state machine and expiry warnings.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Bill, Payment, PaymentStatus } from '@cityhub/schema';
import { memoryCache } from '../src/cache/index.js';
import { createCityHub, type CityHubOptions } from '../src/client.js';
import {
  PaymentAttempt, alipayAdapter, alipayResult, memoryPaymentStore, nextPayState, redirectAdapter, watchExpiry, webStoragePaymentStore,
  wechatAdapter, wechatResult, PAY_TRANSITIONS, type PayEvent, type PayState, type PaymentStore,
} from '../src/payments/index.js';
import { errorBody, fakeFetch, json, sleep, type Handler, type RecordedCall } from './helpers.js';

const API = 'https://api.example.cn/';
const NOW = '2026-11-23T08:00:00.000Z';

const testBill = (amount = 12_300, id = 'bill_test'): Bill => ({
  id, reference: '4403****5678-20261123', service: 'transit-card-top-up', city: '440300',
  payee: { name: { 'zh-Hans': '深圳通' }, provider: 'sz-transit' }, description: { 'zh-Hans': '深圳通充值' },
  amount: { amount, currency: 'CNY' }, payer: '4403****5678', status: 'unpaid',
});

function payment(status: PaymentStatus, extra: Partial<Payment> = {}, bill = testBill()): Payment {
  return {
    id: 'pay_1', billId: bill.id, bill, amount: bill.amount, payee: bill.payee, provider: 'sandbox', status,
    createdAt: NOW, updatedAt: NOW, expiresAt: '2026-11-23T08:15:00.000Z', extensionsLeft: 10,
    timeline: [{ status: 'created', at: NOW, source: 'client' }],
    ...(status === 'awaiting_user' ? { params: { type: 'sandbox' as const, tradeNo: 'SBX1' } } : {}),
    ...extra,
  };
}

const path = (call: RecordedCall) => `${call.method} ${new URL(call.url).pathname}`;

/** A fake hub API: `routes` answers by "METHOD /path" (path patterns with `*`), counting calls. */
function fakeApi(routes: Record<string, (call: RecordedCall, n: number) => Response | Promise<Response>>) {
  const counts = new Map<string, number>();
  const handler: Handler = (call) => {
    const key = path(call);
    const route = Object.keys(routes).find((pattern) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]+')}$`).test(key));
    if (!route) return errorBody(404, 'not_found');
    const n = (counts.get(route) ?? 0) + 1;
    counts.set(route, n);
    return routes[route]!(call, n);
  };
  return { ...fakeFetch(handler), counts };
}

function hub(fetch: CityHubOptions['fetch'], store: PaymentStore = memoryPaymentStore(), extra: Partial<CityHubOptions> = {}) {
  return createCityHub({
    api: API, fetch, cache: memoryCache(), timeout: 200, retry: { limit: 2, backoff: { base: 5, cap: 20 }, deadline: 2000 },
    ...extra,
    payments: { store, verify: { budgetMs: 600, baseMs: 20, capMs: 80 }, ...extra.payments },
  });
}

const networkError = () => Promise.reject(new TypeError('fetch failed'));

describe('hub.payments (fake server)', () => {
  it('creates one Idempotency-Key per payment before the first send, persists it, and reuses it with the identical body', async () => {
    const store = memoryPaymentStore();
    let keyPersistedBeforeSend = false;
    const api = fakeApi({
      'POST /v1/payments': (call, n) => {
        if (n === 1) keyPersistedBeforeSend = (store.get('bill_test') as { idempotencyKey?: string } | undefined)?.idempotencyKey === call.headers['idempotency-key'];
        return n <= 2 ? errorBody(503, 'service_unavailable') : json(payment('awaiting_user'), 201);
      },
    });
    const h = hub(api.fetch, store);
    const created = await h.payments.create(testBill(), { provider: 'sandbox' });
    assert.equal(created.id, 'pay_1');
    const posts = api.calls.filter((c) => path(c) === 'POST /v1/payments');
    assert.equal(posts.length, 3, 'two 503s retried');
    assert.ok(keyPersistedBeforeSend, 'the key was persisted before the first request left');
    assert.equal(new Set(posts.map((c) => c.headers['idempotency-key'])).size, 1, 'one key for every attempt');
    assert.equal(new Set(posts.map((c) => c.body)).size, 1, 'identical bodies');
    assert.deepEqual(JSON.parse(posts[0]!.body), { billId: 'bill_test', provider: 'sandbox' });
    // A reload (same store) reuses the key: the server would replay, never create a second payment.
    const again = await createCityHub({ api: API, fetch: api.fetch, cache: memoryCache(), payments: { store } }).payments.create(testBill(), { provider: 'sandbox' });
    assert.equal(again.id, 'pay_1');
    assert.equal(api.calls.filter((c) => path(c) === 'POST /v1/payments').at(-1)!.headers['idempotency-key'], posts[0]!.headers['idempotency-key']);
    console.log(`idempotency key: 3 attempts (2×503) + 1 reload, 1 key, 1 body; persisted before the first send: ${keyPersistedBeforeSend}`);
    // Every mutating payment request carries a key.
    assert.ok(api.calls.every((c) => c.method !== 'POST' || c.headers['idempotency-key']));
  });

  it('50 concurrent pay() triggers join one attempt: one create request', async () => {
    const api = fakeApi({
      'POST /v1/payments': async () => {
        await sleep(20);
        return json(payment('awaiting_user'), 201);
      },
      'POST /v1/sandbox/wallet/*': () => json({ result: 'ok' }),
      'POST /v1/payments/*/confirm': () => json(payment('succeeded')),
      'GET /v1/payments/*': () => json(payment('succeeded')),
    });
    const h = hub(api.fetch);
    const results = await Promise.all(Array.from({ length: 50 }, () => h.payments.pay(testBill(), { provider: 'sandbox', confirm: true })));
    assert.equal(new Set(results).size, 1, 'every trigger got the same result object');
    assert.equal(results[0]!.state, 'succeeded');
    assert.equal(api.counts.get('POST /v1/payments'), 1);
    assert.equal(api.counts.get('POST /v1/sandbox/wallet/*'), 1);
  });

  it('a timeout or network error on any payment call moves to verifying and asks the server — never "failed"', async () => {
    const api = fakeApi({
      'POST /v1/payments': () => json(payment('awaiting_user'), 201),
      'POST /v1/sandbox/wallet/*': () => networkError(),
      'POST /v1/payments/*/confirm': () => new Promise<Response>(() => {}), // times out
      'GET /v1/payments/*': (_c, n) => (n <= 3 ? networkError() : json(payment(n < 5 ? 'processing' : 'succeeded'))),
    });
    const h = hub(api.fetch);
    const seen: PayState[] = [];
    const pay = h.payments.pay(testBill(), { provider: 'sandbox', confirm: true });
    h.payments.attempt('bill_test')!.subscribe((s) => seen.push(s.state));
    const result = await pay;
    assert.equal(result.state, 'succeeded');
    assert.ok(seen.includes('verifying'));
    assert.ok(!seen.includes('failed'));
    // And when the server never answers at all: pending with a reference, still never failed.
    const silent = fakeApi({ '*': () => networkError(), 'POST /v1/payments': () => networkError() });
    const h2 = hub(silent.fetch);
    const started = Date.now();
    const r2 = await h2.payments.pay(testBill(), { provider: 'sandbox', confirm: true });
    const elapsed = Date.now() - started;
    assert.equal(r2.state, 'pending');
    assert.equal(r2.reason, 'create_unconfirmed');
    assert.equal(r2.reference, testBill().reference);
    assert.ok(!h2.payments.attempt('bill_test')!.history.some((t) => t.to === 'failed'));
    // The wallet says "fail" and the server cannot be reached: still not "failed" (the server may know better).
    const unreachable = fakeApi({
      'POST /v1/payments': () => json(payment('awaiting_user'), 201),
      'POST /v1/sandbox/wallet/*': () => json({ result: 'fail' }),
      'GET /v1/payments/*': () => networkError(),
    });
    const r3 = await hub(unreachable.fetch).payments.pay(testBill(), { provider: 'sandbox', confirm: true });
    assert.equal(r3.state, 'pending');
    console.log(`network errors everywhere: pending after ${elapsed} ms (budget 600 ms), reference ${r2.reference}; states ${h2.payments.attempt('bill_test')!.history.map((t) => t.to).join(' → ')}`);
  });

  it('verification backs off with jitter inside its total budget, then returns pending with a reference', async () => {
    const times: number[] = [];
    const api = fakeApi({ 'GET /v1/payments/*': () => (times.push(Date.now()), json(payment('processing'))) });
    const h = hub(api.fetch);
    const started = Date.now();
    const result = await h.payments.verify('pay_1', { budgetMs: 1500, baseMs: 50, capMs: 400 });
    const elapsed = Date.now() - started;
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    console.log(`verify: ${result.polls} polls in ${elapsed} ms (budget 1500), gaps ${gaps.join(', ')} ms → ${result.state} (${result.reason}), reference ${result.reference}`);
    assert.equal(result.state, 'pending');
    assert.equal(result.reason, 'budget_exhausted');
    assert.equal(result.reference, 'pay_1');
    assert.ok(elapsed <= 1500 + 100, 'within the budget');
    assert.ok(result.polls >= 4 && result.polls <= 12);
    assert.ok(gaps.at(-1)! > gaps[0]!, 'waits grow');
    assert.ok(gaps.every((g) => g <= 400 + 40), 'capped');
  });

  it('lists a bill\'s payments item by item: a payment that does not parse is dropped and reported, the rest kept in order', async () => {
    const reports: unknown[] = [];
    const second = payment('failed', { id: 'pay_2' });
    const api = fakeApi({ 'GET /v1/payments': () => json({ payments: [payment('succeeded'), { ...second, amount: { amount: -1, currency: 'CNY' } }, { ...second, id: 'pay_3' }] }) });
    const client = hub(api.fetch, memoryPaymentStore(), { onInvalid: (report) => reports.push(report) });
    const list = await client.payments.list('bill_test');
    assert.deepEqual(list.map((p) => p.id), ['pay_1', 'pay_3']);
    assert.deepEqual(reports, [{ resource: 'payments', index: 1, path: '/payments/1/amount/amount', code: 'too_small' }]);
    assert.equal(new URL(api.calls[0]!.url).searchParams.get('billId'), 'bill_test');
  });

  it('client success while the server says unpaid is never succeeded; amount or bill mismatch is never succeeded', async () => {
    const rows: string[] = [];
    const run = async (label: string, server: Payment, bill = testBill()) => {
      const api = fakeApi({
        'POST /v1/payments': () => json(payment('awaiting_user', {}, bill), 201),
        'POST /v1/sandbox/wallet/*': () => json({ result: 'ok' }),
        'POST /v1/payments/*/confirm': () => json(server),
        'GET /v1/payments/*': () => json(server),
      });
      const result = await hub(api.fetch).payments.pay(bill, { provider: 'sandbox', confirm: true });
      rows.push(`${label}: ${result.state}${result.reason ? ` (${result.reason})` : ''}`);
      return result;
    };
    assert.equal((await run('wallet ok, server processing', payment('processing'))).state, 'pending');
    assert.equal((await run('wallet ok, server awaiting_user', payment('awaiting_user'))).state, 'pending');
    const cheaper = payment('succeeded', { amount: { amount: 1, currency: 'CNY' } });
    assert.equal((await run('server succeeded for 1 fen', cheaper)).reason, 'mismatch');
    const otherBill = payment('succeeded', {}, testBill(12_300, 'bill_other'));
    assert.notEqual((await run('server succeeded for another bill', otherBill)).state, 'succeeded');
    const inconsistent = payment('succeeded', { bill: testBill(99_999) });
    assert.notEqual((await run('server amount ≠ its own bill', inconsistent)).state, 'succeeded');
    assert.equal((await run('server succeeded, same bill and amount', payment('succeeded'))).state, 'succeeded');
    console.log(`client result vs server truth: ${rows.join('; ')}`);
  });

  it('maps WeChat Pay and Alipay JSAPI results; a bridge that never calls back is unknown, a second callback is ignored', async () => {
    const wx = [
      ['get_brand_wcpay_request:ok', 'claimed_success'], ['get_brand_wcpay_request:cancel', 'canceled'],
      ['get_brand_wcpay_request:fail', 'failed'], ['get_brand_wcpay_request:unexpected', 'unknown'], [undefined, 'unknown'],
    ] as const;
    for (const [code, outcome] of wx) assert.equal(wechatResult(code).outcome, outcome, String(code));
    const ali = [['9000', 'claimed_success'], ['8000', 'unknown'], ['6004', 'unknown'], ['6002', 'unknown'], ['5000', 'unknown'],
      ['6001', 'canceled'], ['4000', 'failed'], ['99', 'unknown'], [9000, 'claimed_success']] as const;
    for (const [code, outcome] of ali) assert.equal(alipayResult(code).outcome, outcome, String(code));
    console.log(`WeChat: ${wx.map(([c, o]) => `${c ?? '(none)'}→${o}`).join(', ')}`);
    console.log(`Alipay: ${ali.map(([c, o]) => `${c}→${o}`).join(', ')}`);

    const ctx = { http: undefined as never, apiUrl: (p: string) => new URL(p, API) };
    const wxPayment = payment('awaiting_user', { provider: 'wechat', params: { type: 'wechat', appId: 'wx1', timeStamp: '1', nonceStr: 'n', package: 'prepay_id=SBX1', signType: 'HMAC-SHA256', paySign: 'S' } });
    const invoked: Array<[string, Record<string, string>]> = [];
    const twice = wechatAdapter({ bridge: () => ({ invoke: (name, params, cb) => {
      invoked.push([name, params]);
      cb({ err_msg: 'get_brand_wcpay_request:cancel' });
      cb({ err_msg: 'get_brand_wcpay_request:ok' });
    } }) });
    assert.equal((await twice.invoke(wxPayment, ctx)).outcome, 'canceled', 'the first callback wins');
    assert.equal(invoked[0]![0], 'getBrandWCPayRequest');
    assert.deepEqual(Object.keys(invoked[0]![1]).sort(), ['appId', 'nonceStr', 'package', 'paySign', 'signType', 'timeStamp']);
    const silent = wechatAdapter({ bridge: () => ({ invoke: () => undefined }), timeoutMs: 30 });
    assert.deepEqual(await silent.invoke(wxPayment, ctx), { outcome: 'unknown', code: 'timeout' });
    await assert.rejects(wechatAdapter({ bridge: () => undefined }).invoke(wxPayment, ctx), { code: 'provider_unavailable' });

    const aliPayment = payment('awaiting_user', { provider: 'alipay', params: { type: 'alipay', tradeNO: 'T1' } });
    const calls: unknown[] = [];
    const ali8000 = alipayAdapter({ bridge: () => ({ call: (name, params, cb) => (calls.push([name, params]), cb({ resultCode: '8000' })) }) });
    assert.equal((await ali8000.invoke(aliPayment, ctx)).outcome, 'unknown');
    assert.deepEqual(calls[0], ['tradePay', { tradeNO: 'T1' }]);
    assert.equal(wechatAdapter({ bridge: () => undefined }).available(), false);
  });

  it('the redirect adapter refuses unsafe hosted-page URLs and never navigates to them', async () => {
    const went: string[] = [];
    const adapter = redirectAdapter({ navigate: (url) => void went.push(url), allowedHosts: ['pay.example.cn'] });
    const ctx = { http: undefined as never, apiUrl: (p: string) => new URL(p, API) };
    const withUrl = (nextUrl: string) => payment('awaiting_user', { provider: 'redirect', params: { type: 'redirect', nextUrl } });
    assert.equal((await adapter.invoke(withUrl('https://pay.example.cn/c/1'), ctx)).outcome, 'navigated');
    for (const bad of ['https://evil.example/c/1', 'https://pay.example.cn@evil.example/', 'http://pay.example.cn/c/1']) {
      assert.equal((await adapter.invoke(withUrl(bad), ctx)).outcome, 'failed', bad);
    }
    assert.deepEqual(went, ['https://pay.example.cn/c/1']);
  });

  it('persists only {paymentId, idempotencyKey, step}; a reload resumes to the server\'s truth without a new payment', async () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
      key: (i: number) => [...data.keys()][i] ?? null,
      get length() {
        return data.size;
      },
    };
    const snapshots: string[] = [];
    // The page "reloads" while the user is in the wallet: this tab never hears back from it.
    const tab = fakeApi({
      'POST /v1/payments': () => json(payment('awaiting_user'), 201),
      'POST /v1/sandbox/wallet/*': () => sleep(400).then(() => errorBody(400, 'bad_request')),
      'GET /v1/payments/*': () => json(payment('awaiting_user')),
    });
    const api = fakeApi({
      'POST /v1/payments': () => json(payment('awaiting_user'), 201),
      'GET /v1/payments/*': (_c, n) => json(payment(n === 1 ? 'processing' : 'succeeded')),
    });
    const store = webStoragePaymentStore({ storage });
    const first = hub(tab.fetch, store, { timeout: 5000 });
    void first.payments.pay(testBill(), { provider: 'sandbox', confirm: true });
    for (let i = 0; i < 50 && !data.size; i++) await sleep(2);
    await sleep(30);
    for (const value of data.values()) snapshots.push(value);
    assert.equal(data.size, 1);
    const [slot, stored] = [...data.entries()][0]!;
    assert.equal(slot, 'cityhub:payment:bill_test');
    assert.deepEqual(Object.keys(JSON.parse(stored)).sort(), ['idempotencyKey', 'paymentId', 'step']);
    assert.ok(!/12300|深圳|4403|sandbox|SBX/.test(stored), 'no amount, payee, payer or provider parameters');

    // "Reload": a new client with the same storage.
    const reloaded = hub(api.fetch, webStoragePaymentStore({ storage }));
    assert.deepEqual(await reloaded.payments.inProgress(), ['bill_test']);
    const resumed = await reloaded.payments.resume(testBill());
    assert.equal(resumed?.state, 'succeeded');
    assert.equal(api.counts.get('POST /v1/payments'), undefined, 'no new payment');
    assert.equal(data.size, 0, 'forgotten once settled');
    console.log(`persisted: ${snapshots.join(' ')}`);
  });

  it('state machine: a table of transitions; events not allowed in a state are ignored', () => {
    const attempt = new PaymentAttempt('bill_test', testBill());
    const p = payment('awaiting_user');
    const steps: Array<[PayEvent, boolean]> = [
      [{ type: 'settled', state: 'succeeded' }, false], // nothing to settle yet
      [{ type: 'start', confirm: true }, true],
      [{ type: 'created', payment: p }, false], // not before confirming
      [{ type: 'confirmed' }, true],
      [{ type: 'created', payment: p }, true],
      [{ type: 'provider_result', result: { outcome: 'claimed_success' } }, true],
      [{ type: 'settled', state: 'succeeded', payment: payment('succeeded') }, true],
      [{ type: 'provider_result', result: { outcome: 'failed' } }, false], // a late callback
      [{ type: 'settled', state: 'failed' }, false],
      [{ type: 'start', confirm: false }, false], // a paid bill is not paid again from here
    ];
    for (const [event, allowed] of steps) assert.equal(attempt.send(event), allowed, `${event.type} in ${attempt.state}`);
    assert.equal(attempt.state, 'succeeded');
    assert.deepEqual(attempt.history.map((h) => h.to), ['confirming', 'creating', 'awaiting_user', 'verifying', 'succeeded']);
    // No path reaches `failed` from an uncertainty: `uncertain` only ever leads to `verifying`.
    for (const [state, events] of Object.entries(PAY_TRANSITIONS)) {
      if (events.uncertain) assert.equal(nextPayState(state as PayState, { type: 'uncertain' }), 'verifying');
    }
    const total = Object.values(PAY_TRANSITIONS).reduce((n, e) => n + Object.keys(e).length, 0);
    console.log(`state machine: ${Object.keys(PAY_TRANSITIONS).length} states, ${total} transitions`);
  });

  it('confirm before paying: the details shown are amount, payee, bill reference and masked payer; "no" creates nothing', async () => {
    const api = fakeApi({ 'POST /v1/payments': () => json(payment('awaiting_user'), 201) });
    const h = hub(api.fetch);
    let shown: unknown;
    const result = await h.payments.pay(testBill(), { provider: 'sandbox', confirm: (details) => ((shown = details), false) });
    assert.equal(result.state, 'idle');
    assert.equal(result.reason, 'not_confirmed');
    assert.deepEqual(shown, {
      billId: 'bill_test', amount: { amount: 12_300, currency: 'CNY' }, payee: { 'zh-Hans': '深圳通' }, reference: '4403****5678-20261123',
      description: { 'zh-Hans': '深圳通充值' }, payer: '4403****5678',
    });
    assert.equal(api.calls.length, 0);
    assert.throws(() => h.payments.pay(testBill(), { provider: 'sandbox' } as never), /confirm/);
  });

  it('warns at least 20 s before an unpaid payment expires (WCAG 2.2.1)', async () => {
    let now = Date.parse(NOW);
    const warned: number[] = [];
    let expired = false;
    const p = payment('awaiting_user', { expiresAt: new Date(now + 20_050).toISOString() });
    const stop = watchExpiry(p, { onWarn: (left) => warned.push(left), onExpire: () => (expired = true), now: () => now, warnBeforeMs: 5000 });
    await sleep(80);
    now += 80;
    assert.equal(warned.length, 1, 'warned');
    assert.ok(warned[0]! >= 19_900, `warned with ${warned[0]} ms left (≥ 20 s even when asked for 5 s)`);
    assert.equal(expired, false);
    stop();
    assert.equal(typeof watchExpiry(payment('succeeded'), { onWarn: () => assert.fail('no warning for a paid payment') }), 'function');
  });
});
