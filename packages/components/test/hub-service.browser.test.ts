import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { CatalogService, CityCatalog, Entry } from '@cityhub/schema';
import type { CityHubElement } from '../src/hub/hub.js';
import type { CityServiceForm } from '../src/service-form/service-form.js';
import { freshApi, stubFetch } from './helpers/fetch-stub.js';
import { XSS, injectedElements, loadCatalog, loadCities, poisonCatalog, xssRuns } from './helpers/fixtures.js';
import { violationResult } from './helpers/results.js';
import {
  deepAll, headingText, hubClient, mountHub, part, parts, resetPage, waitForView, waitUntil, withService, type HubFakeClient,
} from './hub-helpers.js';

const anchors = (el: CityHubElement) => deepAll<HTMLAnchorElement>(el.shadowRoot!, 'a[href]');

const controlValue = (form: CityServiceForm, code: string) =>
  form.shadowRoot!.querySelector<HTMLInputElement>(`[part~="field"][data-code="${code}"] [part~="control"]`)!.value;

/** Fills a generated form's field and lets it re-render. */
async function fill(form: CityServiceForm, code: string, value: string) {
  const control = form.shadowRoot!.querySelector<HTMLInputElement>(`[part~="field"][data-code="${code}"] [part~="control"]`)!;
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true }));
  await form.updateComplete;
}

/** URLs that must never become links (reliability #18). */
const BAD_URLS = [
  'javascript:alert(1)', ' javascript:alert(1)', 'JaVaScRiPt:alert(1)', '\tjava\nscript:alert(1)', 'java\u0000script:alert(1)',
  'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', '//evil.example/x', 'https://good.example@evil.example/',
  'http://evil.example/', 'https:evil.example', 'file:///etc/passwd', XSS.js, XSS.img, '',
];

describe('<city-hub> service page', () => {
  let client: HubFakeClient;
  let catalog: CityCatalog;

  beforeEach(async () => {
    resetPage();
    client = await hubClient();
    catalog = client.catalogs.get('440300')!;
  });
  after(() => resetPage());

  async function open(code: string, attrs: Parameters<typeof mountHub>[1] = {}): Promise<CityHubElement> {
    resetPage(`#/440300/service/${code}`);
    const el = await mountHub(client, attrs);
    await waitForView(el, 'service-page');
    return el;
  }

  it('on static catalogs only (catalog-url, no api) browses services but says they are not handled here', async () => {
    const cities = await loadCities();
    const entry = cities.cities.find((c) => c.code === '440300')!;
    const fetches = stubFetch({ 'GET /static/cities.json': () => cities, [`GET /static/${entry.catalog.path}`]: () => catalog });
    try {
      resetPage('#/440300/service/water-bill-payment');
      const el = await fixture<CityHubElement>(html`<city-hub catalog-url=${`${freshApi()}/static/cities.json`}></city-hub>`);
      await waitUntil(() => part(el, 'browse-only'), 'no browse-only notice', { timeout: 5000 });
      expect(headingText(el)).to.equal('水费缴纳');
      expect(part(el, 'form')).to.equal(null);
      expect(parts(el, 'nav-link').map((a) => a.getAttribute('href'))).to.deep.equal(['#/440300', '#/favourites']);
      expect(fetches.requests.every((r) => r.method === 'GET' && r.url.pathname.startsWith('/static/'))).to.equal(true);
      await expect(el).to.be.accessible();
      el.navigate({ view: 'orders' }, { replace: true }); // (replace: no history entry left for the next test)
      await waitForView(el, 'orders');
      expect(part(el, 'browse-only')).to.not.equal(null);
      expect(part(el, 'retry')).to.equal(null);
      // A city missing from the static cities.json is "not offered" here too (the SDK's not_found has no status).
      el.navigate({ view: 'home', city: '999999' }, { replace: true });
      await waitUntil(() => headingText(el) === '暂未开通这座城市', 'no city-not-offered page on static catalogs');
      expect(part(el, 'retry')).to.equal(null);
    } finally {
      fetches.restore();
    }
  });

  it('passes a deep link\'s parameters to the host and pre-fills the fields they name, except personal data', async () => {
    resetPage('#/440300/service/traffic-fine-payment?decisionNumber=4403001234567890&mobile=13800138000&from=sms&bad%20name=x');
    const navigated = new Promise<CustomEvent>((resolve) => document.addEventListener('city-navigate', (e) => resolve(e as CustomEvent), { once: true }));
    const el = await mountHub(client);
    await waitForView(el, 'service-page');
    const { route } = (await navigated).detail;
    expect(route).to.deep.equal({
      view: 'service', city: '440300', service: 'traffic-fine-payment',
      params: { decisionNumber: '4403001234567890', mobile: '13800138000', from: 'sms' },
    });
    const form = part(el, 'form') as CityServiceForm;
    await form.updateComplete;
    const control = (code: string) => form.shadowRoot!.querySelector<HTMLInputElement>(`[part~="field"][data-code="${code}"] [part~="control"]`)!;
    expect(control('decisionNumber').value).to.equal('4403001234567890');
    expect(control('mobile').value, 'a mobile number is personal data: never taken from a URL').to.equal('');
    // What the user types survives re-renders of the hub (the pre-fill is not applied again).
    await fill(form, 'decisionNumber', '4403009999999999');
    el.mode = 'elder';
    await el.updateComplete;
    await form.updateComplete;
    expect(control('decisionNumber').value).to.equal('4403009999999999');
    expect(location.hash).to.equal('#/440300/service/traffic-fine-payment?decisionNumber=4403001234567890&mobile=13800138000&from=sms&bad%20name=x');
    await expect(el).to.be.accessible();
  });

  it('pre-fills list fields from keys, and ignores values the form does not offer', async () => {
    resetPage('#/440300/service/city-management-report?problemTypes=noise,no-such-key&peopleAffected=3');
    const el = await mountHub(client);
    await waitForView(el, 'service-page');
    await waitUntil(() => part(el, 'form') !== null || part(el, 'continue-button') !== null);
    part(el, 'continue-button')?.click();
    await waitUntil(() => part(el, 'form') !== null);
    const form = part(el, 'form') as CityServiceForm;
    await form.updateComplete;
    const checked = [...form.shadowRoot!.querySelectorAll<HTMLInputElement>('[data-code="problemTypes"] input:checked')].map((i) => i.value);
    const report = catalog.services.find((s) => s.code === 'city-management-report')!;
    const field = report.form!.fields.find((f) => f.code === 'problemTypes')!;
    expect(field.type === 'multivaluelist' && field.values.some((v) => v.key === 'noise'), 'fixture has a noise key').to.equal(true);
    expect(checked).to.deep.equal(['noise']);
    expect(form.shadowRoot!.querySelector<HTMLInputElement>('[data-code="peopleAffected"] [part~="control"]')!.value).to.equal('3');
  });

  it('shows the guide: documents, fees in yuan from fen, identity, processing time, provider and contact', async () => {
    const base = catalog.services.find((s) => s.code === 'traffic-violation-query')!;
    withService(catalog, 'traffic-violation-query', {
      summary: { 'zh-Hans': '查本市机动车违法记录' },
      documents: [
        { name: { 'zh-Hans': '机动车行驶证', en: 'Vehicle licence' }, required: true, note: { 'zh-Hans': '原件' } },
        { name: { 'zh-Hans': '驾驶证', en: 'Driving licence' }, required: false },
      ],
      costs: [{ description: { 'zh-Hans': '工本费', en: 'Fee' }, amount: { amount: 2050, currency: 'CNY' } }, { description: { 'zh-Hans': '罚款', en: 'Fine' } }],
      processingTime: { unit: 'working-days', value: 3 },
      identity: 'face',
      provider: { ...base.provider, operator: { name: { 'zh-Hans': '深圳市交通运输局' } },
        contact: { phone: '0755-122', website: 'https://jtgl.example.gov.cn/', address: { 'zh-Hans': '福田区笋岗西路' }, hours: { 'zh-Hans': '工作日 9:00–18:00' } } },
    });
    const el = await open('traffic-violation-query');
    expect(headingText(el)).to.equal('交通违法查询');
    expect(part(el, 'summary')!.textContent).to.equal('查本市机动车违法记录');
    expect(part(el, 'costs')!.textContent).to.contain('¥20.50');
    expect(part(el, 'costs')!.textContent).to.contain('按账单金额');
    expect(part(el, 'identity')!.textContent).to.equal('需要刷脸认证');
    const details = part(el, 'details')!.textContent!;
    expect(details).to.contain('3 个工作日');
    expect(details).to.contain('深圳市交通运输局');
    expect(details).to.contain('工作日 9:00–18:00');
    const documents = [...part(el, 'documents')!.querySelectorAll('li')].map((li) => li.textContent!.replace(/\s+/g, ''));
    expect(documents).to.deep.equal(['机动车行驶证必需原件', '驾驶证可选']);
    expect(part(el, 'phone')!.getAttribute('href')).to.equal('tel:0755122');
    const website = part(el, 'website') as HTMLAnchorElement;
    expect(website.getAttribute('href')).to.equal('https://jtgl.example.gov.cn/');
    expect(website.target).to.equal('_blank');
    expect(website.rel).to.equal('noopener noreferrer');
    expect(part(el, 'form')!.localName).to.equal('city-service-form');
    expect(part(el, 'form')!.getAttribute('submit-mode')).to.equal('client');
    await expect(el).to.be.accessible();
    el.setLocale('en');
    await el.updateComplete;
    await waitUntil(() => part(el, 'identity')!.textContent === 'Face verification needed');
    expect(part(el, 'details')!.textContent).to.contain('3 working days');
    expect(part(el, 'costs')!.textContent).to.contain('¥20.50');
    await expect(el).to.be.accessible();
  });

  it('shows the maintenance banner with its message and expected end, and no form', async () => {
    withService(catalog, 'traffic-violation-query', {
      status: { state: 'maintenance', message: { 'zh-Hans': '系统升级，暂停查询' }, until: '2026-11-24T06:00:00+08:00' },
    });
    const el = await open('traffic-violation-query');
    const banner = part(el, 'maintenance')!;
    expect(banner.textContent).to.contain('服务维护中');
    expect(banner.textContent).to.contain('系统升级，暂停查询');
    expect(banner.textContent).to.contain('预计恢复时间');
    expect(banner.textContent).to.match(/2026/);
    expect(part(el, 'form')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('says when the city does not offer the service, and links to an alternative only through safeUrl', async () => {
    withService(catalog, 'traffic-violation-query', { availability: { state: 'unavailable', reason: { 'zh-Hans': '请到窗口办理' } } });
    const el = await open('traffic-violation-query');
    expect(part(el, 'availability')!.textContent).to.contain('本市暂未开通此服务');
    expect(part(el, 'availability')!.textContent).to.contain('请到窗口办理');
    expect(part(el, 'form')).to.equal(null);
    await expect(el).to.be.accessible();
    el.remove();

    withService(catalog, 'traffic-violation-query', { availability: { state: 'alternative', url: 'https://alt.example.cn/query', note: { 'zh-Hans': '由省平台办理' } } });
    const alt = await open('traffic-violation-query');
    const link = part(alt, 'alternative-link') as HTMLAnchorElement;
    expect(link.getAttribute('href')).to.equal('https://alt.example.cn/query');
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.equal('noopener noreferrer');
    expect(link.textContent).to.contain('alt.example.cn');
    await expect(alt).to.be.accessible();
    alt.remove();

    for (const url of BAD_URLS) {
      withService(catalog, 'traffic-violation-query', { availability: { state: 'alternative', url } });
      const bad = await open('traffic-violation-query');
      expect(part(bad, 'alternative-link'), url).to.equal(null);
      expect(part(bad, 'availability')!.textContent).to.contain('办理链接无效');
      expect(injectedElements(bad.shadowRoot!), url).to.deep.equal([]);
      bad.remove();
    }
    expect(xssRuns()).to.equal(0);
  });

  it('shows a withdrawn service with a link to its replacement', async () => {
    withService(catalog, 'traffic-violation-query', { status: { state: 'retired', replacedBy: 'traffic-fine-payment' } });
    const el = await open('traffic-violation-query');
    expect(part(el, 'availability')!.textContent).to.contain('该服务已停用');
    expect(part(el, 'availability')!.querySelector('a')!.getAttribute('href')).to.equal('#/440300/service/traffic-fine-payment');
    await expect(el).to.be.accessible();
  });

  it('submits the generated form through the client and shows the result, re-dispatching the events', async () => {
    const el = await open('traffic-violation-query');
    const form = part(el, 'form') as CityServiceForm;
    await form.updateComplete;
    await fill(form, 'plate', '粤B12345');
    await fill(form, 'engineTail', '123456');
    const submit = oneEvent(el, 'city-submit');
    const complete = oneEvent(el, 'city-submission-complete');
    form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
    expect((await submit).detail.values).to.deep.equal({ plate: '粤B12345', engineTail: '123456' });
    expect((await complete).detail.result.status).to.equal('completed');
    expect(client.calls.submit[0]!.city).to.equal('440300');
    await waitUntil(() => form.shadowRoot!.querySelector('city-submission-result'), 'no result');
    await el.updateComplete;
    expect(part(el, 'orders-link')!.getAttribute('href')).to.equal('#/orders');
    await expect(el).to.be.accessible();
  });

  it('gives one plate example: the catalog\'s placeholder and the validation message name the same plate', async () => {
    // Every plate field of the standard catalog, as shipped to every city.
    const standard = await (await fetch(new URL('../../catalog/manifests/standard.json', import.meta.url))).json() as unknown;
    const placeholders = new Set<string>();
    (function walk(node: unknown): void {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const field = node as { type?: unknown; placeholder?: unknown };
        if (field.type === 'plate' && field.placeholder) placeholders.add(JSON.stringify(field.placeholder));
        Object.values(node).forEach(walk);
      }
    })(standard);
    expect(placeholders.size, 'one placeholder for every plate field').to.equal(1);
    const placeholder = JSON.parse([...placeholders][0]!) as Record<string, string>;
    const service = catalog.services.find((s) => s.code === 'traffic-violation-query')!;
    withService(catalog, 'traffic-violation-query', {
      form: { ...service.form!, fields: service.form!.fields.map((f) => (f.code === 'plate' ? { ...f, placeholder } : f)) } as CatalogService['form'],
    });
    const PLATE = /\p{Script=Han}[A-Z][A-Z0-9]{5,6}/u;
    for (const lang of ['zh-Hans', 'zh-Hant', 'en']) {
      const el = await open('traffic-violation-query', { lang });
      const form = part(el, 'form') as CityServiceForm;
      await form.updateComplete;
      await fill(form, 'plate', '12345');
      await form.submit();
      await form.updateComplete;
      const field = form.shadowRoot!.querySelector('[part~="field"][data-code="plate"]')!;
      const example = PLATE.exec(field.querySelector<HTMLInputElement>('[part~="control"]')!.placeholder)?.[0];
      expect(example, `${lang}: the placeholder gives an example`).to.be.a('string');
      expect(field.querySelector('[part~="error-message"]')!.textContent, lang).to.contain(example);
      if (lang === 'en') await expect(el).to.be.accessible();
      el.remove();
    }
  });

  it('lets the host cancel a submission (city-submit is cancelable through the hub)', async () => {
    const el = await open('traffic-violation-query');
    el.addEventListener('city-submit', (e) => e.preventDefault(), { once: true });
    const form = part(el, 'form') as CityServiceForm;
    await fill(form, 'plate', '粤B12345');
    await fill(form, 'engineTail', '123456');
    await form.submit();
    expect(client.calls.submit).to.have.length(0);
  });
});

describe('<city-hub> external services: the "continues on …" step', () => {
  let client: HubFakeClient;
  let catalog: CityCatalog;

  beforeEach(async () => {
    resetPage();
    client = await hubClient();
    catalog = client.catalogs.get('440300')!;
  });
  after(() => resetPage());

  async function withEntry(entry: unknown, attrs: Parameters<typeof mountHub>[1] = {}, code = 'hk-macau-permit-renewal'): Promise<CityHubElement> {
    withService(catalog, code, { entry: entry as Entry });
    resetPage(`#/440300/service/${code}`);
    const el = await mountHub(client, attrs);
    await waitForView(el, 'service-page');
    return el;
  }

  it('h5: tells the user where they are going and opens it in a new window without an opener', async () => {
    const el = await withEntry({ type: 'h5', url: 'https://crj.example.gov.cn/renew?from=hub' });
    const step = part(el, 'continue')!;
    expect(step.textContent).to.contain('将离开城市服务继续办理');
    expect(step.textContent).to.contain('crj.example.gov.cn');
    const link = part(el, 'continue-link') as HTMLAnchorElement;
    expect(link.getAttribute('href')).to.equal('https://crj.example.gov.cn/renew?from=hub');
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.equal('noopener noreferrer');
    expect(link.textContent).to.contain('继续前往 crj.example.gov.cn');
    expect(link.textContent).to.contain('在新窗口打开');
    expect(part(el, 'form')).to.equal(null);
    await expect(el).to.be.accessible();
    // The host hears it first and may take over (a super-app opens its own web view).
    el.addEventListener('city-entry-continue', (e) => e.preventDefault(), { once: true });
    const continued = oneEvent(el, 'city-entry-continue');
    link.click();
    const { detail } = await continued;
    expect(detail.url).to.equal('https://crj.example.gov.cn/renew?from=hub');
    expect(detail.service.code).to.equal('hk-macau-permit-renewal');
    expect(detail.entry.type).to.equal('h5');
  });

  it('h5: javascript:, data:, scheme-relative and credential URLs are never rendered as links', async () => {
    for (const url of BAD_URLS) {
      const el = await withEntry({ type: 'h5', url });
      expect(part(el, 'continue-link'), url).to.equal(null);
      expect(part(el, 'link-unavailable'), url).to.exist;
      expect(anchors(el).map((a) => a.getAttribute('href')).filter((h) => !h!.startsWith('#/')), url).to.deep.equal([]);
      expect(injectedElements(el.shadowRoot!), url).to.deep.equal([]);
      el.remove();
    }
    expect(xssRuns()).to.equal(0);
  });

  it('h5: http links to this machine only while the API is on it too (development), never from a live hub', async () => {
    const url = 'http://127.0.0.1:8080/admin';
    const dev = await withEntry({ type: 'h5', url }); // the API is this page's origin, on localhost
    expect(part(dev, 'continue-link')!.getAttribute('href')).to.equal(url);
    dev.remove();
    const live = await withEntry({ type: 'h5', url }, { api: 'https://hub.example.cn/' });
    expect(part(live, 'continue-link')).to.equal(null);
    expect(part(live, 'link-unavailable')).to.exist;
    expect(anchors(live).map((a) => a.getAttribute('href')).filter((h) => !h!.startsWith('#/'))).to.deep.equal([]);
    live.remove();
  });

  it('h5: a host allowlist (allowed-hosts) keeps links to other hosts out', async () => {
    resetPage('#/440300/service/hk-macau-permit-renewal');
    const el = await fixture<CityHubElement>(html`<city-hub .client=${client} allowed-hosts="gov.cn"></city-hub>`);
    await waitForView(el, 'service-page');
    expect(part(el, 'continue-link')!.getAttribute('href')).to.equal('https://crj.example.gov.cn/renew');
    el.remove();
    withService(catalog, 'hk-macau-permit-renewal', { entry: { type: 'h5', url: 'https://phish.example.com/renew' } });
    const other = await fixture<CityHubElement>(html`<city-hub .client=${client} allowed-hosts="gov.cn"></city-hub>`);
    await waitForView(other, 'service-page');
    expect(part(other, 'continue-link')).to.equal(null);
  });

  it('mini-program: names the platform and offers the web fallback', async () => {
    const el = await withEntry({ type: 'mini-program', platform: 'wechat', appId: 'wx1234567890abcd', path: 'pages/renew/index', fallbackUrl: 'https://m.crj.example.gov.cn/' });
    const step = part(el, 'continue')!;
    expect(step.textContent).to.contain('微信小程序');
    expect(part(el, 'platform')!.textContent).to.contain('请在微信中搜索“港澳通行证续签”');
    const fallback = part(el, 'continue-link') as HTMLAnchorElement;
    expect(fallback.getAttribute('href')).to.equal('https://m.crj.example.gov.cn/');
    expect(fallback.rel).to.equal('noopener noreferrer');
    await expect(el).to.be.accessible();
    el.remove();
    const alipay = await withEntry({ type: 'mini-program', platform: 'alipay', appId: '2021000000000000', fallbackUrl: 'javascript:alert(1)' });
    expect(part(alipay, 'continue')!.textContent).to.contain('支付宝小程序');
    expect(part(alipay, 'continue-link')).to.equal(null);
    expect(injectedElements(alipay.shadowRoot!)).to.deep.equal([]);
  });

  it('app: deep links only with an explicit app-schemes allowlist; otherwise the hint and the web fallback', async () => {
    const entry = { type: 'app', url: 'alipays://platformapi/startapp?appId=20000067', appName: { 'zh-Hans': '支付宝', en: 'Alipay' }, fallbackUrl: 'https://render.example.cn/p' };
    const plain = await withEntry(entry);
    expect(anchors(plain).some((a) => a.href.startsWith('alipays:'))).to.equal(false);
    expect(part(plain, 'continue')!.textContent).to.contain('请在手机上打开“支付宝”办理');
    expect(part(plain, 'continue-link')!.getAttribute('href')).to.equal('https://render.example.cn/p');
    await expect(plain).to.be.accessible();
    plain.remove();

    const allowed = await withEntry(entry, { appSchemes: 'alipays weixin' });
    const app = part(allowed, 'app-link') as HTMLAnchorElement;
    expect(app.getAttribute('href')).to.equal('alipays://platformapi/startapp?appId=20000067');
    expect(app.textContent).to.contain('打开“支付宝”');
    expect(app.rel).to.equal('noopener noreferrer');
    expect(part(allowed, 'fallback-link')!.getAttribute('href')).to.equal('https://render.example.cn/p');
    await expect(allowed).to.be.accessible();
    allowed.remove();

    // Listing a script scheme does not make it allowed.
    const hostile = await withEntry({ ...entry, url: 'javascript://%0aalert(1)' }, { appSchemes: 'javascript data alipays' });
    expect(part(hostile, 'app-link')).to.equal(null);
    expect(injectedElements(hostile.shadowRoot!)).to.deep.equal([]);
  });

  it('open311: says where the report goes, then shows the form', async () => {
    const el = await withEntry({ type: 'open311', endpoint: 'https://311.example.gov.cn/georeport/v2', serviceCode: '001' }, {}, 'city-management-report');
    expect(part(el, 'continue')!.textContent).to.contain('311.example.gov.cn');
    expect(part(el, 'continue')!.textContent).to.contain('Open311');
    expect(part(el, 'form')).to.equal(null);
    await expect(el).to.be.accessible();
    part(el, 'continue-button')!.click();
    await waitUntil(() => part(el, 'form'), 'no form after continuing');
    expect(part(el, 'continue')).to.equal(null);
  });
});

describe('<city-hub> untrusted catalog text', () => {
  beforeEach(() => resetPage());
  after(() => resetPage());

  it('renders the XSS corpus on every page as text: nothing injected, nothing runs', async () => {
    const client = await hubClient();
    const poisoned = poisonCatalog(await loadCatalog('440300'));
    poisoned.topics = [{ id: 'driving', name: { 'zh-Hans': XSS.img, en: XSS.script }, description: { 'zh-Hans': XSS.svg }, icon: 'car', order: 0,
      services: poisoned.services.map((s) => s.code) }];
    client.catalogs.set('440300', poisoned);
    const el = await mountHub(client);
    await waitForView(el, 'home');
    const routes = [
      ...poisoned.categories.map((c) => ({ view: 'category' as const, city: '440300', category: c.id })),
      { view: 'topic' as const, city: '440300', topic: 'driving' },
      ...poisoned.services.map((s: CatalogService) => ({ view: 'service' as const, city: '440300', service: s.code })),
      { view: 'favourites' as const },
    ];
    let pages = 1;
    expect(injectedElements(el.shadowRoot!)).to.deep.equal([]);
    for (const route of routes) {
      el.navigate(route);
      await el.updateComplete;
      await new Promise((r) => setTimeout(r));
      expect(injectedElements(el.shadowRoot!), JSON.stringify(route)).to.deep.equal([]);
      pages += 1;
    }
    expect(xssRuns()).to.equal(0);
    expect(pages).to.equal(routes.length + 1);
  });

  it('ignores hostile or malformed favourites and recent data in localStorage', async () => {
    localStorage.setItem('cityhub:favourites', JSON.stringify([{ city: XSS.img, service: 'x' }, { city: '440300', service: XSS.script },
      'junk', null, { city: '440300', service: 'move-car', name: XSS.img }]));
    localStorage.setItem('cityhub:recent-services', '{not json');
    const client = await hubClient();
    resetPageKeepStorage('#/favourites');
    const el = await mountHub(client);
    await waitUntil(() => parts(el, 'service-link').length > 0, 'no favourites');
    expect(parts(el, 'service-link').map((l) => l.textContent!.trim())).to.deep.equal(['一键挪车']);
    expect(injectedElements(el.shadowRoot!)).to.deep.equal([]);
    expect(xssRuns()).to.equal(0);
  });

  it('knows the user\'s verification level: asks for face verification, and a 401/403 says what to do (no Retry) and tells the host', async () => {
    const catalog = await loadCatalog('440300');
    const faceService = withService(catalog, 'traffic-violation-query', { identity: 'face' });
    const faceCatalog = { ...catalog, services: catalog.services.map((s) => (s.code === faceService.code ? faceService : s)) };
    let answer = 403;
    const fetches = stubFetch({
      'GET /v1/cities/440300/catalog': () => faceCatalog,
      'POST /v1/cities/440300/services/traffic-violation-query/submissions': () =>
        Response.json({ error: { code: answer === 401 ? 'unauthorized' : 'forbidden', message: 'no' } }, { status: answer }),
    });
    try {
      resetPage('#/440300/service/traffic-violation-query');
      let asked = 0;
      const el = await fixture<CityHubElement>(html`<city-hub api=${freshApi()}
        .identity=${async () => (asked++, { token: 'sandbox-citizen', level: 'real-name' as const })}></city-hub>`);
      await waitForView(el, 'service-page');
      await waitUntil(() => part(el, 'identity-notice'), 'no notice for a real-name user on a face service', { timeout: 5000 });
      expect(part(el, 'identity-notice')!.textContent).to.contain('刷脸认证');
      const form = part(el, 'form') as CityServiceForm;
      await fill(form, 'plate', '粤B12345');
      await fill(form, 'engineTail', '123456');
      const required = oneEvent(el, 'city-identity-required');
      const before = asked;
      await form.submit();
      expect((await required).detail).to.deep.include({ city: '440300', required: 'face', reason: 'level' });
      await form.updateComplete;
      const error = form.shadowRoot!.querySelector('[part~="submit-error"]')!;
      expect(error.textContent).to.contain('更高等级的身份认证');
      expect(error.querySelector('[part~="retry"]'), 'retrying cannot help').to.equal(null);
      await waitUntil(() => asked > before, 'the hub did not ask the identity provider again');
      answer = 401;
      const signIn = oneEvent(el, 'city-identity-required');
      await form.submit();
      expect((await signIn).detail.reason).to.equal('sign-in');
      await form.updateComplete;
      expect(form.shadowRoot!.querySelector('[part~="submit-error"]')!.textContent).to.contain('请先登录');
      expect(controlValue(form, 'plate'), 'the answers stay').to.equal('粤B12345');
      await expect(el).to.be.accessible();
    } finally {
      fetches.restore();
    }
  });

  it('creates an SDK client from api="…" and sends the identity token only with submissions to that API', async () => {
    const requests: Array<{ method: string; url: string; authorization: string | null }> = [];
    const realFetch = window.fetch;
    const cities = await loadCities();
    const catalog = await loadCatalog('440300');
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      if (url.origin !== 'https://hub.test') return realFetch(input, init);
      requests.push({ method: request.method, url: url.pathname, authorization: request.headers.get('authorization') });
      const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
      if (url.pathname === '/v1/cities') return json(cities);
      if (url.pathname === '/v1/cities/440300/catalog') return json({ ...catalog, hash: `test-${Date.now()}` });
      if (url.pathname.endsWith('/submissions')) return json(violationResult(), 201);
      return json({ error: { code: 'not_found', message: 'no' } }, 404);
    };
    try {
      resetPage('#/440300/service/traffic-violation-query');
      const el = await fixture<CityHubElement>(html`<city-hub api="https://hub.test/"
        .identity=${async () => ({ token: 'sandbox-demo-citizen', level: 'real-name' as const })}></city-hub>`);
      await waitForView(el, 'service-page');
      expect(part(el, 'identity-notice')).to.equal(null);
      const form = part(el, 'form') as CityServiceForm;
      await fill(form, 'plate', '粤B12345');
      await fill(form, 'engineTail', '123456');
      const complete = oneEvent(el, 'city-submission-complete');
      await form.submit();
      await complete;
      const reads = requests.filter((r) => r.method === 'GET');
      const posts = requests.filter((r) => r.method === 'POST');
      expect(reads.length).to.be.greaterThan(0);
      expect(reads.every((r) => r.authorization === null)).to.equal(true); // catalogs are public
      expect(posts).to.have.length(1);
      expect(posts[0]!.authorization).to.equal('Bearer sandbox-demo-citizen');
      el.remove();
      // Without an identity provider, services that need one say so before the user fills the form in.
      resetPage('#/440300/service/social-security-query');
      const anonymous = await fixture<CityHubElement>(html`<city-hub api="https://hub.test/"></city-hub>`);
      await waitForView(anonymous, 'service-page');
      expect(part(anonymous, 'identity-notice')!.textContent).to.contain('需要实名认证');
      await expect(anonymous).to.be.accessible();
    } finally {
      window.fetch = realFetch;
    }
  });
});

function resetPageKeepStorage(hash: string): void {
  history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
}
