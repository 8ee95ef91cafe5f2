import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { OrderList, Payment, PaymentList, SubmissionResult, type PaymentNotification } from '@cityhub/schema';
import { MAGIC_FEN, POLLS_TO_SUCCESS, signNotification } from '../src/index.js';
import { TOKEN, OTHER_TOKEN, auth, expectError, postJson, printTable, submissionPath } from './helpers.js';
import {
  SECRET, confirm, createPayment, getPayment, settle, startPaymentServer, topUpBill, tradeNoOf, walletPay, type PaymentServer,
} from './payments-helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('payments API', () => {
  let ps: PaymentServer;
  let base: string;
  before(async () => {
    ps = await startPaymentServer();
    base = ps.base;
  });
  after(() => ps.server.close());

  it('requires an Idempotency-Key; same key + body replays the same payment; a different body is 422', async () => {
    const bill = await topUpBill(base, 5000);
    await expectError(await postJson(base, '/v1/payments', { billId: bill.id, provider: 'sandbox' }, { key: null }), 400, 'bad_request');
    await expectError(await postJson(base, '/v1/payments', { billId: bill.id, provider: 'sandbox' }, { key: 'bad key with spaces' }), 400, 'bad_request');
    await expectError(await postJson(base, '/v1/payments', { billId: bill.id, provider: 'paypal' }, { key: 'k-shape' }), 400, 'bad_request');
    await expectError(await postJson(base, '/v1/payments', { billId: 'bill_nope', provider: 'sandbox' }, { key: 'k-404' }), 404, 'not_found');

    const first = await createPayment(base, bill.id, { key: 'k-replay' });
    assert.equal(first.res.status, 201);
    assert.equal(first.res.headers.get('cache-control'), 'no-store');
    assert.equal(first.res.headers.get('location'), `/v1/payments/${first.payment!.id}`);
    assert.equal(first.payment!.status, 'awaiting_user');
    assert.deepEqual(first.payment!.amount, bill.amount);
    assert.equal(first.payment!.bill.id, bill.id);
    const replays = await Promise.all(Array.from({ length: 5 }, () => createPayment(base, bill.id, { key: 'k-replay' })));
    for (const r of replays) {
      assert.equal(r.res.status, 201);
      assert.equal(r.res.headers.get('idempotent-replayed'), 'true');
      assert.equal(r.payment!.id, first.payment!.id);
    }
    const other = await createPayment(base, bill.id, { key: 'k-replay', provider: 'wechat' });
    await expectError(other.res, 422, 'idempotency_conflict');
    const stats = ps.server.store.payments.stats();
    console.log(`idempotency: 1 create + ${replays.length} replays (same key+body) → 1 payment; same key, other body → 422; no key → 400`);
    assert.equal(ps.server.store.payments.listPaymentsOfBill(bill.id, null).length, 1);
    assert.ok(stats.payments >= 1);
  });

  it('concurrent duplicates — one key ×40 and forty keys ×1 — make one payment per bill and at most one charge', async () => {
    const sameKey = await topUpBill(base, 5100);
    const manyKeys = await topUpBill(base, 5200);
    const [a, b] = await Promise.all([
      Promise.all(Array.from({ length: 40 }, () => createPayment(base, sameKey.id, { key: 'k-burst' }))),
      Promise.all(Array.from({ length: 40 }, (_, i) => createPayment(base, manyKeys.id, { key: `k-burst-${i}` }))),
    ]);
    const ids = (rs: typeof a) => new Set(rs.map((r) => r.payment?.id));
    assert.deepEqual([...ids(a)].length, 1);
    assert.deepEqual([...ids(b)].length, 1);
    assert.equal(a.filter((r) => r.res.status === 201).length, 40, 'every replay of the first key answers as the first did');
    assert.equal(b.filter((r) => r.res.status === 201).length, 1, 'the other 39 keys get the live payment (200)');
    // Everyone pays at once: still one charge.
    const payment = a[0]!.payment!;
    await Promise.all(Array.from({ length: 20 }, () => walletPay(base, payment)));
    await Promise.all(Array.from({ length: 20 }, () => confirm(base, payment.id)));
    const { payment: done } = await settle(base, payment.id);
    assert.equal(done.status, 'succeeded');
    const charges = ps.server.store.payments.chargesOfBill(sameKey.id).length;
    console.log(`concurrency: 40 same-key creates → ${ids(a).size} payment; 40 different-key creates → ${ids(b).size} payment; ` +
      `20 wallet pays + 20 confirms → ${charges} charge`);
    assert.equal(charges, 1);
    // A paid bill returns its payment to a new key, never a second one.
    const again = await createPayment(base, sameKey.id, { key: 'k-after-paid' });
    assert.equal(again.res.status, 200);
    assert.equal(again.payment!.id, payment.id);
    assert.equal(again.payment!.status, 'succeeded');
  });

  it('another citizen cannot take over a bill in payment (409) or read someone else\'s payment (404); GET is no-store', async () => {
    const bill = await topUpBill(base, 5300);
    const mine = await createPayment(base, bill.id, { token: TOKEN });
    assert.equal(mine.res.status, 201);
    await expectError((await createPayment(base, bill.id, { token: OTHER_TOKEN })).res, 409, 'conflict');
    const theirs = await fetch(`${base}/v1/payments/${mine.payment!.id}`, { headers: auth(OTHER_TOKEN) });
    await expectError(theirs, 404, 'not_found');
    const ok = await fetch(`${base}/v1/payments/${mine.payment!.id}`, { headers: auth(TOKEN) });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('cache-control'), 'no-store');
    const list = PaymentList.parse(await (await fetch(`${base}/v1/payments?billId=${bill.id}`, { headers: auth(TOKEN) })).json());
    assert.deepEqual(list.payments.map((p) => p.id), [mine.payment!.id]);
    await expectError(await fetch(`${base}/v1/payments`), 400, 'bad_request');
  });

  it('sandbox magic amounts decide the provider\'s behaviour deterministically', async () => {
    const rows: Array<Array<string | number>> = [];
    const expect: Record<string, { final: Payment['status']; charges: number }> = {
      success: { final: 'succeeded', charges: 1 },
      decline: { final: 'failed', charges: 0 },
      pending_polls: { final: 'succeeded', charges: 1 },
      pending_notify: { final: 'succeeded', charges: 1 },
      timeout: { final: 'succeeded', charges: 1 },
      client_claims: { final: 'awaiting_user', charges: 0 },
      noisy_notify: { final: 'succeeded', charges: 1 },
    };
    const amounts: Array<[number, string]> = [[8800, 'success'], ...Object.entries(MAGIC_FEN).map(([fen, s]) => [8800 + Number(fen), s] as [number, string])];
    await Promise.all(amounts.map(async ([amount, scenario]) => {
      const bill = await topUpBill(base, amount);
      const { payment } = await createPayment(base, bill.id);
      const wallet = (await (await walletPay(base, payment!)).json()) as { result: string };
      const started = performance.now();
      const confirmed = await confirm(base, payment!.id);
      const confirmMs = Math.round(performance.now() - started);
      const { payment: final, polls } = scenario === 'client_claims' ? { payment: (await getPayment(base, payment!.id)).payment, polls: 1 } : await settle(base, payment!.id);
      await sleep(120); // late and duplicate notifications
      const charges = ps.server.store.payments.chargesOfBill(bill.id).length;
      const after = (await getPayment(base, payment!.id)).payment;
      rows.push([`¥${(amount / 100).toFixed(2)}`, scenario, wallet.result, `${confirmed.status} (${confirmMs} ms)`, polls, after.status, charges]);
      assert.equal(after.status, expect[scenario]!.final, scenario);
      assert.equal(charges, expect[scenario]!.charges, scenario);
      if (scenario === 'timeout') assert.equal(confirmed.status, 'processing', 'the provider did not answer the confirm query');
      if (scenario === 'pending_polls') assert.equal(final.timeline.filter((e) => e.status === 'succeeded').length, 1);
    }));
    rows.sort((x, y) => String(x[0]).localeCompare(String(y[0])));
    printTable(`sandbox scenarios (pending_polls succeeds on provider query no. ${POLLS_TO_SUCCESS})`, ['amount', 'scenario', 'wallet says', 'after confirm', 'GETs to final', 'server status', 'charges'], rows);
  });

  it('verifies notification signatures; duplicate, reordered and stale notifications never regress or double-charge', async () => {
    const bill = await topUpBill(base, 6092); // pending_polls: decided only by queries or a notification
    const { payment } = await createPayment(base, bill.id);
    await walletPay(base, payment!);
    const tradeNo = tradeNoOf(payment!);
    const send = async (n: Omit<PaymentNotification, 'sentAt' | 'paymentId' | 'tradeNo' | 'amount'> & { amount?: number }, sign: (body: string) => string = (b) => signNotification(SECRET, b, new Date())) => {
      const body = JSON.stringify({ paymentId: payment!.id, tradeNo, amount: { amount: n.amount ?? bill.amount.amount, currency: 'CNY' }, sentAt: new Date().toISOString(), id: n.id, state: n.state, sequence: n.sequence });
      const res = await fetch(`${base}/v1/payments/notify/sandbox`, { method: 'POST', headers: { 'content-type': 'application/json', 'sandbox-signature': sign(body) }, body });
      return { status: res.status, outcome: res.ok ? ((await res.json()) as { outcome: string }).outcome : (await res.text(), '') };
    };
    const outcomes: Array<[string, number, string]> = [];
    const record = async (label: string, r: Promise<{ status: number; outcome: string }>) => {
      const { status, outcome } = await r;
      outcomes.push([label, status, outcome]);
      return { status, outcome };
    };
    assert.equal((await record('unsigned', send({ id: 'n-x', state: 'SUCCESS', sequence: 9 }, () => ''))).status, 401);
    assert.equal((await record('wrong secret', send({ id: 'n-x', state: 'SUCCESS', sequence: 9 }, (b) => signNotification('guess', b, new Date())))).status, 401);
    assert.equal((await record('10 min old', send({ id: 'n-x', state: 'SUCCESS', sequence: 9 }, (b) => signNotification(SECRET, b, new Date(Date.now() - 600_000))))).status, 401);
    const tampered = (b: string) => signNotification(SECRET, b.replace(String(bill.amount.amount), '1'), new Date());
    assert.equal((await record('body changed after signing', send({ id: 'n-x', state: 'SUCCESS', sequence: 9 }, tampered))).status, 401);
    assert.equal((await record('wrong amount', send({ id: 'n-amt', state: 'SUCCESS', sequence: 9, amount: 1 }))).outcome, 'amount_mismatch');
    assert.equal(ps.server.store.payments.getPayment(payment!.id)!.payment.status, 'awaiting_user', 'nothing moved on a bad notification');
    assert.equal((await record('USERPAYING seq 1', send({ id: 'n-1', state: 'USERPAYING', sequence: 1 }))).outcome, 'applied');
    // Success and its duplicates, concurrently.
    const burst = await Promise.all(Array.from({ length: 10 }, () => send({ id: 'n-2', state: 'SUCCESS', sequence: 2 })));
    outcomes.push(['SUCCESS seq 2 ×10 at once', 200, [...new Set(burst.map((b) => b.outcome))].sort().join('+')]);
    assert.deepEqual(burst.map((b) => b.outcome).sort(), ['applied', ...Array(9).fill('duplicate')]);
    assert.equal((await record('USERPAYING seq 1 again (late)', send({ id: 'n-1b', state: 'USERPAYING', sequence: 1 }))).outcome, 'stale');
    assert.equal((await record('PAYERROR seq 0 (reordered)', send({ id: 'n-0', state: 'PAYERROR', sequence: 0 }))).outcome, 'stale');
    assert.equal((await record('CLOSED seq 5', send({ id: 'n-5', state: 'CLOSED', sequence: 5 }))).outcome, 'stale');
    assert.equal((await record('SUCCESS seq 3 (second success)', send({ id: 'n-3', state: 'SUCCESS', sequence: 3 }))).outcome, 'already_applied');
    const { payment: final } = await getPayment(base, payment!.id);
    assert.equal(final.status, 'succeeded');
    assert.equal(ps.server.store.payments.chargesOfBill(bill.id).length, 1);
    printTable('notifications for one payment', ['notification', 'HTTP', 'outcome'], outcomes);
    // Only known providers.
    await expectError(await fetch(`${base}/v1/payments/notify/paypal`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }), 404, 'not_found');
  });

  it('the provider\'s own duplicate and out-of-order notifications (¥x.96) end in one charge', async () => {
    const bill = await topUpBill(base, 7796);
    const { payment } = await createPayment(base, bill.id);
    await walletPay(base, payment!);
    // The provider sends: SUCCESS #2, the same SUCCESS #2 again, a late USERPAYING #1, then SUCCESS #3.
    for (let i = 0; i < 100 && ps.server.store.payments.notificationsOf(payment!.id).length < 3; i++) await sleep(10);
    await sleep(100);
    const received = ps.server.store.payments.notificationsOf(payment!.id);
    assert.deepEqual(received.map((n) => `${n.state}#${n.sequence}:${n.outcome}`), ['SUCCESS#2:applied', 'USERPAYING#1:stale', 'SUCCESS#3:already_applied']);
    const final = (await getPayment(base, payment!.id)).payment;
    assert.equal(final.status, 'succeeded');
    assert.equal(final.timeline.filter((e) => e.status === 'succeeded').length, 1);
    assert.equal(ps.server.store.payments.chargesOfBill(bill.id).length, 1);
  });

  it('expires unpaid payments lazily on read and by the sweep; closes their trades; extensions add time ≥ 10 times', async () => {
    const ttl = 15 * 60_000;
    const lazy = (await createPayment(base, (await topUpBill(base, 5400)).id)).payment!;
    const swept = (await createPayment(base, (await topUpBill(base, 5500)).id)).payment!;
    const claimed = (await createPayment(base, (await topUpBill(base, 5595)).id)).payment!; // client claims, never pays
    await walletPay(base, claimed);
    const claim = await confirm(base, claimed.id);
    assert.equal(claim.status, 'awaiting_user', 'the provider has nothing: the claim does not make it processing');
    assert.equal(claim.timeline.at(-1)?.reason, 'confirmed_unpaid');
    const extended = (await createPayment(base, (await topUpBill(base, 5600)).id)).payment!;

    // Extensions: +10 min each, at least ten, idempotent per key, key required.
    await expectError(await postJson(base, `/v1/payments/${extended.id}/extend`, {}, { key: null }), 400, 'bad_request');
    let last = extended;
    for (let i = 0; i < 10; i++) {
      const res = await postJson(base, `/v1/payments/${extended.id}/extend`, {}, { key: `ext-${i}` });
      assert.equal(res.status, 200);
      last = Payment.parse(await res.json());
    }
    const replay = Payment.parse(await (await postJson(base, `/v1/payments/${extended.id}/extend`, {}, { key: 'ext-9' })).json());
    assert.equal(replay.expiresAt, last.expiresAt, 'a replayed extension does not extend again');
    assert.equal(last.extensionsLeft, 0);
    assert.equal(Date.parse(last.expiresAt) - Date.parse(extended.expiresAt), 10 * 10 * 60_000);
    await expectError(await postJson(base, `/v1/payments/${extended.id}/extend`, {}, { key: 'ext-10' }), 409, 'conflict');
    assert.equal(last.timeline.filter((e) => e.reason === 'extended').length, 10);

    ps.advance(ttl + 1000);
    try {
      assert.equal((await getPayment(base, lazy.id)).payment.status, 'expired', 'lazy expiry on read');
      assert.equal((await walletPay(base, lazy)).status, 409, 'the expired payment\'s trade is closed: it can no longer be paid');
      const checked = await ps.server.payments.sweep();
      assert.ok(checked >= 2);
      const sweptNow = ps.server.store.payments.getPayment(swept.id)!.payment;
      assert.equal(sweptNow.status, 'expired', 'the sweep expired it without a read');
      assert.equal(ps.server.store.payments.getPayment(claimed.id)!.payment.status, 'expired', 'a payment the client claimed but never paid expires after its limit');
      assert.equal(ps.server.store.payments.getPayment(extended.id)!.payment.status, 'awaiting_user', 'the extended one is still open');
      await expectError(await postJson(base, `/v1/payments/${lazy.id}/extend`, {}, { key: 'ext-late' }), 409, 'conflict');
      // A new payment of an expired payment's bill is allowed (the old one can never be charged).
      const fresh = await createPayment(base, lazy.billId);
      assert.equal(fresh.res.status, 201);
      assert.notEqual(fresh.payment!.id, lazy.id);
      console.log(`expiry: ttl 15 min; lazy read → expired; sweep checked ${checked} → expired; client-claimed unpaid → expired, 0 charges; ` +
        `10 extensions (+100 min), the 11th → 409`);
      assert.equal(ps.server.store.payments.chargesOfBill(claimed.billId).length, 0);
    } finally {
      ps.advance(-(ttl + 1000));
    }
  });

  it('cancel closes an unpaid trade; a payment the user already paid becomes succeeded, never canceled', async () => {
    const unpaid = (await createPayment(base, (await topUpBill(base, 5700)).id)).payment!;
    const canceled = Payment.parse(await (await postJson(base, `/v1/payments/${unpaid.id}/cancel`, {})).json());
    assert.equal(canceled.status, 'canceled');
    assert.equal((await walletPay(base, unpaid)).status, 409);
    const paid = (await createPayment(base, (await topUpBill(base, 5800)).id)).payment!;
    await walletPay(base, paid); // paid in the wallet, client never confirmed
    const notCanceled = Payment.parse(await (await postJson(base, `/v1/payments/${paid.id}/cancel`, {})).json());
    assert.equal(notCanceled.status, 'succeeded');
    assert.equal(ps.server.store.payments.chargesOfBill(paid.billId).length, 1);
  });

  it('the ledger refuses a second charge of a bill at the database level', async () => {
    const bill = await topUpBill(base, 5900);
    const { payment } = await createPayment(base, bill.id);
    await walletPay(base, payment!);
    await confirm(base, payment!.id);
    const charge = ps.server.store.payments.chargesOfBill(bill.id)[0]!;
    const attempts = [
      { ...charge, id: 'chg_again' },
      { ...charge, id: 'chg_other_trade', tradeNo: 'SBX-OTHER' },
      { ...charge, id: 'chg_other_payment', paymentId: 'pay_other', tradeNo: 'SBX-OTHER2' },
    ];
    let refused = 0;
    for (const a of attempts) {
      assert.throws(() => ps.server.store.payments.insertCharge(a), /UNIQUE|FOREIGN KEY/);
      refused++;
    }
    console.log(`ledger: ${refused}/${attempts.length} direct second-charge inserts refused by SQLite constraints`);
    assert.equal(ps.server.store.payments.chargesOfBill(bill.id).length, 1);
  });

  it('success marks the bill paid, adds an Order with its timeline to GET /v1/orders, and re-queries show the bill paid', async () => {
    const card = '3100999988887777';
    const bill = await topUpBill(base, 6600, card);
    const { payment } = await createPayment(base, bill.id, { token: TOKEN });
    await walletPay(base, payment!);
    const done = await confirm(base, payment!.id, TOKEN);
    assert.equal(done.status, 'succeeded');
    assert.ok(done.orderId);
    const orders = OrderList.parse(await (await fetch(`${base}/v1/orders`, { headers: auth(TOKEN) })).json());
    const order = orders.orders.find((o) => o.id === done.orderId);
    assert.ok(order, 'the order is listed');
    assert.equal(order.kind, 'payment');
    assert.equal(order.status, 'completed');
    assert.deepEqual(order.timeline.map((e) => e.status), ['received', 'processing', 'completed']);
    assert.match(order.reference, /^SZ-\d{8}-\d{4}$/);
    const again = SubmissionResult.parse(await (await postJson(base, submissionPath('440300', 'transit-card-top-up'), { values: { cardNumber: card, amount: 6600 } })).json());
    assert.equal(again.bills[0]!.id, bill.id);
    assert.equal(again.bills[0]!.status, 'paid');
    assert.equal(ps.server.store.payments.getBill(bill.id)!.bill.status, 'paid');
  });

  it('WeChat parameters are signed by the server; redirect goes through the hosted page and back to returnUrl', async () => {
    const wx = (await createPayment(base, (await topUpBill(base, 6700)).id, { provider: 'wechat' })).payment!;
    assert.equal(wx.params?.type, 'wechat');
    if (wx.params?.type === 'wechat') {
      const { appId, timeStamp, nonceStr, package: pkg, paySign } = wx.params;
      assert.equal(paySign, createHmac('sha256', SECRET).update(`${appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`).digest('hex').toUpperCase());
    }
    assert.ok(!JSON.stringify(wx).includes(SECRET), 'no secret in the payment');

    const rd = (await createPayment(base, (await topUpBill(base, 6800)).id, { provider: 'redirect', returnUrl: 'https://host.example.cn/pay/return?x=1' })).payment!;
    assert.equal(rd.params?.type, 'redirect');
    const nextUrl = rd.params?.type === 'redirect' ? rd.params.nextUrl : '';
    const page = await fetch(nextUrl);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.match(await page.text(), /¥68\.00/);
    const back = await fetch(nextUrl, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'action=pay' });
    assert.equal(back.status, 303);
    assert.equal(back.headers.get('location'), `https://host.example.cn/pay/return?x=1&payment=${rd.id}`);
    assert.equal((await settle(base, rd.id)).payment.status, 'succeeded', 'verified on return by a read of the payment');
  });
});
