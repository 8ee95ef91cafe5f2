import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import { sendKeys } from '@web/test-runner-commands';
import type { Bill } from '@cityhub/schema';
import type { CityHub, PaymentAdapter } from '@cityhub/sdk';
import '../src/define/city-payment.js';
import type { CityPaymentDetail } from '../src/events.js';
import type { CityPayment } from '../src/payment/payment.js';
import { FakePaymentApi, sampleBill, testHub, type TestHubOptions } from './helpers/payment-api.js';

const part = (el: CityPayment, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const headingText = (el: CityPayment) => part(el, 'heading')?.textContent?.trim() ?? '';
const deepActive = (): Element | null => {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
};

interface Mounted {
  el: CityPayment;
  hub: CityHub;
  states: string[];
  events: Array<{ type: string; detail: CityPaymentDetail }>;
  said: string[];
}

/**
 * Mounts `<city-payment>` for `bill` with the real SDK over `api`, recording events and live-region text. Offers the
 * sandbox wallet only unless `providers` says otherwise (`null`: every provider the client has).
 */
async function mount(api: FakePaymentApi, bill: Bill, options: TestHubOptions & { attrs?: { providers?: string | null; warnBefore?: number; lang?: string; mode?: string } } = {}): Promise<Mounted> {
  const hub = testHub(api, options);
  const attrs = options.attrs ?? {};
  const mounted = { hub, states: [], events: [], said: [] } as unknown as Mounted;
  // Listeners are bound in the template, so they hear the first state too.
  const record = (event: CustomEvent<CityPaymentDetail>) => {
    mounted.events.push({ type: event.type, detail: event.detail });
    if (event.type === 'city-payment-state') mounted.states.push(event.detail.state);
  };
  const wrapper = await fixture<HTMLDivElement>(html`<div><button>before</button><city-payment .client=${hub} .bill=${bill}
    lang=${attrs.lang ?? 'zh-Hans'} mode=${attrs.mode ?? 'standard'} warn-before=${attrs.warnBefore ?? 120}
    providers=${ifDefined(attrs.providers === null ? undefined : attrs.providers ?? 'sandbox')}
    @city-payment-state=${record} @city-payment-complete=${record} @city-payment-failed=${record} @city-payment-canceled=${record}></city-payment></div>`);
  const el = wrapper.querySelector('city-payment')!;
  mounted.el = el;
  await waitUntil(() => el.shadowRoot!.querySelector('[part~="status"]'), 'no live region');
  const observer = new MutationObserver(() => {
    for (const name of ['status', 'alert']) {
      const text = part(el, name)?.textContent?.trim();
      if (text && mounted.said.at(-1) !== text) mounted.said.push(text);
    }
  });
  observer.observe(el.shadowRoot!, { subtree: true, characterData: true, childList: true });
  await waitUntil(() => el.state !== 'idle' || part(el, 'heading'), 'the element did not settle');
  await el.updateComplete;
  return mounted;
}

const waitForState = async (el: CityPayment, state: string, message = '') => {
  await waitUntil(() => el.state === state, `state ${state} not reached (now ${el.state}) ${message}`, { timeout: 5000 });
  await el.updateComplete;
};

const press = (el: CityPayment, name: string) => {
  const target = part(el, name);
  if (!target) throw new Error(`no part ${name} in state ${el.state}`);
  target.click();
};

const bills = (api: FakePaymentApi, bill: Bill) => api.paymentsOf(bill.id);

describe('<city-payment>', () => {
  afterEach(() => {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith('cityhub:test:')) sessionStorage.removeItem(key);
  });

  it('shows the bill for confirmation (amount in yuan, payee, reference, masked payer) before anything is created', async () => {
    const api = new FakePaymentApi();
    const bill = api.addBill(sampleBill({ payer: '13812345678' }));
    const { el, states } = await mount(api, bill);
    await waitForState(el, 'confirming');
    expect(headingText(el)).to.equal('确认支付');
    const details = part(el, 'details')!.textContent!.replace(/\s+/g, ' ');
    expect(details).to.contain('¥25.44').and.contain('深圳市水务集团').and.contain('1234****5678-202610').and.contain('138****5678');
    expect(details).not.to.contain('13812345678');
    expect(part(el, 'confirm')!.textContent).to.contain('确认支付 ¥25.44');
    expect(api.count(/^POST \/v1\/payments$/)).to.equal(0);
    expect(states).to.deep.equal(['confirming']);
    await expect(el).to.be.accessible();
  });

  it('pays: creating → wallet → verifying → receipt, with events and an announcement for every state', async () => {
    const api = new FakePaymentApi();
    const bill = api.addBill(sampleBill());
    const { el, states, events, said } = await mount(api, bill);
    await waitForState(el, 'confirming');
    press(el, 'confirm');
    await waitForState(el, 'awaiting_user');
    await waitUntil(() => part(el, 'wallet-pay'), 'the sandbox wallet did not open');
    expect(part(el, 'wallet')!.textContent).to.contain('¥25.44');
    expect(part(el, 'deadline')!.textContent).to.match(/请在 .+ 前完成支付/);
    press(el, 'wallet-pay');
    await waitForState(el, 'succeeded');
    expect(states).to.deep.equal(['confirming', 'creating', 'awaiting_user', 'verifying', 'succeeded']);
    const complete = events.filter((e) => e.type === 'city-payment-complete');
    expect(complete).to.have.length(1);
    expect(complete[0]!.detail.payment?.status).to.equal('succeeded');
    expect(complete[0]!.detail.payment?.amount.amount).to.equal(2544);
    const receipt = part(el, 'receipt')!.textContent!.replace(/\s+/g, ' ');
    const paymentId = bills(api, bill)[0]!.id;
    expect(receipt).to.contain(paymentId).and.contain('¥25.44').and.contain('支付时间');
    expect(headingText(el)).to.equal('支付成功');
    await waitUntil(() => said.some((s) => s.startsWith('支付成功 ¥25.44')), `announcements: ${said.join(' | ')}`);
    for (const heading of ['确认支付', '正在创建支付', '请完成支付', '正在确认支付结果', '支付成功']) {
      expect(said.some((s) => s.startsWith(heading)), `"${heading}" announced in ${said.join(' | ')}`).to.equal(true);
    }
    expect(bills(api, bill)).to.have.length(1);
    // The web storage holds no amounts or personal data, and nothing once the payment succeeded.
    expect(Object.values(sessionStorage).join(' ')).not.to.contain('2544');
  });

  it('joins every trigger: twenty clicks and fifty pay() calls make one payment', async () => {
    const api = new FakePaymentApi();
    const bill = api.addBill(sampleBill());
    const { el } = await mount(api, bill);
    await waitForState(el, 'confirming');
    const confirm = part(el, 'confirm')!;
    for (let i = 0; i < 20; i++) confirm.click();
    await waitUntil(() => part(el, 'wallet-pay'));
    // With the wallet open, `pay()` (what "continue to pay" does) joins the attempt in flight.
    const calls = Array.from({ length: 50 }, () => el.pay());
    press(el, 'wallet-pay');
    await waitForState(el, 'succeeded');
    await Promise.all(calls);
    expect(api.count(/^POST \/v1\/payments$/)).to.equal(1);
    expect(bills(api, bill)).to.have.length(1);
  });

  it('is axe-clean in every state: confirming, idle, creating, awaiting_user, expiry warning, verifying, succeeded', async function () {
    this.timeout(20000);
    const api = new FakePaymentApi();
    api.ttlMs = 60_000; // inside the two-minute warning from the start
    const bill = api.addBill(sampleBill());
    const { el } = await mount(api, bill);
    await waitForState(el, 'confirming');
    await expect(el).to.be.accessible();
    press(el, 'cancel');
    await waitForState(el, 'idle');
    await expect(el).to.be.accessible();
    press(el, 'pay');
    await waitForState(el, 'confirming');
    const create = api.hold('POST', /^\/v1\/payments$/);
    press(el, 'confirm');
    await create.arrived;
    await waitForState(el, 'creating');
    expect(part(el, 'progress')).to.exist;
    expect(part(el, 'step')!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    create.release();
    await waitForState(el, 'awaiting_user');
    await waitUntil(() => part(el, 'wallet-pay') && part(el, 'expiry-warning'), 'no wallet and warning');
    await expect(el).to.be.accessible();
    const confirm = api.hold('POST', /\/confirm$/);
    press(el, 'wallet-pay');
    await confirm.arrived;
    await waitForState(el, 'verifying');
    await expect(el).to.be.accessible();
    confirm.release();
    await waitForState(el, 'succeeded');
    await expect(el).to.be.accessible();
  });

  it('is axe-clean when failed, canceled, pending and expired, and in elder mode and English', async function () {
    this.timeout(20000);
    const run = async (setup: (api: FakePaymentApi) => void, act: (el: CityPayment) => void, state: string, attrs = {}) => {
      const api = new FakePaymentApi();
      setup(api);
      const bill = api.addBill(sampleBill());
      const { el } = await mount(api, bill, { attrs });
      await waitForState(el, 'confirming');
      press(el, 'confirm');
      await waitUntil(() => part(el, 'wallet-pay') || el.state === state, `no wallet for ${state}`, { timeout: 5000 });
      act(el);
      await waitForState(el, state);
      await expect(el).to.be.accessible();
      return el;
    };
    await run((api) => (api.outcome = 'decline'), (el) => press(el, 'wallet-pay'), 'failed');
    await run(() => {}, (el) => press(el, 'wallet-cancel'), 'canceled');
    await run((api) => (api.outcome = 'never'), (el) => press(el, 'wallet-pay'), 'pending');
    await run((api) => (api.ttlMs = 1200), () => {}, 'expired', { warnBefore: 20 });
    const elder = await run(() => {}, (el) => {
      for (const name of ['wallet-pay', 'wallet-cancel']) expect(part(el, name)!.getBoundingClientRect().height, `${name} in elder mode`).to.be.at.least(60);
      press(el, 'wallet-pay');
    }, 'succeeded', { mode: 'elder', lang: 'en' });
    expect(headingText(elder)).to.equal('Paid');
    expect(parseFloat(getComputedStyle(part(elder, 'heading')!).fontSize)).to.be.at.least(24);
  });

  it('completes by keyboard alone, focus following each step to its heading', async function () {
    this.timeout(15000);
    const api = new FakePaymentApi();
    const bill = api.addBill(sampleBill());
    const wechat: PaymentAdapter = {
      provider: 'wechat',
      available: () => true,
      invoke: async (payment) => {
        api.markPaid(payment.id);
        return { outcome: 'claimed_success', code: 'get_brand_wcpay_request:ok' };
      },
    };
    const { el, states } = await mount(api, bill, { adapters: { wechat }, attrs: { providers: 'sandbox wechat' } });
    await waitForState(el, 'confirming');
    expect(el.offered).to.deep.equal(['sandbox', 'wechat']);
    (el.previousElementSibling as HTMLElement).focus();
    await sendKeys({ press: 'Tab' });
    expect((deepActive() as HTMLInputElement).value, 'Tab reaches the checked method').to.equal('sandbox');
    await sendKeys({ press: 'ArrowDown' });
    expect((deepActive() as HTMLInputElement).value).to.equal('wechat');
    await sendKeys({ press: 'Tab' });
    expect(deepActive()?.getAttribute('part')).to.equal('confirm');
    await sendKeys({ press: 'Enter' });
    await waitForState(el, 'succeeded');
    expect(deepActive()?.getAttribute('part'), 'focus on the receipt heading').to.equal('heading');
    expect(states).to.deep.equal(['confirming', 'creating', 'awaiting_user', 'verifying', 'succeeded']);
    expect(bills(api, bill).map((p) => p.provider)).to.deep.equal(['wechat']);

    // The sandbox wallet by keyboard: Enter on confirm, Tab to the wallet's pay button, Enter.
    const api2 = new FakePaymentApi();
    const bill2 = api2.addBill(sampleBill());
    const second = await mount(api2, bill2);
    await waitForState(second.el, 'confirming');
    (second.el.previousElementSibling as HTMLElement).focus();
    await sendKeys({ press: 'Tab' });
    expect(deepActive()?.getAttribute('part')).to.equal('confirm');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => part(second.el, 'wallet-pay') && deepActive()?.getAttribute('part') === 'heading', 'focus did not move to the wallet step heading');
    expect(headingText(second.el)).to.equal('请完成支付');
    await sendKeys({ press: 'Tab' });
    expect(deepActive()?.getAttribute('part')).to.equal('wallet-pay');
    await sendKeys({ press: 'Enter' });
    await waitForState(second.el, 'succeeded');
    expect(deepActive()?.getAttribute('part')).to.equal('heading');
  });

  it('warns before the order expires (assertively) and extends it', async () => {
    const api = new FakePaymentApi();
    api.ttlMs = 90_000;
    const bill = api.addBill(sampleBill());
    const { el, said } = await mount(api, bill);
    await waitForState(el, 'confirming');
    press(el, 'confirm');
    await waitUntil(() => part(el, 'expiry-warning'), 'no expiry warning');
    expect(part(el, 'expiry-warning')!.textContent).to.contain('剩余约 2 分钟');
    await waitUntil(() => part(el, 'alert')!.textContent!.includes('支付即将超时'), 'the warning was not announced assertively');
    const before = bills(api, bill)[0]!.expiresAt;
    const deadline = part(el, 'deadline')!.textContent;
    press(el, 'extend');
    await waitUntil(() => !part(el, 'expiry-warning'), 'the warning stayed after extending');
    const after = bills(api, bill)[0]!.expiresAt;
    expect(Date.parse(after)).to.be.greaterThan(Date.parse(before) + 10 * 60_000);
    expect(api.count(/^POST \/v1\/payments\/[^/]+\/extend$/)).to.equal(1);
    await waitUntil(() => said.some((s) => s.startsWith('请在')), `the new deadline was not announced: ${said.join(' | ')}`);
    expect(part(el, 'deadline')!.textContent, 'the new deadline is shown').not.to.equal(deadline);
    press(el, 'wallet-pay');
    await waitForState(el, 'succeeded');
  });

  it('expires unpaid: the server decides, `city-payment-failed` says expired, and "pay again" makes a new payment', async function () {
    this.timeout(15000);
    const api = new FakePaymentApi();
    api.ttlMs = 1200;
    const bill = api.addBill(sampleBill());
    const { el, events } = await mount(api, bill, { attrs: { warnBefore: 20 } });
    await waitForState(el, 'confirming');
    press(el, 'confirm');
    await waitForState(el, 'expired');
    expect(events.filter((e) => e.type === 'city-payment-failed').map((e) => e.detail.state)).to.deep.equal(['expired']);
    expect(bills(api, bill).map((p) => p.status)).to.deep.equal(['expired']);
    api.ttlMs = 15 * 60_000;
    press(el, 'pay');
    await waitForState(el, 'confirming');
    press(el, 'confirm');
    await waitUntil(() => part(el, 'wallet-pay'));
    press(el, 'wallet-pay');
    await waitForState(el, 'succeeded');
    expect(bills(api, bill).map((p) => p.status)).to.deep.equal(['expired', 'succeeded']);
  });

  it('pending offers "check again"; failed and canceled offer "pay again" for the same bill', async function () {
    this.timeout(15000);
    const api = new FakePaymentApi();
    api.outcome = 'never';
    const bill = api.addBill(sampleBill());
    const { el, events } = await mount(api, bill);
    await waitForState(el, 'confirming');
    press(el, 'confirm');
    await waitUntil(() => part(el, 'wallet-pay'));
    press(el, 'wallet-pay');
    await waitForState(el, 'pending');
    expect(part(el, 'details')!.textContent).to.contain(bills(api, bill)[0]!.id);
    expect(part(el, 'pay')).to.equal(null);
    api.outcome = 'success';
    press(el, 'check-again');
    await waitForState(el, 'succeeded');
    expect(bills(api, bill)).to.have.length(1);

    const declined = new FakePaymentApi();
    declined.outcome = 'decline';
    const bill2 = declined.addBill(sampleBill());
    const second = await mount(declined, bill2);
    await waitForState(second.el, 'confirming');
    press(second.el, 'confirm');
    await waitUntil(() => part(second.el, 'wallet-pay'));
    press(second.el, 'wallet-pay');
    await waitForState(second.el, 'failed');
    await waitUntil(() => part(second.el, 'alert')!.textContent!.includes('支付未成功'), 'failure not announced assertively');
    expect(second.events.filter((e) => e.type === 'city-payment-failed')).to.have.length(1);
    press(second.el, 'pay');
    await waitForState(second.el, 'confirming');
    press(second.el, 'confirm');
    await waitUntil(() => part(second.el, 'wallet-cancel'));
    press(second.el, 'wallet-cancel');
    await waitForState(second.el, 'canceled');
    expect(second.events.filter((e) => e.type === 'city-payment-canceled')).to.have.length(1);
    declined.outcome = 'success';
    press(second.el, 'pay');
    await waitForState(second.el, 'confirming');
    press(second.el, 'confirm');
    await waitUntil(() => part(second.el, 'wallet-pay'));
    press(second.el, 'wallet-pay');
    await waitForState(second.el, 'succeeded');
    expect(bills(declined, bill2).map((p) => p.status)).to.deep.equal(['failed', 'canceled', 'succeeded']);
    expect(events.filter((e) => e.type === 'city-payment-complete')).to.have.length(1);
  });

  it('canceling at the confirm step emits city-payment-canceled (not_confirmed) and creates nothing', async () => {
    const api = new FakePaymentApi();
    const bill = api.addBill(sampleBill());
    const { el, events } = await mount(api, bill);
    await waitForState(el, 'confirming');
    press(el, 'cancel');
    await waitForState(el, 'idle');
    const canceled = events.filter((e) => e.type === 'city-payment-canceled');
    expect(canceled.map((e) => [e.detail.state, e.detail.reason])).to.deep.equal([['idle', 'not_confirmed']]);
    expect(api.requests.filter((r) => r.startsWith('POST'))).to.deep.equal([]);
  });

  it('does not take a succeeded payment of another amount as this bill paid', async () => {
    const api = new FakePaymentApi();
    const bill = api.addBill(sampleBill());
    const now = new Date().toISOString();
    const other = { ...bill, amount: { ...bill.amount, amount: 1 } };
    api.payments.set('pay_other', {
      id: 'pay_other', billId: bill.id, bill: other, amount: other.amount, payee: bill.payee, provider: 'sandbox', status: 'succeeded',
      createdAt: now, updatedAt: now, expiresAt: now, extensionsLeft: 10, orderId: 'ord_other',
      timeline: [{ status: 'succeeded', at: now, source: 'provider', reason: 'paid' }],
    });
    const { el, states, events } = await mount(api, bill);
    await waitForState(el, 'confirming');
    expect(states).to.not.include('succeeded');
    expect(events.map((e) => e.type)).to.not.include('city-payment-complete');
    expect(api.count(/^GET \/v1\/payments\?billId=/)).to.equal(1);
  });

  describe('after a reload (a new client and element over the same sessionStorage)', () => {
    const prefix = 'cityhub:test:reload:';

    it('while creating: resumes with the same key, one payment', async () => {
      const api = new FakePaymentApi();
      const bill = api.addBill(sampleBill());
      // The first page's request must not time out and be retried while it is "gone" (a real reload ends it).
      const first = await mount(api, bill, { prefix, timeoutMs: 60_000 });
      await waitForState(first.el, 'confirming');
      const create = api.hold('POST', /^\/v1\/payments$/);
      press(first.el, 'confirm');
      await create.arrived;
      first.el.remove();
      const second = await mount(api, bill, { prefix });
      // The interrupted create is sent again with the same key; the user is taken back to pay it.
      await waitUntil(() => part(second.el, 'continue'), `no "continue to pay" after the reload (state ${second.el.state})`);
      expect(second.states).not.to.include('confirming');
      press(second.el, 'continue');
      await waitUntil(() => part(second.el, 'wallet-pay'));
      press(second.el, 'wallet-pay');
      await waitForState(second.el, 'succeeded');
      create.release(); // the first page's request arrives late: the same key names the same payment
      await waitUntil(() => first.hub.payments.attempt(bill).state === 'succeeded', 'the first page’s attempt did not settle');
      expect(bills(api, bill)).to.have.length(1);
      expect(bills(api, bill)[0]!.status).to.equal('succeeded');
    });

    it('with the wallet open: back to the same payment ("continue to pay"), no new order', async () => {
      const api = new FakePaymentApi();
      const bill = api.addBill(sampleBill());
      const first = await mount(api, bill, { prefix, adapters: { sandbox: stuckWallet() } });
      await waitForState(first.el, 'confirming');
      press(first.el, 'confirm');
      await waitForState(first.el, 'awaiting_user');
      const stored = JSON.parse(sessionStorage.getItem(`${prefix}${bill.id}`)!) as Record<string, unknown>;
      expect(Object.keys(stored).sort()).to.deep.equal(['idempotencyKey', 'paymentId', 'step']);
      first.el.remove();
      const second = await mount(api, bill, { prefix });
      await waitForState(second.el, 'awaiting_user');
      await waitUntil(() => part(second.el, 'continue'), 'no "continue to pay"');
      await expect(second.el).to.be.accessible();
      expect(second.states).to.include('awaiting_user');
      press(second.el, 'continue');
      await waitUntil(() => part(second.el, 'wallet-pay'));
      press(second.el, 'wallet-pay');
      await waitForState(second.el, 'succeeded');
      expect(bills(api, bill)).to.have.length(1);
      expect(sessionStorage.getItem(`${prefix}${bill.id}`)).to.equal(null);
    });

    it('while verifying, and on the receipt: the server’s truth, no new order', async () => {
      const api = new FakePaymentApi();
      const bill = api.addBill(sampleBill());
      const first = await mount(api, bill, { prefix });
      await waitForState(first.el, 'confirming');
      press(first.el, 'confirm');
      await waitUntil(() => part(first.el, 'wallet-pay'));
      const confirm = api.hold('POST', /\/confirm$/);
      press(first.el, 'wallet-pay');
      await confirm.arrived;
      first.el.remove();
      const second = await mount(api, bill, { prefix });
      await waitForState(second.el, 'succeeded');
      expect(second.states).to.deep.equal(['verifying', 'succeeded']);
      confirm.release();
      second.el.remove();
      const third = await mount(api, bill, { prefix });
      await waitForState(third.el, 'succeeded');
      expect(part(third.el, 'receipt')!.textContent).to.contain(bills(api, bill)[0]!.id);
      expect(bills(api, bill)).to.have.length(1);
      expect(api.count(/^POST \/v1\/payments$/)).to.equal(1);
    });
  });

  it('puts a provider’s iframe in the light DOM slot, shown only while the user pays', async () => {
    const api = new FakePaymentApi();
    const bill = api.addBill(sampleBill());
    const { el } = await mount(api, bill, { adapters: { sandbox: stuckWallet() } });
    const frame = document.createElement('iframe');
    frame.slot = 'provider';
    frame.title = 'Provider checkout';
    el.append(frame);
    await waitForState(el, 'confirming');
    expect(el.shadowRoot!.querySelector('slot[name="provider"]')).to.equal(null);
    press(el, 'confirm');
    await waitForState(el, 'awaiting_user');
    const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="provider"]')!;
    expect(slot.assignedElements()).to.deep.equal([frame]);
    expect(frame.parentNode).to.equal(el);
    expect(el.shadowRoot!.querySelector('iframe')).to.equal(null);
  });

  it('offers only the providers asked for, and says so when none is available', async () => {
    const api = new FakePaymentApi();
    const bill = api.addBill(sampleBill());
    const { el } = await mount(api, bill, { attrs: { providers: 'alipay wechat' } });
    await waitForState(el, 'idle');
    expect(el.offered).to.deep.equal([]);
    expect(el.shadowRoot!.textContent).to.contain('没有可用的支付方式');
    await expect(el).to.be.accessible();
    el.providers = ['redirect', 'sandbox'];
    await el.updateComplete;
    expect(el.offered).to.deep.equal(['redirect', 'sandbox']);
    el.providers = undefined;
    expect(el.offered, 'every provider whose adapter is available here').to.deep.equal(['sandbox', 'redirect']);
  });
});

/** A sandbox wallet that opens and never answers (the page goes away while the user is in the wallet). */
function stuckWallet(): PaymentAdapter {
  return { provider: 'sandbox', available: () => true, invoke: () => new Promise(() => {}) };
}
