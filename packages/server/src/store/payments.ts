import type Database from 'better-sqlite3';
import type {
  Bill, LocalizedText, Order, Payment, PaymentEvent, PaymentParams, PaymentProvider, PaymentStatus,
  ProviderTradeState,
} from '@cityhub/schema';
import { chinaDay } from './index.js';

/** A bill as the store holds it: the bill with its current status and the submission that produced it. */
export interface StoredBill {
  bill: Bill;
  submissionId: string;
  owner: string | null;
}

export interface StoredPayment {
  owner: string | null;
  tradeNo: string | null;
  payment: Payment;
}

export interface NewPayment {
  id: string;
  owner: string | null;
  bill: Bill;
  provider: PaymentProvider;
  returnUrl?: string;
  expiresAt: Date;
  extensionsLeft: number;
  createdAt: string;
}

export interface ChargeRecord {
  id: string;
  paymentId: string;
  billId: string;
  provider: PaymentProvider;
  tradeNo: string;
  amount: number;
  currency: string;
  createdAt: string;
}

export interface PaymentStats {
  payments: number;
  byStatus: Partial<Record<PaymentStatus, number>>;
  charges: number;
  /** Fen charged in total. */
  charged: number;
  notifications: number;
}

export interface SandboxTrade {
  tradeNo: string;
  outTradeNo: string;
  provider: PaymentProvider;
  amount: number;
  currency: string;
  scenario: string;
  state: ProviderTradeState;
  queries: number;
  captured: boolean;
  hangNext: boolean;
  notified: boolean;
}

export interface OutboxItem {
  seq: number;
  notificationId: string;
  tradeNo: string;
  provider: PaymentProvider;
  body: string;
  dueMs: number;
  attempts: number;
}

/** The payment half of the store. Every method is synchronous; wrap related calls in `store.atomically`. */
export interface PaymentStore {
  getBill(id: string): StoredBill | undefined;
  insertPayment(record: NewPayment): void;
  getPayment(id: string): StoredPayment | undefined;
  /** The bill's payment in one of `statuses`, newest first. */
  findPaymentOfBill(billId: string, statuses: readonly PaymentStatus[]): StoredPayment | undefined;
  listPaymentsOfBill(billId: string, owner: string | null): Payment[];
  addEvent(id: string, event: PaymentEvent): void;
  setPrepared(id: string, tradeNo: string, params: PaymentParams, at: string): void;
  setStatus(id: string, status: PaymentStatus, at: string, extra?: { failure?: Payment['failure']; orderId?: string; keepParams?: boolean }): void;
  setExpiry(id: string, expiresAt: Date, extensionsLeft: number, at: string): void;
  /** Inserts the ledger row; throws `SQLITE_CONSTRAINT_UNIQUE` on any second charge of a bill, payment or trade. */
  insertCharge(charge: ChargeRecord): void;
  chargeOfPayment(paymentId: string): ChargeRecord | undefined;
  chargesOfBill(billId: string): ChargeRecord[];
  markBillPaid(billId: string): void;
  /** Stores an order made by a payment (kind `payment`), with its timeline. */
  insertOrder(order: Order, owner: string | null): void;
  /** Stores an idempotency key with the id of the payment it produced (`{"paymentId": …}`). */
  saveKey(record: { owner: string; key: string; method: string; path: string; requestHash: string; status: number; responseBody: string; createdAt: string }): void;
  hasNotification(provider: string, id: string): boolean;
  /** The notifications received for a payment, in arrival order, with what each one did. */
  notificationsOf(paymentId: string): Array<{ id: string; sequence: number; state: string; outcome: string }>;
  /** Records a provider notification; false when this (provider, id) was already received. */
  recordNotification(provider: string, id: string, paymentId: string, sequence: number, state: string, outcome: string, at: string): boolean;
  /** Ids of undecided payments that are due for a check: unpaid past their expiry, or processing. */
  duePayments(nowMs: number, limit: number): string[];
  stats(): PaymentStats;

  // --- the sandbox provider's books ---------------------------------------------------------------------------
  insertTrade(trade: Omit<SandboxTrade, 'queries' | 'captured' | 'hangNext' | 'notified' | 'state'> & { state: ProviderTradeState; at: string }): void;
  getTrade(tradeNo: string): SandboxTrade | undefined;
  getTradeByOutTradeNo(outTradeNo: string): SandboxTrade | undefined;
  updateTrade(tradeNo: string, fields: Partial<Pick<SandboxTrade, 'state' | 'queries' | 'captured' | 'hangNext' | 'notified'>>, at: string): void;
  enqueue(item: Omit<OutboxItem, 'seq' | 'attempts'>): void;
  dueOutbox(nowMs: number, limit: number): OutboxItem[];
  outboxDelivered(seq: number, at: string): void;
  outboxRetry(seq: number, dueMs: number, error: string): void;
  outboxGiveUp(seq: number, at: string, error: string): void;
  /** Undelivered notifications (not given up). */
  outboxPending(): number;
  /** Trades whose money moved, with the payment they belong to (for reconciliation checks). */
  capturedTrades(): Array<{ tradeNo: string; outTradeNo: string; amount: number }>;
}

interface PaymentRow {
  id: string;
  owner: string | null;
  bill_id: string;
  provider: PaymentProvider;
  status: PaymentStatus;
  amount: number;
  currency: string;
  bill: string;
  return_url: string | null;
  trade_no: string | null;
  params: string | null;
  expires_at: string;
  expires_ms: number;
  extensions_left: number;
  order_id: string | null;
  failure: string | null;
  created_at: string;
  updated_at: string;
}

interface TradeRow {
  trade_no: string;
  out_trade_no: string;
  provider: PaymentProvider;
  amount: number;
  currency: string;
  scenario: string;
  state: ProviderTradeState;
  queries: number;
  captured: number;
  hang_next: number;
  notified: number;
}

interface ChargeRow {
  id: string;
  payment_id: string;
  bill_id: string;
  provider: PaymentProvider;
  trade_no: string;
  amount: number;
  currency: string;
  created_at: string;
}

const LIVE = `('created', 'awaiting_user', 'processing')`;

export function createPaymentStore(db: Database.Database): PaymentStore {
  const s = {
    getBill: db.prepare<[string], { data: string; status: Bill['status']; submission_id: string; owner: string | null }>(
      'SELECT data, status, submission_id, owner FROM bills WHERE id = ?',
    ),
    markBillPaid: db.prepare<[string]>(`UPDATE bills SET status = 'paid', data = json_set(data, '$.status', 'paid') WHERE id = ?`),
    insertPayment: db.prepare(
      `INSERT INTO payments (id, owner, bill_id, provider, status, amount, currency, bill, return_url, expires_at, expires_ms,
                             extensions_left, created_at, updated_at)
       VALUES (@id, @owner, @billId, @provider, 'created', @amount, @currency, @bill, @returnUrl, @expiresAt, @expiresMs,
               @extensionsLeft, @createdAt, @createdAt)`,
    ),
    getPayment: db.prepare<[string], PaymentRow>('SELECT * FROM payments WHERE id = ?'),
    paymentsOfBill: db.prepare<[string], PaymentRow>('SELECT * FROM payments WHERE bill_id = ? ORDER BY created_at DESC, rowid DESC'),
    events: db.prepare<[string], { status: PaymentStatus; at: string; source: PaymentEvent['source']; reason: string | null }>(
      'SELECT status, at, source, reason FROM payment_events WHERE payment_id = ? ORDER BY seq',
    ),
    nextSeq: db.prepare<[string], { n: number }>('SELECT COALESCE(MAX(seq) + 1, 0) AS n FROM payment_events WHERE payment_id = ?'),
    insertEvent: db.prepare('INSERT INTO payment_events (payment_id, seq, status, at, source, reason) VALUES (?, ?, ?, ?, ?, ?)'),
    setPrepared: db.prepare<[string, string, string, string]>(
      `UPDATE payments SET trade_no = ?, params = ?, status = 'awaiting_user', updated_at = ? WHERE id = ? AND status = 'created'`,
    ),
    setStatus: db.prepare(
      `UPDATE payments SET status = @status, updated_at = @at, failure = COALESCE(@failure, failure),
              order_id = COALESCE(@orderId, order_id), params = CASE WHEN @keepParams THEN params ELSE NULL END
       WHERE id = @id`,
    ),
    setExpiry: db.prepare<[string, number, number, string, string]>(
      'UPDATE payments SET expires_at = ?, expires_ms = ?, extensions_left = ?, updated_at = ? WHERE id = ?',
    ),
    insertCharge: db.prepare(
      `INSERT INTO charges (id, payment_id, bill_id, provider, trade_no, amount, currency, created_at)
       VALUES (@id, @paymentId, @billId, @provider, @tradeNo, @amount, @currency, @createdAt)`,
    ),
    chargeOfPayment: db.prepare<[string], ChargeRow>('SELECT * FROM charges WHERE payment_id = ?'),
    chargesOfBill: db.prepare<[string], ChargeRow>('SELECT * FROM charges WHERE bill_id = ?'),
    countDay: db.prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM orders WHERE city = ? AND day = ?'),
    insertOrder: db.prepare(
      `INSERT INTO orders (id, owner, submission_id, reference, city, service, kind, title, status, booking, day, created_at, updated_at)
       VALUES (@id, @owner, @submissionId, @reference, @city, @service, @kind, @title, @status, NULL, @day, @createdAt, @updatedAt)`,
    ),
    insertOrderEvent: db.prepare('INSERT INTO order_events (order_id, seq, status, at, note) VALUES (?, ?, ?, ?, ?)'),
    insertNotification: db.prepare(
      `INSERT INTO payment_notifications (provider, id, payment_id, sequence, state, outcome, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (provider, id) DO NOTHING`,
    ),
    insertKey: db.prepare(
      `INSERT INTO idempotency_keys (owner, key, method, path, request_hash, status, response_body, created_at)
       VALUES (@owner, @key, @method, @path, @requestHash, @status, @responseBody, @createdAt)`,
    ),
    hasNotification: db.prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM payment_notifications WHERE provider = ? AND id = ?'),
    notificationsOf: db.prepare<[string], { id: string; sequence: number; state: string; outcome: string }>(
      'SELECT id, sequence, state, outcome FROM payment_notifications WHERE payment_id = ? ORDER BY rowid',
    ),
    due: db.prepare<[number, number], { id: string }>(
      `SELECT id FROM payments WHERE status IN ${LIVE} AND (expires_ms <= ? OR status = 'processing') ORDER BY expires_ms LIMIT ?`,
    ),
    countPayments: db.prepare<[], { status: PaymentStatus; n: number }>('SELECT status, COUNT(*) AS n FROM payments GROUP BY status'),
    chargeTotals: db.prepare<[], { n: number; total: number }>('SELECT COUNT(*) AS n, COALESCE(SUM(amount), 0) AS total FROM charges'),
    countNotifications: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM payment_notifications'),

    insertTrade: db.prepare(
      `INSERT INTO sandbox_trades (trade_no, out_trade_no, provider, amount, currency, scenario, state, created_at, updated_at)
       VALUES (@tradeNo, @outTradeNo, @provider, @amount, @currency, @scenario, @state, @at, @at)
       ON CONFLICT (out_trade_no) DO NOTHING`,
    ),
    getTrade: db.prepare<[string], TradeRow>('SELECT * FROM sandbox_trades WHERE trade_no = ?'),
    getTradeByOut: db.prepare<[string], TradeRow>('SELECT * FROM sandbox_trades WHERE out_trade_no = ?'),
    updateTrade: db.prepare(
      `UPDATE sandbox_trades SET state = COALESCE(@state, state), queries = COALESCE(@queries, queries),
              captured = MAX(captured, COALESCE(@captured, captured)), hang_next = COALESCE(@hangNext, hang_next),
              notified = MAX(notified, COALESCE(@notified, notified)), updated_at = @at
       WHERE trade_no = @tradeNo`,
    ),
    enqueue: db.prepare(
      `INSERT INTO sandbox_outbox (notification_id, trade_no, provider, body, due_ms) VALUES (@notificationId, @tradeNo, @provider, @body, @dueMs)`,
    ),
    dueOutbox: db.prepare<[number, number], { seq: number; notification_id: string; trade_no: string; provider: PaymentProvider; body: string; due_ms: number; attempts: number }>(
      `SELECT seq, notification_id, trade_no, provider, body, due_ms, attempts FROM sandbox_outbox
       WHERE delivered_at IS NULL AND gave_up_at IS NULL AND due_ms <= ? ORDER BY due_ms, seq LIMIT ?`,
    ),
    outboxDelivered: db.prepare<[string, number]>('UPDATE sandbox_outbox SET delivered_at = ?, attempts = attempts + 1 WHERE seq = ?'),
    outboxRetry: db.prepare<[number, string, number]>('UPDATE sandbox_outbox SET due_ms = ?, last_error = ?, attempts = attempts + 1 WHERE seq = ?'),
    outboxGiveUp: db.prepare<[string, string, number]>('UPDATE sandbox_outbox SET gave_up_at = ?, last_error = ?, attempts = attempts + 1 WHERE seq = ?'),
    outboxPending: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM sandbox_outbox WHERE delivered_at IS NULL AND gave_up_at IS NULL'),
    captured: db.prepare<[], { trade_no: string; out_trade_no: string; amount: number }>(
      'SELECT trade_no, out_trade_no, amount FROM sandbox_trades WHERE captured = 1',
    ),
  };

  const toPayment = (row: PaymentRow): Payment => {
    const bill = JSON.parse(row.bill) as Bill;
    return {
      id: row.id,
      billId: row.bill_id,
      bill,
      amount: { amount: row.amount, currency: row.currency as 'CNY' },
      payee: bill.payee,
      provider: row.provider,
      status: row.status,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      expiresAt: row.expires_at,
      extensionsLeft: row.extensions_left,
      timeline: s.events.all(row.id).map((e) => ({ status: e.status, at: e.at, source: e.source, ...(e.reason ? { reason: e.reason } : {}) })),
      ...(row.params && row.status === 'awaiting_user' ? { params: JSON.parse(row.params) as PaymentParams } : {}),
      ...(row.return_url ? { returnUrl: row.return_url } : {}),
      ...(row.order_id ? { orderId: row.order_id } : {}),
      ...(row.failure ? { failure: JSON.parse(row.failure) as { code: string; message: LocalizedText } } : {}),
    };
  };
  const stored = (row: PaymentRow): StoredPayment => ({ owner: row.owner, tradeNo: row.trade_no, payment: toPayment(row) });
  const toTrade = (row: TradeRow): SandboxTrade => ({
    tradeNo: row.trade_no,
    outTradeNo: row.out_trade_no,
    provider: row.provider,
    amount: row.amount,
    currency: row.currency,
    scenario: row.scenario,
    state: row.state,
    queries: row.queries,
    captured: row.captured === 1,
    hangNext: row.hang_next === 1,
    notified: row.notified === 1,
  });
  const toCharge = (row: ChargeRow): ChargeRecord => ({
    id: row.id, paymentId: row.payment_id, billId: row.bill_id, provider: row.provider, tradeNo: row.trade_no,
    amount: row.amount, currency: row.currency, createdAt: row.created_at,
  });
  const addEvent = (id: string, event: PaymentEvent) => {
    const seq = s.nextSeq.get(id)!.n;
    s.insertEvent.run(id, seq, event.status, event.at, event.source, event.reason ?? null);
  };
  const bit = (value: boolean | undefined) => (value === undefined ? null : value ? 1 : 0);

  return {
    getBill(id) {
      const row = s.getBill.get(id);
      if (!row) return undefined;
      const bill = JSON.parse(row.data) as Bill;
      return { bill: { ...bill, status: row.status }, submissionId: row.submission_id, owner: row.owner };
    },
    insertPayment(record) {
      s.insertPayment.run({
        id: record.id,
        owner: record.owner,
        billId: record.bill.id,
        provider: record.provider,
        amount: record.bill.amount.amount,
        currency: record.bill.amount.currency,
        bill: JSON.stringify(record.bill),
        returnUrl: record.returnUrl ?? null,
        expiresAt: record.expiresAt.toISOString(),
        expiresMs: record.expiresAt.getTime(),
        extensionsLeft: record.extensionsLeft,
        createdAt: record.createdAt,
      });
      addEvent(record.id, { status: 'created', at: record.createdAt, source: 'client', reason: 'created' });
    },
    getPayment(id) {
      const row = s.getPayment.get(id);
      return row && stored(row);
    },
    findPaymentOfBill(billId, statuses) {
      const row = s.paymentsOfBill.all(billId).find((r) => statuses.includes(r.status));
      return row && stored(row);
    },
    listPaymentsOfBill: (billId, owner) => s.paymentsOfBill.all(billId).filter((r) => r.owner === owner).map(toPayment),
    addEvent,
    setPrepared(id, tradeNo, params, at) {
      s.setPrepared.run(tradeNo, JSON.stringify(params), at, id);
    },
    setStatus(id, status, at, extra = {}) {
      s.setStatus.run({
        id, status, at,
        failure: extra.failure ? JSON.stringify(extra.failure) : null,
        orderId: extra.orderId ?? null,
        keepParams: extra.keepParams ? 1 : 0,
      });
    },
    setExpiry(id, expiresAt, extensionsLeft, at) {
      s.setExpiry.run(expiresAt.toISOString(), expiresAt.getTime(), extensionsLeft, at, id);
    },
    insertCharge: (charge) => void s.insertCharge.run({ ...charge }),
    chargeOfPayment(paymentId) {
      const row = s.chargeOfPayment.get(paymentId);
      return row && toCharge(row);
    },
    chargesOfBill: (billId) => s.chargesOfBill.all(billId).map(toCharge),
    markBillPaid: (billId) => void s.markBillPaid.run(billId),
    insertOrder(order, owner) {
      s.insertOrder.run({
        id: order.id,
        owner,
        submissionId: order.submission,
        reference: order.reference,
        city: order.city,
        service: order.service,
        kind: order.kind,
        title: JSON.stringify(order.title),
        status: order.status,
        day: chinaDay(new Date(order.createdAt)),
        createdAt: order.createdAt,
        updatedAt: order.updatedAt,
      });
      order.timeline.forEach((event, seq) =>
        s.insertOrderEvent.run(order.id, seq, event.status, event.at, event.note ? JSON.stringify(event.note) : null),
      );
    },
    saveKey: (record) => void s.insertKey.run({ ...record }),
    notificationsOf: (paymentId) => s.notificationsOf.all(paymentId).map((r) => ({ ...r })),
    hasNotification: (provider, id) => s.hasNotification.get(provider, id)!.n > 0,
    recordNotification: (provider, id, paymentId, sequence, state, outcome, at) =>
      s.insertNotification.run(provider, id, paymentId, sequence, state, outcome, at).changes === 1,
    duePayments: (nowMs, limit) => s.due.all(nowMs, limit).map((r) => r.id),
    stats() {
      const byStatus: Partial<Record<PaymentStatus, number>> = {};
      let payments = 0;
      for (const row of s.countPayments.all()) {
        byStatus[row.status] = row.n;
        payments += row.n;
      }
      const totals = s.chargeTotals.get()!;
      return { payments, byStatus, charges: totals.n, charged: totals.total, notifications: s.countNotifications.get()!.n };
    },

    insertTrade: (trade) => void s.insertTrade.run({ ...trade }),
    getTrade(tradeNo) {
      const row = s.getTrade.get(tradeNo);
      return row && toTrade(row);
    },
    getTradeByOutTradeNo(outTradeNo) {
      const row = s.getTradeByOut.get(outTradeNo);
      return row && toTrade(row);
    },
    updateTrade(tradeNo, fields, at) {
      s.updateTrade.run({
        tradeNo, at,
        state: fields.state ?? null,
        queries: fields.queries ?? null,
        captured: bit(fields.captured),
        hangNext: bit(fields.hangNext),
        notified: bit(fields.notified),
      });
    },
    enqueue: (item) => void s.enqueue.run({ ...item }),
    dueOutbox: (nowMs, limit) => s.dueOutbox.all(nowMs, limit).map((r) => ({
      seq: r.seq, notificationId: r.notification_id, tradeNo: r.trade_no, provider: r.provider, body: r.body, dueMs: r.due_ms, attempts: r.attempts,
    })),
    outboxDelivered: (seq, at) => void s.outboxDelivered.run(at, seq),
    outboxRetry: (seq, dueMs, error) => void s.outboxRetry.run(dueMs, error.slice(0, 500), seq),
    outboxGiveUp: (seq, at, error) => void s.outboxGiveUp.run(at, error.slice(0, 500), seq),
    outboxPending: () => s.outboxPending.get()!.n,
    capturedTrades: () => s.captured.all().map((r) => ({ tradeNo: r.trade_no, outTradeNo: r.out_trade_no, amount: r.amount })),
  };
}

