/**
 * Paying real sandbox bills in the demo hub, end to end: the reference server (in process, its sandbox payment
 * provider included) serves the demo host page with a freshly built CDN bundle; headless Chromium (playwright-core)
 * finds the bill through the service's form and pays it in `<city-payment>`.
 *
 *   node --conditions=source --import tsx --test packages/components/test/e2e/pay.e2e.test.ts
 *
 * The water bill is reloaded at every step — confirm shown, create sent (its answer held back), wallet open,
 * verifying, paid — and each time the page must come back to what the server knows, with at most one payment and one
 * charge for the bill, and web storage holding nothing but `{paymentId, idempotencyKey, step}`. Then a traffic fine
 * and a transit-card top-up are paid (the top-up by keyboard alone from the confirm step), and every paid order shows
 * in "my applications". Prints steps, timings and payments per bill.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Bill, CityCatalog, Payment } from '@cityhub/schema';
import type { CompiledCatalog } from '@cityhub/schema/node';
import { MAGIC_FEN, answerSubmission, loadCatalog, startServer, type RunningServer } from '@cityhub/server';
import type { Browser, Page } from 'playwright-core';
import { buildSite, findChromium, openBrowser, stopwatch } from './support.js';

const chromium = findChromium();
const CITY = '440300';
const TOKEN = 'sandbox-face-demo-citizen'; // what examples/demo/demo.js gives the hub
const { time, print } = stopwatch();

/**
 * Values of a 深圳 service's form whose sandbox answer carries an unpaid bill of an ordinary amount (not one of the
 * provider's magic amounts), and that bill — what the server will answer when the page submits the same values.
 */
function ordinaryBill(catalog: CompiledCatalog, service: string, candidates: Iterable<Record<string, string | number>>): { values: Record<string, string | number>; bill: Bill } {
  const city = catalog.catalogs.get(CITY) as CityCatalog;
  const binding = city.services.find((s) => s.code === service);
  assert.ok(binding?.form && binding.entry.type === 'form', `深圳 has no ${service} form in the embedded catalog`);
  for (const values of candidates) {
    const answer = answerSubmission({ city: city.city, service: binding, values, now: new Date(), orderReference: 'SZ-E2E' });
    const bill = answer.bills[0];
    if (bill && bill.status === 'unpaid' && !(bill.amount.amount % 100 in MAGIC_FEN)) return { values, bill };
  }
  throw new Error(`no ordinary ${service} bill among the candidates`);
}

/** `{[field]: '<prefix>0001'}`, `{[field]: '<prefix>0002'}`, … */
function* numbered(field: string, prefix: string, digits: number): Generator<Record<string, string>> {
  for (let i = 1; i < 500; i++) yield { [field]: `${prefix}${String(i).padStart(digits - prefix.length, '0')}` };
}

describe('paying sandbox bills in the demo hub (Chromium)', { skip: chromium ? false : 'No Chromium/Chrome binary found: install Debian "chromium" or set CHROME_PATH' }, () => {
  let site: string;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let base: string;
  let catalog: CompiledCatalog;
  const posts: string[] = [];
  let pageErrors: string[] = [];
  let cspViolations: string[] = [];
  const paid: Array<{ what: string; bill: Bill; payments: number; charges: number }> = [];

  before(async () => {
    site = await mkdtemp(join(tmpdir(), 'cityhub-pay-e2e-'));
    const bundle = await time('build bundle', () => buildSite(site));
    console.log(`# bundle: ${(bundle.bytes / 1024).toFixed(1)} KB (${bundle.tool}, ${bundle.ms} ms)`);
    catalog = await time('compile embedded catalog', () => loadCatalog({}));
    server = await time('start server', () => startServer({ catalog, staticDir: site }));
    base = server.url;
    ({ browser, page, cspViolations, pageErrors } = await time('launch Chromium', () => openBrowser(chromium!)));
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(new URL(request.url()).pathname);
    });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (site) await rm(site, { recursive: true, force: true });
    if (paid.length) {
      console.log('# payments per bill (server truth: GET /v1/payments?billId and the charges ledger)');
      for (const p of paid) console.log(`#   ${p.what.padEnd(22)} ${p.bill.id}  ¥${(p.bill.amount.amount / 100).toFixed(2).padStart(8)}  payments ${p.payments}  charges ${p.charges}`);
    }
    const creates = posts.filter((p) => p === '/v1/payments').length;
    console.log(`# POST /v1/payments sent by the page: ${creates} (retries and replays of one idempotency key included)`);
    print('pay e2e timings');
  });

  const heading = (name: string | RegExp) => page.getByRole('heading', { level: 2, name, exact: typeof name === 'string' });
  const payment = () => page.locator('city-payment');
  const step = (name: string) => page.locator('city-payment').getByRole('heading', { level: 3, name, exact: true });

  /** The server's payments of the bill for the demo's citizen, and its charges. */
  async function truth(bill: Bill): Promise<{ payments: Payment[]; charges: number }> {
    const response = await fetch(`${base}/v1/payments?billId=${encodeURIComponent(bill.id)}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(response.status, 200);
    const { payments } = (await response.json()) as { payments: Payment[] };
    return { payments, charges: server.store.payments.chargesOfBill(bill.id).length };
  }

  /**
   * Web storage after a step: payment records hold exactly `{paymentId?, idempotencyKey, step}`; nothing anywhere
   * holds the token, an amount, the account / decision / card number, the masked payer or the payee.
   */
  async function assertStorageClean(label: string, bill: Bill, secrets: string[]): Promise<string> {
    const storage = await page.evaluate(() => ({ local: { ...localStorage }, session: { ...sessionStorage } }));
    const entries = [...Object.entries(storage.local), ...Object.entries(storage.session)];
    const records = Object.entries(storage.session).filter(([key]) => key.startsWith('cityhub:payment:'));
    for (const [key, value] of records) {
      assert.equal(key, `cityhub:payment:${bill.id}`, `${label}: a payment record for another bill`);
      const record = JSON.parse(value) as Record<string, unknown>;
      assert.ok(Object.keys(record).every((k) => ['paymentId', 'idempotencyKey', 'step'].includes(k)), `${label}: ${value}`);
      assert.match(String(record['idempotencyKey']), /^[0-9a-f-]{32,36}$/, `${label}: idempotency key`);
    }
    const forbidden = [TOKEN, '"amount"', `${bill.amount.amount / 100}`, bill.payee.name['zh-Hans'], ...(bill.payer ? [bill.payer] : []), ...secrets];
    for (const [key, value] of entries) {
      for (const secret of forbidden) assert.ok(!`${key} ${value}`.includes(secret), `${label}: web storage ${key} holds "${secret}"`);
    }
    return records.length ? (JSON.parse(records[0]![1]) as { step: string }).step : '—';
  }

  /** The service page, its form filled and submitted, the bill's pay button pressed: the confirm step. */
  async function findAndOpen(service: string, name: string, fields: Array<[string, string]>): Promise<void> {
    await page.goto(`${base}/#/${CITY}/service/${service}`);
    await heading(name).waitFor();
    for (const [label, value] of fields) await page.getByRole('textbox', { name: label, exact: true }).fill(value);
    await page.locator('city-service-form [part~="submit"]').click();
    await page.locator('city-submission-result [part~="pay"]').first().click();
    await heading('缴费').waitFor();
    await step('确认支付').waitFor();
  }

  /** The top-up service's form sent with a card number and a preset amount: the result with its bill. */
  async function topUpResult(card: string, preset: string): Promise<void> {
    await page.goto(`${base}/#/${CITY}/service/transit-card-top-up`);
    await heading('深圳通充值').waitFor();
    await page.getByRole('textbox', { name: '交通卡卡号', exact: true }).fill(card);
    await page.getByRole('button', { name: preset, exact: true }).click();
    await page.locator('city-service-form [part~="submit"]').click();
    await page.locator('city-submission-result [part~="pay"]').first().waitFor();
  }

  async function expectTruth(label: string, bill: Bill, status: Payment['status'] | 'none'): Promise<void> {
    const { payments, charges } = await truth(bill);
    assert.ok(payments.length <= 1, `${label}: ${payments.length} payments for one bill`);
    assert.ok(charges <= 1, `${label}: ${charges} charges`);
    assert.equal(payments[0]?.status ?? 'none', status, `${label}: server status`);
  }

  const reload = async () => {
    await page.reload();
    await heading('缴费').waitFor();
  };

  it('pays a water bill (account number), reloading at every step: the server’s truth each time, one payment, clean storage', async () => {
    const { values, bill } = ordinaryBill(catalog, 'water-bill-payment', numbered('accountNumber', '7550', 10));
    const account = String(values['accountNumber']);
    const secrets = [account];
    const steps: Array<[string, string, string]> = [];
    const record = async (label: string, status: Payment['status'] | 'none') => {
      await expectTruth(label, bill, status);
      steps.push([label, status, await assertStorageClean(label, bill, secrets)]);
    };

    await time('water: service → form → result → confirm step', () => findAndOpen('water-bill-payment', '深圳水费缴纳', [['用水户号', account]]));
    const details = await payment().locator('[part~="details"]').innerText();
    assert.ok(details.includes(`¥${(bill.amount.amount / 100).toFixed(2)}`), details);
    assert.ok(!details.includes(account), 'the full account number is shown');
    assert.match(details, /\*/, 'the payer is not masked');
    await record('confirm shown', 'none');

    // 1. Reload at the confirm step: nothing was created; the bill is kept nowhere, so the page says so.
    await time('reload at confirm → "nothing paid, look it up again"', async () => {
      await reload();
      await page.getByText('尚未付款').waitFor();
    });
    await record('reloaded at confirm', 'none');
    await time('Back → service, find the bill again', async () => {
      await page.getByRole('button', { name: /^返回/ }).click();
      await heading('深圳水费缴纳').waitFor();
      await page.getByRole('textbox', { name: '用水户号', exact: true }).fill(account);
      await page.locator('city-service-form [part~="submit"]').click();
      await page.locator('city-submission-result [part~="pay"]').first().click();
      await step('确认支付').waitFor();
    });

    // 2. Reload after the create reached the server, before its answer reached the page.
    let created!: () => void;
    const arrived = new Promise<void>((resolve) => (created = resolve));
    await page.route((url) => url.pathname === '/v1/payments', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      await route.fetch(); // the server creates the payment; the answer is never delivered
      created();
    });
    await time('confirm → create reaches the server (answer held)', async () => {
      await payment().getByRole('button', { name: /^确认支付/ }).click();
      await arrived;
    });
    await record('create sent, answer lost', 'awaiting_user');
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await time('reload after create → back to the same payment', async () => {
      await reload();
      await step('请完成支付').waitFor();
      await payment().getByRole('button', { name: '继续支付' }).waitFor();
    });
    await record('reloaded after create', 'awaiting_user');

    // 3. Reload with the wallet open.
    await time('continue → sandbox wallet open', async () => {
      await payment().getByRole('button', { name: '继续支付' }).click();
      await payment().locator('[part~="wallet-pay"]').waitFor();
    });
    await record('wallet open', 'awaiting_user');
    await time('reload with the wallet open → awaiting_user', async () => {
      await reload();
      await payment().getByRole('button', { name: '继续支付' }).waitFor();
    });
    await record('reloaded with the wallet open', 'awaiting_user');

    // 4. Reload while verifying: the user paid in the wallet, the page's confirm call never comes back.
    await payment().getByRole('button', { name: '继续支付' }).click();
    let confirmed!: () => void;
    const confirmSent = new Promise<void>((resolve) => (confirmed = resolve));
    await page.route((url) => /^\/v1\/payments\/[^/]+\/confirm$/.test(url.pathname), async (route) => {
      await route.fetch();
      confirmed();
    });
    await time('wallet: pay → verifying (confirm answer held)', async () => {
      await payment().locator('[part~="wallet-pay"]').click();
      await confirmSent;
      await step('正在确认支付结果…').waitFor();
    });
    const verifyingStep = await assertStorageClean('verifying', bill, secrets);
    assert.equal(verifyingStep, 'verifying');
    steps.push(['verifying', (await truth(bill)).payments[0]!.status, verifyingStep]);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await time('reload while verifying → paid (server truth)', async () => {
      await reload();
      await step('支付成功').waitFor();
    });
    await record('reloaded while verifying', 'succeeded');

    // 5. Reload on the receipt.
    await time('reload on the receipt → receipt', async () => {
      await reload();
      await step('支付成功').waitFor();
    });
    const receipt = await payment().locator('[part~="receipt"]').innerText();
    const { payments } = await truth(bill);
    assert.ok(receipt.includes(payments[0]!.id), receipt);
    await record('reloaded on the receipt', 'succeeded');

    console.log('# water bill: reload at every step (server status, persisted step)');
    for (const [label, status, persisted] of steps) console.log(`#   ${label.padEnd(32)} server ${status.padEnd(14)} stored step ${persisted}`);
    const final = await truth(bill);
    assert.equal(final.payments.length, 1);
    assert.equal(final.charges, 1);
    paid.push({ what: 'water bill', bill, payments: final.payments.length, charges: final.charges });
  });

  it('pays a traffic fine by decision number', async () => {
    const { values, bill } = ordinaryBill(catalog, 'traffic-fine-payment', numbered('decisionNumber', '440300', 15));
    const decision = String(values['decisionNumber']);
    await time('fine: service → form → result → confirm step', () => findAndOpen('traffic-fine-payment', '交通罚款缴纳', [['决定书编号', decision]]));
    await time('fine: confirm → wallet → paid', async () => {
      await payment().getByRole('button', { name: /^确认支付/ }).click();
      await payment().locator('[part~="wallet-pay"]').click();
      await step('支付成功').waitFor();
    });
    await assertStorageClean('fine paid', bill, [decision]);
    const final = await truth(bill);
    assert.equal(final.payments.length, 1);
    assert.equal(final.charges, 1);
    paid.push({ what: 'traffic fine', bill, payments: final.payments.length, charges: final.charges });
  });

  it('tops up a transit card by amount, from the confirm step by keyboard alone', async () => {
    const card = '2300123456';
    const { bill } = ordinaryBill(catalog, 'transit-card-top-up', [{ cardNumber: card, amount: 5000 }]);
    // The focused element's parts and value, through shadow roots.
    const active = () => page.evaluate(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return `${el?.getAttribute('part') ?? ''}|${el?.getAttribute('value') ?? ''}`;
    });
    await time('top-up: service → form (¥50 preset) → result, then Tab to its pay button', async () => {
      await topUpResult(card, '¥50');
      for (let i = 0; i < 15 && !(await active()).split('|')[0]!.split(' ').includes('pay'); i++) await page.keyboard.press('Tab');
      assert.ok((await active()).split('|')[0]!.split(' ').includes('pay'), `focus is on ${await active()}`);
    });
    const bills = await page.locator('city-submission-result [part~="amount"]').first().innerText();
    assert.equal(bills.trim(), '¥50.00');
    await time('top-up by keyboard: Enter, Tab to confirm, Enter, Tab to the wallet, Enter', async () => {
      await page.keyboard.press('Enter');
      await step('确认支付').waitFor();
      // The pay page's heading has focus; Tab goes through the payment methods to the confirm button.
      for (let i = 0; i < 10 && !(await active()).startsWith('confirm'); i++) await page.keyboard.press('Tab');
      assert.match(await active(), /^confirm/);
      await page.keyboard.press('Enter');
      await payment().locator('[part~="wallet-pay"]').waitFor();
      for (let i = 0; i < 5 && !(await active()).startsWith('wallet-pay'); i++) await page.keyboard.press('Tab');
      assert.match(await active(), /^wallet-pay/);
      await page.keyboard.press('Enter');
      await step('支付成功').waitFor();
      assert.match(await active(), /^heading/);
    });
    await assertStorageClean('top-up paid', bill, [card]);
    const final = await truth(bill);
    assert.equal(final.payments.length, 1);
    assert.equal(final.payments[0]!.amount.amount, 5000);
    paid.push({ what: 'transit-card top-up', bill, payments: final.payments.length, charges: final.charges });
  });

  it('pays a top-up on the provider’s hosted page (redirect) and verifies it on the way back', async () => {
    const card = '2300765432';
    const { bill } = ordinaryBill(catalog, 'transit-card-top-up', [{ cardNumber: card, amount: 10000 }]);
    await time('hosted page: service → form (¥100 preset) → confirm step', async () => {
      await topUpResult(card, '¥100');
      await page.locator('city-submission-result [part~="pay"]').first().click();
      await step('确认支付').waitFor();
    });
    await time('hosted page: choose it, confirm → the provider’s page', async () => {
      await payment().getByRole('radio', { name: '网页收银台' }).check();
      await payment().getByRole('button', { name: /^确认支付/ }).click();
      await page.waitForURL(/\/v1\/sandbox\/pay\//);
    });
    await assertStorageClean('on the hosted page', bill, [card]);
    await expectTruth('on the hosted page', bill, 'awaiting_user');
    await time('hosted page: pay → back to the hub → verified', async () => {
      await page.getByRole('button', { name: /Pay/ }).click();
      await page.waitForURL(/\?payment=.*#\/440300\/pay\//);
      await step('支付成功').waitFor();
    });
    await assertStorageClean('back from the hosted page', bill, [card]);
    const final = await truth(bill);
    assert.equal(final.payments.length, 1);
    assert.equal(final.payments[0]!.provider, 'redirect');
    assert.equal(final.charges, 1);
    paid.push({ what: 'top-up (hosted page)', bill, payments: final.payments.length, charges: final.charges });
  });

  it('lists every paid order in my applications', async () => {
    await time('my applications → paid orders', async () => {
      await page.locator('city-hub [part~="orders-link"]').click();
      await heading('我的办件').waitFor();
      await page.locator('city-hub [part~="order"]').first().waitFor();
    });
    const orders = await page.locator('city-hub [part~="order"]').allInnerTexts();
    for (const p of paid) {
      const { payments } = await truth(p.bill);
      const order = (await (await fetch(`${base}/v1/orders/${payments[0]!.orderId}`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { reference: string };
      assert.ok(orders.some((o) => o.includes(order.reference) && o.includes('已办结')), `${p.what}: order ${order.reference} not listed`);
    }
    console.log(`# my applications: ${orders.length} orders, ${paid.length} of them payments made here`);
    assert.equal(paid.length, 4);
  });

  it('ran under the strict CSP with no violations and no page errors', () => {
    assert.deepEqual(cspViolations, []);
    assert.deepEqual(pageErrors, []);
  });
});
