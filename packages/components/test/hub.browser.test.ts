import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CityNavigateDetail } from '../src/hub/events.js';
import type { CityHubElement } from '../src/hub/hub.js';
import { entryFromState } from '../src/hub/router.js';
import type { CitySearch } from '../src/search/search.js';
import { FakeHttpError, deferred } from './helpers/fake-client.js';
import { loadCatalog } from './helpers/fixtures.js';
import {
  PAGE, arriveFromOutside, deepActive, deepAll, heading, headingText, hubClient, mountHub, part, parts, resetPage, sampleOrder,
  settleChildren, statusText, tile, waitForView, waitUntil, type HubFakeClient,
  describeEl,
} from './hub-helpers.js';

const view = (el: CityHubElement) => el.shadowRoot!.querySelector('[part~="view"]')!.firstElementChild?.getAttribute('part');
const link = (el: CityHubElement, partName: string, text: string) => {
  const found = parts(el, partName).find((l) => l.textContent!.includes(text));
  if (!found) throw new Error(`no ${partName} "${text}"`);
  return found;
};
const backButton = (el: CityHubElement) => part(el, 'back') as HTMLButtonElement;

/** Types into the hub's search box and waits for results. */
async function search(el: CityHubElement, text: string): Promise<CitySearch> {
  const box = part(el, 'search') as CitySearch;
  box.debounce = 0;
  const input = box.shadowRoot!.querySelector<HTMLInputElement>('input')!;
  input.focus();
  await sendKeys({ type: text });
  await waitUntil(() => box.shadowRoot!.querySelectorAll('[role="option"]').length > 0, `no results for ${text}`);
  await box.updateComplete;
  return box;
}
const option = (box: CitySearch, name: string) => {
  const found = [...box.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')].find((o) => o.querySelector('.name')!.textContent!.trim() === name);
  if (!found) throw new Error(`no option ${name}`);
  return found;
};

describe('<city-hub> views and states', () => {
  let client: HubFakeClient;

  beforeEach(async () => {
    resetPage();
    client = await hubClient();
  });
  after(() => resetPage());

  it('home: heading, search, popular services, categories and life-event topics', async () => {
    const el = await mountHub(client);
    const home = await waitForView(el, 'home');
    expect(headingText(el)).to.equal('深圳城市服务');
    expect(part(el, 'search')!.localName).to.equal('city-search');
    const popular = part(el, 'popular')!.querySelector('city-service-grid')!;
    expect(popular.shadowRoot!.querySelectorAll('[part~="tile"]')).to.have.length(8);
    const categories = parts(el, 'category-link').map((c) => c.querySelector('.card-name')!.textContent);
    expect(categories).to.include.members(['生活缴费', '交通出行', '社会保障']);
    expect(categories).not.to.include('水费'); // subcategories live on their parent's page
    expect(link(el, 'category-link', '社会保障').textContent).to.contain('2 项服务');
    expect(link(el, 'category-link', '社会保障').getAttribute('href')).to.equal('#/440300/category/social-security');
    expect(parts(el, 'topic-link').map((t) => t.textContent!.trim())).to.deep.equal(['开车出行']);
    expect(part(el, 'updated')!.textContent).to.contain('服务目录更新于');
    expect(home).to.exist;
    expect(part(el, 'back')).to.equal(null); // the home page has no Back
    await expect(el).to.be.accessible();
  });

  it("puts the host's footer in the hub's column, and an empty footer takes no room", async () => {
    const el = await mountHub(client);
    await waitForView(el, 'home');
    const footer = part(el, 'footer')!;
    const main = part(el, 'view')!;
    expect(footer.getBoundingClientRect().height).to.equal(0);
    const line = document.createElement('p');
    line.slot = 'footer';
    line.textContent = '示例页面 Example page';
    el.append(line);
    // Wide enough for the column to be narrower than the hub: the footer starts where the page does.
    el.style.display = 'block';
    el.style.width = '1400px';
    await el.updateComplete;
    expect(Math.round(line.getBoundingClientRect().left)).to.equal(Math.round(main.getBoundingClientRect().left + parseFloat(getComputedStyle(main).paddingLeft)));
    expect(main.getBoundingClientRect().left).to.be.greaterThan(el.getBoundingClientRect().left);
    await expect(el).to.be.accessible();
  });

  it('shows a skeleton while the catalog loads, then the page', async () => {
    const gate = deferred();
    client.gate = gate.promise;
    const el = await mountHub(client);
    await el.updateComplete;
    const skeleton = part(el, 'skeleton')!;
    expect(skeleton.getBoundingClientRect().height).to.be.greaterThan(0);
    expect(el.shadowRoot!.querySelector('[role="status"]:not([part])')!.textContent).to.equal('正在加载…');
    await expect(el).to.be.accessible();
    gate.resolve();
    await waitForView(el, 'home');
    expect(part(el, 'skeleton')).to.equal(null);
  });

  it('shows an error with Retry when the catalog cannot load, and Retry loads it', async () => {
    client.failNext = 1;
    const el = await mountHub(client);
    await waitUntil(() => part(el, 'error'), 'no error');
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    await expect(el).to.be.accessible();
    part(el, 'retry')!.click();
    await waitForView(el, 'home');
    expect(client.calls.catalog.filter((c) => c === '440300')).to.have.length(2);
  });

  it('says when it shows cached data it could not refresh (offline), on every page', async () => {
    client.stale = true;
    const el = await mountHub(client);
    await waitForView(el, 'home');
    expect(part(el, 'stale-notice')!.textContent).to.contain('网络不可用');
    expect(part(el, 'stale-notice')!.textContent).to.match(/2026/);
    expect(deepAll(el.shadowRoot!, '[part~="tile"]').length).to.be.greaterThan(0); // the grid still shows
    await expect(el).to.be.accessible();
    link(el, 'category-link', '交通出行').click();
    await waitForView(el, 'category-page');
    expect(part(el, 'stale-notice')).to.exist;
    // A background refresh that succeeds clears the notice.
    const fresh = client.catalogs.get('440300')!;
    client.onCatalogUpdate!({ data: fresh, stale: false, updatedAt: new Date(), source: 'network' });
    await el.updateComplete;
    expect(part(el, 'stale-notice')).to.equal(null);
  });

  it('shows the empty state for a city without services', async () => {
    const el = await mountHub(client, { city: '230100' });
    await waitForView(el, 'home');
    expect(part(el, 'empty')!.textContent).to.contain('暂无');
    expect(part(el, 'search')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('asks for a city first; choosing one shows its home and replaces the picker in history', async () => {
    const el = await mountHub(client, { city: '' });
    await waitForView(el, 'picker');
    expect(headingText(el)).to.equal('选择城市');
    // The navigation says where the user is: at the city picker, not on a home page.
    expect(parts(el, 'nav-link').map((l) => l.getAttribute('aria-current'))).to.deep.equal([null, null, null]);
    expect(part(el, 'city-button')!.getAttribute('aria-current')).to.equal('page');
    const picker = el.shadowRoot!.querySelector('city-picker')!;
    await waitUntil(() => picker.shadowRoot!.querySelector('[role="option"]'), 'no cities');
    await expect(el).to.be.accessible();
    const length = history.length;
    const changed = oneEvent(el, 'city-change');
    const shenzhen = [...picker.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')].find((o) => o.textContent!.includes('深圳'))!;
    shenzhen.click();
    expect((await changed).detail.city.code).to.equal('440300');
    await waitForView(el, 'home');
    expect(parts(el, 'nav-link')[0]!.getAttribute('aria-current')).to.equal('page');
    expect(location.hash).to.equal('#/440300');
    expect(history.length).to.equal(length);
    expect(el.city).to.equal('440300');
  });

  it('changes city from the header button through the picker page', async () => {
    const el = await mountHub(client);
    await waitForView(el, 'home');
    const button = part(el, 'city-button')!;
    expect(button.getAttribute('aria-label')).to.equal('深圳，切换城市');
    button.click();
    await waitForView(el, 'picker');
    expect(location.hash).to.equal('#/cities');
    const picker = el.shadowRoot!.querySelector('city-picker')!;
    await waitUntil(() => picker.shadowRoot!.querySelector('[role="option"]'));
    [...picker.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')].find((o) => o.textContent!.includes('广州'))!.click();
    await waitUntil(() => headingText(el) === '广州城市服务', 'Guangzhou did not show');
    expect(location.hash).to.equal('#/440100');
    expect(el.city).to.equal('440100');
  });
});

describe('<city-hub> routing and deep links', () => {
  let client: HubFakeClient;

  beforeEach(async () => {
    resetPage();
    client = await hubClient();
  });
  after(() => resetPage());

  const deepLinks: Array<[string, string, string]> = [
    ['#/440300', 'home', '深圳城市服务'],
    ['#/440300/category/social-security', 'category-page', '社会保障'],
    ['#/440300/category/traffic-violation', 'category-page', '交通违法'],
    ['#/440300/topic/driving', 'topic-page', '开车出行'],
    ['#/440300/service/traffic-violation-query', 'service-page', '交通违法查询'],
    ['#/440100/service/transit-card-top-up', 'service-page', '羊城通充值'],
    ['#/orders', 'orders', '我的办件'],
    ['#/favourites', 'favourites', '我的收藏'],
    ['#/cities', 'picker', '选择城市'],
  ];
  for (const [hash, expected, title] of deepLinks) {
    it(`deep link ${hash} opens the ${expected} view`, async () => {
      resetPage(hash);
      const el = await mountHub(client);
      await waitForView(el, expected);
      expect(headingText(el)).to.equal(title);
      await expect(el).to.be.accessible();
    });
  }

  it('ignores malformed or hostile deep links and shows the home page', async () => {
    for (const hash of ['#/evil/<img src=x onerror=alert(1)>', '#/440300/service/..%2F..%2Fetc', '#/javascript:alert(1)', '#/440300/unknown/x', '#/%E0%A4%A']) {
      resetPage(hash);
      const el = await mountHub(client);
      await waitForView(el, 'home');
      expect(headingText(el)).to.equal('深圳城市服务');
      expect(location.hash, 'the address says what the page shows').to.equal('#/440300');
      el.remove();
    }
  });

  it('shows the home page for an address that names no page after a link or an edited address too, as on load', async () => {
    const el = await mountHub(client);
    await waitForView(el, 'home');
    link(el, 'category-link', '交通出行').click();
    await waitForView(el, 'category-page');
    for (const hash of ['#/foo/bar', '#/440300/unknown/x']) {
      location.hash = hash;
      await waitForView(el, 'home');
      expect(headingText(el)).to.equal('深圳城市服务');
      expect(location.hash, hash).to.equal('#/440300');
      expect(el.currentRoute).to.deep.equal({ view: 'home', city: '440300' });
      await expect(el).to.be.accessible();
      history.back();
      await waitForView(el, 'category-page');
    }
    expect(location.hash).to.equal('#/440300/category/traffic');
  });

  it('offers "use my location" in the picker only with the geolocation attribute', async () => {
    resetPage('#/cities');
    const el = await mountHub(client);
    await waitForView(el, 'picker');
    const picker = () => el.shadowRoot!.querySelector('city-picker')!;
    expect(picker().geolocation).to.equal(false);
    el.setAttribute('geolocation', '');
    await el.updateComplete;
    expect(picker().geolocation).to.equal(true);
  });

  it('says a city is not offered (no Retry that cannot help) and offers the picker', async () => {
    resetPage('#/999999/service/traffic-violation-query');
    const el = await mountHub(client);
    await waitUntil(() => headingText(el) === '暂未开通这座城市', 'no city-not-offered page');
    expect(part(el, 'empty')!.textContent).to.contain('999999');
    expect(part(el, 'retry')).to.equal(null);
    await expect(el).to.be.accessible();
    part(el, 'choose-city')!.click();
    await waitForView(el, 'picker');
  });

  it('opens a municipality under either of its codes (北京 110100 → the catalog\'s 110000), fixing the address', async () => {
    client.catalogs.set('110000', await loadCatalog('110000'));
    resetPage('#/110100/service/traffic-violation-query?from=sms');
    const historyLengthAtStart = history.length;
    const el = await mountHub(client);
    await waitForView(el, 'service-page');
    expect(location.hash).to.equal('#/110000/service/traffic-violation-query?from=sms');
    expect(el.currentRoute).to.deep.equal({ view: 'service', city: '110000', service: 'traffic-violation-query', params: { from: 'sms' } });
    expect(history.length, 'the address was replaced, not pushed').to.equal(historyLengthAtStart);
  });

  it('shows "not found" for a service the city does not offer, with a way home', async () => {
    resetPage('#/440300/service/no-such-service');
    const el = await mountHub(client);
    await waitUntil(() => headingText(el) === '没有找到这个页面');
    expect(part(el, 'empty')!.textContent).to.contain('没有找到该服务');
    await expect(el).to.be.accessible();
  });

  it('browsing pushes history entries with real URLs, moves focus to the heading and announces the page', async () => {
    const el = await mountHub(client);
    await waitForView(el, 'home');
    const length = history.length;
    const depth = entryFromState(history.state)!.depth;
    const navigated = oneEvent(el, 'city-navigate');
    link(el, 'category-link', '社会保障').click();
    const detail: CityNavigateDetail = (await navigated).detail;
    expect(detail.route).to.deep.equal({ view: 'category', city: '440300', category: 'social-security' });
    expect(detail.from).to.deep.equal({ view: 'home', city: '440300' });
    expect(detail.source).to.equal('browse');
    expect(detail.url).to.equal('#/440300/category/social-security');
    await waitForView(el, 'category-page');
    expect(location.hash).to.equal('#/440300/category/social-security');
    // A new entry, not a replaced one. The browser test files share one tab and browsers cap session history at 50
    // entries (a push at the cap drops the oldest entry), so the length only grows below the cap.
    expect(entryFromState(history.state)!.depth).to.equal(depth + 1);
    if (length < 50) expect(history.length).to.equal(length + 1);
    expect(deepActive() === heading(el), `focus is on ${describeEl(deepActive())}`).to.equal(true);
    await waitUntil(() => statusText(el) === '已进入“社会保障”', 'not announced');
    // A tile in the category grid opens the service page.
    const selected = oneEvent(el, 'city-service-select');
    tile(el, '社保查询').click();
    expect((await selected).detail.source).to.equal('grid');
    await waitForView(el, 'service-page');
    expect(location.hash).to.equal('#/440300/service/social-security-query');
    expect(deepActive() === heading(el), `focus is on ${describeEl(deepActive())}`).to.equal(true);
  });

  it('the browser Back and Forward buttons (popstate) restore the views', async () => {
    const el = await mountHub(client);
    await waitForView(el, 'home');
    link(el, 'category-link', '交通出行').click();
    await waitForView(el, 'category-page');
    tile(el, '一键挪车').click();
    await waitForView(el, 'service-page');
    const back = oneEvent(el, 'city-navigate');
    history.back();
    expect((await back).detail.source).to.equal('popstate');
    await waitForView(el, 'category-page');
    expect(headingText(el)).to.equal('交通出行');
    history.back();
    await waitForView(el, 'home');
    history.forward();
    await waitForView(el, 'category-page');
    history.forward();
    await waitForView(el, 'service-page');
    expect(headingText(el)).to.equal('一键挪车');
  });

  it('follows plain fragment links and edited addresses', async () => {
    const el = await mountHub(client);
    await waitForView(el, 'home');
    location.hash = '#/440300/service/move-car';
    await waitForView(el, 'service-page');
    expect(headingText(el)).to.equal('一键挪车');
    expect(el.backDestination).to.equal('previous');
  });

  it('leaves the host page\'s own fragment links alone', async () => {
    const el = await mountHub(client);
    await waitForView(el, 'home');
    link(el, 'category-link', '交通出行').click();
    await waitForView(el, 'category-page');
    const hashChanged = () => new Promise((r) => window.addEventListener('hashchange', r, { once: true }));
    let changed = hashChanged();
    location.hash = '#section-2'; // an in-page anchor of the host
    await changed;
    await el.updateComplete;
    expect(view(el)).to.equal('category-page');
    // Wait for the traversal itself (a fixed delay let a slow browser deliver it during the next test).
    changed = hashChanged();
    history.back();
    await changed;
    await el.updateComplete;
    expect(view(el)).to.equal('category-page');
    expect(location.hash).to.equal('#/440300/category/traffic');
  });

  it('routing="path" uses real paths under base-path and restores them on popstate', async () => {
    const original = location.href;
    try {
      history.replaceState(null, '', '/hub-test/440300/category/social-security');
      const el = await mountHub(client, { routing: 'path', basePath: '/hub-test/' });
      await waitForView(el, 'category-page');
      expect(headingText(el)).to.equal('社会保障');
      await settleChildren(el);
      tile(el, '医保查询').click();
      await waitForView(el, 'service-page');
      expect(location.pathname).to.equal('/hub-test/440300/service/medical-insurance-query');
      expect(parts(el, 'nav-link')[0]!.getAttribute('href')).to.equal('/hub-test/440300');
      history.back();
      await waitForView(el, 'category-page');
      expect(location.pathname).to.equal('/hub-test/440300/category/social-security');
      // A path under base-path that names no page (a host's router or an old link): the home page, under its path.
      history.pushState(null, '', '/hub-test/foo/bar');
      window.dispatchEvent(new PopStateEvent('popstate', { state: null }));
      await waitForView(el, 'home');
      expect(location.pathname).to.equal('/hub-test/440300');
      el.remove();
    } finally {
      history.replaceState(null, '', original);
    }
  });

  it('routing="none" never touches the URL, and Back still works', async () => {
    resetPage('#keep-me');
    const el = await mountHub(client, { routing: 'none' });
    await waitForView(el, 'home');
    const length = history.length;
    const category = link(el, 'category-link', '社会保障');
    expect(category.localName).to.equal('button');
    category.click();
    await waitForView(el, 'category-page');
    tile(el, '社保查询').click();
    await waitForView(el, 'service-page');
    expect(location.hash).to.equal('#keep-me');
    expect(history.length).to.equal(length);
    backButton(el).click();
    await waitForView(el, 'category-page');
    expect(deepActive() === heading(el), `focus is on ${describeEl(deepActive())}`).to.equal(true);
  });
});

describe('<city-hub> Back navigation (从哪来回哪去)', () => {
  let client: HubFakeClient;

  beforeEach(async () => {
    resetPage();
    client = await hubClient();
  });
  after(() => resetPage());

  it('a category page entered from search goes Back to the hub home', async () => {
    const el = await mountHub(client);
    await waitForView(el, 'home');
    const box = await search(el, '社保');
    const selected = oneEvent(el, 'city-category-select');
    option(box, '社会保障').click();
    expect((await selected).detail.source).to.equal('search');
    await waitForView(el, 'category-page');
    expect(backButton(el).textContent).to.contain('返回首页');
    expect(backButton(el).dataset['target']).to.equal('home');
    const depth = entryFromState(history.state)!.depth;
    backButton(el).click();
    await waitForView(el, 'home');
    // Home was the previous entry, so Back went back to it rather than pushing another home entry. (By the entry's
    // depth, not history.length: Firefox caps that at 50, which this file's earlier tests reach.)
    expect(location.hash).to.equal('');
    expect(entryFromState(history.state)!.depth).to.equal(depth - 1);
    expect(deepActive() === heading(el), `focus is on ${describeEl(deepActive())}`).to.equal(true);
  });

  it('…even when the previous page was not home (source rule); one step back with back-rule="history"', async () => {
    for (const rule of ['source', 'history'] as const) {
      resetPage('#/440300');
      const el = await mountHub(client, { backRule: rule });
      await waitForView(el, 'home');
      tile(el, '公积金查询').click();
      await waitForView(el, 'service-page');
      // A search box on the service page (a host may put one anywhere) leads to a category.
      el.navigate({ view: 'category', city: '440300', category: 'social-security' }, { source: 'search' });
      await waitForView(el, 'category-page');
      expect(backButton(el).dataset['target'], rule).to.equal(rule === 'source' ? 'home' : 'previous');
      backButton(el).click();
      if (rule === 'source') {
        await waitForView(el, 'home');
        expect(location.hash, rule).to.equal('#/440300');
      } else {
        await waitForView(el, 'service-page');
        expect(location.hash, rule).to.equal('#/440300/service/housing-fund-query');
      }
      el.remove();
    }
  });

  it('a service page entered straight from outside goes Back where the user came from (history.back())', async () => {
    arriveFromOutside('#/440300/service/traffic-violation-query');
    const el = await mountHub(client);
    await waitForView(el, 'service-page');
    expect(backButton(el).dataset['target']).to.equal('exit');
    expect(backButton(el).textContent!.trim()).to.equal('返回');
    const exit = oneEvent(el, 'city-exit');
    backButton(el).click();
    const { detail } = await exit;
    expect(detail.to).to.equal('history');
    expect(detail.route).to.deep.equal({ view: 'service', city: '440300', service: 'traffic-violation-query' });
    await waitUntil(() => location.hash === '#from-host', 'did not go back to the host page');
  });

  it('a host can take over leaving (e.g. close its WebView) by cancelling city-exit', async () => {
    arriveFromOutside('#/440300/service/traffic-violation-query');
    const el = await mountHub(client);
    await waitForView(el, 'service-page');
    el.addEventListener('city-exit', (e) => e.preventDefault(), { once: true });
    backButton(el).click();
    await new Promise((r) => setTimeout(r, 50));
    expect(location.hash).to.equal('#/440300/service/traffic-violation-query');
    expect(view(el)).to.equal('service-page');
  });

  it('a service page reached by browsing goes back one step', async () => {
    const el = await mountHub(client);
    await waitForView(el, 'home');
    link(el, 'category-link', '交通出行').click();
    await waitForView(el, 'category-page');
    tile(el, '交通违法查询').click();
    await waitForView(el, 'service-page');
    expect(backButton(el).textContent).to.contain('返回上一页');
    backButton(el).click();
    await waitForView(el, 'category-page');
    expect(location.hash).to.equal('#/440300/category/traffic');
  });

  it('a service found by search goes back one step (to the page the search was on)', async () => {
    const el = await mountHub(client);
    await waitForView(el, 'home');
    const box = await search(el, '交通违法查询');
    option(box, '交通违法查询').click();
    await waitForView(el, 'service-page');
    expect(backButton(el).dataset['target']).to.equal('previous');
    backButton(el).click();
    await waitForView(el, 'home');
  });

  it('a category page entered from outside goes Back to the hub home', async () => {
    arriveFromOutside('#/440300/category/social-security');
    const el = await mountHub(client);
    await waitForView(el, 'category-page');
    expect(backButton(el).dataset['target']).to.equal('home');
    backButton(el).click();
    await waitForView(el, 'home');
    expect(location.hash).to.equal('#/440300');
  });

  it('with back-rule="history" a deep-linked service also leaves the hub, and browsed pages go one step back', async () => {
    arriveFromOutside('#/440300/category/social-security');
    const el = await mountHub(client, { backRule: 'history' });
    await waitForView(el, 'category-page');
    expect(backButton(el).dataset['target']).to.equal('exit');
    tile(el, '社保查询').click();
    await waitForView(el, 'service-page');
    expect(backButton(el).dataset['target']).to.equal('previous');
    backButton(el).click();
    await waitForView(el, 'category-page');
  });

  it('restores each entry\'s Back rule after a reload-like restart (state kept in history.state)', async () => {
    const el = await mountHub(client);
    await waitForView(el, 'home');
    link(el, 'category-link', '交通出行').click();
    await waitForView(el, 'category-page');
    tile(el, '一键挪车').click();
    await waitForView(el, 'service-page');
    el.remove();
    const again = await mountHub(client);
    await waitForView(again, 'service-page');
    expect(again.backDestination).to.equal('previous'); // not "exit": the hub knows this entry was browsed to
  });
});

describe('<city-hub> orders', () => {
  let client: HubFakeClient;

  beforeEach(async () => {
    resetPage('#/orders');
    client = await hubClient();
  });
  after(() => resetPage());

  it('lists the user\'s applications with status and timeline, newest first', async () => {
    client.orderList = [
      sampleOrder({ id: 'o-old', reference: 'SZ-OLD', createdAt: '2026-10-01T09:00:00+08:00' }),
      sampleOrder({ id: 'o-new', reference: 'SZ-NEW', createdAt: '2026-11-23T09:30:00+08:00' }),
    ];
    const el = await mountHub(client);
    await waitUntil(() => parts(el, 'order').length === 2, 'no orders');
    const [first] = parts(el, 'order');
    expect(first!.textContent).to.contain('SZ-NEW');
    expect(first!.querySelector('[part~="order-status"]')!.textContent).to.equal('办理中');
    expect([...first!.querySelectorAll('[part~="timeline"] li')].map((li) => li.querySelector('strong')!.textContent)).to.deep.equal(['已接收', '办理中']);
    expect(first!.querySelector('a')!.getAttribute('href')).to.equal('#/440300/service/traffic-violation-query');
    await expect(el).to.be.accessible();
  });

  it('shows a skeleton, then the empty state', async () => {
    const gate = deferred();
    client.gate = gate.promise;
    const el = await mountHub(client);
    await waitUntil(() => part(el, 'skeleton'));
    await expect(el).to.be.accessible();
    gate.resolve();
    await waitUntil(() => part(el, 'empty'));
    expect(part(el, 'empty')!.textContent).to.equal('暂无办件记录。');
    await expect(el).to.be.accessible();
  });

  it('asks the user to sign in on 401, and offers Retry on other errors', async () => {
    client.ordersError = new FakeHttpError(401);
    const el = await mountHub(client);
    await waitUntil(() => part(el, 'sign-in'));
    expect(part(el, 'sign-in')!.textContent).to.contain('请先登录');
    await expect(el).to.be.accessible();
    el.remove();
    client.ordersError = new FakeHttpError(503);
    const other = await mountHub(client);
    await waitUntil(() => part(other, 'error'));
    expect(part(other, 'error')!.getAttribute('role')).to.equal('alert');
    await expect(other).to.be.accessible();
    client.ordersError = undefined;
    part(other, 'retry')!.click();
    await waitUntil(() => part(other, 'empty'));
  });

  it('loads fresh on every visit (orders are never cached)', async () => {
    const el = await mountHub(client);
    await waitUntil(() => part(el, 'empty'));
    el.navigate({ view: 'home', city: '440300' });
    await waitForView(el, 'home');
    parts(el, 'nav-link').find((l) => l.textContent!.includes('我的办件'))!.click();
    await waitForView(el, 'orders');
    await waitUntil(() => client.ordersCalls === 2, `orders called ${client.ordersCalls} times`);
    expect(PAGE).to.be.a('string');
  });
});
