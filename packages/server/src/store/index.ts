import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Bill, LocalizedText, Order, SubmissionResult, TimelineEvent } from '@cityhub/schema';
import { migrate } from './migrations.js';
import { createForwardingStore, forwardingOf, type ForwardingStore } from './forwarding.js';
import { createPaymentStore, type PaymentStore } from './payments.js';

export type { ForwardingStore, ForwardedRequest, SandboxServiceRequest } from './forwarding.js';
export type { PaymentStore, StoredBill, StoredPayment, ChargeRecord, PaymentStats, SandboxTrade, OutboxItem } from './payments.js';

export const DATABASE_FILE = 'cityhub.sqlite';

/** A stored idempotency key and the response it produced. */
export interface IdempotencyRecord {
  owner: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
  status: number;
  responseBody: string;
  createdAt: string;
}

/** Everything one accepted submission writes, committed together. */
export interface SubmissionRecord {
  owner: string | null;
  valuesHash: string;
  result: SubmissionResult;
  /** The exact response, for replay under the idempotency key. */
  response: { status: number; body: string };
  idempotency?: { key: string; method: string; path: string; requestHash: string };
}

export interface StoredOrder {
  owner: string | null;
  order: Order;
}

export interface StoreStats {
  submissions: number;
  orders: number;
  bills: number;
  idempotencyKeys: number;
}

export interface Store {
  /** Absolute path of the database file. */
  readonly file: string;
  /**
   * Runs `fn` in one write transaction (`BEGIN IMMEDIATE`): reads and writes inside it see no other writer,
   * and a throw rolls everything back.
   */
  atomically<T>(fn: () => T): T;
  findIdempotencyKey(owner: string, key: string): IdempotencyRecord | undefined;
  /** Orders already created in a city on a local day (YYYYMMDD); the next reference number is this + 1. */
  countOrdersOnDay(city: string, day: string): number;
  /** Saves a submission with its order, timeline, bills and idempotency key in one transaction. */
  saveSubmission(record: SubmissionRecord): void;
  getOrder(id: string): StoredOrder | undefined;
  /** An owner's orders, newest first. */
  listOrders(owner: string, limit?: number): Order[];
  /** Appends a timeline event to an order and makes its status the order's status. */
  addOrderEvent(orderId: string, event: TimelineEvent): void;
  stats(): StoreStats;
  /** Payments, the charge ledger and the sandbox provider's books (same database, same transactions). */
  readonly payments: PaymentStore;
  /** Reports sent on to Open311 endpoints, and the sandbox Open311 endpoint's books. */
  readonly forwarding: ForwardingStore;
  /** A cheap read that proves the database answers. */
  ping(): boolean;
  close(): void;
}

interface OrderRow {
  id: string;
  owner: string | null;
  submission_id: string;
  reference: string;
  city: string;
  service: string;
  kind: Order['kind'];
  title: string;
  status: Order['status'];
  booking: string | null;
  created_at: string;
  updated_at: string;
}

interface EventRow {
  status: Order['status'];
  at: string;
  note: string | null;
}

interface KeyRow {
  owner: string;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  status: number;
  response_body: string;
  created_at: string;
}

/** Local day in China Standard Time (UTC+8, no DST) as YYYYMMDD. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
}

/**
 * Opens (creating when needed) `<dataDir>/cityhub.sqlite`: WAL journal with `synchronous=FULL`, so a committed
 * transaction survives `kill -9` and power loss, foreign keys on, migrations applied.
 */
export function openStore(dataDir: string): Store {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, DATABASE_FILE);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }

  const statements = {
    findKey: db.prepare<[string, string], KeyRow>('SELECT * FROM idempotency_keys WHERE owner = ? AND key = ?'),
    insertKey: db.prepare(
      `INSERT INTO idempotency_keys (owner, key, method, path, request_hash, status, response_body, created_at)
       VALUES (@owner, @key, @method, @path, @requestHash, @status, @responseBody, @createdAt)`,
    ),
    countDay: db.prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM orders WHERE city = ? AND day = ?'),
    insertSubmission: db.prepare(
      `INSERT INTO submissions (id, owner, city, service, kind, values_hash, status, result, created_at)
       VALUES (@id, @owner, @city, @service, @kind, @valuesHash, @status, @result, @createdAt)`,
    ),
    insertOrder: db.prepare(
      `INSERT INTO orders (id, owner, submission_id, reference, city, service, kind, title, status, booking, day, created_at, updated_at)
       VALUES (@id, @owner, @submissionId, @reference, @city, @service, @kind, @title, @status, @booking, @day, @createdAt, @updatedAt)`,
    ),
    insertEvent: db.prepare('INSERT INTO order_events (order_id, seq, status, at, note) VALUES (?, ?, ?, ?, ?)'),
    insertBill: db.prepare(
      `INSERT INTO bills (id, submission_id, owner, city, service, reference, amount, currency, status, data, created_at)
       VALUES (@id, @submissionId, @owner, @city, @service, @reference, @amount, @currency, @status, @data, @createdAt)
       ON CONFLICT (id) DO NOTHING`,
    ),
    getOrder: db.prepare<[string], OrderRow>('SELECT * FROM orders WHERE id = ?'),
    listOrders: db.prepare<[string, number], OrderRow>(
      'SELECT * FROM orders WHERE owner = ? ORDER BY created_at DESC, rowid DESC LIMIT ?',
    ),
    events: db.prepare<[string], EventRow>('SELECT status, at, note FROM order_events WHERE order_id = ? ORDER BY seq'),
    nextEventSeq: db.prepare<[string], { n: number }>('SELECT COALESCE(MAX(seq), -1) + 1 AS n FROM order_events WHERE order_id = ?'),
    setOrderStatus: db.prepare('UPDATE orders SET status = ?, updated_at = ? WHERE id = ?'),
    stats: db.prepare<[], StoreStats>(
      `SELECT (SELECT COUNT(*) FROM submissions) AS submissions, (SELECT COUNT(*) FROM orders) AS orders,
              (SELECT COUNT(*) FROM bills) AS bills, (SELECT COUNT(*) FROM idempotency_keys) AS idempotencyKeys`,
    ),
    ping: db.prepare<[], { ok: number }>('SELECT 1 AS ok'),
  };

  const forwarding = createForwardingStore(db);
  const toOrder = (row: OrderRow): Order => {
    const timeline = statements.events.all(row.id).map((e) => ({
      status: e.status,
      at: e.at,
      ...(e.note ? { note: JSON.parse(e.note) as LocalizedText } : {}),
    }));
    return {
      id: row.id,
      reference: row.reference,
      service: row.service,
      city: row.city,
      kind: row.kind,
      title: JSON.parse(row.title) as LocalizedText,
      status: row.status,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      timeline,
      ...(row.booking ? { booking: JSON.parse(row.booking) as Order['booking'] } : {}),
      submission: row.submission_id,
      ...forwardedOf(row.id),
    };
  };
  const forwardedOf = (orderId: string): Pick<Order, 'forwarded'> => {
    const request = forwarding.ofOrder(orderId);
    const forwarded = request && forwardingOf(request);
    return forwarded ? { forwarded } : {};
  };

  const insertBill = (bill: Bill, submissionId: string, owner: string | null, createdAt: string) =>
    statements.insertBill.run({
      id: bill.id,
      submissionId,
      owner,
      city: bill.city,
      service: bill.service,
      reference: bill.reference,
      amount: bill.amount.amount,
      currency: bill.amount.currency,
      status: bill.status,
      data: JSON.stringify(bill),
      createdAt,
    });

  const save = db.transaction((record: SubmissionRecord) => {
    const { result, owner } = record;
    statements.insertSubmission.run({
      id: result.id,
      owner,
      city: result.city,
      service: result.service,
      kind: result.kind,
      valuesHash: record.valuesHash,
      status: result.status,
      result: JSON.stringify(result),
      createdAt: result.submittedAt,
    });
    for (const bill of result.bills) insertBill(bill, result.id, owner, result.submittedAt);
    const order = result.order;
    if (order) {
      statements.insertOrder.run({
        id: order.id,
        owner,
        submissionId: result.id,
        reference: order.reference,
        city: order.city,
        service: order.service,
        kind: order.kind,
        title: JSON.stringify(order.title),
        status: order.status,
        booking: order.booking ? JSON.stringify(order.booking) : null,
        day: chinaDay(new Date(order.createdAt)),
        createdAt: order.createdAt,
        updatedAt: order.updatedAt,
      });
      order.timeline.forEach((event, seq) =>
        statements.insertEvent.run(order.id, seq, event.status, event.at, event.note ? JSON.stringify(event.note) : null),
      );
    }
    if (record.idempotency) {
      statements.insertKey.run({
        owner: owner ?? '',
        ...record.idempotency,
        status: record.response.status,
        responseBody: record.response.body,
        createdAt: result.submittedAt,
      });
    }
  });

  let closed = false;
  const payments = createPaymentStore(db);
  return {
    file,
    payments,
    forwarding,
    atomically: <T>(fn: () => T): T => db.transaction(fn).immediate(),
    findIdempotencyKey(owner, key) {
      const row = statements.findKey.get(owner, key);
      return row && {
        owner: row.owner,
        key: row.key,
        method: row.method,
        path: row.path,
        requestHash: row.request_hash,
        status: row.status,
        responseBody: row.response_body,
        createdAt: row.created_at,
      };
    },
    countOrdersOnDay: (city, day) => statements.countDay.get(city, day)?.n ?? 0,
    saveSubmission: (record) => save(record),
    getOrder(id) {
      const row = statements.getOrder.get(id);
      return row && { owner: row.owner, order: toOrder(row) };
    },
    listOrders: (owner, limit = 50) => statements.listOrders.all(owner, limit).map(toOrder),
    addOrderEvent(orderId, event) {
      statements.insertEvent.run(orderId, statements.nextEventSeq.get(orderId)!.n, event.status, event.at, event.note ? JSON.stringify(event.note) : null);
      statements.setOrderStatus.run(event.status, event.at, orderId);
    },
    stats: () => statements.stats.get()!,
    ping: () => statements.ping.get()?.ok === 1,
    close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
