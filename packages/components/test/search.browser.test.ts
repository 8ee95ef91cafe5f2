import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CityCatalog } from '@cityhub/schema';
import '../src/define/city-search.js';
import type { CitySearch } from '../src/search/search.js';
import type { SearchResults } from '../src/context.js';
import { FakeHubClient, deferred, naiveSearch, type Deferred } from './helpers/fake-client.js';
import { freshApi, stubFetch } from './helpers/fetch-stub.js';
import { XSS, categoryById, injectedElements, loadCatalog, poisonCatalog, serviceByCode, xssRuns } from './helpers/fixtures.js';

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: Element, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const input = (el: CitySearch) => part(el, 'input') as HTMLInputElement;
const optionNames = (el: CitySearch) => parts(el, 'option').map((o) => o.querySelector('.name')!.textContent!.trim());
const active = (el: CitySearch) => {
  const id = input(el).getAttribute('aria-activedescendant');
  return id ? el.shadowRoot!.getElementById(id) : null;
};

async function typeQuery(el: CitySearch, text: string) {
  input(el).focus();
  await sendKeys({ type: text });
  // Wait for the search of the whole input, not of a prefix typed a keystroke earlier (a slow machine can let the
  // debounce fire between keys).
  const searchedFor = () => (el as unknown as { results?: { query: string } }).results?.query.trim();
  await waitUntil(() => {
    if (el.shadowRoot!.querySelector('[part~="message"]')?.textContent?.includes('正在搜索')) return false;
    const searched = searchedFor();
    return searched === undefined ? Boolean(part(el, 'message')) : searched === input(el).value.trim();
  }, `no results for ${text}`);
  await el.updateComplete;
}

describe('<city-search>', () => {
  let catalog: CityCatalog;
  let client: FakeHubClient;

  beforeEach(async () => {
    catalog = await loadCatalog('440300');
    client = new FakeHubClient([catalog]);
  });

  const search = (lang = 'zh-Hans') =>
    fixture<CitySearch>(html`<city-search lang=${lang} city="440300" debounce="30" .client=${client}></city-search>`);

  it('is an APG combobox controlling a listbox', async () => {
    const el = await search();
    const box = input(el);
    expect(box.getAttribute('role')).to.equal('combobox');
    expect(box.getAttribute('aria-expanded')).to.equal('false');
    expect(box.getAttribute('aria-autocomplete')).to.equal('list');
    expect(box.getAttribute('aria-label')).to.equal('搜索城市服务');
    const listbox = el.shadowRoot!.getElementById(box.getAttribute('aria-controls')!)!;
    expect(listbox.getAttribute('role')).to.equal('listbox');
    expect(part(el, 'popup')!.hidden).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('searches on its own from the api attribute, with the SDK\'s engine (pinyin initials find 公积金)', async () => {
    const fetches = stubFetch({ 'GET /v1/cities/440300/catalog': () => catalog });
    try {
      const el = await fixture<CitySearch>(html`<city-search api=${freshApi()} city="440300" debounce="0"></city-search>`);
      input(el).focus();
      await sendKeys({ type: 'gjj' });
      // (The first element configured by attributes loads the SDK: allow for a cold test server.)
      await waitUntil(() => optionNames(el).length > 0, 'no results', { timeout: 5000 });
      expect(optionNames(el)[0]).to.contain('公积金');
      expect(fetches.requests).to.have.length(1);
    } finally {
      fetches.restore();
    }
  });

  it('says search failed (with Retry) when it has no client, instead of showing nothing', async () => {
    const el = await fixture<CitySearch>(html`<city-search city="440300" debounce="0"></city-search>`);
    input(el).focus();
    await sendKeys({ type: 'sb' });
    await waitUntil(() => part(el, 'retry'), 'no error state');
    await expect(el).to.be.accessible();
  });

  it('finds the whole category for 社保 (not just 社会保障卡): category first, with its services', async () => {
    const el = await search();
    await typeQuery(el, '社保');
    expect(input(el).getAttribute('aria-expanded')).to.equal('true');
    expect(parts(el, 'group-label')[0]!.textContent).to.equal('相关分类');
    const [first, ...rest] = parts(el, 'option');
    expect(first!.getAttribute('part')).to.contain('category-option');
    expect(first!.querySelector('.name')!.textContent).to.equal('社会保障');
    expect(first!.textContent).to.contain('2 项服务');
    expect(first!.querySelector('.matched mark')!.textContent).to.equal('社保'); // matched the keyword 社保
    expect(rest.map((o) => o.querySelector('.name')!.textContent)).to.include.members(['社保查询', '医保查询']);
    expect(rest.every((o) => o.classList.contains('nested'))).to.equal(true);
    expect(optionNames(el).filter((n) => n === '社保查询')).to.have.length(1); // not repeated below
    expect(part(el, 'status')!.textContent).to.match(/找到 \d+ 个结果/);
    await expect(el).to.be.accessible();
  });

  it('groups matching services by top-level category with their path and highlights the match', async () => {
    const el = await search();
    await typeQuery(el, '查询');
    const labels = parts(el, 'group-label').map((g) => g.textContent);
    expect(labels).to.include.members(['住房公积金', '交通出行', '社会保障']);
    const violation = parts(el, 'option').find((o) => o.querySelector('.name')!.textContent === '交通违法查询')!;
    expect(violation.querySelector('[part~="path"]')!.textContent).to.equal('交通出行 › 交通违法');
    const marks = [...violation.querySelectorAll('mark')];
    expect(marks.map((m) => m.textContent)).to.deep.equal(['查询']);
    expect(violation.querySelector('.name')!.childElementCount).to.equal(1); // only the <mark>, the rest is text
    // The group holding it is labelled by its top-level category.
    const group = violation.closest('[role="group"]')!;
    expect(el.shadowRoot!.getElementById(group.getAttribute('aria-labelledby')!)!.textContent).to.equal('交通出行');
    await expect(el).to.be.accessible();
  });

  it('keyboard: ArrowDown/ArrowUp/Home/End move, Enter selects a service, popup closes', async () => {
    const el = await search();
    await typeQuery(el, '查询');
    expect(active(el)).to.equal(null);
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(active(el)).to.equal(parts(el, 'option')[0]);
    expect(active(el)!.getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(active(el)).to.equal(parts(el, 'option')[1]);
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(active(el)).to.equal(parts(el, 'option').at(-1));
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(active(el)).to.equal(parts(el, 'option')[0]);
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(active(el)).to.equal(null);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    const expected = active(el)!.querySelector('.name')!.textContent;
    const selected = oneEvent(el, 'city-service-select');
    await sendKeys({ press: 'Enter' });
    const event = await selected;
    expect(event.detail.service.name['zh-Hans']).to.equal(expected);
    expect(event.detail).to.include({ city: '440300', source: 'search', query: '查询' });
    expect(event.bubbles && !event.composed).to.equal(true);
    await el.updateComplete;
    expect(input(el).getAttribute('aria-expanded')).to.equal('false');
    expect(el.shadowRoot!.activeElement).to.equal(input(el));
  });

  it('Enter on a category emits city-category-select; clicking an option selects it', async () => {
    const el = await search();
    await typeQuery(el, '社保');
    await sendKeys({ press: 'ArrowDown' });
    const category = oneEvent(el, 'city-category-select');
    await sendKeys({ press: 'Enter' });
    const event = await category;
    expect(event.detail.category.id).to.equal('social-security');
    expect(event.detail.source).to.equal('search');
    await sendKeys({ press: 'ArrowDown' }); // reopens
    await el.updateComplete;
    const option = parts(el, 'option')[1]!;
    setTimeout(() => option.click());
    const service = await oneEvent(el, 'city-service-select');
    expect(service.detail.service.code).to.equal(option.querySelector('.name')!.textContent === '社保查询' ? 'social-security-query' : 'medical-insurance-query');
  });

  it('Escape closes the list first, then clears the text', async () => {
    const el = await search();
    await typeQuery(el, '水费');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(input(el).getAttribute('aria-expanded')).to.equal('false');
    expect(input(el).hasAttribute('aria-activedescendant')).to.equal(false);
    expect(input(el).value).to.equal('水费');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(input(el).value).to.equal('');
    expect(part(el, 'popup')!.hidden).to.equal(true);
  });

  it('debounces typing into one search', async () => {
    const el = await fixture<CitySearch>(html`<city-search city="440300" debounce="100" .client=${client}></city-search>`);
    const box = input(el);
    box.focus();
    // Five keystrokes within the debounce window (dispatched directly so machine load cannot stretch them apart).
    for (const text of ['w', 'wa', 'wat', 'wate', 'water']) {
      box.value = text;
      box.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(client.calls.search).to.have.length(0);
    await waitUntil(() => client.calls.search.length > 0);
    await new Promise((r) => setTimeout(r, 150));
    expect(client.calls.search).to.deep.equal([{ query: 'water', city: '440300' }]);
  });

  it('ignores a slow earlier answer that arrives after a newer one', async () => {
    const answers = new Map<string, Deferred<SearchResults>>();
    const racing = { search: (q: string) => {
      const d = deferred<SearchResults>();
      answers.set(q, d);
      return d.promise;
    } };
    const el = await fixture<CitySearch>(html`<city-search city="440300" .client=${racing}></city-search>`);
    el.value = '水';
    el.shadowRoot!.querySelector('input')!.focus();
    const first = el.search('水');
    el.value = '挪车';
    const second = el.search('挪车');
    answers.get('挪车')!.resolve(naiveSearch(catalog, '挪车'));
    await second;
    answers.get('水')!.resolve(naiveSearch(catalog, '水'));
    await first;
    await el.updateComplete;
    expect(optionNames(el)).to.deep.equal(['一键挪车']);
  });

  it('shows searching, then an empty result with suggestions that search when chosen', async () => {
    const gate = deferred();
    client.gate = gate.promise;
    const el = await search();
    input(el).focus();
    await sendKeys({ type: 'zzz' });
    await waitUntil(() => part(el, 'message')?.textContent?.includes('正在搜索'), 'no searching state');
    await expect(el).to.be.accessible();
    gate.resolve();
    await waitUntil(() => part(el, 'suggestions'), 'no suggestions');
    expect(part(el, 'message')!.textContent).to.contain('没有找到与“zzz”相关的服务');
    expect(input(el).getAttribute('aria-expanded')).to.equal('false'); // the listbox has nothing to show
    expect(part(el, 'status')!.textContent).to.contain('zzz');
    await expect(el).to.be.accessible();
    const suggestion = [...part(el, 'suggestions')!.querySelectorAll('button')].find((b) => b.textContent === '水费')!;
    suggestion.click();
    await waitUntil(() => parts(el, 'option').length > 0, 'suggestion did not search');
    expect(input(el).value).to.equal('水费');
    expect(optionNames(el)).to.include('水费缴纳');
  });

  it('shows an error with a retry button', async () => {
    client.failNext = Number.MAX_SAFE_INTEGER; // every search while typing fails, however the keystrokes are debounced
    const el = await search();
    await typeQuery(el, '水费');
    await waitUntil(() => part(el, 'message')?.textContent?.includes('搜索出错'), 'no error shown');
    client.failNext = 0;
    const message = part(el, 'message')!;
    expect(message.getAttribute('role')).to.equal('alert');
    expect(message.textContent).to.contain('搜索出错');
    await expect(el).to.be.accessible();
    part(el, 'retry')!.click();
    await waitUntil(() => parts(el, 'option').length > 0, 'retry did not search');
    expect(part(el, 'retry')).to.equal(null);
  });

  it('works in English and traditional Chinese', async () => {
    const el = await search('en');
    expect(input(el).getAttribute('aria-label')).to.equal('Search city services');
    await typeQuery(el, '社保');
    const first = parts(el, 'option')[0]!;
    expect(first.querySelector('.name')!.textContent).to.equal('Social security');
    expect(first.querySelector('.matched')!.textContent).to.contain('Matches');
    expect(parts(el, 'group-label')[0]!.textContent).to.equal('Categories');
    expect(part(el, 'status')!.textContent).to.match(/\d+ results? found/);
    await expect(el).to.be.accessible();
    el.lang = 'zh-Hant';
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    expect(parts(el, 'option')[0]!.querySelector('.name')!.textContent).to.equal('社會保障');
    expect(parts(el, 'group-label')[0]!.textContent).to.equal('相關分類');
  });

  it('meets elder-mode sizes', async () => {
    const el = await fixture<CitySearch>(html`<city-search mode="elder" city="440300" debounce="0" .client=${client}></city-search>`);
    await typeQuery(el, '查询');
    for (const target of [input(el), part(el, 'clear')!, ...parts(el, 'option')]) {
      const rect = target.getBoundingClientRect();
      expect(rect.height).to.be.at.least(60);
      expect(rect.width).to.be.at.least(60);
    }
    expect(parseFloat(getComputedStyle(input(el)).fontSize)).to.be.at.least(24);
    expect(parseFloat(getComputedStyle(parts(el, 'option')[0]!.querySelector('.name')!).fontSize)).to.be.at.least(24);
    expect(parseFloat(getComputedStyle(parts(el, 'path')[0]!).fontSize)).to.be.at.least(24);
    await expect(el).to.be.accessible();
  });

  it('renders hostile names and highlight ranges as text', async () => {
    const runs = xssRuns();
    const poisoned = poisonCatalog(catalog);
    const service = serviceByCode(poisoned, 'water-bill-payment');
    const category = categoryById(poisoned, 'water');
    const crafted: SearchResults = {
      query: 'img',
      total: 2,
      categories: [{ category, services: [service], matched: { field: 'name', text: localizedName(category.name) }, highlights: [[1, 4], [-5, 2], [9, 3]] }],
      services: [
        { service: serviceByCode(poisoned, 'traffic-violation-query'), score: 1, matched: { field: 'keyword', text: XSS.script, highlights: [[0, 999]] }, highlights: [],
          path: [categoryById(poisoned, 'traffic')] },
      ],
    };
    const el = await fixture<CitySearch>(html`<city-search city="440300" .client=${{ search: () => crafted }}></city-search>`);
    await typeQuery(el, 'img');
    await new Promise((r) => setTimeout(r, 50));
    expect(injectedElements(el.shadowRoot!)).to.deep.equal([]);
    expect(xssRuns()).to.equal(runs);
    expect(parts(el, 'mark').map((m) => m.textContent)).to.include(XSS.script);
    expect(parts(el, 'option').length).to.equal(3);
    await expect(el).to.be.accessible();
  });
});

function localizedName(text: { 'zh-Hans': string }): string {
  return text['zh-Hans'];
}
