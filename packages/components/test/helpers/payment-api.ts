/**
 * A payments API in the page, for the real SDK through its injected `fetch`: the reference server's payment rules
 * (idempotency keys with 422 on a changed body, one live or succeeded payment per bill, expiry, extend, a sandbox
 * wallet, `GET /v1/payments?billId`) without a server, so `<city-payment>` can be driven into every state. Tests
 * steer it: `outcome` decides what the provider does once the user pays, `hold()` keeps matching requests waiting.
 */
import { Bill, type Payment, type PaymentProvider } from '@cityhub/schema';
import { createCityHub, memoryCache, sandboxAdapter, webStoragePaymentStore, type CityHub, type PaymentAdapter } from '@cityhub/sdk';
import { sandboxWallet } from '../../src/payment/wallet.js';
import { deferred, type Deferred } from './fake-client.js';

export const API = 'https://api.cityhub.test/';

/** What the provider does after the user pays in the wallet. */
export type Outcome = 'success' | 'decline' | 'never';

interface Held {
  match: (method: string, path: string) => boolean;
  /** How many more requests to hold. */
  times: number;
  gate: Deferred<void>;
  arrived: Deferred<void>;
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export class FakePaymentApi {
  readonly bills = new Map<string, Bill>();
  readonly payments = new Map<string, Payment>();
  /** Every request as `METHOD /path?query`. */
  readonly requests: string[] = [];
  outcome: Outcome = 'success';
  /** How long a new payment stays payable. */
  ttlMs = 15 * 60_000;
  private readonly keys = new Map<string, { body: string; id: string }>();
  private readonly paid = new Set<string>();
  private held: Held[] = [];
  private seq = 0;

  addBill(bill: Bill): Bill {
    this.bills.set(bill.id, bill);
    return bill;
  }

  /** Payments of a bill, as the server counts them. */
  paymentsOf(billId: string): Payment[] {
    return [...this.payments.values()].filter((p) => p.billId === billId);
  }

  /** The provider took the money for this payment (what a wallet app does when the user pays). */
  markPaid(paymentId: string): void {
    this.paid.add(paymentId);
  }

  count(pattern: RegExp): number {
    return this.requests.filter((r) => pattern.test(r)).length;
  }

  /**
   * The next `times` requests matching `method` and `path` wait for `release()` (the SDK's per-attempt timeout then
   * retries them: hold `Infinity` times to keep a step on screen); `arrived` resolves when the first one comes.
   */
  hold(method: string, path: RegExp, times = 1): { arrived: Promise<void>; release: () => void } {
    const held: Held = { match: (m, p) => m === method && path.test(p), times, gate: deferred(), arrived: deferred() };
    this.held.push(held);
    return { arrived: held.arrived.promise, release: () => held.gate.resolve() };
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const path = url.pathname;
    this.requests.push(`${request.method} ${path}${url.search}`);
    const held = this.held.find((h) => h.match(request.method, path));
    if (held) {
      held.times -= 1;
      if (held.times <= 0) this.held = this.held.filter((h) => h !== held);
      held.arrived.resolve();
      await held.gate.promise;
    }
    const body = request.method === 'POST' ? await request.text() : '';
    return this.answer(request.method, path, url.searchParams, body, request.headers.get('idempotency-key'));
  };

  private answer(method: string, path: string, query: URLSearchParams, body: string, key: string | null): Response {
    const [, , resource, id, action] = path.split('/'); // '', 'v1', 'payments' | 'sandbox', id, action
    if (resource === 'sandbox') return this.wallet(action ?? '', body);
    if (resource !== 'payments') return json(404, { error: { code: 'not_found', message: path } });
    if (!id) {
      if (method === 'GET') {
        const list = this.paymentsOf(query.get('billId') ?? '').map((p) => this.read(p.id)!).reverse();
        return json(200, { payments: list });
      }
      return this.create(body, key);
    }
    const payment = this.read(id);
    if (!payment) return json(404, { error: { code: 'not_found', message: 'no such payment' } });
    if (method === 'GET') return json(200, payment);
    if (action === 'confirm') {
      if (payment.status === 'awaiting_user' && this.paid.has(payment.id)) return json(200, this.update(payment, 'processing', 'confirmed'));
      return json(200, this.read(payment.id));
    }
    if (action === 'cancel') {
      if (payment.status !== 'awaiting_user') return json(409, { error: { code: 'conflict', message: payment.status } });
      return json(200, this.update(payment, 'canceled', 'user_canceled'));
    }
    if (action === 'extend') {
      if (payment.status !== 'awaiting_user') return json(409, { error: { code: 'conflict', message: payment.status } });
      const extended = { ...payment, expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(), extensionsLeft: payment.extensionsLeft - 1 };
      this.payments.set(payment.id, extended);
      return json(200, extended);
    }
    return json(404, { error: { code: 'not_found', message: path } });
  }

  private create(body: string, key: string | null): Response {
    if (!key) return json(400, { error: { code: 'bad_request', message: 'Idempotency-Key required' } });
    const prior = this.keys.get(key);
    if (prior) {
      if (prior.body !== body) return json(422, { error: { code: 'idempotency_conflict', message: 'key reused with another body' } });
      return json(200, this.read(prior.id));
    }
    const request = JSON.parse(body) as { billId: string; provider: PaymentProvider; returnUrl?: string };
    const bill = this.bills.get(request.billId);
    if (!bill) return json(404, { error: { code: 'not_found', message: 'no such bill' } });
    const live = this.paymentsOf(bill.id).map((p) => this.read(p.id)!).find((p) => ['awaiting_user', 'processing', 'succeeded'].includes(p.status));
    if (live) {
      this.keys.set(key, { body, id: live.id });
      return json(200, live);
    }
    const now = new Date().toISOString();
    const id = `pay_${++this.seq}_${Math.random().toString(36).slice(2, 8)}`;
    const tradeNo = `T${this.seq}`;
    const params = request.provider === 'redirect'
      ? { type: 'redirect' as const, nextUrl: `https://pay.cityhub.test/checkout/${tradeNo}` }
      : request.provider === 'wechat'
        ? { type: 'wechat' as const, appId: 'wx-test', timeStamp: '1700000000', nonceStr: 'n', package: `prepay_id=${tradeNo}`, signType: 'HMAC-SHA256' as const, paySign: 'sig' }
        : request.provider === 'alipay' ? { type: 'alipay' as const, tradeNO: tradeNo } : { type: 'sandbox' as const, tradeNo };
    const payment: Payment = {
      id, billId: bill.id, bill, amount: bill.amount, payee: bill.payee, provider: request.provider, status: 'awaiting_user',
      createdAt: now, updatedAt: now, expiresAt: new Date(Date.now() + this.ttlMs).toISOString(), extensionsLeft: 10,
      timeline: [{ status: 'created', at: now, source: 'client', reason: 'created' }, { status: 'awaiting_user', at: now, source: 'server', reason: 'prepared' }],
      params, ...(request.returnUrl ? { returnUrl: request.returnUrl } : {}),
    };
    this.payments.set(id, payment);
    this.keys.set(key, { body, id });
    return json(201, payment);
  }

  /** The payment as a read finds it: expired when unpaid past its time; succeeded once the provider says so. */
  private read(id: string): Payment | undefined {
    const payment = this.payments.get(id);
    if (!payment) return undefined;
    if (payment.status === 'awaiting_user' && !this.paid.has(id) && Date.parse(payment.expiresAt) <= Date.now()) return this.update(payment, 'expired', 'expired');
    if ((payment.status === 'processing' || payment.status === 'awaiting_user') && this.paid.has(id) && this.outcome === 'success') {
      return this.update(payment, 'succeeded', 'paid', { orderId: `ord_${id}` });
    }
    return payment;
  }

  private update(payment: Payment, status: Payment['status'], reason: string, extra: Partial<Payment> = {}): Payment {
    const at = new Date().toISOString();
    const { params: _params, ...rest } = payment;
    const next: Payment = {
      ...(status === 'awaiting_user' ? payment : rest), ...extra, status, updatedAt: at,
      timeline: [...payment.timeline, { status, at, source: status === 'succeeded' ? 'provider' : 'client', reason }],
      ...(status === 'failed' ? { failure: { code: reason, message: { 'zh-Hans': '支付被拒绝', en: 'Declined' } } } : {}),
    };
    this.payments.set(payment.id, next);
    return next;
  }

  /** `POST /v1/sandbox/wallet/:tradeNo` — the user's part in the wallet. */
  private wallet(tradeNo: string, body: string): Response {
    const payment = [...this.payments.values()].find((p) => (p.params as { tradeNo?: string } | undefined)?.tradeNo === tradeNo);
    const current = payment && this.read(payment.id);
    if (!current) return json(404, { error: { code: 'not_found', message: 'no such trade' } });
    if (current.status !== 'awaiting_user') return json(409, { error: { code: 'conflict', message: 'this trade is closed' } });
    const { action } = JSON.parse(body) as { action: 'pay' | 'cancel' };
    if (action === 'cancel') return json(200, { result: 'cancel', paymentId: current.id });
    if (this.outcome === 'decline') {
      this.update(current, 'failed', 'declined');
      return json(200, { result: 'fail', paymentId: current.id });
    }
    this.paid.add(current.id);
    return json(200, { result: 'ok', paymentId: current.id });
  }
}

let counter = 0;
/** A distinct unpaid bill (a water bill with a masked payer by default). */
export function sampleBill(overrides: Partial<Bill> = {}): Bill {
  counter += 1;
  return Bill.parse({
    id: `bill_test_${counter}_${Math.random().toString(36).slice(2, 8)}`,
    reference: '1234****5678-202610',
    service: 'water-bill-payment',
    city: '440300',
    payee: { name: { 'zh-Hans': '深圳市水务集团', 'zh-Hant': '深圳市水務集團', en: 'Shenzhen Water Group' }, provider: 'shenzhen-water' },
    description: { 'zh-Hans': '2026-10 水费', 'zh-Hant': '2026-10 水費', en: 'Water, 2026-10' },
    amount: { amount: 2544, currency: 'CNY' },
    payer: '张* (12345678)',
    dueDate: '2026-11-25',
    status: 'unpaid',
    ...overrides,
  });
}

export interface TestHubOptions {
  /** Where `{paymentId, idempotencyKey, step}` persist; default a fresh `sessionStorage` prefix per client. */
  prefix?: string;
  adapters?: Partial<Record<PaymentProvider, PaymentAdapter>>;
  /** Verification budget (default 400 ms: `pending` comes quickly). */
  budgetMs?: number;
  /** Per-attempt HTTP timeout (default 2 s). */
  timeoutMs?: number;
}

/** The real SDK client over the fake API, with the sandbox wallet played in `<city-payment>`. */
export function testHub(api: FakePaymentApi, options: TestHubOptions = {}): CityHub {
  return createCityHub({
    api: API,
    fetch: api.fetch,
    cache: memoryCache(),
    timeout: options.timeoutMs ?? 2000,
    retry: { limit: 2, backoff: { base: 10, cap: 50 }, deadline: 3000 },
    payments: {
      store: webStoragePaymentStore({ prefix: options.prefix ?? `cityhub:test:${++counter}:` }),
      adapters: { sandbox: sandboxAdapter({ action: sandboxWallet }), ...options.adapters },
      verify: { budgetMs: options.budgetMs ?? 400, baseMs: 20, capMs: 80 },
    },
  });
}
