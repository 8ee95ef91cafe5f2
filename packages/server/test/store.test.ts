import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { SubmissionResult } from '@cityhub/schema';
import { chinaDay, openStore } from '../src/index.js';
import { MIGRATIONS } from '../src/store/migrations.js';
import { tempDir } from './helpers.js';

const result = (id: string, orderId?: string, createdAt = '2026-11-23T02:00:00.000Z'): SubmissionResult => ({
  id,
  service: 'city-management-report',
  city: '440300',
  kind: 'report',
  status: 'accepted',
  submittedAt: createdAt,
  summary: { 'zh-Hans': '已受理' },
  sections: [],
  bills: [{
    id: `bill_${id}`, reference: 'r', service: 'city-management-report', city: '440300',
    payee: { name: { 'zh-Hans': '水务' }, provider: 'sz-water' }, description: { 'zh-Hans': '水费' },
    amount: { amount: 1234, currency: 'CNY' }, status: 'unpaid',
  }],
  ...(orderId ? {
    order: {
      id: orderId, reference: `SZ-20261123-${orderId.slice(-4)}`, service: 'city-management-report', city: '440300', kind: 'report',
      title: { 'zh-Hans': '城管问题上报' }, status: 'received', createdAt, updatedAt: createdAt,
      timeline: [{ status: 'received', at: createdAt, note: { 'zh-Hans': '已受理', en: 'Received' } }], submission: id,
    },
  } : {}),
});

describe('store', () => {
  const dir = tempDir('cityhub-store-');
  after(() => dir.remove());

  it('creates the schema with WAL + synchronous=FULL and records the migration version', () => {
    const store = openStore(dir.path);
    store.close();
    const db = new Database(store.file, { readonly: true });
    try {
      assert.equal(db.pragma('user_version', { simple: true }), MIGRATIONS.length);
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all().map((r) => (r as { name: string }).name);
      assert.deepEqual(tables, [
        'bills', 'charges', 'forwarded_requests', 'idempotency_keys', 'order_events', 'orders', 'payment_events',
        'payment_notifications', 'payments', 'sandbox_open311_requests', 'sandbox_outbox', 'sandbox_trades', 'submissions',
      ]);
    } finally {
      db.close();
    }
    const reopened = openStore(dir.path);
    assert.equal(reopened.stats().orders, 0, 'reopening does not re-run migrations');
    reopened.close();
  });

  it('refuses a database written by a newer server', () => {
    const other = tempDir('cityhub-store-newer-');
    try {
      openStore(other.path).close();
      const db = new Database(`${other.path}/cityhub.sqlite`);
      db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
      db.close();
      assert.throws(() => openStore(other.path), /newer/);
    } finally {
      other.remove();
    }
  });

  it('saves a submission with its order, timeline, bill and key atomically', () => {
    const store = openStore(dir.path);
    try {
      store.saveSubmission({
        owner: 'owner-a', valuesHash: 'h', result: result('sub_1', 'ord_0001'),
        response: { status: 201, body: '{"x":1}' },
        idempotency: { key: 'k1', method: 'POST', path: '/p', requestHash: 'rh' },
      });
      assert.deepEqual(store.stats(), { submissions: 1, orders: 1, bills: 1, idempotencyKeys: 1 });
      const stored = store.getOrder('ord_0001')!;
      assert.equal(stored.owner, 'owner-a');
      assert.deepEqual(stored.order, result('sub_1', 'ord_0001').order);
      assert.equal(store.findIdempotencyKey('owner-a', 'k1')?.responseBody, '{"x":1}');
      assert.equal(store.findIdempotencyKey('owner-b', 'k1'), undefined, 'keys are per owner');
      assert.equal(store.countOrdersOnDay('440300', chinaDay(new Date('2026-11-23T02:00:00Z'))), 1);

      // A failing write (duplicate key) rolls back the whole submission.
      assert.throws(() => store.saveSubmission({
        owner: 'owner-a', valuesHash: 'h', result: result('sub_2', 'ord_0002'),
        response: { status: 201, body: '{}' },
        idempotency: { key: 'k1', method: 'POST', path: '/p', requestHash: 'rh' },
      }));
      assert.deepEqual(store.stats(), { submissions: 1, orders: 1, bills: 1, idempotencyKeys: 1 });
      assert.equal(store.getOrder('ord_0002'), undefined);

      // A throw inside atomically() undoes its writes.
      assert.throws(() => store.atomically(() => {
        store.saveSubmission({ owner: null, valuesHash: 'h', result: result('sub_3', 'ord_0003'), response: { status: 201, body: '{}' } });
        throw new Error('abort');
      }), /abort/);
      assert.equal(store.getOrder('ord_0003'), undefined);
    } finally {
      store.close();
    }
  });

  it('lists an owner\'s orders newest first', () => {
    const store = openStore(dir.path);
    try {
      store.saveSubmission({ owner: 'owner-c', valuesHash: 'h', result: result('sub_10', 'ord_0010', '2026-11-23T03:00:00.000Z'), response: { status: 201, body: '{}' } });
      store.saveSubmission({ owner: 'owner-c', valuesHash: 'h', result: result('sub_11', 'ord_0011', '2026-11-23T05:00:00.000Z'), response: { status: 201, body: '{}' } });
      store.saveSubmission({ owner: 'owner-c', valuesHash: 'h', result: result('sub_12', 'ord_0012', '2026-11-23T04:00:00.000Z'), response: { status: 201, body: '{}' } });
      assert.deepEqual(store.listOrders('owner-c').map((o) => o.id), ['ord_0011', 'ord_0012', 'ord_0010']);
      assert.deepEqual(store.listOrders('owner-c', 1).map((o) => o.id), ['ord_0011']);
      assert.deepEqual(store.listOrders('nobody'), []);
    } finally {
      store.close();
    }
  });

  it('numbers references by the China Standard Time day', () => {
    assert.equal(chinaDay(new Date('2026-11-23T15:59:59Z')), '20261123');
    assert.equal(chinaDay(new Date('2026-11-23T16:00:00Z')), '20261124');
  });
});
