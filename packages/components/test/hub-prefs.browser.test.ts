import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import type { CityHubElement } from '../src/hub/hub.js';
import type { CitySearch } from '../src/search/search.js';
import { ELDER_TEXT_SIZES, FAVOURITES_KEY, LOCALE_KEY, MODE_KEY, RECENT_SERVICES_KEY, TEXT_SIZE_KEY } from '../src/hub/storage.js';
import {
  deepActive, deepAll, heading, headingText, hubClient, mountHub, part, parts, resetPage, settleChildren, showsFocus, tile, waitForView, waitUntil,
  type HubFakeClient,
  describeEl,
} from './hub-helpers.js';

const stored = (key: string) => JSON.parse(localStorage.getItem(key) ?? 'null') as unknown;

function visible(el: Element): boolean {
  const rect = el.getBoundingClientRect();
  if (rect.width === 0 || rect.height === 0) return false;
  for (let node: Element | null = el; node; node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null)) {
    if (node.classList.contains('visually-hidden') || getComputedStyle(node).visibility === 'hidden') return false;
  }
  return true;
}

/** Every visible control in the hub and the elements inside it. */
function targets(el: CityHubElement): HTMLElement[] {
  return deepAll(el.shadowRoot!, 'a[href], button, input:not([type="radio"]):not([type="checkbox"]), select, textarea, [role="switch"], label.choice')
    .filter(visible);
}

/** Every visible element that directly holds text. */
function textElements(el: CityHubElement): HTMLElement[] {
  return deepAll(el.shadowRoot!, '*').filter((node) => !['style', 'svg', 'path', 'option', 'slot'].includes(node.localName) && node.namespaceURI === 'http://www.w3.org/1999/xhtml'
    && [...node.childNodes].some((c) => c.nodeType === Node.TEXT_NODE && c.textContent!.trim() !== '') && visible(node));
}

describe('<city-hub> elder mode (适老化)', () => {
  let client: HubFakeClient;

  beforeEach(async () => {
    resetPage();
    client = await hubClient();
  });
  after(() => resetPage());

  it('has a visible switch in the header that turns elder mode on and remembers it', async () => {
    const el = await mountHub(client);
    await waitForView(el, 'home');
    const toggle = part(el, 'elder-switch')!;
    expect(visible(toggle)).to.equal(true);
    expect(toggle.getAttribute('role')).to.equal('switch');
    expect(toggle.getAttribute('aria-checked')).to.equal('false');
    expect(toggle.textContent!.trim()).to.equal('长辈模式');
    expect(toggle.closest('[part~="header"]')).to.exist;
    const changed = oneEvent(el, 'city-mode-change');
    toggle.click();
    expect((await changed).detail.mode).to.equal('elder');
    await el.updateComplete;
    expect(el.getAttribute('mode')).to.equal('elder');
    expect(toggle.getAttribute('aria-checked')).to.equal('true');
    expect(stored(MODE_KEY)).to.equal('elder');
    await settleChildren(el);
    expect(el.shadowRoot!.querySelector('city-service-grid')!.getAttribute('mode')).to.equal('elder');
    el.remove();
    const again = await mountHub(client, { mode: 'standard' });
    await waitForView(again, 'home');
    expect(again.mode).to.equal('elder'); // the user's choice wins over the page's default
    part(again, 'elder-switch')!.click();
    await again.updateComplete;
    expect(stored(MODE_KEY)).to.equal('standard');
  });

  for (const [name, hash] of [['home', ''], ['service page with its form', '#/440300/service/traffic-violation-query'], ['favourites', '#/favourites']] as const) {
    it(`${name}: text ≥ 24px (18pt), line height ≥ 1.3, every target ≥ 60×60px, contrast ≥ 4.5:1`, async () => {
      resetPage(hash);
      const el = await mountHub(client, { mode: 'elder' });
      await waitForView(el, hash.includes('service') ? 'service-page' : hash ? 'favourites' : 'home');
      await settleChildren(el);
      const texts = textElements(el);
      expect(texts.length).to.be.greaterThan(5);
      for (const node of texts) {
        const style = getComputedStyle(node);
        const size = parseFloat(style.fontSize);
        expect(size, `${node.localName}.${node.className} "${node.textContent!.trim().slice(0, 20)}"`).to.be.at.least(24);
        const lineHeight = style.lineHeight === 'normal' ? size * 1.2 : parseFloat(style.lineHeight);
        expect(lineHeight / size, `line height of "${node.textContent!.trim().slice(0, 20)}"`).to.be.at.least(1.299);
      }
      const controls = targets(el);
      expect(controls.length).to.be.greaterThan(3);
      for (const control of controls) {
        const rect = control.getBoundingClientRect();
        const label = `${control.localName}[part=${control.getAttribute('part')}] "${control.textContent!.trim().slice(0, 20)}"`;
        expect(rect.height, label).to.be.at.least(59.5);
        expect(rect.width, label).to.be.at.least(59.5);
      }
      await expect(el).to.be.accessible(); // includes axe's colour-contrast rule
    });
  }

  it('lets the user raise the text size to 32px (≥ 30), remembers it, and nothing overflows a 360px phone', async () => {
    const [width, height] = [window.innerWidth, window.innerHeight];
    await setViewport({ width: 360, height: 740 });
    try {
      resetPage('#/cities');
      const el = await mountHub(client, { mode: 'elder' });
      await waitForView(el, 'picker');
      const group = part(el, 'text-size')!;
      expect(group.getAttribute('role')).to.equal('group');
      expect(group.getAttribute('aria-label')).to.equal('字号');
      const buttons = [...group.querySelectorAll('button')];
      expect(buttons.map((b) => b.getAttribute('aria-pressed'))).to.deep.equal(['true', 'false', 'false']);
      buttons[2]!.click();
      await el.updateComplete;
      await settleChildren(el);
      expect(buttons.map((b) => b.getAttribute('aria-pressed'))).to.deep.equal(['false', 'false', 'true']);
      expect(stored(TEXT_SIZE_KEY)).to.equal(32);
      // (The size buttons show each size itself: 大 is 24px whatever is chosen.)
      const texts = textElements(el).filter((node) => !group.contains(node));
      expect(texts.length).to.be.greaterThan(5);
      for (const node of texts) {
        expect(parseFloat(getComputedStyle(node).fontSize), `"${node.textContent!.trim().slice(0, 20)}"`).to.be.at.least(30);
      }
      const picker = el.shadowRoot!.querySelector('city-picker')!;
      const filter = picker.shadowRoot!.querySelector('input')!;
      expect(parseFloat(getComputedStyle(filter).fontSize)).to.be.at.least(30);
      expect(filter.getBoundingClientRect().right, 'the filter reflows instead of overflowing').to.be.at.most(360);
      expect(document.documentElement.scrollWidth, 'no sideways scrolling').to.be.at.most(360);
      await expect(el).to.be.accessible();
      el.remove();
      const again = await mountHub(client, { mode: 'elder' });
      await waitForView(again, 'picker');
      expect(again.style.getPropertyValue('--city-elder-font-size'), 'remembered on this device').to.equal('32px');
      again.setMode('standard');
      await again.updateComplete;
      expect(again.style.getPropertyValue('--city-elder-font-size'), 'only in elder mode').to.equal('');
      expect(part(again, 'text-size')).to.equal(null);
    } finally {
      await setViewport({ width, height });
      localStorage.removeItem(TEXT_SIZE_KEY);
    }
  });

  it('fits a phone (320 and 375 px) in every text size and language, and its first screen shows the page', async () => {
    const [width, height] = [window.innerWidth, window.innerHeight];
    try {
      for (const phone of [320, 375]) {
        await setViewport({ width: phone, height: 740 });
        for (const lang of ['zh-Hans', 'zh-Hant', 'en']) {
          const el = await mountHub(client, { mode: 'elder', lang });
          await waitForView(el, 'home');
          const header = part(el, 'header')!;
          for (const size of ELDER_TEXT_SIZES) {
            el.setTextSize(size);
            await el.updateComplete;
            await settleChildren(el);
            const where = `${phone}px, ${lang}, ${size}px text`;
            const right = el.getBoundingClientRect().right;
            for (const node of header.querySelectorAll('*')) {
              expect(node.getBoundingClientRect().right, `${where}: ${describeEl(node)} overflows`).to.be.at.most(right + 0.5);
            }
            expect(document.documentElement.scrollWidth, `${where}: no sideways scrolling`).to.be.at.most(phone);
            for (const control of targets(el).filter((c) => header.contains(c))) {
              const rect = control.getBoundingClientRect();
              expect(Math.min(rect.width, rect.height), `${where}: ${describeEl(control)} is a 60px target`).to.be.at.least(59.5);
            }
            if (size === ELDER_TEXT_SIZES[0]) {
              // The first screen shows the page under the header: its heading and search, and in Chinese a service.
              expect(part(el, 'search')!.getBoundingClientRect().bottom, `${where}: search on the first screen`).to.be.at.most(740);
              if (lang !== 'en') {
                const first = deepAll(el.shadowRoot!, '[part~="tile"]')[0]!;
                expect(first.getBoundingClientRect().top, `${where}: a service on the first screen`).to.be.below(740);
              }
            }
          }
          if (phone === 320 && lang === 'en') await expect(el).to.be.accessible();
          el.remove();
        }
      }
    } finally {
      await setViewport({ width, height });
      localStorage.removeItem(TEXT_SIZE_KEY);
    }
  });

  it('shows search results in the page, not in a pop-up', async () => {
    const el = await mountHub(client, { mode: 'elder' });
    await waitForView(el, 'home');
    const box = part(el, 'search') as CitySearch;
    box.debounce = 0;
    box.shadowRoot!.querySelector('input')!.focus();
    await sendKeys({ type: '社保' });
    await waitUntil(() => box.shadowRoot!.querySelector('[role="option"]'));
    expect(getComputedStyle(box.shadowRoot!.querySelector('[part~="popup"]')!).position).to.equal('static');
    await expect(el).to.be.accessible();
  });
});

describe('<city-hub> theming', () => {
  beforeEach(() => resetPage('#/440300/category/social-security'));
  afterEach(() => {
    document.documentElement.style.removeProperty('--city-hub-max-width');
    document.documentElement.style.removeProperty('--city-hub-header-background');
    document.documentElement.style.removeProperty('--city-service-grid-gap');
  });

  it('takes its own tokens from the page (:root), not only from the element', async () => {
    const root = document.documentElement.style;
    root.setProperty('--city-hub-max-width', '30rem');
    root.setProperty('--city-hub-header-background', 'rgb(1, 2, 3)');
    root.setProperty('--city-service-grid-gap', '21px');
    const el = await mountHub(await hubClient());
    await waitForView(el, 'category-page');
    const nav = el.shadowRoot!.querySelector<HTMLElement>('.nav')!;
    expect(getComputedStyle(nav).maxInlineSize).to.equal('480px');
    expect(getComputedStyle(part(el, 'header')!).backgroundColor).to.equal('rgb(1, 2, 3)');
    const grid = el.shadowRoot!.querySelector('city-service-grid')!;
    await grid.updateComplete;
    expect(getComputedStyle(grid.shadowRoot!.querySelector('.grid')!).columnGap).to.equal('21px');
    // The element's own value still wins over the page's.
    el.style.setProperty('--city-hub-max-width', '20rem');
    expect(getComputedStyle(nav).maxInlineSize).to.equal('320px');
  });
});

describe('<city-hub> light and dark', () => {
  beforeEach(() => resetPage());
  afterEach(async () => {
    try {
      await emulateMedia({ colorScheme: 'light' });
    } catch {
      // not supported by this browser's launcher
    }
  });

  it('meets contrast in dark mode (standard and elder) through the design tokens', async function () {
    try {
      await emulateMedia({ colorScheme: 'dark' });
    } catch {
      (this as unknown as { skip(): void }).skip(); // the launcher cannot emulate colour schemes (Firefox over WebDriver BiDi)
    }
    expect(matchMedia('(prefers-color-scheme: dark)').matches).to.equal(true);
    const client = await hubClient();
    for (const [mode, hash] of [['standard', ''], ['elder', '#/440300/service/traffic-violation-query']] as const) {
      resetPage(hash);
      const el = await mountHub(client, { mode });
      await waitForView(el, hash ? 'service-page' : 'home');
      await settleChildren(el);
      const surface = getComputedStyle(el).backgroundColor;
      expect(surface, mode).to.equal('rgb(27, 28, 31)'); // the dark surface token
      await expect(el).to.be.accessible();
      el.remove();
    }
  });
});

describe('<city-hub> language', () => {
  let client: HubFakeClient;

  beforeEach(async () => {
    resetPage();
    client = await hubClient();
  });
  after(() => resetPage());

  it('switches between 简体, 繁體 and English from the header, inner elements included', async () => {
    const el = await mountHub(client);
    await waitForView(el, 'home');
    const select = part(el, 'locale') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).to.deep.equal(['简体中文', '繁體中文', 'English']);
    expect([...select.options].map((o) => o.lang)).to.deep.equal(['zh-Hans', 'zh-Hant', 'en']);
    const changed = oneEvent(el, 'city-locale-change');
    select.value = 'zh-Hant';
    select.dispatchEvent(new Event('change'));
    expect((await changed).detail.locale).to.equal('zh-Hant');
    await waitUntil(() => headingText(el) === '深圳城市服務', `heading is ${headingText(el)}`);
    expect(el.getAttribute('lang')).to.equal('zh-Hant');
    expect(part(el, 'elder-switch')!.textContent!.trim()).to.equal('長輩模式');
    await settleChildren(el);
    const search = part(el, 'search')!.shadowRoot!.querySelector('input')!;
    await waitUntil(() => search.getAttribute('aria-label') === '搜尋城市服務', 'search did not follow');
    await expect(el).to.be.accessible();
    select.value = 'en';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => headingText(el) === 'City services in Shenzhen');
    expect(parts(el, 'nav-link').map((l) => l.textContent!.trim())).to.deep.equal(['Home', 'Favourites', 'My applications']);
    await settleChildren(el);
    await waitUntil(() => tile(el, 'Housing fund lookup'), 'grid did not follow'); // throws until the tile reads in English
    await expect(el).to.be.accessible();
  });

  it('remembers the language chosen in the header over the page\'s; a lang the host puts on the element still wins', async () => {
    const el = await fixture<CityHubElement>(html`<city-hub .client=${client} city="440300"></city-hub>`);
    await waitForView(el, 'home');
    const select = part(el, 'locale') as HTMLSelectElement;
    select.value = 'en';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => headingText(el) === 'City services in Shenzhen');
    expect(stored(LOCALE_KEY)).to.equal('en');
    el.remove();
    // A reload: the page still says zh-Hans, and the hub opens in the user's English.
    const again = await fixture<CityHubElement>(html`<city-hub .client=${client} city="440300"></city-hub>`);
    await waitForView(again, 'home');
    expect(headingText(again)).to.equal('City services in Shenzhen');
    expect((part(again, 'locale') as HTMLSelectElement).value).to.equal('en');
    await expect(again).to.be.accessible();
    again.remove();
    const hosted = await mountHub(client, { lang: 'zh-Hant' });
    await waitForView(hosted, 'home');
    expect(headingText(hosted)).to.equal('深圳城市服務');
    expect(stored(LOCALE_KEY), 'the choice is kept').to.equal('en');
  });

  it('follows the page\'s lang when it has none of its own', async () => {
    document.documentElement.lang = 'zh-HK';
    const el = await fixture<CityHubElement>(html`<city-hub .client=${client} city="440300"></city-hub>`);
    await waitForView(el, 'home');
    expect(headingText(el)).to.equal('深圳城市服務');
    document.documentElement.lang = 'en';
    await waitUntil(() => headingText(el) === 'City services in Shenzhen');
  });
});

describe('<city-hub> favourites and recently used (codes only, in localStorage)', () => {
  let client: HubFakeClient;

  beforeEach(async () => {
    resetPage();
    client = await hubClient();
  });
  after(() => resetPage());

  it('adds and removes favourites from the service page and lists them on the favourites page', async () => {
    resetPage('#/440300/service/move-car');
    const el = await mountHub(client);
    await waitForView(el, 'service-page');
    const star = part(el, 'favourite')!;
    expect(star.getAttribute('aria-pressed')).to.equal('false');
    const changed = oneEvent(el, 'city-favourite-change');
    star.click();
    expect((await changed).detail).to.deep.equal({ city: '440300', service: 'move-car', favourite: true });
    await el.updateComplete;
    expect(star.getAttribute('aria-pressed')).to.equal('true');
    expect(stored(FAVOURITES_KEY)).to.deep.equal([{ city: '440300', service: 'move-car' }]);
    // Another city's favourite too.
    el.navigate({ view: 'service', city: '440100', service: 'transit-card-top-up' });
    await waitUntil(() => headingText(el) === '羊城通充值');
    part(el, 'favourite')!.click();
    expect(stored(FAVOURITES_KEY)).to.deep.equal([{ city: '440100', service: 'transit-card-top-up' }, { city: '440300', service: 'move-car' }]);
    el.remove();

    resetPage_keep('#/favourites');
    const again = await mountHub(client, { city: '440300' });
    await waitForView(again, 'favourites');
    await waitUntil(() => part(again, 'favourites-list')!.querySelectorAll('[part~="service-link"]').length === 2, 'favourites not listed');
    const list = part(again, 'favourites-list')!;
    expect([...list.querySelectorAll('[part~="service-link"]')].map((l) => l.textContent!.trim())).to.deep.equal(['一键挪车', '羊城通充值']);
    expect(list.textContent).to.contain('广州的服务');
    await expect(again).to.be.accessible();
    const remove = parts(again, 'remove').find((b) => b.getAttribute('aria-label') === '取消收藏“一键挪车”')!;
    remove.click();
    await again.updateComplete;
    expect(stored(FAVOURITES_KEY)).to.deep.equal([{ city: '440100', service: 'transit-card-top-up' }]);
    expect(list.querySelectorAll('[part~="service-link"]')).to.have.length(1);
  });

  it('remembers recently used services (codes only) and shows them on the home page', async () => {
    const el = await mountHub(client);
    await waitForView(el, 'home');
    expect(part(el, 'recent')).to.equal(null);
    tile(el, '公积金查询').click();
    await waitForView(el, 'service-page');
    await el.updateComplete;
    expect(stored(RECENT_SERVICES_KEY)).to.deep.equal([{ city: '440300', service: 'housing-fund-query' }]);
    history.back();
    await waitForView(el, 'home');
    const recent = part(el, 'recent')!;
    expect([...recent.querySelectorAll('[part~="service-link"]')].map((l) => l.textContent!.trim())).to.deep.equal(['公积金查询']);
    await expect(el).to.be.accessible();
    // Nothing but codes is stored by the hub.
    for (const key of [FAVOURITES_KEY, RECENT_SERVICES_KEY]) {
      for (const item of (stored(key) as Array<Record<string, string>> | null) ?? []) expect(Object.keys(item).sort()).to.deep.equal(['city', 'service']);
    }
    expect(localStorage.getItem(RECENT_SERVICES_KEY)).not.to.contain('公积金');
  });

  it('shows the empty states', async () => {
    resetPage('#/favourites');
    const el = await mountHub(client);
    await waitForView(el, 'favourites');
    await waitUntil(() => part(el, 'empty'));
    expect(part(el, 'empty')!.textContent).to.contain('还没有收藏的服务');
    await expect(el).to.be.accessible();
  });
});

describe('<city-hub> by keyboard alone', () => {
  beforeEach(() => resetPage());
  after(() => resetPage());

  /** Tab until `target` has focus (at most 15 presses); every stop on the way must show its focus. */
  async function tabTo(target: Element): Promise<void> {
    for (let i = 0; i < 15 && deepActive() !== target; i++) {
      await sendKeys({ press: 'Tab' });
      expect(showsFocus(deepActive()), `no visible focus on ${describeEl(deepActive())}`).to.equal(true);
    }
  }

  it('search → service page → fill the form → submit → result, every focus stop visible', async () => {
    const client = await hubClient();
    const el = await mountHub(client);
    await waitForView(el, 'home');
    (part(el, 'search') as CitySearch).debounce = 0;
    part(el, 'city-button')!.focus();
    const searchInput = part(el, 'search')!.shadowRoot!.querySelector('input')!;
    await tabTo(searchInput);
    expect(deepActive() === searchInput, `focus is on ${describeEl(deepActive())}`).to.equal(true);
    await sendKeys({ type: '交通违法查询' });
    const box = part(el, 'search') as CitySearch;
    await waitUntil(() => box.shadowRoot!.querySelector('[role="option"]'), 'no results');
    await sendKeys({ press: 'ArrowDown' });
    await box.updateComplete;
    const active = box.shadowRoot!.getElementById(searchInput.getAttribute('aria-activedescendant')!)!;
    expect(active.querySelector('.name')!.textContent).to.equal('交通违法查询');
    await sendKeys({ press: 'Enter' });
    await waitForView(el, 'service-page');
    expect(deepActive() === heading(el), `focus is on ${describeEl(deepActive())}`).to.equal(true);
    const form = part(el, 'form')!;
    const plate = form.shadowRoot!.querySelector<HTMLInputElement>('input[data-code="plate"]')!;
    await tabTo(plate);
    expect(deepActive() === plate, `focus is on ${describeEl(deepActive())}`).to.equal(true);
    await sendKeys({ type: '粤B12345' });
    await sendKeys({ press: 'Tab' });
    expect(showsFocus(deepActive()), `no visible focus on ${describeEl(deepActive())}`).to.equal(true);
    await sendKeys({ type: '123456' });
    const complete = oneEvent(el, 'city-submission-complete');
    await sendKeys({ press: 'Enter' });
    const { detail } = await complete;
    expect(detail.values).to.deep.equal({ plate: '粤B12345', engineTail: '123456' });
    await waitUntil(() => form.shadowRoot!.querySelector('city-submission-result'), 'no result');
    expect(client.calls.submit).to.have.length(1);
  });
});

function resetPage_keep(hash: string): void {
  history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
}
