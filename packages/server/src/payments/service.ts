/**
 * Payments: the server's state machine over the durable store, the sandbox provider behind it, the notification
 * receiver, expiry (lazy on every read, plus a sweep), and the provider's notification outbox.
 *
 * Rules that keep money safe:
 * - Only the provider moves a payment to `succeeded` (an answer to our query, or a signed notification); the client
 *   can only say "the user authorised" (`confirm`), which moves it to `processing`.
 * - Every state change, charge, order and received notification is written in one `BEGIN IMMEDIATE` transaction
 *   that re-reads the payment first; provider calls happen outside transactions and their answers are applied
 *   only if the state machine allows it (`canTransition`). Terminal states never change.
 * - The `charges` table has UNIQUE bill, payment and trade: a second charge cannot be written.
 * - Idempotency keys are stored in the same transaction as the payment they created.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  PAYMENT_PROVIDERS, PaymentNotification, canTransition, isFinalPaymentStatus,
  type City, type CreatePaymentRequest, type LocalizedText, type Order, type Payment, type PaymentEvent, type PaymentProvider,
  type PaymentStatus,
} from '@cityhub/schema';
import { ApiError, badRequest, notFound } from '../errors.js';
import { newId, nextOrderReference, storedResponse } from '../submissions.js';
import { canonicalJson, sha256 } from '../http.js';
import type { Store, StoredBill, StoredPayment } from '../store/index.js';
import { createSandboxProvider, signNotification, type TradeAnswer } from './sandbox-provider.js';

export interface PaymentOptions {
  /** Signs sandbox notifications and WeChat `paySign`. Default: random per process (env `CITYHUB_SANDBOX_SECRET` in the CLI). */
  secret?: string;
  /** Time an unpaid payment stays open. Default 15 minutes. */
  ttlMs?: number;
  /** Time one extension adds. Default 10 minutes. */
  extendMs?: number;
  /** Extensions allowed per payment. Default 10 (WCAG 2.2.1 asks for at least ten). */
  maxExtensions?: number;
  /** How long the server waits for the provider (prepare, query, close). Default 3 s. */
  providerTimeoutMs?: number;
  /** Delay before the sandbox provider's first notification. Default 200 ms. */
  notifyDelayMs?: number;
  /** How often undecided and expired payments are checked. Default 30 s. */
  sweepIntervalMs?: number;
  /** How often the sandbox outbox looks for due notifications. Default 50 ms. */
  outboxIntervalMs?: number;
  /** How the sandbox provider delivers notifications (default `fetch` to the server's own URL). Tests inject faults here. */
  notifyFetch?: (request: Request) => Promise<Response>;
  /** Per-delivery timeout. Default 2 s. */
  notifyTimeoutMs?: number;
  /** Delivery attempts before the outbox gives up on a notification. Default 15 (as WeChat Pay). */
  maxNotifyAttempts?: number;
}

export interface PaymentDeps {
  store: Store;
  clock: () => Date;
  cityOf: (code: string) => City | undefined;
  serviceName: (city: string, service: string) => LocalizedText | undefined;
  onError?: (error: unknown) => void;
}

export interface CreateOutcome {
  status: number;
  replayed: boolean;
  payment: Payment;
}

const text = (hans: string, hant: string, en: string): LocalizedText => ({ 'zh-Hans': hans, 'zh-Hant': hant, en });
const DECLINED = { code: 'declined', message: text('支付被拒绝，未扣款', '付款被拒絕，未扣款', 'The payment was declined; nothing was charged') };
const LIVE: readonly PaymentStatus[] = ['created', 'awaiting_user', 'processing'];

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  return new Promise<T | 'timeout'>((resolve, reject) => {
    const timer = setTimeout(() => resolve('timeout'), ms);
    timer.unref?.();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

const conflict = (message: string) => new ApiError(409, 'conflict', message);

export function createPaymentService(deps: PaymentDeps, options: PaymentOptions = {}) {
  const { store, clock } = deps;
  const books = store.payments;
  const secret = options.secret ?? randomBytes(32).toString('hex');
  const ttlMs = options.ttlMs ?? 15 * 60_000;
  const extendMs = options.extendMs ?? 10 * 60_000;
  const maxExtensions = options.maxExtensions ?? 10;
  const providerTimeoutMs = options.providerTimeoutMs ?? 3000;
  const notifyTimeoutMs = options.notifyTimeoutMs ?? 2000;
  const maxNotifyAttempts = options.maxNotifyAttempts ?? 15;
  const provider = createSandboxProvider({ books, secret, clock, ...(options.notifyDelayMs === undefined ? {} : { notifyDelayMs: options.notifyDelayMs }) });
  const reportError = deps.onError ?? ((error: unknown) => console.error('[cityhub] payments:', error));
  const iso = () => clock().toISOString();
  const refreshing = new Map<string, Promise<void>>();
  let stopped = false;
  let publicOrigin = 'http://127.0.0.1';

  const isExpired = (stored: StoredPayment) => clock().getTime() >= Date.parse(stored.payment.expiresAt);
  const visible = (stored: StoredPayment, owner: string | null) => stored.owner === null || stored.owner === owner;
  const current = (id: string): StoredPayment => books.getPayment(id)!;

  function load(id: string, owner: string | null): StoredPayment {
    const stored = books.getPayment(id);
    if (!stored || !visible(stored, owner)) throw notFound('no such payment');
    return stored;
  }

  // --- transitions (call inside store.atomically) ----------------------------------------------------------------

  function transition(id: string, to: PaymentStatus, event: Omit<PaymentEvent, 'status' | 'at'>, extra: { failure?: Payment['failure'] } = {}): boolean {
    const from = current(id).payment.status;
    if (!canTransition(from, to)) return false;
    const at = iso();
    books.setStatus(id, to, at, { ...extra, keepParams: to === 'awaiting_user' });
    books.addEvent(id, { status: to, at, ...event });
    return true;
  }

  function orderFor(stored: StoredPayment, bill: StoredBill, at: string): Order {
    const { payment } = stored;
    const reference = nextOrderReference(store, bill.bill.city, deps.cityOf(bill.bill.city), new Date(payment.createdAt));
    const processingAt = payment.timeline.find((e) => e.status === 'processing')?.at;
    const yuan = (payment.amount.amount / 100).toFixed(2);
    return {
      id: newId('ord'),
      reference,
      service: bill.bill.service,
      city: bill.bill.city,
      kind: 'payment',
      title: deps.serviceName(bill.bill.city, bill.bill.service) ?? bill.bill.description,
      status: 'completed',
      createdAt: payment.createdAt,
      updatedAt: at,
      timeline: [
        { status: 'received', at: payment.createdAt, note: text(`待支付：${bill.bill.reference}`, `待付款：${bill.bill.reference}`, `Payment started: ${bill.bill.reference}`) },
        ...(processingAt ? [{ status: 'processing' as const, at: processingAt, note: text('支付处理中', '付款處理中', 'Payment processing') }] : []),
        { status: 'completed', at, note: text(`已支付 ¥${yuan}`, `已付款 ¥${yuan}`, `Paid ¥${yuan}`) },
      ],
      submission: bill.submissionId,
    };
  }

  /** The provider says the money moved: charge (once), order, bill paid, payment succeeded — together. */
  function succeed(id: string, answer: TradeAnswer, source: PaymentEvent['source']): 'applied' | 'already' | 'final' | 'mismatch' {
    const stored = current(id);
    const { payment } = stored;
    if (payment.status === 'succeeded') return 'already';
    if (isFinalPaymentStatus(payment.status)) return 'final';
    if (answer.amount !== payment.amount.amount || (stored.tradeNo !== null && answer.tradeNo !== stored.tradeNo)) return 'mismatch';
    const at = iso();
    const bill = books.getBill(payment.billId)!;
    books.insertCharge({
      id: newId('chg'), paymentId: id, billId: payment.billId, provider: payment.provider, tradeNo: answer.tradeNo,
      amount: answer.amount, currency: payment.amount.currency, createdAt: at,
    });
    const order = orderFor(stored, bill, at);
    books.insertOrder(order, stored.owner);
    books.setStatus(id, 'succeeded', at, { orderId: order.id });
    books.addEvent(id, { status: 'succeeded', at, source, reason: 'paid' });
    books.markBillPaid(payment.billId);
    return 'applied';
  }

  /** Applies a provider answer. Returns true when the trade is unpaid and past expiry, i.e. it should be closed. */
  function applyAnswer(id: string, answer: TradeAnswer | undefined, source: PaymentEvent['source']): boolean {
    const stored = current(id);
    const status = stored.payment.status;
    if (isFinalPaymentStatus(status)) return false;
    const expired = isExpired(stored);
    if (!answer) {
      // No trade at the provider: nobody can have paid.
      if (expired) transition(id, 'expired', { source: 'server', reason: 'expired' });
      return false;
    }
    switch (answer.state) {
      case 'SUCCESS':
        succeed(id, answer, source);
        return false;
      case 'PAYERROR':
        transition(id, 'failed', { source, reason: 'declined' }, { failure: DECLINED });
        return false;
      case 'CLOSED':
        transition(id, 'expired', { source, reason: 'closed' });
        return false;
      case 'USERPAYING':
        if (status === 'awaiting_user') transition(id, 'processing', { source, reason: 'user_paying' });
        return false;
      default:
        return expired;
    }
  }

  // --- reconciliation with the provider --------------------------------------------------------------------------

  async function doRefresh(id: string, origin: string | undefined): Promise<void> {
    const stored = books.getPayment(id);
    if (!stored || isFinalPaymentStatus(stored.payment.status)) return;
    if (stored.payment.status === 'created' && !isExpired(stored)) {
      const prepared = await withTimeout(
        provider.prepare({ paymentId: id, provider: stored.payment.provider, amount: stored.payment.amount.amount, origin: origin ?? publicOrigin }),
        providerTimeoutMs,
      );
      if (prepared === 'timeout') return;
      store.atomically(() => {
        if (current(id).payment.status !== 'created') return;
        const at = iso();
        books.setPrepared(id, prepared.tradeNo, prepared.params, at);
        books.addEvent(id, { status: 'awaiting_user', at, source: 'provider', reason: 'prepared' });
      });
      return;
    }
    const answer = await withTimeout(provider.query(id), providerTimeoutMs);
    if (answer === 'timeout') return; // the provider is silent: nothing is decided
    const close = store.atomically(() => applyAnswer(id, answer, 'provider'));
    if (!close) return;
    const closed = await withTimeout(provider.close(id), providerTimeoutMs);
    if (closed === 'timeout') return;
    store.atomically(() => {
      if (closed?.state === 'NOTPAY') return; // should not happen: close either closes or reports payment
      applyAnswer(id, closed, 'server');
    });
  }

  /** Brings an undecided payment up to date with the provider (one check at a time per payment). */
  function refresh(id: string, origin?: string): Promise<void> {
    const running = refreshing.get(id);
    if (running) return running;
    const promise = doRefresh(id, origin).finally(() => refreshing.delete(id));
    refreshing.set(id, promise);
    return promise;
  }

  // --- idempotency ---------------------------------------------------------------------------------------------

  /** Inside a transaction: replays a stored key, refuses a reused one (422), or runs and stores the key. */
  function keyed(owner: string | null, key: string, path: string, body: unknown, run: () => { status: number; paymentId: string }) {
    const requestHash = sha256(canonicalJson({ method: 'POST', path, owner, body }));
    const prior = storedResponse(store, { owner, key, path, requestHash });
    if (prior) return { status: prior.status, paymentId: (JSON.parse(prior.body) as { paymentId: string }).paymentId, replayed: true };
    const result = run();
    books.saveKey({
      owner: owner ?? '', key, method: 'POST', path, requestHash, status: result.status,
      responseBody: JSON.stringify({ paymentId: result.paymentId }), createdAt: iso(),
    });
    return { ...result, replayed: false };
  }

  // --- API -----------------------------------------------------------------------------------------------------

  async function create(input: { owner: string | null; key: string; body: CreatePaymentRequest; origin: string }): Promise<CreateOutcome> {
    const { owner, key, body } = input;
    const outcome = store.atomically(() => keyed(owner, key, '/v1/payments', body, () => {
      const stored = books.getBill(body.billId);
      if (!stored) throw notFound('no such bill; look it up with its service first');
      // Paid through the hub, or a payment in progress: that payment — never a second one.
      const existing = books.findPaymentOfBill(body.billId, ['succeeded', ...LIVE]);
      if (existing) {
        if (existing.owner !== owner) throw conflict('this bill is already being paid by someone else');
        return { status: 200, paymentId: existing.payment.id };
      }
      if (stored.bill.status === 'paid') throw conflict('this bill is already paid');
      if (stored.bill.status === 'expired') throw conflict('this bill has expired');
      if (stored.bill.amount.amount <= 0) throw conflict('nothing to pay on this bill');
      const now = clock();
      const id = newId('pay');
      books.insertPayment({
        id, owner, bill: stored.bill, provider: body.provider,
        ...(body.returnUrl ? { returnUrl: body.returnUrl } : {}),
        expiresAt: new Date(now.getTime() + ttlMs), extensionsLeft: maxExtensions, createdAt: now.toISOString(),
      });
      return { status: 201, paymentId: id };
    }));
    await refresh(outcome.paymentId, input.origin);
    return { status: outcome.status, replayed: outcome.replayed, payment: current(outcome.paymentId).payment };
  }

  async function get(id: string, owner: string | null, origin?: string): Promise<Payment> {
    load(id, owner);
    await refresh(id, origin);
    return current(id).payment;
  }

  async function list(billId: string, owner: string | null, origin?: string): Promise<Payment[]> {
    const payments = books.listPaymentsOfBill(billId, owner);
    await Promise.all(payments.filter((p) => !isFinalPaymentStatus(p.status)).map((p) => refresh(p.id, origin)));
    return books.listPaymentsOfBill(billId, owner);
  }

  async function confirm(id: string, owner: string | null, key: string | undefined, origin?: string): Promise<Payment> {
    load(id, owner);
    if (key !== undefined) store.atomically(() => keyed(owner, key, `/v1/payments/${id}/confirm`, {}, () => ({ status: 200, paymentId: id })));
    const before = current(id);
    // Prepare a payment that has no trade yet, expire one past its time; an open one is asked about only once, below.
    if (before.payment.status === 'created' || (before.payment.status === 'awaiting_user' && isExpired(before))) await refresh(id, origin);
    const open = current(id);
    if (open.payment.status !== 'awaiting_user' || isExpired(open)) {
      if (open.payment.status === 'processing') await refresh(id, origin);
      return current(id).payment;
    }
    // The provider decides what the client's claim is worth.
    const answer = await withTimeout(provider.query(id), providerTimeoutMs);
    store.atomically(() => {
      if (current(id).payment.status !== 'awaiting_user') return; // decided meanwhile (a notification)
      if (answer !== 'timeout' && (!answer || answer.state === 'NOTPAY')) {
        // The provider has no payment from the user: the claim is recorded, the payment stays open (the user may pay again).
        books.addEvent(id, { status: 'awaiting_user', at: iso(), source: 'client', reason: 'confirmed_unpaid' });
        return;
      }
      transition(id, 'processing', { source: 'client', reason: 'confirmed' });
      // A silent provider decides later (queries, notifications); an answer applies now.
      if (answer !== 'timeout') applyAnswer(id, answer, 'provider');
    });
    return current(id).payment;
  }

  async function cancel(id: string, owner: string | null, key: string | undefined): Promise<Payment> {
    load(id, owner);
    if (key !== undefined) store.atomically(() => keyed(owner, key, `/v1/payments/${id}/cancel`, {}, () => ({ status: 200, paymentId: id })));
    await refresh(id);
    const stored = current(id);
    if (isFinalPaymentStatus(stored.payment.status)) return stored.payment;
    if (stored.payment.status === 'processing') throw conflict('the payment is being processed and can no longer be canceled');
    // Close the trade first: a trade the user already paid cannot be canceled.
    const closed = await withTimeout(provider.close(id), providerTimeoutMs);
    if (closed === 'timeout') {
      throw new ApiError(503, 'service_unavailable', 'the payment provider did not answer; try again', { headers: { 'Retry-After': '1' } });
    }
    store.atomically(() => {
      if (!closed || closed.state === 'CLOSED' || closed.state === 'NOTPAY') transition(id, 'canceled', { source: 'client', reason: 'user_canceled' });
      else applyAnswer(id, closed, 'provider');
    });
    return current(id).payment;
  }

  function extend(id: string, owner: string | null, key: string): Payment {
    load(id, owner);
    store.atomically(() => keyed(owner, key, `/v1/payments/${id}/extend`, {}, () => {
      const stored = current(id);
      const { status, expiresAt, extensionsLeft } = stored.payment;
      if (status !== 'created' && status !== 'awaiting_user') throw conflict(`a payment that is ${status} has no time limit to extend`);
      if (isExpired(stored)) {
        void refresh(id).catch(reportError);
        throw conflict('the payment has expired');
      }
      if (extensionsLeft <= 0) throw conflict('the time limit cannot be extended again');
      const at = iso();
      books.setExpiry(id, new Date(Date.parse(expiresAt) + extendMs), extensionsLeft - 1, at);
      books.addEvent(id, { status, at, source: 'client', reason: 'extended' });
      return { status: 200, paymentId: id };
    }));
    return current(id).payment;
  }

  function verifySignature(raw: string, header: string | undefined): boolean {
    const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header ?? '');
    if (!match) return false;
    const t = Number(match[1]);
    if (Math.abs(clock().getTime() / 1000 - t) > 300) return false;
    const expected = createHmac('sha256', secret).update(`${t}.${raw}`).digest();
    return timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'));
  }

  /** A provider notification: verified, recorded once per notification id, applied only as a forward move. */
  function notify(providerName: string, raw: string, signature: string | undefined): { outcome: string } {
    if (!(PAYMENT_PROVIDERS as readonly string[]).includes(providerName)) throw notFound('no such payment provider');
    if (!verifySignature(raw, signature)) throw new ApiError(401, 'unauthorized', 'the notification signature is missing or wrong');
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      throw badRequest('the notification is not JSON');
    }
    const parsed = PaymentNotification.safeParse(data);
    if (!parsed.success) throw badRequest('the notification does not have the PaymentNotification shape');
    const n = parsed.data;
    return store.atomically(() => {
      if (books.hasNotification(providerName, n.id)) return { outcome: 'duplicate' };
      const stored = books.getPayment(n.paymentId);
      if (!stored) throw notFound('no such payment');
      let outcome: string;
      const status = stored.payment.status;
      if (stored.payment.provider !== providerName || (stored.tradeNo !== null && stored.tradeNo !== n.tradeNo)) outcome = 'mismatch';
      else if (n.amount.amount !== stored.payment.amount.amount) outcome = 'amount_mismatch';
      else if (isFinalPaymentStatus(status)) outcome = status === 'succeeded' && n.state === 'SUCCESS' ? 'already_applied' : 'stale';
      else {
        const answer: TradeAnswer = { tradeNo: n.tradeNo, state: n.state, amount: n.amount.amount };
        const before = status;
        if (n.state === 'NOTPAY') outcome = 'ignored';
        else {
          applyAnswer(n.paymentId, answer, 'notification');
          outcome = current(n.paymentId).payment.status === before ? 'stale' : 'applied';
        }
      }
      books.recordNotification(providerName, n.id, n.paymentId, n.sequence, n.state, outcome, iso());
      return { outcome };
    });
  }

  // --- background: expiry sweep and the sandbox provider's outbox ---------------------------------------------

  /** Checks every payment that is past its expiry or still processing. Returns how many it looked at. */
  async function sweep(): Promise<number> {
    if (stopped) return 0;
    const ids = books.duePayments(clock().getTime(), 200);
    for (const id of ids) {
      if (stopped) break; // shutting down: the next start picks them up
      await refresh(id);
    }
    return ids.length;
  }

  const delivering = new Set<number>();
  let notifyBase = '';
  let deliverFn: (request: Request) => Promise<Response> = (request) => fetch(request);

  /** Delivers due sandbox notifications once (the provider's side). Returns how many it attempted. */
  async function deliverDue(): Promise<number> {
    if (!notifyBase) return 0;
    const due = books.dueOutbox(Date.now(), 20).filter((item) => !delivering.has(item.seq));
    await Promise.all(due.map(async (item) => {
      delivering.add(item.seq);
      try {
        const body = JSON.parse(item.body) as Omit<PaymentNotification, 'sentAt'>;
        provider.beforeDelivery(item.tradeNo, body);
        const payload = JSON.stringify({ ...body, sentAt: iso() });
        let ok = false;
        let error = '';
        try {
          const response = await withTimeout(deliverFn(new Request(`${notifyBase}/v1/payments/notify/${item.provider}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'sandbox-signature': signNotification(secret, payload, clock()) },
            body: payload,
          })), notifyTimeoutMs);
          if (response === 'timeout') error = 'timeout';
          else {
            ok = response.status >= 200 && response.status < 300;
            error = `HTTP ${response.status}`;
            await response.body?.cancel().catch(() => undefined);
          }
        } catch (e) {
          error = e instanceof Error ? e.message : String(e);
        }
        if (stopped) return;
        if (ok) {
          books.outboxDelivered(item.seq, iso());
          provider.acknowledged(item.tradeNo);
        } else if (item.attempts + 1 >= maxNotifyAttempts) {
          books.outboxGiveUp(item.seq, iso(), error);
          provider.acknowledged(item.tradeNo); // from now on the provider's queries tell the truth to whoever asks
        } else {
          books.outboxRetry(item.seq, Date.now() + Math.min(2000, 100 * 2 ** item.attempts), error);
        }
      } finally {
        delivering.delete(item.seq);
      }
    }));
    return due.length;
  }

  let timers: ReturnType<typeof setInterval>[] = [];

  return {
    create, get, list, confirm, cancel, extend, notify, sweep, deliverDue,
    /** The sandbox wallet / hosted page: the user pays or cancels at the provider. */
    wallet: (tradeNo: string, action: 'pay' | 'cancel') => store.atomically(() => provider.wallet(tradeNo, action)),
    tradeByNumber: (tradeNo: string) => provider.tradeByNumber(tradeNo),
    /** Where the redirect provider's hosted page sends the user back. */
    returnUrlOf: (paymentId: string) => books.getPayment(paymentId)?.payment.returnUrl,
    /** Starts the sweep and the outbox (the server calls this once it listens on `baseUrl`). */
    start(startOptions: { baseUrl: string }) {
      stopped = false;
      notifyBase = startOptions.baseUrl;
      publicOrigin = startOptions.baseUrl;
      if (options.notifyFetch) deliverFn = options.notifyFetch;
      let ticking = false;
      timers.push(setInterval(() => {
        if (ticking) return;
        ticking = true;
        deliverDue().catch(reportError).finally(() => (ticking = false));
      }, options.outboxIntervalMs ?? 50));
      timers.push(setInterval(() => void sweep().catch(reportError), options.sweepIntervalMs ?? 30_000));
      for (const timer of timers) timer.unref?.();
    },
    stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      timers = [];
    },
    /** Delivery target for `deliverDue` when the server was not started with `start` (tests of `createApp`). */
    setNotifyTarget(baseUrl: string, deliver?: (request: Request) => Promise<Response>) {
      notifyBase = baseUrl;
      if (deliver) deliverFn = deliver;
    },
    secret,
  };
}

export type PaymentService = ReturnType<typeof createPaymentService>;
export type { PaymentProvider };
