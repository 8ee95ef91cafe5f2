/**
 * kill -9 during payments: the real server binary, a burst of payments in every step (create, wallet, confirm,
 * queued notifications), SIGKILL mid-burst, restart on the same data directory. Acknowledged payments and keys
 * survive, retries with the same keys never make a second payment or charge, queued notifications are delivered
 * after the restart, and every amount the provider captured has exactly one ledger charge.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { Payment } from '@cityhub/schema';
import { DATABASE_FILE, openStore } from '../src/index.js';
import { kill9, launchServer, postJson, tempDir, type ServerProcess } from './helpers.js';
import { createPayment, topUpBill, tradeNoOf } from './payments-helpers.js';

const SECRET = { CITYHUB_SANDBOX_SECRET: 'durable-secret' };

interface Flow {
  key: string;
  amount: number;
  card: string;
  billId?: string;
  payment?: Payment;
  /** Steps acknowledged by the server before the kill. */
  acked: string[];
}

/** One citizen's payment: create → wallet → confirm, each step recorded once acknowledged. */
async function run(base: string, flow: Flow): Promise<void> {
  if (!flow.billId) flow.billId = (await topUpBill(base, flow.amount, flow.card)).id;
  const created = await createPayment(base, flow.billId, { key: flow.key });
  assert.ok(created.payment, created.text);
  flow.payment = created.payment;
  flow.acked.push('create');
  if (created.payment.status === 'awaiting_user') {
    const wallet = await postJson(base, `/v1/sandbox/wallet/${tradeNoOf(created.payment)}`, { action: 'pay' });
    await wallet.arrayBuffer();
    if (wallet.status === 200) flow.acked.push('wallet');
  }
  const confirmed = await postJson(base, `/v1/payments/${created.payment.id}/confirm`, {});
  if (confirmed.ok) {
    flow.payment = Payment.parse(await confirmed.json());
    flow.acked.push('confirm');
  }
}

describe('payments survive kill -9', () => {
  const dir = tempDir('cityhub-pay-durability-');
  const children: ServerProcess[] = [];
  after(() => {
    for (const child of children) if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
    dir.remove();
  });

  it('keeps payments, keys, charges and queued notifications; retries never charge twice', async () => {
    const first = await launchServer(dir.path, SECRET);
    children.push(first);
    // Success (¥x.00) and "paid only by notification" (¥x.93, notification queued 200 ms later) flows.
    const flows: Flow[] = Array.from({ length: 36 }, (_, i) => ({
      key: `dur-${i}`, amount: 2000 + i * 100 + (i % 3 === 0 ? 93 : 0), card: String(6_100_000_000 + i), acked: [],
    }));
    // The bills first (submissions are not what this test is about).
    await Promise.all(flows.map(async (flow) => (flow.billId = (await topUpBill(first.url, flow.amount, flow.card)).id)));
    // Phase 1: six complete flows.
    for (const flow of flows.slice(0, 6)) await run(first.url, flow);
    // Phase 2: the rest at once; kill -9 once all creates and ten wallet payments of the burst were acknowledged.
    let killing: Promise<void> | undefined;
    const burst = flows.slice(6);
    await Promise.all(burst.map(async (flow) => {
      const watch = setInterval(() => {
        if (!killing && flows.reduce((n, f) => n + f.acked.length, 0) - 18 >= 40) killing = kill9(first);
      }, 1);
      try {
        await run(first.url, flow);
      } catch {
        // cut off by the kill: the client only knows what was acknowledged
      } finally {
        clearInterval(watch);
      }
    }));
    killing ??= kill9(first);
    await killing;
    const ackedAtKill = flows.map((f) => f.acked.length);
    const stepsAtKill = flows.flatMap((f) => f.acked).reduce<Record<string, number>>((m, s) => ({ ...m, [s]: (m[s] ?? 0) + 1 }), {});

    // What survived, straight from the database file.
    const survived = openStore(dir.path);
    const queued = survived.payments.stats();
    const outboxAtKill = survived.payments.outboxPending();
    survived.close();

    const second = await launchServer(dir.path, SECRET);
    children.push(second);
    // Acknowledged payments are there, and their keys replay them.
    const acknowledged = flows.filter((f) => f.acked.includes('create'));
    for (const flow of acknowledged) {
      const res = await fetch(`${second.url}/v1/payments/${flow.payment!.id}`);
      assert.equal(res.status, 200, `payment of ${flow.key} lost`);
      await res.arrayBuffer();
      const replay = await createPayment(second.url, flow.billId!, { key: flow.key });
      assert.equal(replay.payment?.id, flow.payment!.id, `key ${flow.key} replays the same payment`);
      assert.equal(replay.res.headers.get('idempotent-replayed'), 'true');
    }
    const conflict = await createPayment(second.url, flows[0]!.billId!, { key: flows[0]!.key, provider: 'alipay' });
    assert.equal(conflict.res.status, 422, 'a surviving key still refuses a different body');

    // Every client retries its whole flow with the same key (what the SDK does on resume).
    await Promise.all(flows.map((flow) => run(second.url, flow)));
    const finals = await Promise.all(flows.map(async (flow) => {
      for (let i = 0; i < 100; i++) {
        const payment = Payment.parse(await (await fetch(`${second.url}/v1/payments/${flow.payment!.id}`)).json());
        if (payment.status === 'succeeded') return payment;
        await new Promise((r) => setTimeout(r, 30));
      }
      return undefined;
    }));
    // The restarted server's outbox drains (read from the side, as another process would).
    const side = new Database(`${dir.path}/${DATABASE_FILE}`, { readonly: true });
    let undelivered = -1;
    try {
      const pending = side.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM sandbox_outbox WHERE delivered_at IS NULL AND gave_up_at IS NULL');
      for (let i = 0; i < 200 && (undelivered = pending.get()!.n) > 0; i++) await new Promise((r) => setTimeout(r, 25));
    } finally {
      side.close();
    }
    const exited = once(second.process, 'exit');
    second.process.kill('SIGTERM');
    await exited;

    const store = openStore(dir.path);
    try {
      const stats = store.payments.stats();
      const captured = store.payments.capturedTrades();
      const uncharged = captured.filter((t) => !store.payments.chargeOfPayment(t.outTradeNo));
      const perBill = flows.map((f) => store.payments.chargesOfBill(f.billId!).length);
      const paymentsPerBill = flows.map((f) => store.payments.listPaymentsOfBill(f.billId!, null).length);
      console.log(`kill -9 during payments: ${flows.length} flows; acknowledged before the kill: ${JSON.stringify(stepsAtKill)} ` +
        `(${ackedAtKill.filter((n) => n === 0).length} flows without any answer); in the database after the kill: ${queued.payments} payments, ` +
        `${queued.charges} charges, ${outboxAtKill} notifications queued`);
      console.log(`after restart and retries with the same keys: ${stats.payments} payments, ${stats.charges} charges, ` +
        `${captured.length} provider captures, ${uncharged.length} captures without a charge, max charges per bill ${Math.max(...perBill)}, ` +
        `max payments per bill ${Math.max(...paymentsPerBill)}, ${store.payments.outboxPending()} notifications still queued`);
      assert.equal(finals.filter((p) => p === undefined).length, 0, 'every payment succeeded');
      assert.ok(outboxAtKill > 0, 'the kill left notifications to deliver');
      assert.equal(stats.payments, flows.length);
      assert.equal(stats.charges, flows.length);
      assert.deepEqual(uncharged, []);
      assert.ok(perBill.every((n) => n === 1));
      assert.ok(paymentsPerBill.every((n) => n === 1));
      assert.equal(undelivered, 0, 'queued notifications were delivered after the restart');
      assert.equal(store.payments.outboxPending(), 0);
    } finally {
      store.close();
    }
  });
});
