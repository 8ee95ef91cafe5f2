import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CityCatalog } from '@cityhub/schema';
import '../src/define/city-service-grid.js';
import type { CityServiceGrid } from '../src/service-grid/service-grid.js';
import { elderModeStyles } from '../src/styles/tokens.js';
import { FakeHubClient, deferred } from './helpers/fake-client.js';
import { freshApi, stubFetch } from './helpers/fetch-stub.js';
import { XSS, bigCatalog, injectedElements, loadCatalog, poisonCatalog, xssRuns } from './helpers/fixtures.js';

const tiles = (el: CityServiceGrid) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button[part~="tile"]')];
const names = (el: CityServiceGrid) => tiles(el).map((t) => t.querySelector('[part~="tile-name"]')!.textContent!.trim());
/** Lets `lang` mutation observers run, then waits for the re-render. */
const settle = async (el: CityServiceGrid) => {
  await new Promise((r) => setTimeout(r));
  await el.updateComplete;
};
const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

async function grid(client: FakeHubClient, city = '440300', extra: { category?: string; limit?: number; lang?: string } = {}): Promise<CityServiceGrid> {
  const el = await fixture<CityServiceGrid>(html`<city-service-grid .client=${client} city=${city} category=${extra.category ?? ''}
    lang=${extra.lang ?? 'zh-Hans'}></city-service-grid>`);
  if (!extra.category) el.removeAttribute('category');
  if (extra.limit !== undefined) el.limit = extra.limit;
  await waitUntil(() => !part(el, 'skeleton'), 'catalog did not load');
  await el.updateComplete;
  return el;
}

describe('<city-service-grid>', () => {
  let shenzhen: CityCatalog;
  let client: FakeHubClient;

  beforeEach(async () => {
    shenzhen = await loadCatalog('440300');
    client = new FakeHubClient([shenzhen, await loadCatalog('440100'), await loadCatalog('230100')]);
  });

  it('renders the city\'s services popular-first, with local names and provider hints', async () => {
    shenzhen.services.reverse(); // the grid orders by popularity itself, whatever order the catalog has
    const el = await grid(client);
    expect(client.calls.catalog).to.deep.equal(['440300']);
    const shown = names(el);
    expect(shown).to.have.length(shenzhen.services.length);
    expect(shown[0]).to.equal('公积金查询'); // popularity 97
    expect(shown).to.include('深圳通充值'); // the city's local name, not 交通卡充值
    expect(shown).not.to.include('交通卡充值');
    const popularity = tiles(el).map((t) => shenzhen.services.find((s) => s.name['zh-Hans'] === t.querySelector('[part~="tile-name"]')!.textContent!.trim())!.popularity);
    expect(popularity).to.deep.equal([...popularity].sort((a, b) => b - a));
    expect(tiles(el)[0]!.querySelector('[part~="tile-provider"]')!.textContent).to.equal('市住房公积金管理中心');
    expect(tiles(el)[0]!.querySelector('svg[part~="tile-icon"]')).to.exist;
    expect(part(el, 'grid')!.getAttribute('aria-label')).to.equal('深圳城市服务');
    await expect(el).to.be.accessible();
  });

  it('shows a visible skeleton while loading, announced to screen readers', async () => {
    const gate = deferred();
    client.gate = gate.promise;
    const el = await fixture<CityServiceGrid>(html`<city-service-grid .client=${client} city="440300"></city-service-grid>`);
    const skeleton = part(el, 'skeleton')!;
    expect(skeleton).to.exist;
    expect(skeleton.getBoundingClientRect().height).to.be.greaterThan(0);
    expect(part(el, 'status')!.textContent).to.equal('正在加载…');
    expect(tiles(el)).to.have.length(0);
    await expect(el).to.be.accessible();
    gate.resolve();
    await waitUntil(() => tiles(el).length > 0);
    expect(part(el, 'skeleton')).to.equal(null);
    expect(part(el, 'status')!.textContent).to.equal('');
  });

  it('shows an error with a Retry button that loads again', async () => {
    client.failNext = 1;
    const el = await fixture<CityServiceGrid>(html`<city-service-grid .client=${client} city="440300"></city-service-grid>`);
    await waitUntil(() => part(el, 'error'), 'no error state');
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    expect(tiles(el)).to.have.length(0);
    await expect(el).to.be.accessible();
    part(el, 'retry')!.click();
    await waitUntil(() => tiles(el).length > 0, 'retry did not load');
    expect(part(el, 'error')).to.equal(null);
    expect(client.calls.catalog).to.deep.equal(['440300', '440300']);
  });

  it('shows the empty state for a city without services, and for an empty category', async () => {
    const el = await grid(client, '230100');
    expect(tiles(el)).to.have.length(0);
    expect(part(el, 'empty')!.textContent).to.contain('暂无');
    await expect(el).to.be.accessible();
    const other = await grid(client, '440300', { category: 'no-such-category' });
    expect(part(other, 'empty')!.textContent).to.contain('此分类');
    await expect(other).to.be.accessible();
  });

  it('loads on its own from the api attribute, and grids naming the same API share one client', async () => {
    const fetches = stubFetch({ 'GET /v1/cities/440300/catalog': () => shenzhen });
    try {
      const api = freshApi();
      const wrapper = await fixture<HTMLDivElement>(html`<div><city-service-grid api=${api} city="440300"></city-service-grid>
        <city-service-grid api=${api} city="440300" limit="3"></city-service-grid></div>`);
      const [a, b] = wrapper.querySelectorAll('city-service-grid');
      // (The first element configured by attributes loads the SDK: allow for a cold test server.)
      await waitUntil(() => tiles(a!).length > 0 && tiles(b!).length === 3, 'the grids did not load', { timeout: 5000 });
      expect(tiles(a!)).to.have.length(shenzhen.services.length);
      expect(fetches.requests.map((r) => `${r.method} ${r.url.href}`)).to.deep.equal([`GET ${api}/v1/cities/440300/catalog`]);
      await expect(a).to.be.accessible();
    } finally {
      fetches.restore();
    }
  });

  it('shows an error, not an endless skeleton, when it has a city but no way to load it', async () => {
    const el = await fixture<CityServiceGrid>(html`<city-service-grid city="440300"></city-service-grid>`);
    await waitUntil(() => part(el, 'error'), 'no error state');
    expect(part(el, 'skeleton')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('asks for a city when it has none', async () => {
    const el = await fixture<CityServiceGrid>(html`<city-service-grid .client=${client}></city-service-grid>`);
    expect(part(el, 'empty')!.textContent).to.contain('请先选择城市');
    expect(client.calls.catalog).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('tells the user when the data is cached and could not be refreshed', async () => {
    client.stale = true;
    const el = await grid(client);
    const notice = part(el, 'stale-notice')!;
    expect(notice).to.exist;
    expect(notice.textContent).to.contain('网络不可用');
    expect(notice.textContent).to.match(/2026/);
    expect(tiles(el).length).to.equal(shenzhen.services.length);
    await expect(el).to.be.accessible();
    // A background refresh replaces the stale data and the notice goes away.
    client.onCatalogUpdate!({ data: shenzhen, stale: false, updatedAt: new Date(), source: 'network' });
    await el.updateComplete;
    expect(part(el, 'stale-notice')).to.equal(null);
  });

  it('filters by category (including subcategories) and limits the count', async () => {
    const el = await grid(client, '440300', { category: 'traffic' });
    expect(names(el)).to.have.members(['交通违法查询', '交通罚款缴纳', '一键挪车', '机动车年检预约', '深圳通充值']);
    el.limit = 2;
    await el.updateComplete;
    expect(names(el)).to.deep.equal(['交通违法查询', '交通罚款缴纳']);
  });

  it('marks services under maintenance', async () => {
    const el = await grid(client, '440100');
    const tile = tiles(el).find((t) => t.textContent!.includes('羊城通充值'))!;
    expect(tile.querySelector('[part~="tile-badge"]')!.textContent).to.equal('维护中');
    await expect(el).to.be.accessible();
  });

  it('emits city-service-select on click with the service and city', async () => {
    const el = await grid(client);
    const tile = tiles(el)[2]!;
    setTimeout(() => tile.click());
    const event = await oneEvent(el, 'city-service-select');
    expect(event.detail.service.code).to.equal('hk-macau-permit-renewal');
    expect(event.detail.city).to.equal('440300');
    expect(event.detail.source).to.equal('grid');
    expect(event.bubbles).to.equal(true);
    expect(event.composed).to.equal(false);
  });

  it('is one tab stop; arrow keys, Home and End move between tiles; Enter selects', async () => {
    const el = await grid(client);
    const all = tiles(el);
    expect(all.filter((t) => t.tabIndex === 0)).to.have.length(1);
    all[0]!.focus();
    // The focus ring is drawn inside the tile: each tile's <li> clips paint outside it (content-visibility).
    expect(parseFloat(getComputedStyle(all[0]!).outlineOffset)).to.be.at.most(-1);
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(tiles(el)[1]);
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(tiles(el).at(-1));
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(tiles(el)[0]);
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    const top = (tile: HTMLElement): number => tile.getBoundingClientRect().top;
    const row = tiles(el).filter((t) => top(t) === top(tiles(el)[0]!)).length;
    expect(el.shadowRoot!.activeElement).to.equal(tiles(el)[row]);
    expect(tiles(el).filter((t) => t.tabIndex === 0)).to.deep.equal([tiles(el)[row]]);
    const selected = oneEvent(el, 'city-service-select');
    await sendKeys({ press: 'Enter' });
    expect((await selected).detail.service.code).to.equal(shenzhen.services[row]!.code);
  });

  it('renders in the element\'s or the page\'s language and follows changes', async () => {
    const el = await grid(client, '440300', { lang: 'en' });
    expect(names(el)[0]).to.equal('Housing fund lookup');
    expect(part(el, 'grid')!.getAttribute('aria-label')).to.equal('City services in Shenzhen');
    await expect(el).to.be.accessible();
    el.setAttribute('lang', 'zh-Hant');
    await settle(el);
    expect(names(el)[0]).to.equal('公積金查詢');
    // Text without an English translation falls back to Chinese and says so with `lang`.
    el.setAttribute('lang', 'en');
    await settle(el);
    const provider = tiles(el).map((t) => t.querySelector('[part~="tile-provider"]')!).find((p) => p.getAttribute('lang'));
    expect(provider).to.equal(undefined); // every fixture provider has English
    el.removeAttribute('lang');
    const wrapper = document.createElement('div');
    wrapper.lang = 'zh-TW';
    el.replaceWith(wrapper);
    wrapper.append(el);
    await settle(el);
    expect(names(el)[0]).to.equal('公積金查詢');
    wrapper.lang = 'en-GB';
    await waitUntil(() => names(el)[0] === 'Housing fund lookup', 'did not follow the ancestor lang');
    wrapper.remove();
  });

  it('marks fallback text with its language', async () => {
    const catalog = await loadCatalog('440300');
    catalog.services[0] = { ...catalog.services[0]!, name: { 'zh-Hans': '只有中文' } };
    const el = await fixture<CityServiceGrid>(html`<city-service-grid lang="en" .catalog=${catalog}></city-service-grid>`);
    const name = tiles(el)[0]!.querySelector('[part~="tile-name"]')!;
    expect(name.textContent).to.equal('只有中文');
    expect(name.getAttribute('lang')).to.equal('zh-Hans');
  });

  it('meets the elder-mode sizes with mode="elder" (24px text, 60px targets)', async () => {
    const el = await grid(client);
    const normal = tiles(el)[0]!.getBoundingClientRect();
    expect(normal.height).to.be.at.least(24);
    expect(normal.width).to.be.at.least(24);
    el.mode = 'elder';
    await el.updateComplete;
    for (const tile of tiles(el).slice(0, 4)) {
      const rect = tile.getBoundingClientRect();
      expect(rect.height).to.be.at.least(60);
      expect(rect.width).to.be.at.least(60);
      const name = tile.querySelector('[part~="tile-name"]')!;
      expect(parseFloat(getComputedStyle(name).fontSize)).to.be.at.least(24);
      expect(parseFloat(getComputedStyle(tile.querySelector('[part~="tile-provider"]')!).fontSize)).to.be.at.least(24);
      const lineHeight = parseFloat(getComputedStyle(name).lineHeight);
      expect(lineHeight / parseFloat(getComputedStyle(name).fontSize)).to.be.at.least(1.3);
    }
    await expect(el).to.be.accessible();
  });

  it('takes elder mode from an ancestor through the --city-* tokens', async () => {
    const sheets = document.adoptedStyleSheets;
    document.adoptedStyleSheets = [...sheets, elderModeStyles.styleSheet!];
    try {
      const wrapper = await fixture<HTMLDivElement>(html`<div mode="elder"><city-service-grid .client=${client} city="440300"></city-service-grid></div>`);
      const el = wrapper.querySelector('city-service-grid')!;
      await waitUntil(() => tiles(el).length > 0);
      const tile = tiles(el)[0]!;
      expect(tile.getBoundingClientRect().height).to.be.at.least(60);
      expect(parseFloat(getComputedStyle(tile.querySelector('[part~="tile-name"]')!).fontSize)).to.be.at.least(24);
    } finally {
      document.adoptedStyleSheets = sheets;
    }
  });

  it('renders 800 services quickly, keyed, with one tab stop', async () => {
    const catalog = await bigCatalog(800);
    const el = await fixture<CityServiceGrid>(html`<city-service-grid></city-service-grid>`);
    const start = performance.now();
    el.catalog = catalog;
    await el.updateComplete;
    const first = performance.now() - start;
    expect(tiles(el)).to.have.length(800);
    // Re-rendering with a new order reuses the tile elements (keyed by service code).
    const before = tiles(el).find((t) => t.textContent!.includes('公积金查询 0'))!;
    const again = performance.now();
    el.catalog = { ...catalog, services: [...catalog.services].reverse() };
    await el.updateComplete;
    const second = performance.now() - again;
    expect(tiles(el).find((t) => t.textContent!.includes('公积金查询 0'))).to.equal(before);
    console.log(`800 tiles: first render ${first.toFixed(0)} ms, re-order ${second.toFixed(0)} ms`);
    expect(first).to.be.below(1500);
    expect(second).to.be.below(1000);
    expect(tiles(el).filter((t) => t.tabIndex === 0)).to.have.length(1);
  });

  it('renders an XSS corpus as text: no element injected, no script run, no javascript: link', async () => {
    const poisoned = poisonCatalog(await loadCatalog('440300'));
    const runs = xssRuns();
    const el = await fixture<CityServiceGrid>(html`<city-service-grid .catalog=${poisoned}></city-service-grid>`);
    await new Promise((r) => setTimeout(r, 50));
    expect(injectedElements(el.shadowRoot!)).to.deep.equal([]);
    expect(xssRuns()).to.equal(runs);
    expect(names(el)).to.include(XSS.img);
    expect(el.shadowRoot!.querySelectorAll('a')).to.have.length(0);
    // Unknown icon slugs from data fall back to the built-in icon.
    expect(tiles(el)[0]!.querySelector('svg')!.getAttribute('onload')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});
