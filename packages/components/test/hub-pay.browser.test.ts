import { expect, oneEvent } from '@open-wc/testing';
import type { Bill } from '@cityhub/schema';
import type { CityPayment } from '../src/payment/payment.js';
import type { CityServiceForm } from '../src/service-form/service-form.js';
import type { CityHubElement } from '../src/hub/hub.js';
import { parseRoutePath, routePath } from '../src/hub/router.js';
import { violationResult } from './helpers/results.js';
import { FakePaymentApi, sampleBill, testHub } from './helpers/payment-api.js';
import { deepAll, headingText, hubClient, mountHub, part, resetPage, waitForView, waitUntil, type HubFakeClient } from './hub-helpers.js';

const PREFIX = 'cityhub:test:hub-pay:';
const payment = (el: CityHubElement) => part(el, 'payment') as CityPayment | null;
const inPayment = (el: CityHubElement, name: string) => payment(el)?.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;

async function settle(el: CityHubElement, state: string): Promise<CityPayment> {
  await waitUntil(() => payment(el)?.state === state, `payment state ${state} not reached (now ${payment(el)?.state})`, { timeout: 5000 });
  const widget = payment(el)!;
  await widget.updateComplete;
  return widget;
}

describe('<city-hub> pay page', () => {
  let client: HubFakeClient;
  let api: FakePaymentApi;
  let bill: Bill;

  beforeEach(async () => {
    resetPage();
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
    api = new FakePaymentApi();
    bill = api.addBill(sampleBill({ service: 'traffic-violation-query' }));
    client = await hubClient();
    client.payments = testHub(api, { prefix: PREFIX }).payments;
    client.submitHandler = (city, code) => violationResult({ city, service: code, bills: [bill] });
  });
  after(() => resetPage());

  /**
   * The service page with a submitted result, then the bill's pay button. The service page is entered by a replaced
   * URL: the browser test files share one tab, whose session history browsers cap at 50 entries, and
   * hub.browser.test.ts counts entries (every test here that pushes one also goes Back, so none is left behind).
   */
  async function payFromResult(): Promise<CityHubElement> {
    resetPage('#/440300/service/traffic-violation-query');
    const el = await mountHub(client);
    await waitForView(el, 'service-page');
    const form = part(el, 'form') as CityServiceForm;
    await form.updateComplete;
    form.initialValues = { plate: '粤B12345', engineTail: '123456' };
    await form.updateComplete;
    await form.submit();
    await waitUntil(() => deepAll(el.shadowRoot!, 'button[part~="pay"]').length > 0, 'no pay button');
    deepAll(el.shadowRoot!, 'button[part~="pay"]')[0]!.click();
    await waitForView(el, 'pay-page');
    return el;
  }

  it('routes #/<city>/pay/<bill id>', () => {
    expect(routePath({ view: 'pay', city: '440300', bill: 'bill_9f2c' })).to.equal('/440300/pay/bill_9f2c');
    expect(parseRoutePath('/440300/pay/bill_9f2c')).to.deep.equal({ view: 'pay', city: '440300', bill: 'bill_9f2c' });
    expect(parseRoutePath('/440300/pay/<script>')).to.equal(undefined);
    expect(parseRoutePath('/440300/pay/')).to.equal(undefined);
  });

  it('opens the pay page from a result, pays, shows the way to my applications, and Back shows the result paid', async () => {
    const el = await payFromResult();
    expect(location.hash).to.equal(`#/440300/pay/${bill.id}`);
    expect(headingText(el)).to.equal('缴费');
    const widget = await settle(el, 'confirming');
    expect(widget.getAttribute('heading-level')).to.equal('3');
    await expect(el).to.be.accessible();
    const complete = oneEvent(el, 'city-payment-complete');
    inPayment(el, 'confirm')!.click();
    await waitUntil(() => inPayment(el, 'wallet-pay'), 'no wallet');
    await expect(el).to.be.accessible();
    inPayment(el, 'wallet-pay')!.click();
    expect((await complete).detail.payment?.status).to.equal('succeeded');
    await settle(el, 'succeeded');
    await waitUntil(() => part(el, 'orders-link'), 'no link to my applications');
    expect(part(el, 'orders-link')!.getAttribute('href')).to.equal('#/orders');
    await expect(el).to.be.accessible();
    el.goBack();
    await waitForView(el, 'service-page');
    await waitUntil(() => deepAll(el.shadowRoot!, 'city-submission-result').length > 0, 'the result is gone after Back');
    const result = deepAll(el.shadowRoot!, 'city-submission-result')[0]!;
    expect(result.shadowRoot!.textContent).to.contain('已缴费');
    expect(deepAll(el.shadowRoot!, 'button[part~="pay"]')).to.have.length(0);
    expect(api.paymentsOf(bill.id)).to.have.length(1);
  });

  it('offers the sandbox wallet only for an API on this machine; payment-providers narrows and orders the methods', async () => {
    const el = await payFromResult();
    const widget = await settle(el, 'confirming');
    expect(widget.providers, 'page and API on 127.0.0.1: the reference server').to.deep.equal(['sandbox', 'wechat', 'alipay', 'redirect']);
    el.api = '/api';
    await el.updateComplete;
    expect(widget.providers, 'a relative API is on the page\'s origin').to.include('sandbox');
    el.api = 'https://hub.example.cn';
    await el.updateComplete;
    expect(widget.providers, 'a public API: no test wallet for citizens').to.deep.equal(['wechat', 'alipay', 'redirect']);
    el.setAttribute('payment-providers', 'redirect sandbox bogus');
    await el.updateComplete;
    expect(widget.providers).to.deep.equal(['redirect', 'sandbox']);
    const before = widget.providers;
    el.mode = 'elder';
    await el.updateComplete;
    expect(widget.providers, 'the same array while the answer stays').to.equal(before);
    el.goBack();
    await waitForView(el, 'service-page');
  });

  it('after a reload, reads the bill back from the server’s payment and resumes it (no new order)', async () => {
    // The page that created the payment is gone: only the SDK's record in sessionStorage and the server remain.
    await testHub(api, { prefix: PREFIX }).payments.create(bill, { provider: 'sandbox' });
    resetPage(`#/440300/pay/${bill.id}`);
    const el = await mountHub(client);
    await waitForView(el, 'pay-page');
    await settle(el, 'awaiting_user');
    expect(api.requests.filter((r) => r.startsWith('GET /v1/payments?billId='))).to.not.be.empty;
    expect(inPayment(el, 'details')!.textContent).to.contain('¥25.44');
    await waitUntil(() => inPayment(el, 'continue'), 'no "continue to pay"');
    await expect(el).to.be.accessible();
    inPayment(el, 'continue')!.click();
    await waitUntil(() => inPayment(el, 'wallet-pay'), 'no wallet');
    inPayment(el, 'wallet-pay')!.click();
    await settle(el, 'succeeded');
    expect(api.paymentsOf(bill.id)).to.have.length(1);
    expect(Object.values(sessionStorage).join(' ')).not.to.contain(String(bill.amount.amount));
  });

  it('after a reload before any payment was made, says the bill is not kept and nothing was paid', async () => {
    resetPage(`#/440300/pay/${bill.id}`);
    const el = await mountHub(client);
    await waitForView(el, 'pay-page');
    await waitUntil(() => part(el, 'empty'), 'no notice');
    expect(part(el, 'empty')!.textContent).to.contain('尚未付款');
    expect(payment(el)).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('Cancel at the confirm step goes Back; the host can keep the hub where it is (city-bill-pay is cancelable)', async () => {
    const el = await payFromResult();
    await settle(el, 'confirming');
    const canceled = oneEvent(el, 'city-payment-canceled');
    inPayment(el, 'cancel')!.click();
    expect((await canceled).detail.reason).to.equal('not_confirmed');
    await waitForView(el, 'service-page');
    el.addEventListener('city-bill-pay', (e) => e.preventDefault(), { once: true });
    await waitUntil(() => deepAll(el.shadowRoot!, 'button[part~="pay"]').length > 0, 'no pay button');
    deepAll(el.shadowRoot!, 'button[part~="pay"]')[0]!.click();
    await el.updateComplete;
    expect(part(el, 'service-page')).to.exist;
    expect(api.requests.filter((r) => r.startsWith('POST'))).to.deep.equal([]);
  });
});
