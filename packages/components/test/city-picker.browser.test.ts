import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { CitiesIndex, City } from '@cityhub/schema';
import '../src/define/city-picker.js';
import { RECENT_CITIES_KEY, type CityPicker } from '../src/city-picker/city-picker.js';
import { FakeHubClient, deferred } from './helpers/fake-client.js';
import { freshApi, stubFetch } from './helpers/fetch-stub.js';
import { XSS, injectedElements, loadCities, xssRuns } from './helpers/fixtures.js';

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: Element, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const optionNames = (el: CityPicker) => parts(el, 'option').map((o) => o.querySelector('span')!.textContent!.trim());
const activeOption = (el: CityPicker) => {
  const id = part(el, 'listbox')!.getAttribute('aria-activedescendant');
  return id ? el.shadowRoot!.getElementById(id) : null;
};
const settle = async (el: CityPicker) => {
  await new Promise((r) => setTimeout(r));
  await el.updateComplete;
};

async function typeInto(input: HTMLInputElement, text: string) {
  input.focus();
  input.select();
  await sendKeys({ press: 'Backspace' });
  if (text) await sendKeys({ type: text });
}

describe('<city-picker>', () => {
  let index: CitiesIndex;
  let client: FakeHubClient;

  beforeEach(async () => {
    localStorage.removeItem(RECENT_CITIES_KEY);
    index = await loadCities();
    client = new FakeHubClient([], index);
  });

  async function picker(attrs: { lang?: string; value?: string; geolocation?: boolean } = {}): Promise<CityPicker> {
    const el = await fixture<CityPicker>(html`<city-picker .client=${client} lang=${attrs.lang ?? 'zh-Hans'} value=${attrs.value ?? ''}
      ?geolocation=${attrs.geolocation ?? false}></city-picker>`);
    await waitUntil(() => part(el, 'listbox') || part(el, 'empty'), 'cities did not load');
    return el;
  }

  it('lists cities A–Z by pinyin initial with an index, and the popular cities', async () => {
    const el = await picker();
    expect(client.calls.cities).to.equal(1);
    const labels = parts(el, 'group-label').map((g) => g.textContent);
    expect(labels).to.deep.equal(['A', 'B', 'C', 'G', 'H', 'S', 'W', 'X']);
    expect(parts(el, 'index-letter').map((b) => b.textContent)).to.deep.equal(labels);
    expect(optionNames(el).slice(0, 5)).to.deep.equal(['鞍山', '北京', '长沙', '成都', '重庆']); // anshan, beijing, changsha, chengdu, chongqing
    const chips = part(el, 'popular')!.querySelectorAll('button');
    expect([...chips].map((c) => c.textContent!.trim())).to.have.members(['深圳', '广州', '北京', '上海', '杭州']);
    expect(part(el, 'recent')).to.equal(null);
    expect(part(el, 'locate')).to.equal(null); // only with the geolocation attribute
    expect(part(el, 'listbox')!.getAttribute('role')).to.equal('listbox');
    await expect(el).to.be.accessible();
  });

  it('loads the cities on its own from the api attribute', async () => {
    const fetches = stubFetch({ 'GET /v1/cities': () => index });
    try {
      const api = freshApi();
      const el = await fixture<CityPicker>(html`<city-picker api=${api}></city-picker>`);
      // (The first element configured by attributes loads the SDK: allow for a cold test server.)
      await waitUntil(() => part(el, 'listbox'), 'cities did not load', { timeout: 5000 });
      expect(optionNames(el)).to.have.length(index.cities.length);
      expect(fetches.requests.map((r) => `${r.method} ${r.url.href}`)).to.deep.equal([`GET ${api}/v1/cities`]);
    } finally {
      fetches.restore();
    }
  });

  it('shows loading, error with retry, stale and empty states', async () => {
    const gate = deferred();
    client.gate = gate.promise;
    client.failNext = 1;
    const el = await fixture<CityPicker>(html`<city-picker .client=${client}></city-picker>`);
    expect(part(el, 'skeleton')).to.exist;
    expect(part(el, 'status')!.textContent).to.equal('正在加载…');
    await expect(el).to.be.accessible();
    gate.resolve();
    await waitUntil(() => part(el, 'error'), 'no error state');
    await expect(el).to.be.accessible();
    client.stale = true;
    part(el, 'retry')!.click();
    await waitUntil(() => part(el, 'listbox'), 'retry did not load');
    expect(part(el, 'stale-notice')!.textContent).to.contain('网络不可用');
    await expect(el).to.be.accessible();
    el.cities = [];
    await el.updateComplete;
    expect(part(el, 'empty')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('filters by Chinese name (either script), pinyin, English and province', async () => {
    const el = await picker();
    const input = part(el, 'filter') as HTMLInputElement;
    const cases: Array<[string, string[]]> = [
      ['深', ['深圳']], ['guangz', ['广州']], ['guangdong', ['广州', '深圳']], ['Harbin', ['哈尔滨']], ["xi'an", ['西安']], ['廣州', ['广州']], ['广东', ['广州', '深圳']], ['ch', ['长沙', '成都', '重庆']],
    ];
    for (const [query, expected] of cases) {
      await typeInto(input, query);
      await el.updateComplete;
      expect(optionNames(el), query).to.deep.equal(expected);
    }
    expect(part(el, 'popular')).to.equal(null); // quick picks hide while filtering
    await expect(el).to.be.accessible();
    await typeInto(input, 'zzz');
    await settle(el);
    expect(part(el, 'empty')!.textContent).to.contain('zzz');
    expect(part(el, 'status')!.textContent).to.contain('zzz');
    await expect(el).to.be.accessible();
  });

  it('is a keyboard listbox: arrows, Home/End, type-ahead, Enter chooses', async () => {
    const el = await picker();
    part(el, 'listbox')!.focus();
    await el.updateComplete;
    expect(activeOption(el)!.textContent).to.contain('鞍山');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(activeOption(el)!.textContent).to.contain('长沙');
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(activeOption(el)!.textContent).to.contain('西安');
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(activeOption(el)!.textContent).to.contain('鞍山');
    await sendKeys({ type: 'she' });
    await el.updateComplete;
    expect(activeOption(el)!.textContent).to.contain('深圳');
    await new Promise((r) => setTimeout(r, 1100)); // type-ahead buffer resets
    await sendKeys({ type: 'g' });
    await el.updateComplete;
    expect(activeOption(el)!.textContent).to.contain('广州');
    const changed = oneEvent(el, 'city-change');
    await sendKeys({ press: 'Enter' });
    const event = await changed;
    expect(event.detail.city.code).to.equal('440100');
    expect(event.detail.source).to.equal('list');
    expect(event.bubbles && !event.composed).to.equal(true);
    await el.updateComplete;
    expect(el.value).to.equal('440100');
    expect(el.getAttribute('value')).to.equal('440100');
    expect(activeOption(el)!.getAttribute('aria-selected')).to.equal('true');
    expect(parts(el, 'option').filter((o) => o.getAttribute('aria-selected') === 'true')).to.have.length(1);
    expect(part(el, 'current')!.textContent).to.contain('广州');
    await expect(el).to.be.accessible();
  });

  it('moves from the filter into the list with ArrowDown, and Enter in the filter picks the first match', async () => {
    const el = await picker();
    const input = part(el, 'filter') as HTMLInputElement;
    await typeInto(input, 'h');
    await el.updateComplete;
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'listbox'));
    expect(activeOption(el)!.textContent).to.contain(optionNames(el)[0]!);
    await typeInto(input, 'hang');
    const changed = oneEvent(el, 'city-change');
    await sendKeys({ press: 'Enter' });
    expect((await changed).detail.city.code).to.equal('330100');
  });

  it('the A–Z index moves to the first city of a letter', async () => {
    const el = await picker();
    parts(el, 'index-letter').find((b) => b.textContent === 'S')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'listbox'));
    expect(activeOption(el)!.textContent).to.contain('上海');
  });

  it('a mouse click on a row of a scrolled list chooses that row', async () => {
    const el = await picker();
    el.style.setProperty('--city-picker-list-height', '8em');
    await el.updateComplete;
    const list = part(el, 'listbox')!;
    const row = el.shadowRoot!.querySelector<HTMLElement>('[role="option"][data-code="440300"]')!;
    row.scrollIntoView({ block: 'center' });
    expect(list.scrollTop, 'the list scrolls').to.be.greaterThan(0);
    const box = row.getBoundingClientRect();
    const chosen = oneEvent(el, 'city-change');
    await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
    const event = await chosen;
    expect(event.detail.city.code).to.equal('440300');
    expect(el.value).to.equal('440300');
  });

  it('remembers recent cities (codes only) and offers them first', async () => {
    const el = await picker();
    parts(el, 'option').find((o) => o.textContent!.includes('深圳'))!.click();
    parts(el, 'option').find((o) => o.textContent!.includes('鞍山'))!.click();
    expect(JSON.parse(localStorage.getItem(RECENT_CITIES_KEY)!)).to.deep.equal(['210300', '440300']);
    const again = await picker();
    const chips = [...part(again, 'recent')!.querySelectorAll('button')];
    expect(chips.map((c) => c.textContent!.trim())).to.deep.equal(['鞍山', '深圳']);
    setTimeout(() => chips[1]!.click());
    const event = await oneEvent(again, 'city-change');
    expect(event.detail.source).to.equal('recent');
    expect(event.detail.city.code).to.equal('440300');
    // Corrupt storage is ignored rather than trusted.
    localStorage.setItem(RECENT_CITIES_KEY, '["<img src=x>", 42, "110000"]');
    const third = await picker();
    expect([...part(third, 'recent')!.querySelectorAll('button')].map((c) => c.textContent!.trim())).to.deep.equal(['北京']);
    await expect(third).to.be.accessible();
  });

  it('"use my location" gives up after locate-timeout when the browser never answers (a dismissed prompt)', async () => {
    const silent = { getCurrentPosition: () => {} };
    const el = await fixture<CityPicker>(html`<city-picker geolocation locate-timeout="50" .client=${client} .geolocationProvider=${silent}></city-picker>`);
    await waitUntil(() => part(el, 'locate'), 'no locate button');
    part(el, 'locate')!.click();
    await el.updateComplete;
    expect(part(el, 'locate')!.textContent).to.contain('正在获取您的位置');
    await waitUntil(() => !part(el, 'locate')!.textContent!.includes('正在获取您的位置'), 'still locating');
    expect(el.shadowRoot!.textContent).to.contain('暂时无法获取您的位置');
    part(el, 'locate')!.click(); // and it can be tried again
    await el.updateComplete;
    expect(part(el, 'locate')!.textContent).to.contain('正在获取您的位置');
  });

  it('uses the position only after the user clicks "use my location", and picks the nearest city', async () => {
    let asked = 0;
    let answer: (geo: { success?: GeolocationPosition; error?: GeolocationPositionError }) => void = () => {};
    const provider = {
      getCurrentPosition(success: PositionCallback, error?: PositionErrorCallback | null) {
        asked += 1;
        answer = (geo) => (geo.success ? success(geo.success) : error?.(geo.error!));
      },
    };
    const el = await fixture<CityPicker>(html`<city-picker geolocation .client=${client} .geolocationProvider=${provider}></city-picker>`);
    await waitUntil(() => part(el, 'listbox'));
    expect(asked).to.equal(0);
    expect(part(el, 'locate')).to.exist;
    await expect(el).to.be.accessible();
    part(el, 'locate')!.click();
    expect(asked).to.equal(1);
    await el.updateComplete;
    expect(part(el, 'locate')!.getAttribute('aria-disabled')).to.equal('true');
    const changed = oneEvent(el, 'city-change');
    answer({ success: { coords: { latitude: 23.1, longitude: 113.3 } } as GeolocationPosition }); // Guangzhou
    const event = await changed;
    expect(event.detail.city.code).to.equal('440100');
    expect(event.detail.source).to.equal('location');
    await el.updateComplete;
    expect(part(el, 'location-status')!.textContent).to.contain('广州');
    part(el, 'locate')!.click();
    answer({ error: { code: 1, message: 'denied' } as GeolocationPositionError });
    await el.updateComplete;
    expect(part(el, 'location-status')!.textContent).to.contain('未获得定位授权');
    expect(el.value).to.equal('440100');
    await expect(el).to.be.accessible();
  });

  it('renders in English and traditional Chinese', async () => {
    const el = await picker({ lang: 'en' });
    expect(optionNames(el).slice(0, 3)).to.deep.equal(['Anshan', 'Beijing', 'Changsha']);
    expect((part(el, 'filter') as HTMLInputElement).labels![0]!.textContent).to.equal('Find a city');
    await expect(el).to.be.accessible();
    el.lang = 'zh-Hant';
    await settle(el);
    expect(optionNames(el)).to.include('廣州');
    expect(part(el, 'popular')!.textContent).to.contain('熱門城市');
  });

  it('meets the elder-mode sizes', async () => {
    const el = await picker();
    el.mode = 'elder';
    await el.updateComplete;
    const targets = [parts(el, 'option')[0]!, parts(el, 'chip')[0]!, parts(el, 'index-letter')[0]!, part(el, 'filter')!];
    for (const target of targets) {
      const rect = target.getBoundingClientRect();
      expect(rect.height, target.getAttribute('part')!).to.be.at.least(60);
      expect(rect.width, target.getAttribute('part')!).to.be.at.least(60);
    }
    expect(parseFloat(getComputedStyle(parts(el, 'option')[0]!).fontSize)).to.be.at.least(24);
    expect(parseFloat(getComputedStyle(parts(el, 'group-label')[0]!).fontSize)).to.be.at.least(24);
    await expect(el).to.be.accessible();
    el.mode = 'standard';
    await el.updateComplete;
    expect(parts(el, 'index-letter')[0]!.getBoundingClientRect().height).to.be.at.least(24);
  });

  it('takes part in forms with its name and value', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><city-picker name="city" .client=${client}></city-picker></form>`);
    const el = form.querySelector('city-picker')!;
    await waitUntil(() => part(el, 'listbox'));
    expect(new FormData(form).get('city')).to.equal(null);
    parts(el, 'option')[1]!.click();
    await el.updateComplete;
    expect(new FormData(form).get('city')).to.equal('110000');
  });

  it('renders hostile city names as text', async () => {
    const runs = xssRuns();
    const hostile: City[] = index.cities.map((c, i) => ({ ...c, name: { 'zh-Hans': Object.values(XSS)[i % 6]!, en: XSS.script }, province: { ...c.province, name: { 'zh-Hans': XSS.svg } } }));
    const el = await fixture<CityPicker>(html`<city-picker .cities=${hostile} geolocation></city-picker>`);
    await new Promise((r) => setTimeout(r, 50));
    expect(injectedElements(el.shadowRoot!)).to.deep.equal([]);
    expect(xssRuns()).to.equal(runs);
    expect(optionNames(el)).to.include(XSS.img);
    await expect(el).to.be.accessible();
  });
});
