/**
 * `hub.payments` against the real reference server over loopback: concurrent triggers (fast-check), WeChat /
 * Alipay bridges and the redirect page end to end with the sandbox provider, resuming after a reload at each step,
 * and the sandbox's magic amounts through the SDK.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Bill } from '@cityhub/schema';
import { createCityHub } from '../src/client.js';
import { memoryCache } from '../src/cache/index.js';
import {
  alipayAdapter, memoryPaymentStore, redirectAdapter, sandboxAdapter, wechatAdapter, type AlipayJSBridgeLike, type PaymentStore,
  type WeixinJSBridgeLike,
} from '../src/payments/index.js';
import { SECRET, bill, hubFor, hubOptions, paymentCatalog, printTable } from './payments-helpers.js';

type ServerModule = typeof import('@cityhub/server');
let serverModule: ServerModule | undefined;
try {
  serverModule = await import('@cityhub/server');
} catch (error) {
  console.log(`payments × server tests skipped: @cityhub/server is not available (${(error as Error).message})`);
}

describe('hub.payments × reference server (loopback)', { skip: serverModule ? false : 'no @cityhub/server' }, () => {
  let running: Awaited<ReturnType<ServerModule['startServer']>>;
  let api: string;
  let plain: ReturnType<typeof hubFor>;
  before(async () => {
    running = await serverModule!.startServer({
      catalog: paymentCatalog(), onError: () => {},
      payments: { secret: SECRET, notifyDelayMs: 40, providerTimeoutMs: 200, outboxIntervalMs: 20 },
    });
    api = running.url;
    plain = hubFor(api, { timeout: 5000 });
  });
  after(() => running?.close());

  const ledger = (billId: string) => ({
    payments: running.store.payments.listPaymentsOfBill(billId, null).length,
    charges: running.store.payments.chargesOfBill(billId).length,
  });

  /** The sandbox wallet, called the way a wallet app would: the user pays (or not) at the provider. */
  const walletPay = async (tradeNo: string, action: 'pay' | 'cancel' = 'pay') => {
    const res = await fetch(`${api}/v1/sandbox/wallet/${tradeNo}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action }) });
    return res.ok;
  };

  it('N ∈ [2, 50] concurrent pay triggers → 1 payment and ≤ 1 charge (one tab, and N tabs with their own stores)', async () => {
    let runs = 0;
    let triggers = 0;
    const seen: Array<[number, number, number, number]> = [];
    await fc.assert(fc.asyncProperty(fc.integer({ min: 2, max: 50 }), fc.boolean(), async (n, separateTabs) => {
      runs++;
      triggers += n;
      const target = await bill(plain, 1500);
      let posts = 0;
      const counting = (input: Request | string | URL, init?: RequestInit) => {
        const request = input instanceof Request ? input : new Request(input, init);
        if (request.method === 'POST' && new URL(request.url).pathname === '/v1/payments') posts++;
        return fetch(request);
      };
      const oneTab = hubFor(api, { fetch: counting, timeout: 5000 });
      const results = await Promise.all(Array.from({ length: n }, () => {
        const hub = separateTabs ? hubFor(api, { fetch: counting, timeout: 5000 }) : oneTab;
        return hub.payments.pay(target, { provider: 'sandbox', confirm: true });
      }));
      const { payments, charges } = ledger(target.id);
      seen.push([n, posts, payments, charges]);
      assert.equal(payments, 1, `${n} triggers made ${payments} payments`);
      assert.ok(charges <= 1, `${charges} charges`);
      assert.ok(results.every((r) => r.state === 'succeeded' || r.state === 'pending'), results.map((r) => r.state).join());
      assert.ok(results.some((r) => r.state === 'succeeded'));
      if (!separateTabs) assert.equal(posts, 1, 'one tab sends one create');
    }), { numRuns: 10, seed: 20261123 });
    const maxN = Math.max(...seen.map((s) => s[0]));
    console.log(`concurrent triggers: ${runs} runs, ${triggers} triggers (N ${Math.min(...seen.map((s) => s[0]))}–${maxN}); ` +
      `create requests per run up to ${Math.max(...seen.map((s) => s[1]))}; payments per bill max ${Math.max(...seen.map((s) => s[2]))}; ` +
      `charges per bill max ${Math.max(...seen.map((s) => s[3]))}`);
  });

  it('WeChat Pay JSAPI: ok/cancel/fail callbacks only lead to verifying; the server decides', async () => {
    const rows: Array<Array<string | number>> = [];
    /** A fake in-WeChat bridge: does `act` at the sandbox provider, then answers `errMsg`. */
    const bridge = (act: 'pay' | 'cancel' | 'nothing', errMsg: string): WeixinJSBridgeLike => ({
      invoke(name, params, cb) {
        assert.equal(name, 'getBrandWCPayRequest');
        const tradeNo = params.package!.slice('prepay_id='.length);
        void (act === 'nothing' ? Promise.resolve(true) : walletPay(tradeNo, act)).then(() => cb({ err_msg: errMsg }));
      },
    });
    const cases: Array<[string, 'pay' | 'cancel' | 'nothing', string, number, string]> = [
      ['user paid', 'pay', 'get_brand_wcpay_request:ok', 1600, 'succeeded'],
      ['ok but nothing paid', 'nothing', 'get_brand_wcpay_request:ok', 1700, 'pending'],
      ['user canceled', 'cancel', 'get_brand_wcpay_request:cancel', 1800, 'canceled'],
      ['wallet failed, unpaid', 'nothing', 'get_brand_wcpay_request:fail', 1900, 'failed'],
      ['"fail" but the user paid', 'pay', 'get_brand_wcpay_request:fail', 2000, 'succeeded'],
      ['declined (¥x.91)', 'pay', 'get_brand_wcpay_request:fail', 2091, 'failed'],
    ];
    for (const [label, act, errMsg, amount, expected] of cases) {
      const target = await bill(plain, amount);
      const hub = hubFor(api, { payments: { adapters: { wechat: wechatAdapter({ bridge: () => bridge(act, errMsg) }) }, verify: { budgetMs: 600, baseMs: 30, capMs: 100 } } });
      const result = await hub.payments.pay(target, { provider: 'wechat', confirm: true });
      const { charges } = ledger(target.id);
      rows.push([label, errMsg.split(':')[1]!, result.state, result.payment?.status ?? '-', charges]);
      assert.equal(result.state, expected, label);
      assert.equal(charges, expected === 'succeeded' ? 1 : 0, label);
      assert.ok(hub.payments.attempt(target.id)!.history.some((t) => t.to === 'verifying'), 'every callback goes through verifying');
    }
    printTable('WeChat JSAPI through the SDK', ['case', 'err_msg', 'SDK result', 'server status', 'charges'], rows);
  });

  it('Alipay JSAPI: 9000 is only a claim, 8000/6004 are unknown, 6001 cancels, 4000 fails only if the server agrees', async () => {
    const rows: Array<Array<string | number>> = [];
    const bridge = (act: 'pay' | 'cancel' | 'nothing', resultCode: string): AlipayJSBridgeLike => ({
      call(name, params, cb) {
        assert.equal(name, 'tradePay');
        void (act === 'nothing' ? Promise.resolve(true) : walletPay(params.tradeNO!, act)).then(() => cb({ resultCode }));
      },
    });
    const cases: Array<[string, 'pay' | 'cancel' | 'nothing', string, number, string]> = [
      ['paid', 'pay', '9000', 2100, 'succeeded'],
      ['9000 but nothing paid', 'nothing', '9000', 2200, 'pending'],
      ['processing, then paid', 'pay', '8000', 2392, 'succeeded'],
      ['unknown, paid', 'pay', '6004', 2400, 'succeeded'],
      ['unknown, nothing paid', 'nothing', '6004', 2500, 'pending'],
      ['network error, paid', 'pay', '6002', 2600, 'succeeded'],
      ['user canceled', 'cancel', '6001', 2700, 'canceled'],
      ['failed, unpaid', 'nothing', '4000', 2800, 'failed'],
    ];
    for (const [label, act, code, amount, expected] of cases) {
      const target = await bill(plain, amount);
      const hub = hubFor(api, { payments: { adapters: { alipay: alipayAdapter({ bridge: () => bridge(act, code) }) }, verify: { budgetMs: 600, baseMs: 30, capMs: 100 } } });
      const result = await hub.payments.pay(target, { provider: 'alipay', confirm: true });
      const { charges } = ledger(target.id);
      rows.push([label, code, result.state, result.payment?.status ?? '-', charges]);
      assert.equal(result.state, expected, label);
      assert.equal(charges, expected === 'succeeded' ? 1 : 0, label);
    }
    printTable('Alipay JSAPI through the SDK', ['case', 'resultCode', 'SDK result', 'server status', 'charges'], rows);
    // A failed attempt leaves the payment open: paying again reuses it (still one payment for the bill).
    const target = await bill(plain, 2900);
    const store = memoryPaymentStore();
    const failing = hubFor(api, { payments: { store, adapters: { alipay: alipayAdapter({ bridge: () => bridge('nothing', '4000') }) } } });
    const failed = await failing.payments.pay(target, { provider: 'alipay', confirm: true });
    assert.equal(failed.state, 'failed');
    const retry = hubFor(api, { payments: { store, adapters: { alipay: alipayAdapter({ bridge: () => bridge('pay', '9000') }) } } });
    const paid = await retry.payments.pay(target, { provider: 'alipay', confirm: true });
    assert.equal(paid.state, 'succeeded');
    assert.equal(paid.paymentId, failed.paymentId);
    assert.deepEqual(ledger(target.id), { payments: 1, charges: 1 });
  });

  it('redirect: out to the hosted page through `navigate`, back to returnUrl, verified by resume()', async () => {
    const target = await bill(plain, 3000);
    const store = memoryPaymentStore();
    let went = '';
    const hub = hubFor(api, { payments: { store, adapters: { redirect: redirectAdapter({ navigate: (url) => void (went = url) }) } } });
    const out = await hub.payments.pay(target, { provider: 'redirect', returnUrl: 'https://host.example.cn/back', confirm: true });
    assert.equal(out.state, 'awaiting_user');
    assert.equal(out.reason, 'redirected');
    assert.match(went, /\/v1\/sandbox\/pay\/SBX/);
    // The user on the hosted page pays and is sent back.
    const page = await fetch(went, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'action=pay' });
    assert.equal(page.status, 303);
    assert.equal(page.headers.get('location'), `https://host.example.cn/back?payment=${out.paymentId}`);
    // The return page is a fresh load: a new client with the same (session) store.
    const back = hubFor(api, { payments: { store } });
    const result = await back.payments.resume(target);
    assert.equal(result?.state, 'succeeded');
    assert.deepEqual(ledger(target.id), { payments: 1, charges: 1 });
  });

  it('resumes after a reload at every step from {paymentId, idempotencyKey, step} only, without a new payment', async () => {
    const rows: Array<Array<string | number>> = [];
    /** A tab that dies at `step`: its requests stop there (the request of that step is lost). */
    const dyingAt = (stepPath: RegExp, method: string) => (input: Request | string | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      if (request.method === method && stepPath.test(new URL(request.url).pathname)) {
        // The request never gets an answer (the tab is gone); only its own abort ends the wait.
        return new Promise<Response>((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true }));
      }
      return fetch(request);
    };
    const steps: Array<[string, RegExp, string, 'pay' | 'nothing', number]> = [
      ['creating (create request lost)', /^\/v1\/payments$/, 'POST', 'nothing', 3100],
      ['awaiting_user (before the wallet)', /^\/v1\/sandbox\/wallet\//, 'POST', 'nothing', 3200],
      ['awaiting_user (paid in the wallet, no confirm)', /\/confirm$/, 'POST', 'pay', 3300],
      ['verifying (confirm sent, no status read)', /^\/v1\/payments\/[^/]+$/, 'GET', 'pay', 3492],
    ];
    for (const [label, stepPath, method, act, amount] of steps) {
      const target = await bill(plain, amount);
      const store: PaymentStore = memoryPaymentStore();
      const wallet = sandboxAdapter();
      const tab = createCityHub({ ...hubOptions(api), fetch: dyingAt(stepPath, method), timeout: 2000, payments: { store, adapters: { sandbox: wallet }, verify: { budgetMs: 1000 } } });
      void tab.payments.pay(target, { provider: 'sandbox', confirm: true });
      // Wait until the tab is stuck at its step.
      for (let i = 0; i < 200; i++) {
        const record = await store.get(target.id);
        const attempt = tab.payments.attempt(target.id);
        const stuck = label.startsWith('creating') ? record !== undefined
          : label.startsWith('verifying') ? attempt?.state === 'verifying'
            : attempt?.state === 'awaiting_user' || attempt?.state === 'verifying';
        if (stuck) break;
        await new Promise((r) => setTimeout(r, 5));
      }
      await new Promise((r) => setTimeout(r, 30));
      const persisted = { ...(await store.get(target.id))! };
      if (act === 'pay' && label.includes('no confirm')) {
        const tradeNo = running.store.payments.listPaymentsOfBill(target.id, null)[0]!.params;
        assert.equal(tradeNo?.type, 'sandbox');
      }
      // Reload: a new client, the same store.
      const reloaded = hubFor(api, { timeout: 5000, payments: { store } });
      let result = await reloaded.payments.resume(target, { provider: 'sandbox' });
      let path = result?.state ?? 'none';
      if (result?.state === 'awaiting_user') {
        // Back in the wallet with the same payment: the user pays this time.
        result = await reloaded.payments.pay(target, { provider: 'sandbox', confirm: true });
        path += ` → pay again → ${result.state}`;
      }
      const { payments, charges } = ledger(target.id);
      rows.push([label, `${persisted.step}${persisted.paymentId ? ' +id' : ''}`, path, payments, charges]);
      assert.deepEqual(Object.keys(persisted).sort().filter((k) => !['paymentId', 'idempotencyKey', 'step'].includes(k)), []);
      assert.equal(result?.state, 'succeeded', label);
      assert.equal(payments, 1, label);
      assert.equal(charges, 1, label);
    }
    printTable('Resume after a reload', ['reloaded while', 'persisted step', 'resume →', 'payments', 'charges'], rows);
  });

  it('the sandbox magic amounts through hub.payments.pay()', async () => {
    const rows: Array<Array<string | number>> = [];
    const expected: Record<number, string> = { 0: 'succeeded', 91: 'failed', 92: 'succeeded', 93: 'succeeded', 94: 'succeeded', 95: 'pending', 96: 'succeeded' };
    await Promise.all(Object.entries(expected).map(async ([fen, state]) => {
      const amount = 4000 + Number(fen);
      const target = await bill(plain, amount);
      const hub = hubFor(api, { payments: { verify: { budgetMs: 1500, baseMs: 30, capMs: 150 } } });
      const started = Date.now();
      const result = await hub.payments.pay(target, { provider: 'sandbox', confirm: true });
      const ms = Date.now() - started;
      await new Promise((r) => setTimeout(r, 150));
      const { payments, charges } = ledger(target.id);
      rows.push([`¥${(amount / 100).toFixed(2)}`, serverModule!.scenarioFor(amount), result.state, result.reason ?? '', ms, payments, charges]);
      assert.equal(result.state, state, `¥${amount / 100}`);
      assert.equal(charges, state === 'succeeded' ? 1 : 0);
      if (state === 'pending') assert.equal(result.reference, result.paymentId, 'pending shows a reference');
    }));
    rows.sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    printTable('Sandbox scenarios through the SDK', ['amount', 'scenario', 'result', 'reason', 'ms', 'payments', 'charges'], rows);
  });

  it('extend adds time (a key per call); the order of a paid bill is in hub.orders()', async () => {
    const target: Bill = await bill(plain, 5000);
    const hub = createCityHub({ ...hubOptions(api), identity: async () => ({ token: 'sandbox-payer' }), cache: memoryCache() });
    const created = await hub.payments.create(target, { provider: 'sandbox' });
    const extended = await hub.payments.extend(created.id);
    assert.equal(Date.parse(extended.expiresAt) - Date.parse(created.expiresAt), 10 * 60_000);
    assert.equal(extended.extensionsLeft, created.extensionsLeft - 1);
    const result = await hub.payments.pay(target, { provider: 'sandbox', confirm: true });
    assert.equal(result.state, 'succeeded');
    assert.equal(result.paymentId, created.id);
    const { orders } = await hub.orders();
    const order = orders.find((o) => o.id === result.payment!.orderId);
    assert.ok(order);
    assert.deepEqual(order.timeline.map((e) => e.status), ['received', 'processing', 'completed']);
  });
});
