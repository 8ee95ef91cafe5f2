import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { idCardCheckChar, type CatalogService, type CityCatalog, type FormField } from '@cityhub/schema';
import '../src/define/city-service-form.js';
import type { CityServiceForm } from '../src/service-form/service-form.js';
import { FakeHttpError, FakeHubClient, deferred } from './helpers/fake-client.js';
import { freshApi, stubFetch } from './helpers/fetch-stub.js';
import { XSS, injectedElements, loadCatalog, poisonCatalog, serviceByCode, xssRuns } from './helpers/fixtures.js';
import { violationResult } from './helpers/results.js';

const NOW = new Date(2026, 10, 23, 10, 0); // 23 Nov 2026, local time
const ID = `44030519900101123${idCardCheckChar('44030519900101123')}`;
const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: Element, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const fieldOf = (el: CityServiceForm, code: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="field"][data-code="${code}"]`)!;
const controlOf = (el: CityServiceForm, code: string) => fieldOf(el, code).querySelector<HTMLInputElement>('[part~="control"]')!;
const errorOf = (el: CityServiceForm, code: string) => fieldOf(el, code).querySelector<HTMLElement>('[part~="error-message"]');
const settle = async (el: CityServiceForm) => {
  await new Promise((r) => setTimeout(r));
  await el.updateComplete;
};

/** Types into a control the way a user would, then lets the element re-render. */
async function fill(el: CityServiceForm, code: string, value: string) {
  const control = controlOf(el, code);
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true }));
  await el.updateComplete;
}

async function choose(el: CityServiceForm, code: string, key: string) {
  const input = fieldOf(el, code).querySelector<HTMLInputElement>(`input[value="${key}"]`)!;
  input.click();
  await el.updateComplete;
}

/** Every field type in one form: the fixture's booking, top-up and city-report fields together. */
function everyFieldService(catalog: CityCatalog): CatalogService {
  const fields: FormField[] = ['vehicle-inspection-booking', 'transit-card-top-up', 'city-management-report']
    .flatMap((code) => serviceByCode(catalog, code).form!.fields)
    .map((field, order) => ({ ...field, order }));
  return { ...serviceByCode(catalog, 'city-management-report'), code: 'every-field', form: { fields } };
}

describe('<city-service-form>', () => {
  let catalog: CityCatalog;
  let client: FakeHubClient;

  beforeEach(async () => {
    catalog = await loadCatalog('440300');
    client = new FakeHubClient([catalog]);
  });

  async function form(service: CatalogService, options: { lang?: string; mode?: 'client' | 'event' } = {}): Promise<CityServiceForm> {
    return fixture<CityServiceForm>(html`<city-service-form lang=${options.lang ?? 'zh-Hans'} city="440300" submit-mode=${options.mode ?? 'event'}
      .client=${client} .service=${service} .now=${() => NOW}></city-service-form>`);
  }

  it('renders every field type with labels, help and the right controls', async () => {
    const el = await form(everyFieldService(catalog));
    const codes = parts(el, 'field').map((f) => f.dataset['code']);
    expect(codes).to.deep.equal(['plate', 'idNumber', 'date', 'timeSlot', 'station', 'cardNumber', 'amount', 'problemTypes', 'description', 'occurredAt', 'peopleAffected', 'contactMobile']);
    expect(controlOf(el, 'plate').labels![0]!.textContent).to.contain('车牌号');
    expect(controlOf(el, 'idNumber').getAttribute('autocomplete')).to.equal('off');
    expect(controlOf(el, 'date').type).to.equal('date');
    expect(controlOf(el, 'date').min).to.equal('2026-11-24'); // minDaysFromToday: 1
    expect(controlOf(el, 'date').max).to.equal('2026-12-23'); // maxDaysFromToday: 30
    expect(fieldOf(el, 'timeSlot').localName).to.equal('fieldset');
    expect(fieldOf(el, 'timeSlot').getAttribute('role')).to.equal('radiogroup');
    expect(fieldOf(el, 'timeSlot').querySelectorAll('input[type="radio"]')).to.have.length(2);
    expect(controlOf(el, 'station').localName).to.equal('select'); // 6 options
    expect(controlOf(el, 'amount').getAttribute('inputmode')).to.equal('decimal');
    expect(controlOf(el, 'amount').labels![0]!.textContent).to.contain('充值金额（元）');
    expect(fieldOf(el, 'amount').querySelectorAll('[part~="presets"] button')).to.have.length(3);
    expect(fieldOf(el, 'problemTypes').querySelectorAll('input[type="checkbox"]')).to.have.length(3);
    expect(fieldOf(el, 'problemTypes').textContent).to.contain('最多选 2 项');
    expect(controlOf(el, 'description').localName).to.equal('textarea');
    const help = fieldOf(el, 'description').querySelector('[part~="help"]')!;
    expect(help.textContent).to.equal('至少 5 个字');
    expect(controlOf(el, 'description').getAttribute('aria-describedby')).to.equal(help.id);
    expect(controlOf(el, 'occurredAt').type).to.equal('datetime-local');
    expect(controlOf(el, 'peopleAffected').getAttribute('inputmode')).to.equal('numeric');
    expect(controlOf(el, 'contactMobile').type).to.equal('tel');
    await expect(el).to.be.accessible();
  });

  it('on submit, shows every error linked to its field and focuses the first invalid field', async () => {
    const el = await form(everyFieldService(catalog));
    let submitted = 0;
    el.addEventListener('city-submit', () => (submitted += 1));
    part(el, 'submit')!.click();
    await settle(el);
    expect(submitted).to.equal(0);
    for (const code of ['plate', 'idNumber', 'date', 'cardNumber', 'amount', 'description']) {
      const control = controlOf(el, code);
      expect(control.getAttribute('aria-invalid'), code).to.equal('true');
      const error = errorOf(el, code)!;
      expect(control.getAttribute('aria-describedby')!.split(' '), code).to.include(error.id);
    }
    expect(errorOf(el, 'plate')!.textContent).to.contain('请填写车牌号');
    expect(fieldOf(el, 'timeSlot').getAttribute('aria-invalid')).to.equal('true');
    expect(errorOf(el, 'timeSlot')!.textContent).to.contain('请选择时段');
    expect(errorOf(el, 'occurredAt')).to.equal(null); // optional
    expect(part(el, 'error-summary')!.textContent).to.contain('9 处');
    expect(part(el, 'status')!.textContent).to.contain('9 处');
    expect(el.shadowRoot!.activeElement).to.equal(controlOf(el, 'plate'));
    await expect(el).to.be.accessible();
    // Fix the first; the next submit focuses the next invalid field.
    await fill(el, 'plate', '粤B12345');
    part(el, 'submit')!.click();
    await settle(el);
    expect(errorOf(el, 'plate')).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal(controlOf(el, 'idNumber'));
  });

  it('explains each kind of invalid value in the user\'s language', async () => {
    const el = await form(everyFieldService(catalog));
    await fill(el, 'plate', '粤B1234');
    await fill(el, 'idNumber', `${ID.slice(0, 17)}${ID.endsWith('0') ? '1' : '0'}`);
    await fill(el, 'date', '2026-11-23'); // today; the earliest is tomorrow
    await fill(el, 'amount', '5');
    await fill(el, 'description', '太吵');
    await fill(el, 'peopleAffected', '2.5');
    await fill(el, 'contactMobile', '1234');
    for (const key of ['vending', 'litter', 'noise']) await choose(el, 'problemTypes', key);
    await el.submit();
    await el.updateComplete;
    expect(errorOf(el, 'plate')!.textContent).to.contain('有效的车牌号');
    expect(errorOf(el, 'idNumber')!.textContent).to.contain('校验');
    expect(errorOf(el, 'date')!.textContent).to.match(/日期不能早于 2026年11月24日/);
    expect(errorOf(el, 'amount')!.textContent).to.contain('金额不能少于 ¥10.00');
    expect(errorOf(el, 'description')!.textContent).to.contain('至少需要 5 个字');
    expect(errorOf(el, 'peopleAffected')!.textContent).to.contain('整数');
    expect(errorOf(el, 'contactMobile')!.textContent).to.contain('11 位手机号');
    expect(errorOf(el, 'problemTypes')!.textContent).to.contain('最多选择 2 项');
    await fill(el, 'amount', '1.234');
    await el.submit();
    await el.updateComplete;
    expect(errorOf(el, 'amount')!.textContent).to.contain('两位小数');
    await fill(el, 'amount', 'abc');
    await el.submit();
    await el.updateComplete;
    expect(errorOf(el, 'amount')!.textContent).to.contain('正确的金额');
    await expect(el).to.be.accessible();
    el.lang = 'en';
    await settle(el);
    expect(errorOf(el, 'plate')!.textContent).to.contain('Enter a valid plate number');
    expect(controlOf(el, 'plate').labels![0]!.textContent).to.contain('Plate number');
    expect(errorOf(el, 'amount')!.textContent).to.contain('Enter an amount');
  });

  it('validates a field when the user leaves it after changing it, not before', async () => {
    const el = await form(serviceByCode(catalog, 'traffic-fine-payment'));
    const decision = controlOf(el, 'decisionNumber');
    decision.focus();
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(errorOf(el, 'decisionNumber')).to.equal(null); // untouched
    decision.focus();
    await sendKeys({ type: '123' });
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(controlOf(el, 'mobile'));
    expect(errorOf(el, 'decisionNumber')!.textContent).to.contain('决定书编号格式不正确');
    expect(errorOf(el, 'mobile')).to.equal(null);
    // Fixing the value clears the error as the user types.
    decision.focus();
    await sendKeys({ type: '456789012345' });
    await el.updateComplete;
    expect(errorOf(el, 'decisionNumber')).to.equal(null);
    expect(decision.getAttribute('aria-invalid')).to.equal('false');
  });

  it('works by keyboard alone: type, Tab, Enter submits, focus goes to the first invalid field', async () => {
    const el = await form(serviceByCode(catalog, 'traffic-fine-payment'));
    controlOf(el, 'decisionNumber').focus();
    await sendKeys({ type: '440300123456789' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '1381234' });
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(errorOf(el, 'mobile')!.textContent).to.contain('11 位手机号');
    expect(el.shadowRoot!.activeElement).to.equal(controlOf(el, 'mobile'));
    await sendKeys({ type: '5678' });
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'submit'));
    const submitted = oneEvent(el, 'city-submit');
    await sendKeys({ press: 'Enter' });
    const event = await submitted;
    expect(event.detail.values).to.deep.equal({ decisionNumber: '440300123456789', mobile: '13812345678' });
  });

  it('emits city-submit with validated, normalised values (plates, ID, lists, fen)', async () => {
    const el = await form(everyFieldService(catalog));
    await fill(el, 'plate', '粤b·12345');
    await fill(el, 'idNumber', ID.toLowerCase());
    await fill(el, 'date', '2026-11-30');
    await choose(el, 'timeSlot', 'pm');
    const station = controlOf(el, 'station') as unknown as HTMLSelectElement;
    station.value = 'nanshan';
    station.dispatchEvent(new Event('change', { bubbles: true }));
    await fill(el, 'cardNumber', '123456789');
    await fill(el, 'amount', '50.5');
    await choose(el, 'problemTypes', 'noise');
    await fill(el, 'description', '夜间施工噪音扰民');
    await fill(el, 'occurredAt', '2026-11-22T23:30');
    await fill(el, 'peopleAffected', '12');
    setTimeout(() => part(el, 'submit')!.click());
    const event = await oneEvent(el, 'city-submit');
    const { values } = event.detail;
    expect(event.detail.service.code).to.equal('every-field');
    expect(event.detail.city).to.equal('440300');
    expect(values['plate']).to.equal('粤B12345');
    expect(values['idNumber']).to.equal(ID);
    expect(values['amount']).to.equal(5050);
    expect(values['timeSlot']).to.equal('pm');
    expect(values['station']).to.equal('nanshan');
    expect(values['problemTypes']).to.deep.equal(['noise']);
    expect(values['peopleAffected']).to.equal(12);
    expect(values['occurredAt']).to.match(/^2026-11-22T23:30[+-]\d{2}:\d{2}$/);
    expect(values).not.to.have.property('contactMobile');
    expect(event.cancelable).to.equal(true);
    expect(client.calls.submit).to.have.length(0); // event mode: the hub makes the call
  });

  it('amount presets fill the yuan input and submit fen', async () => {
    const el = await form(serviceByCode(catalog, 'transit-card-top-up'));
    const presets = [...fieldOf(el, 'amount').querySelectorAll<HTMLButtonElement>('[part~="presets"] button')];
    expect(presets.map((b) => b.textContent)).to.deep.equal(['¥50', '¥100', '¥200']);
    presets[1]!.click();
    await el.updateComplete;
    expect(controlOf(el, 'amount').value).to.equal('100');
    expect(presets[1]!.getAttribute('aria-pressed')).to.equal('true');
    await fill(el, 'cardNumber', '987654321');
    setTimeout(() => el.submit());
    expect((await oneEvent(el, 'city-submit')).detail.values['amount']).to.equal(10000);
    await expect(el).to.be.accessible();
  });

  describe('submit-mode="client"', () => {
    async function filled(): Promise<CityServiceForm> {
      const el = await form(serviceByCode(catalog, 'vehicle-inspection-booking'), { mode: 'client' });
      await fill(el, 'plate', '粤B12345');
      await fill(el, 'idNumber', ID);
      await fill(el, 'date', '2026-11-30');
      await choose(el, 'timeSlot', 'am');
      const station = controlOf(el, 'station') as unknown as HTMLSelectElement;
      station.value = 'futian';
      station.dispatchEvent(new Event('change', { bubbles: true }));
      await el.updateComplete;
      return el;
    }

    it('submits through its own client from the api attribute, with an idempotency key', async () => {
      const service = serviceByCode(catalog, 'water-bill-payment');
      const path = '/v1/cities/440300/services/water-bill-payment/submissions';
      const fetches = stubFetch({
        'GET /v1/cities/440300/services/water-bill-payment': () => service,
        [`POST ${path}`]: () => violationResult({ service: 'water-bill-payment' }),
      });
      try {
        const api = freshApi();
        const el = await fixture<CityServiceForm>(html`<city-service-form api=${api} city="440300" submit-mode="client"
          .service=${service}></city-service-form>`);
        await fill(el, 'accountNumber', '12345678');
        const completed = oneEvent(el, 'city-submission-complete');
        part(el, 'submit')!.click();
        expect((await completed).detail.result.id).to.equal('sub-1');
        expect(fetches.requests.map((r) => `${r.method} ${r.url.href}`)).to.deep.equal([
          `GET ${api}/v1/cities/440300/services/water-bill-payment`, `POST ${api}${path}`,
        ]);
        expect(JSON.parse(fetches.requests[1]!.body)).to.deep.equal({ values: { accountNumber: '12345678' } });
      } finally {
        fetches.restore();
      }
    });

    it('submits once however often it is triggered, shows pending, then the result with masked values', async () => {
      const gate = deferred();
      client.gate = gate.promise;
      client.submitHandler = () => violationResult({ service: 'vehicle-inspection-booking' });
      const el = await filled();
      const completed = oneEvent(el, 'city-submission-complete');
      part(el, 'submit')!.click();
      part(el, 'submit')!.click();
      void el.submit();
      await el.updateComplete;
      expect(part(el, 'submit')!.getAttribute('aria-disabled')).to.equal('true');
      expect(part(el, 'submit')!.textContent).to.contain('正在提交');
      expect(part(el, 'form')!.getAttribute('aria-busy')).to.equal('true');
      expect(el.pending).to.equal(true);
      await expect(el).to.be.accessible();
      gate.resolve();
      const event = await completed;
      expect(client.calls.submit).to.have.length(1);
      expect(client.calls.submit[0]!.options!.idempotencyKey).to.be.a('string').with.length.greaterThan(8);
      expect(event.detail.result.id).to.equal('sub-1');
      await el.updateComplete;
      const result = el.shadowRoot!.querySelector('city-submission-result')!;
      expect(result.result).to.equal(event.detail.result);
      const shown = part(el, 'submitted')!.textContent!;
      expect(shown).to.contain('粤B1***5');
      expect(shown).to.contain(`${ID.slice(0, 6)}********${ID.slice(-4)}`);
      expect(shown).not.to.contain(ID);
      expect(shown).to.contain('福田检测站');
      expect(part(el, 'status')!.textContent).to.contain('查到 2 条');
      expect(el.pending).to.equal(false);
      await expect(el).to.be.accessible();
    });

    it('shows a retryable error and reuses the idempotency key on retry', async () => {
      client.failNext = 1;
      client.submitHandler = () => violationResult({ service: 'vehicle-inspection-booking' });
      const el = await filled();
      await el.submit();
      await el.updateComplete;
      const error = part(el, 'submit-error')!;
      expect(error.getAttribute('role')).to.equal('alert');
      expect(error.textContent).to.contain('503');
      expect(el.shadowRoot!.querySelector('city-submission-result')).to.equal(null);
      await expect(el).to.be.accessible();
      const completed = oneEvent(el, 'city-submission-complete');
      part(el, 'retry')!.click();
      await completed;
      expect(client.calls.submit).to.have.length(2);
      expect(client.calls.submit[1]!.options!.idempotencyKey).to.equal(client.calls.submit[0]!.options!.idempotencyKey);
      await el.updateComplete;
      expect(part(el, 'submit-error')).to.equal(null);
    });

    it('says what each refusal means: Retry only where retrying can help', async () => {
      const cases: Array<[number, string, boolean]> = [
        [401, '请先登录', false], [403, '更高等级的身份认证', false], [409, '相同的申请已在办理中', false],
        [422, '办理方未受理此申请（422）', false], [429, '提交失败（429）', true], [502, '提交失败（502）', true],
      ];
      for (const [status, text, retry] of cases) {
        client.submitHandler = () => {
          throw new FakeHttpError(status);
        };
        const el = await filled();
        const identity = status === 401 || status === 403 ? oneEvent(el, 'city-identity-required') : undefined;
        await el.submit();
        await el.updateComplete;
        expect(part(el, 'submit-error')!.textContent, String(status)).to.contain(text);
        expect(part(el, 'retry') !== null, `${status}: retry`).to.equal(retry);
        if (identity) expect((await identity).detail.reason).to.equal(status === 401 ? 'sign-in' : 'level');
        el.remove();
      }
    });

    it('shows the server\'s field errors on their fields', async () => {
      client.submitHandler = () => {
        throw new FakeHttpError(422, [{ field: 'plate', reason: 'plate', message: 'is not a valid licence plate' }]);
      };
      const el = await filled();
      await el.submit();
      await settle(el);
      expect(errorOf(el, 'plate')!.textContent).to.contain('有效的车牌号');
      expect(el.shadowRoot!.activeElement).to.equal(controlOf(el, 'plate'));
      await expect(el).to.be.accessible();
    });

    it('re-dispatches the result\'s city-bill-pay on itself (it would stay in the shadow root otherwise)', async () => {
      client.submitHandler = () => violationResult({ service: 'vehicle-inspection-booking' });
      const el = await filled();
      await el.submit();
      await el.updateComplete;
      const result = el.shadowRoot!.querySelector('city-submission-result')!;
      await result.updateComplete;
      const pay = oneEvent(el, 'city-bill-pay');
      result.shadowRoot!.querySelector<HTMLButtonElement>('[part~="pay"]')!.click();
      const event = await pay;
      expect(event.target).to.equal(el);
      expect(event.detail.bill.id).to.equal('bill-1');
    });

    it('does not call the client when a city-submit listener cancels', async () => {
      const el = await filled();
      el.addEventListener('city-submit', (e) => e.preventDefault());
      await el.submit();
      expect(client.calls.submit).to.have.length(0);
    });
  });

  it('meets the elder-mode sizes', async () => {
    const el = await form(everyFieldService(catalog));
    el.mode = 'elder';
    await el.updateComplete;
    const targets: HTMLElement[] = [controlOf(el, 'plate'), controlOf(el, 'station'), controlOf(el, 'date'), part(el, 'submit')!,
      ...parts(el, 'choice'), ...fieldOf(el, 'amount').querySelectorAll<HTMLElement>('[part~="presets"] button')];
    for (const target of targets) {
      const rect = target.getBoundingClientRect();
      expect(rect.height, target.outerHTML.slice(0, 60)).to.be.at.least(60);
      expect(rect.width, target.outerHTML.slice(0, 60)).to.be.at.least(60);
    }
    for (const node of [controlOf(el, 'plate'), controlOf(el, 'plate').labels![0]!, fieldOf(el, 'description').querySelector('[part~="help"]')!]) {
      expect(parseFloat(getComputedStyle(node).fontSize)).to.be.at.least(24);
    }
    await expect(el).to.be.accessible();
  });

  it('renders hostile labels, help and options as text, and shows hostile answers as text', async () => {
    const runs = xssRuns();
    const poisoned = poisonCatalog(catalog);
    const service = everyFieldService(poisoned);
    const el = await form(service, { mode: 'client' });
    await new Promise((r) => setTimeout(r, 50));
    expect(injectedElements(el.shadowRoot!)).to.deep.equal([]);
    expect(controlOf(el, 'plate').labels![0]!.textContent).to.contain(XSS.img);
    client.submitHandler = () => violationResult({ summary: { 'zh-Hans': XSS.script }, service: 'every-field' });
    await fill(el, 'plate', '粤B12345');
    await fill(el, 'idNumber', ID);
    await fill(el, 'date', '2026-11-30');
    await choose(el, 'timeSlot', 'am');
    const station = controlOf(el, 'station') as unknown as HTMLSelectElement;
    station.value = 'futian';
    station.dispatchEvent(new Event('change', { bubbles: true }));
    await fill(el, 'cardNumber', '123456789');
    await fill(el, 'amount', '20');
    await choose(el, 'problemTypes', 'noise');
    await fill(el, 'description', XSS.img);
    await el.submit();
    await waitUntil(() => el.shadowRoot!.querySelector('city-submission-result'));
    await new Promise((r) => setTimeout(r, 50));
    expect(injectedElements(el.shadowRoot!)).to.deep.equal([]);
    expect(xssRuns()).to.equal(runs);
    expect(part(el, 'submitted')!.textContent).to.contain(XSS.img);
    await expect(el).to.be.accessible();
  });

  it('says so for a service without a form', async () => {
    const el = await form(serviceByCode(catalog, 'hk-macau-permit-renewal'));
    expect(el.shadowRoot!.textContent).to.contain('无需填写表单');
    expect(part(el, 'form')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});
