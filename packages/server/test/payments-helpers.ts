/** Shared by the payment tests: a server with a movable clock, bills from the sandbox, payment calls. */
import assert from 'node:assert/strict';
import { Bill, Payment, SubmissionResult, type PaymentProvider } from '@cityhub/schema';
import type { RunningServer, StartServerOptions } from '../src/index.js';
import { postJson, startFixtureServer, submissionPath } from './helpers.js';

export const SECRET = 'test-sandbox-secret';

export interface PaymentServer {
  server: RunningServer;
  base: string;
  /** Moves the server's clock forward (expiry, extensions). */
  advance(ms: number): void;
}

export async function startPaymentServer(options: StartServerOptions = {}): Promise<PaymentServer> {
  let offset = 0;
  const server = await startFixtureServer({
    now: () => new Date(Date.now() + offset),
    ...options,
    payments: { secret: SECRET, notifyDelayMs: 40, providerTimeoutMs: 150, outboxIntervalMs: 20, notifyTimeoutMs: 500, ...options.payments },
  });
  return { server, base: server.url, advance: (ms) => (offset += ms) };
}

let cards = 0;
/** A transit-card top-up bill for exactly `amount` fen (a fresh card number each time unless given). */
export async function topUpBill(base: string, amount: number, card = String(310_000_000_000 + process.pid * 1000 + ++cards)): Promise<Bill> {
  const res = await postJson(base, submissionPath('440300', 'transit-card-top-up'), { values: { cardNumber: card, amount } });
  assert.equal(res.status, 200, await res.clone().text());
  const result = SubmissionResult.parse(await res.json());
  assert.equal(result.bills.length, 1);
  return Bill.parse(result.bills[0]);
}

export async function createPayment(base: string, billId: string, options: { provider?: PaymentProvider; key?: string; token?: string; returnUrl?: string } = {}) {
  const res = await postJson(base, '/v1/payments', { billId, provider: options.provider ?? 'sandbox', ...(options.returnUrl ? { returnUrl: options.returnUrl } : {}) }, {
    key: options.key ?? `key-${billId}-${Math.random()}`,
    ...(options.token ? { token: options.token } : {}),
  });
  const text = await res.clone().text();
  return { res, text, payment: res.ok ? Payment.parse(JSON.parse(text)) : undefined };
}

export const tradeNoOf = (payment: Payment): string => {
  const p = payment.params;
  assert.ok(p, `payment ${payment.id} has no params (status ${payment.status})`);
  switch (p.type) {
    case 'sandbox': return p.tradeNo;
    case 'alipay': return p.tradeNO;
    case 'wechat': return p.package.slice('prepay_id='.length);
    case 'redirect': return p.nextUrl.split('/').at(-1)!;
  }
};

export async function walletPay(base: string, payment: Payment, action: 'pay' | 'cancel' = 'pay') {
  return postJson(base, `/v1/sandbox/wallet/${tradeNoOf(payment)}`, { action });
}

export async function confirm(base: string, id: string, token?: string): Promise<Payment> {
  const res = await postJson(base, `/v1/payments/${id}/confirm`, {}, token ? { token } : {});
  assert.equal(res.status, 200, await res.clone().text());
  return Payment.parse(await res.json());
}

export async function getPayment(base: string, id: string, token?: string): Promise<{ res: Response; payment: Payment }> {
  const res = await fetch(`${base}/v1/payments/${id}`, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
  assert.equal(res.status, 200);
  return { res, payment: Payment.parse(await res.json()) };
}

/** Polls GET until the payment is final (or `tries` run out). */
export async function settle(base: string, id: string, tries = 40, waitMs = 25): Promise<{ payment: Payment; polls: number }> {
  let payment: Payment | undefined;
  for (let i = 1; i <= tries; i++) {
    payment = (await getPayment(base, id)).payment;
    if (['succeeded', 'failed', 'canceled', 'expired'].includes(payment.status)) return { payment, polls: i };
    await new Promise((r) => setTimeout(r, waitMs));
  }
  return { payment: payment!, polls: tries };
}
