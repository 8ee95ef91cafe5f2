/**
 * The fault matrix (reliability #6): every payment step × every fault, against the real reference server over
 * loopback. Client-side faults are injected by a fetch wrapper around the SDK; notification faults by a wrapper
 * around the server's notification delivery; "server killed" uses a server in its own process (kill -9, restart
 * on the same port and data directory). Each cell pays one bill with `hub.payments.pay()`; a `pending` result is
 * followed by one "check again" (`resume`). Every cell must end with 1 payment, 1 charge, the client showing
 * `succeeded`, and never `failed`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Bill, CityCatalog } from '@cityhub/schema';
import type { CompiledCatalog } from '@cityhub/schema/node';
import type { PayResult } from '../src/payments/types.js';
import type { CityHub } from '../src/client.js';
import { SECRET, bill, hubFor, paymentCatalog, printTable, startChildServer, type ChildServer } from './payments-helpers.js';

type ServerModule = typeof import('@cityhub/server');
let serverModule: ServerModule | undefined;
try {
  serverModule = await import('@cityhub/server');
} catch (error) {
  console.log(`payment fault matrix skipped: @cityhub/server is not available (${(error as Error).message})`);
}

const STEPS = ['create', 'provider invoke', 'provider return', 'status poll', 'notification'] as const;
const FAULTS = ['request dropped', 'response dropped', 'timeout', '5xx', '429 + Retry-After', 'duplicate', 'reordered', 'offline', 'server killed'] as const;
type Step = (typeof STEPS)[number];
type Fault = (typeof FAULTS)[number];

/** Which magic amount exercises the step: plain success, "succeeds on the 3rd query", "succeeds only by notification". */
const AMOUNT: Record<Step, number> = { create: 3000, 'provider invoke': 3100, 'provider return': 3200, 'status poll': 3392, notification: 3493 };
const OFFLINE_MS = 400;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const dropped = (what: string) => new TypeError(`fetch failed (${what})`);

function stepOf(method: string, url: string): Step | undefined {
  const path = new URL(url).pathname;
  if (method === 'POST' && path === '/v1/payments') return 'create';
  if (method === 'POST' && path.startsWith('/v1/sandbox/wallet/')) return 'provider invoke';
  if (method === 'POST' && /^\/v1\/payments\/[^/]+\/confirm$/.test(path)) return 'provider return';
  if (method === 'GET' && /^\/v1\/payments\/[^/]+$/.test(path)) return 'status poll';
  return undefined;
}

/** Waits for the request's abort (a response that never comes). */
const never = (request: Request) => new Promise<Response>((_, reject) => {
  if (request.signal.aborted) reject(request.signal.reason);
  request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
});

const rateLimited = () => new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'slow down', status: 429 } }), {
  status: 429, headers: { 'content-type': 'application/json', 'retry-after': '0.05' },
});
const badGateway = () => new Response(JSON.stringify({ error: { code: 'internal', message: 'bad gateway', status: 502 } }), {
  status: 502, headers: { 'content-type': 'application/json' },
});

interface FaultCounter {
  faulted: number;
}

/**
 * A fetch that injects `fault` into the first request of `step` (offline: every request for 400 ms from then;
 * server killed: the request is served, then the server is killed -9 before the answer arrives). With
 * `killOn`, the kill happens on that step's answer instead (used for the notification row).
 */
function faultyFetch(step: Step, fault: Fault, counter: FaultCounter, kill?: () => Promise<void>, killOn?: Step) {
  let fired = false;
  let offlineUntil = 0;
  return async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    if (Date.now() < offlineUntil) {
      counter.faulted++;
      throw dropped('offline');
    }
    const current = stepOf(request.method, request.url);
    if (fired || current !== (killOn ?? step) || (step === 'notification' && fault !== 'server killed')) return fetch(request);
    fired = true;
    counter.faulted++;
    switch (fault) {
      case 'request dropped':
        throw dropped('request dropped');
      case 'response dropped': {
        await (await fetch(request)).arrayBuffer();
        throw dropped('response dropped');
      }
      case 'timeout': {
        await (await fetch(request.clone())).arrayBuffer(); // served, but the answer never arrives
        return never(request);
      }
      case '5xx': {
        await (await fetch(request)).arrayBuffer(); // served, then a proxy answers 502
        return badGateway();
      }
      case '429 + Retry-After':
        return rateLimited();
      case 'duplicate': {
        const [a, b] = await Promise.all([fetch(request.clone()), fetch(request)]);
        await b.arrayBuffer();
        return a;
      }
      case 'reordered': {
        // Two copies; the caller gets the older answer after the newer one was produced.
        const copy = request.clone();
        const older = await fetch(request);
        const olderText = await older.text();
        await (await fetch(copy)).arrayBuffer();
        return new Response(olderText, { status: older.status, headers: older.headers });
      }
      case 'offline':
        offlineUntil = Date.now() + OFFLINE_MS;
        throw dropped('offline');
      case 'server killed': {
        await (await fetch(request)).arrayBuffer();
        await kill!();
        throw dropped('server killed');
      }
    }
  };
}

interface NotifyPlan {
  fault: Fault;
  fired: boolean;
  offlineUntil: number;
  counter: FaultCounter;
}

/** The provider's side: faults on notification delivery, per bill. */
function faultyNotify(plans: Map<string, NotifyPlan>, billOf: (paymentId: string) => string | undefined, sign: (body: string) => string) {
  return async (request: Request): Promise<Response> => {
    const text = await request.text();
    const body = JSON.parse(text) as { paymentId: string; id: string };
    const plan = plans.get(billOf(body.paymentId) ?? '');
    const send = (payload = text) => fetch(request.url, {
      method: 'POST', headers: { 'content-type': 'application/json', 'sandbox-signature': sign(payload) }, body: payload,
    });
    if (!plan) return send();
    if (Date.now() < plan.offlineUntil) {
      plan.counter.faulted++;
      throw dropped('provider offline');
    }
    if (plan.fired) return send();
    plan.fired = true;
    plan.counter.faulted++;
    switch (plan.fault) {
      case 'request dropped':
        throw dropped('notification dropped');
      case 'response dropped':
        await (await send()).arrayBuffer();
        throw dropped('notification answer dropped');
      case 'timeout':
        await (await send()).arrayBuffer();
        return new Promise<Response>(() => {}); // the provider's delivery times out
      case '5xx':
        await (await send()).arrayBuffer();
        return badGateway();
      case '429 + Retry-After':
        return rateLimited();
      case 'duplicate': {
        const [a, b] = await Promise.all([send(), send()]);
        await b.arrayBuffer();
        return a;
      }
      case 'reordered': {
        // The real notification, then an older one (sequence 0, "user paying") arriving after it.
        const real = await send();
        const older = JSON.stringify({ ...JSON.parse(text), id: `${body.id}-older`, state: 'USERPAYING', sequence: 0, sentAt: new Date().toISOString() });
        const late = await send(older);
        assert.equal(late.status, 200);
        await late.arrayBuffer();
        return real;
      }
      case 'offline':
        plan.offlineUntil = Date.now() + OFFLINE_MS;
        throw dropped('provider offline');
      default:
        return send();
    }
  };
}

interface CellResult {
  step: Step;
  fault: Fault;
  first: PayResult['state'];
  final: PayResult['state'];
  payments: number;
  charges: number;
  captured: number;
  lost: number;
  faulted: number;
  ms: number;
}

describe('payment fault matrix (steps × faults, real server over loopback)', { skip: serverModule ? false : 'no @cityhub/server' }, () => {
  let catalog: CompiledCatalog;
  let running: Awaited<ReturnType<ServerModule['startServer']>>;
  const plans = new Map<string, NotifyPlan>();
  const results: CellResult[] = [];
  const dataDirs: string[] = [];

  before(async () => {
    catalog = paymentCatalog();
    const { signNotification } = serverModule!;
    running = await serverModule!.startServer({
      catalog,
      onError: () => {},
      payments: {
        secret: SECRET, notifyDelayMs: 40, providerTimeoutMs: 300, outboxIntervalMs: 20, notifyTimeoutMs: 300,
        notifyFetch: faultyNotify(plans, (id) => running.store.payments.getPayment(id)?.payment.billId, (body) => signNotification(SECRET, body, new Date())),
      },
    });
  });
  after(async () => {
    await running?.close();
    const { rmSync } = await import('node:fs');
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  /** Pays one bill under one fault; "check again" once when the first answer is pending. */
  /**
   * Pays one bill under one fault. A `pending` answer gets "check again" (`resume`); when the server says the
   * payment still waits for the user (the wallet was never reached), the user taps "pay" again — same payment.
   */
  async function payThrough(hub: CityHub, target: Bill): Promise<{ first: PayResult; final: PayResult; ms: number }> {
    const started = Date.now();
    const first = await hub.payments.pay(target, { provider: 'sandbox', confirm: true });
    let final = first;
    // The user keeps checking for up to 15 s (slow machines, busy CI); the answer must then be the server's truth.
    while ((final.state === 'pending' || final.state === 'awaiting_user') && Date.now() - started < 15_000) {
      if (final.state === 'pending') {
        await sleep(200);
        final = (await hub.payments.resume(target)) ?? final;
      } else {
        final = await hub.payments.pay(target, { provider: 'sandbox', confirm: true });
      }
    }
    return { first, final, ms: Date.now() - started };
  }

  it('in-process server: 5 steps × 8 faults', async () => {
    const cells = STEPS.flatMap((step) => FAULTS.filter((f) => f !== 'server killed').map((fault) => ({ step, fault })));
    const plain = hubFor(running.url, { timeout: 5000 });
    const queue = [...cells];
    await Promise.all(Array.from({ length: 8 }, async () => {
      for (let cell = queue.shift(); cell; cell = queue.shift()) {
        const { step, fault } = cell;
        const counter: FaultCounter = { faulted: 0 };
        const target = await bill(plain, AMOUNT[step]);
        if (step === 'notification') plans.set(target.id, { fault, fired: false, offlineUntil: 0, counter });
        const hub = hubFor(running.url, { fetch: faultyFetch(step, fault, counter) });
        const { first, final, ms } = await payThrough(hub, target);
        await sleep(50); // late notifications and redeliveries
        const payments = running.store.payments.listPaymentsOfBill(target.id, null);
        const captured = running.store.payments.capturedTrades().filter((t) => payments.some((p) => p.id === t.outTradeNo));
        const charges = running.store.payments.chargesOfBill(target.id).length;
        const uncharged = captured.filter((t) => !running.store.payments.chargeOfPayment(t.outTradeNo)).length;
        results.push({
          step, fault, first: first.state, final: final.state, payments: payments.length, charges, captured: captured.length,
          lost: uncharged + (final.state === 'succeeded' ? 0 : 1), faulted: counter.faulted, ms,
        });
      }
    }));
  });

  it('server in its own process: kill -9 at each step, restart on the same port', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dataDir = mkdtempSync(join(tmpdir(), 'cityhub-sdk-faults-'));
    dataDirs.push(dataDir);
    const child: ChildServer = await startChildServer(catalog, dataDir);
    const bills: Array<{ step: Step; bill: Bill; first: PayResult; final: PayResult; counter: FaultCounter; ms: number }> = [];
    try {
      const plain = hubFor(child.url, { timeout: 5000 });
      for (const step of STEPS) {
        const counter: FaultCounter = { faulted: 0 };
        const target = await bill(plain, AMOUNT[step]);
        let restarting: Promise<void> | undefined;
        const kill = async () => {
          await child.kill();
          restarting = sleep(100).then(() => child.restart());
        };
        const hub = hubFor(child.url, {
          fetch: faultyFetch(step, 'server killed', counter, kill, step === 'notification' ? 'provider invoke' : undefined),
          payments: { verify: { budgetMs: 8000, baseMs: 50, capMs: 400 } },
        });
        const { first, final, ms } = await payThrough(hub, target);
        await restarting;
        bills.push({ step, bill: target, first, final, counter, ms });
      }
      await sleep(100);
    } finally {
      await child.stop();
    }
    const { openStore } = serverModule!;
    const store = openStore(dataDir);
    try {
      for (const { step, bill: target, first, final, counter, ms } of bills) {
        const payments = store.payments.listPaymentsOfBill(target.id, null);
        const captured = store.payments.capturedTrades().filter((t) => payments.some((p) => p.id === t.outTradeNo));
        const uncharged = captured.filter((t) => !store.payments.chargeOfPayment(t.outTradeNo)).length;
        results.push({
          step, fault: 'server killed', first: first.state, final: final.state, payments: payments.length,
          charges: store.payments.chargesOfBill(target.id).length, captured: captured.length,
          lost: uncharged + (final.state === 'succeeded' ? 0 : 1), faulted: counter.faulted, ms,
        });
      }
    } finally {
      store.close();
    }
  });

  it('prints the matrix: 0 lost payments, 0 double charges, never "failed"', () => {
    const cell = (step: Step, fault: Fault) => results.find((r) => r.step === step && r.fault === fault);
    const short = (s: string) => ({ succeeded: 'ok', pending: 'pend', failed: 'FAILED', canceled: 'cancel', expired: 'exp', awaiting_user: 'await', idle: 'idle' })[s] ?? s;
    printTable(
      'Payment fault matrix — cell: client result (→ after "check again") · payments/charges for the bill · faulted requests',
      ['step \\ fault', ...FAULTS],
      STEPS.map((step) => [step, ...FAULTS.map((fault) => {
        const r = cell(step, fault);
        if (!r) return 'not run';
        const path = r.first === r.final ? short(r.final) : `${short(r.first)}→${short(r.final)}`;
        return `${path} ${r.payments}/${r.charges} ×${r.faulted} ${r.ms}ms`;
      })]),
    );
    const total = (k: 'payments' | 'charges' | 'captured' | 'lost' | 'faulted') => results.reduce((n, r) => n + r[k], 0);
    const double = results.filter((r) => r.charges > 1 || r.captured > 1).length;
    const extraPayments = results.filter((r) => r.payments > 1).length;
    const shownFailed = results.filter((r) => r.first === 'failed' || r.final === 'failed').length;
    const checkedAgain = results.filter((r) => r.first !== r.final).length;
    printTable('Totals', ['runs', 'faulted requests', 'payments', 'charges', 'provider captures', 'lost payments', 'double charges', 'bills with >1 payment', '"failed" shown', 'needed "check again"/"pay again"'], [[
      results.length, total('faulted'), total('payments'), total('charges'), total('captured'), total('lost'), double, extraPayments, shownFailed, checkedAgain,
    ]]);
    assert.equal(results.length, STEPS.length * FAULTS.length, 'every cell ran');
    assert.equal(total('lost'), 0, 'lost payments');
    assert.equal(double, 0, 'double charges');
    assert.equal(extraPayments, 0, 'one payment per bill');
    assert.equal(shownFailed, 0, 'a fault never shows "failed"');
    assert.ok(results.every((r) => r.charges === 1 && r.final === 'succeeded'));
    assert.ok(results.every((r) => r.faulted > 0), 'every cell really injected its fault');
  });
});

export type { CityCatalog };
