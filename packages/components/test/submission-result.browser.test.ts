import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../src/define/city-submission-result.js';
import type { CitySubmissionResult } from '../src/submission-result/submission-result.js';
import { XSS, injectedElements, xssRuns } from './helpers/fixtures.js';
import { violationResult } from './helpers/results.js';

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: Element, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const pairs = (dl: Element) => [...dl.querySelectorAll('dt')].map((dt) => [dt.textContent!.trim(), dt.nextElementSibling!.textContent!.trim()]);

describe('<city-submission-result>', () => {
  it('renders nothing without a result', async () => {
    const el = await fixture<CitySubmissionResult>(html`<city-submission-result></city-submission-result>`);
    expect(el.shadowRoot!.children.length).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('shows summary, sections as definition lists, bills with amounts and the order timeline', async () => {
    const el = await fixture<CitySubmissionResult>(html`<city-submission-result lang="zh-Hans" .result=${violationResult()}></city-submission-result>`);
    expect(part(el, 'summary')!.textContent).to.equal('查到 2 条未处理的交通违法');
    expect(part(el, 'status')!.textContent).to.equal('已完成');
    const section = part(el, 'section')!;
    expect(section.querySelector('[role="heading"]')!.textContent).to.equal('违法记录 1');
    expect(section.querySelector('[role="heading"]')!.getAttribute('aria-level')).to.equal('3');
    const rows = pairs(part(el, 'rows')!);
    expect(rows[0]).to.deep.equal(['时间', '2026-11-01 08:12']);
    // Sensitive rows stay masked even when the provider sent them in clear.
    expect(rows[2]).to.deep.equal(['车牌', '粤B1***5']);
    expect(rows[3]).to.deep.equal(['联系电话', '138****5678']);
    expect(el.shadowRoot!.textContent).not.to.contain('13812345678');
    const bills = parts(el, 'bill');
    expect(bills).to.have.length(2);
    expect(bills[0]!.querySelector('[part~="amount"]')!.textContent).to.equal('¥200.50');
    expect(bills[0]!.textContent).to.contain('440300123456789');
    expect(bills[0]!.textContent).to.contain('138****5678');
    expect(bills[0]!.textContent).to.contain('待缴费');
    expect(bills[1]!.querySelector('[part~="pay"]')).to.equal(null); // paid
    const order = part(el, 'order')!;
    expect(order.textContent).to.contain('SZ-20261123-0042');
    expect(order.textContent).to.contain('办理中');
    expect(order.textContent).to.contain('福田检测站');
    const steps = part(el, 'timeline')!.querySelectorAll('li');
    expect(steps).to.have.length(2);
    expect(steps[1]!.textContent).to.contain('已转交交警支队');
    expect(steps[1]!.querySelector('time')!.getAttribute('datetime')).to.equal('2026-11-23T10:00:00+08:00');
    await expect(el).to.be.accessible();
  });

  it('emits city-bill-pay for an unpaid bill; no-pay hides the buttons', async () => {
    const result = violationResult();
    const el = await fixture<CitySubmissionResult>(html`<city-submission-result .result=${result}></city-submission-result>`);
    const pay = part(el, 'pay')!;
    expect(pay.textContent).to.contain('¥200.50');
    setTimeout(() => pay.click());
    const event = await oneEvent(el, 'city-bill-pay');
    expect(event.detail.bill.id).to.equal('bill-1');
    expect(event.detail.result).to.equal(result);
    el.noPay = true;
    await el.updateComplete;
    expect(part(el, 'pay')).to.equal(null);
  });

  it('renders in English and traditional Chinese, with locale money and dates', async () => {
    const el = await fixture<CitySubmissionResult>(html`<city-submission-result lang="en" heading-level="2" .result=${violationResult()}></city-submission-result>`);
    expect(part(el, 'summary')!.textContent).to.equal('2 unresolved violations found');
    expect(part(el, 'status')!.textContent).to.equal('Completed');
    expect(part(el, 'pay')!.textContent).to.equal('Pay ¥200.50');
    expect(part(el, 'order')!.textContent).to.contain('In progress');
    expect(part(el, 'order')!.textContent).to.match(/Dec 1, 2026/);
    expect(part(el, 'section-title')!.getAttribute('aria-level')).to.equal('2');
    await expect(el).to.be.accessible();
    el.lang = 'zh-Hant';
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    expect(part(el, 'summary')!.textContent).to.equal('查到 2 條未處理的交通違法');
    expect(part(el, 'order')!.textContent).to.contain('辦理中');
    // No zh-Hant title: falls back to simplified Chinese.
    expect(part(el, 'section-title')!.textContent).to.equal('违法记录 1');
  });

  it('shows row values given as localized text in the element\'s locale, with the labels\' fallback', async () => {
    const result = violationResult({
      sections: [{
        title: { 'zh-Hans': '违法记录 1', 'zh-Hant': '違法記錄 1', en: 'Violation 1' },
        rows: [
          { label: { 'zh-Hans': '违法时间', 'zh-Hant': '違法時間', en: 'When' }, value: '2026-11-01 08:12' },
          { label: { 'zh-Hans': '违法行为', 'zh-Hant': '違法行為', en: 'Offence' }, value: { 'zh-Hans': '机动车违反规定停放（1039）', en: 'Illegal parking (1039)' } },
          { label: { 'zh-Hans': '处理状态', 'zh-Hant': '處理狀態', en: 'Status' }, value: { 'zh-Hans': '未缴款', 'zh-Hant': '未繳款', en: 'Unpaid' } },
          {
            label: { 'zh-Hans': '用户地址', 'zh-Hant': '用戶地址', en: 'Address' }, sensitive: true,
            value: { 'zh-Hans': '深南大道**号 13812345678', 'zh-Hant': '深南大道**號 13812345678', en: 'No. **, Shennan Avenue 13812345678' },
          },
        ],
      }],
    });
    const el = await fixture<CitySubmissionResult>(html`<city-submission-result lang="en" .result=${result}></city-submission-result>`);
    expect(pairs(part(el, 'rows')!)).to.deep.equal([
      ['When', '2026-11-01 08:12'],
      ['Offence', 'Illegal parking (1039)'],
      ['Status', 'Unpaid'],
      ['Address', 'No. **, Shennan Avenue 138****5678'],
    ]);
    await expect(el).to.be.accessible();
    el.lang = 'zh-Hant';
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    expect(pairs(part(el, 'rows')!)).to.deep.equal([
      ['違法時間', '2026-11-01 08:12'],
      ['違法行為', '机动车违反规定停放（1039）'], // no zh-Hant: simplified Chinese
      ['處理狀態', '未繳款'],
      ['用戶地址', '深南大道**號 138****5678'],
    ]);
    el.lang = 'zh-Hans';
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    expect(pairs(part(el, 'rows')!).map(([, value]) => value)).to.deep.equal(['2026-11-01 08:12', '机动车违反规定停放（1039）', '未缴款', '深南大道**号 138****5678']);
    await expect(el).to.be.accessible();
  });

  it('meets elder-mode sizes', async () => {
    const el = await fixture<CitySubmissionResult>(html`<city-submission-result mode="elder" .result=${violationResult()}></city-submission-result>`);
    const pay = part(el, 'pay')!.getBoundingClientRect();
    expect(pay.height).to.be.at.least(60);
    expect(pay.width).to.be.at.least(60);
    for (const dd of el.shadowRoot!.querySelectorAll('dd, dt')) expect(parseFloat(getComputedStyle(dd).fontSize)).to.be.at.least(24);
    await expect(el).to.be.accessible();
  });

  it('renders hostile provider text as text', async () => {
    const runs = xssRuns();
    const base = violationResult();
    const text = { 'zh-Hans': XSS.img, en: XSS.script };
    const result = {
      ...base,
      summary: text,
      sections: [{ title: text, rows: [{ label: text, value: XSS.svg }, { label: text, value: XSS.attr, sensitive: true }, { label: text, value: text }] }],
      bills: base.bills.map((b) => ({ ...b, description: text, reference: XSS.script, payee: { ...b.payee, name: text } })),
      order: { ...base.order!, reference: XSS.img, timeline: [{ status: 'received' as const, at: base.order!.createdAt, note: text }] },
    };
    const el = await fixture<CitySubmissionResult>(html`<city-submission-result .result=${result}></city-submission-result>`);
    await new Promise((r) => setTimeout(r, 50));
    expect(injectedElements(el.shadowRoot!)).to.deep.equal([]);
    expect(xssRuns()).to.equal(runs);
    expect(part(el, 'summary')!.textContent).to.equal(XSS.img);
    await expect(el).to.be.accessible();
  });
});
