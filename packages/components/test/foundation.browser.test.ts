import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import * as components from '../src/index.js';
import {
  DARK, ELDER, ICON_NAMES, LIGHT, MESSAGES, defineElement, formatDate, formatMoney, hasIcon, highlight, icon, localeOf,
  localized, localizedLocale, maskSensitive, normalizeLocale, normalizeRanges, yuanToFen, fenToYuan,
} from '../src/index.js';
import { loadCatalog } from './helpers/fixtures.js';

const TAGS = ['city-service-grid', 'city-picker', 'city-service-form', 'city-submission-result', 'city-search'];

/** WCAG relative luminance contrast ratio of two `#rrggbb` colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('package entry and registration', () => {
  it('the entry registers nothing; define/all registers every element once', async () => {
    expect(Object.keys(components)).to.include.members(['CityServiceGrid', 'CityPicker', 'CityServiceForm', 'CitySubmissionResult', 'CitySearch']);
    for (const tag of TAGS) expect(customElements.get(tag), tag).to.equal(undefined);
    await import('../src/define/all.js');
    expect(customElements.get('city-service-grid')).to.equal(components.CityServiceGrid);
    expect(customElements.get('city-picker')).to.equal(components.CityPicker);
    expect(customElements.get('city-service-form')).to.equal(components.CityServiceForm);
    expect(customElements.get('city-submission-result')).to.equal(components.CitySubmissionResult);
    expect(customElements.get('city-search')).to.equal(components.CitySearch);
  });

  it('a safe define is a no-op for the same class and keeps the first class otherwise', () => {
    expect(() => defineElement('city-search', components.CitySearch)).not.to.throw();
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      class Impostor extends LitElement {}
      expect(() => defineElement('city-search', Impostor)).not.to.throw();
      expect(customElements.get('city-search')).to.equal(components.CitySearch);
      expect(warnings).to.have.length(1);
    } finally {
      console.warn = warn;
    }
  });
});

describe('i18n', () => {
  it('maps language tags to hub locales', () => {
    expect(normalizeLocale('zh-CN')).to.equal('zh-Hans');
    expect(normalizeLocale('zh')).to.equal('zh-Hans');
    expect(normalizeLocale('zh-Hans-SG')).to.equal('zh-Hans');
    expect(normalizeLocale('zh-TW')).to.equal('zh-Hant');
    expect(normalizeLocale('zh-HK')).to.equal('zh-Hant');
    expect(normalizeLocale('zh-Hant-MO')).to.equal('zh-Hant');
    expect(normalizeLocale('en-GB')).to.equal('en');
    expect(normalizeLocale('fr')).to.equal('en');
    expect(normalizeLocale('')).to.equal(undefined);
  });

  it('reads the locale from the element, its ancestors across shadow roots, then <html lang>', async () => {
    const outer = await fixture<HTMLDivElement>(html`<div lang="en"><section><span></span></section></div>`);
    const span = outer.querySelector('span')!;
    expect(localeOf(span)).to.equal('en');
    const host = document.createElement('div');
    outer.querySelector('section')!.append(host);
    const inner = host.attachShadow({ mode: 'open' });
    const p = document.createElement('p');
    p.lang = ''; // lang="" means unknown: keep looking above it
    p.setAttribute('lang', '');
    const b = document.createElement('b');
    p.append(b);
    inner.append(p);
    expect(localeOf(b)).to.equal('en');
    span.lang = 'zh-TW';
    expect(localeOf(span)).to.equal('zh-Hant');
  });

  it('falls back per locale and formats money and dates', () => {
    expect(localized({ 'zh-Hans': '水费' }, 'en')).to.equal('水费');
    expect(localizedLocale({ 'zh-Hans': '水费' }, 'en')).to.equal('zh-Hans');
    expect(localized({ 'zh-Hans': '水费', 'zh-Hant': '水費' }, 'zh-Hant')).to.equal('水費');
    expect(localized({ 'zh-Hans': '水费', en: 'Water' }, 'zh-Hant')).to.equal('水费');
    expect(formatMoney(12345, 'zh-Hans')).to.equal('¥123.45');
    expect(formatMoney(5, 'en')).to.equal('¥0.05');
    expect(formatMoney(5000, 'zh-Hant', { wholeYuan: true })).to.equal('¥50');
    expect(formatMoney(123456789, 'en')).to.equal('¥1,234,567.89');
    expect(formatDate('2026-12-01', 'zh-Hans')).to.equal('2026年12月1日');
    expect(formatDate('2026-12-01', 'en')).to.equal('Dec 1, 2026');
  });

  it('has every message in every locale', () => {
    const keys = Object.keys(MESSAGES['zh-Hans']).sort();
    for (const locale of ['zh-Hant', 'en'] as const) expect(Object.keys(MESSAGES[locale]).sort(), locale).to.deep.equal(keys);
    const reasons = Object.keys(MESSAGES['zh-Hans'].fieldErrors).sort();
    for (const locale of ['zh-Hant', 'en'] as const) expect(Object.keys(MESSAGES[locale].fieldErrors).sort()).to.deep.equal(reasons);
  });
});

describe('money entry', () => {
  it('converts yuan as typed into integer fen without floating point', () => {
    expect(yuanToFen('50')).to.equal(5000);
    expect(yuanToFen('49.5')).to.equal(4950);
    expect(yuanToFen('0.07')).to.equal(7);
    expect(yuanToFen('¥1,000.10')).to.equal(100010);
    expect(yuanToFen('19.99')).to.equal(1999); // 19.99 * 100 = 1998.9999999999998 in floating point
    expect(yuanToFen('1.234')).to.equal(123.4);
    expect(yuanToFen('abc')).to.equal('abc');
    expect(yuanToFen('  ')).to.equal(undefined);
    expect(fenToYuan(4950)).to.equal('49.50');
    expect(fenToYuan(5000)).to.equal('50');
  });
});

describe('masking and highlighting', () => {
  it('masks personal data that was not masked, and leaves masked data alone', () => {
    expect(maskSensitive('13812345678')).to.equal('138****5678');
    expect(maskSensitive('44030519900101123X')).to.equal('440305********123X');
    expect(maskSensitive('粤B12345')).to.equal('粤B1***5');
    expect(maskSensitive('6222020200112233')).to.equal('****2233');
    expect(maskSensitive('138****5678')).to.equal('138****5678');
    expect(maskSensitive('1234****5678-202610')).to.equal('1234****5678-202610');
  });

  it('masks numbers and plates still whole inside a partly masked value', () => {
    expect(maskSensitive('王* 13812345678')).to.equal('王* 138****5678');
    expect(maskSensitive('王*，身份证 44030519900101123X')).to.equal('王*，身份证 440305********123X');
    expect(maskSensitive('张* 粤B12345 卡号 6222020200112233')).to.equal('张* 粤B1***5 卡号 ****2233');
    expect(maskSensitive('王* 卡 6222020200112233445')).to.equal('王* 卡 ****3445', 'a 19-digit card is not an ID number');
    expect(maskSensitive('王* 138 1234 5678 / 6222-0202-0011-2233')).to.equal('王* 138****5678 / ****2233');
    expect(maskSensitive('王* 粤b·12345, 粤B1234学')).to.equal('王* 粤B1***5, 粤B1***学');
  });

  it('repairs untrusted highlight ranges', () => {
    expect(normalizeRanges([[3, 5], [0, 2], [1, 4], [-3, 1], [8, 7], [9, 99]], 10)).to.deep.equal([[0, 5], [9, 10]]);
    expect(highlight('plain', [])).to.equal('plain');
  });
});

describe('design tokens', () => {
  it('default text colours reach 4.5:1 (WCAG AA) on their surfaces, light and dark', () => {
    for (const [name, p] of [['light', LIGHT], ['dark', DARK]] as const) {
      const pairs: Array<[string, string, string]> = [
        ['text/surface', p.text, p.surface], ['text/surface-variant', p.text, p.surfaceVariant],
        ['muted/surface', p.textMuted, p.surface], ['muted/surface-variant', p.textMuted, p.surfaceVariant],
        ['primary/surface', p.primary, p.surface], ['on-primary/primary', p.onPrimary, p.primary],
        ['danger/surface', p.danger, p.surface], ['warning/warning-surface', p.warning, p.warningSurface],
        ['success/surface', p.success, p.surface], ['text/highlight', p.text, p.highlight],
      ];
      for (const [pair, fg, bg] of pairs) expect(contrast(fg, bg), `${name} ${pair}`).to.be.at.least(4.5);
      expect(contrast(p.border, p.surface), `${name} border`).to.be.at.least(3);
    }
    expect(contrast(ELDER.text, LIGHT.surface)).to.be.at.least(7);
    expect(contrast(ELDER.textMuted, LIGHT.surfaceVariant)).to.be.at.least(7);
    expect(parseFloat(ELDER.fontSize)).to.be.at.least(24);
    expect(parseFloat(ELDER.targetSize)).to.be.at.least(60);
    expect(parseFloat(ELDER.lineHeight)).to.be.at.least(1.3);
  });
});

describe('icons', () => {
  it('has an icon for every category and topic slug of the fixture and sample catalogs, and a fallback for unknown ones', async () => {
    const catalog = await loadCatalog('440300');
    for (const category of catalog.categories) expect(hasIcon(category.icon), category.icon).to.equal(true);
    // And every category and topic of the embedded sample catalog.
    const standard = (await (await fetch('/packages/catalog/manifests/standard.json')).json()) as { categories: { icon: string }[]; topics: { icon: string }[] };
    const slugs = [...new Set([...standard.categories, ...standard.topics].map((c) => c.icon))];
    expect(slugs.filter((slug) => !hasIcon(slug))).to.deep.equal([]);
    expect(hasIcon('constructor')).to.equal(false);
    expect(hasIcon('toString')).to.equal(false);
    expect(hasIcon('__proto__')).to.equal(false);
    expect(ICON_NAMES.length).to.be.at.least(30);
    const el = await fixture(html`<div>${icon('no-such-icon')}</div>`);
    const svg = el.querySelector('svg')!;
    expect(svg.getAttribute('aria-hidden')).to.equal('true');
    expect(svg.children.length).to.be.greaterThan(0);
  });
});

describe('elder mode keeps the page theme', () => {
  it('a page-set dark theme keeps its text colour when the element switches to elder mode', async () => {
    await import('../src/define/all.js');
    const wrapper = await fixture<HTMLDivElement>(html`
      <div style="--city-color-text: #eeeeee; --city-color-surface: #111111; background: #111111">
        <city-submission-result mode="elder"></city-submission-result>
      </div>`);
    const el = wrapper.querySelector('city-submission-result')!;
    await (el as LitElement).updateComplete;
    expect(getComputedStyle(el).color).to.equal('rgb(238, 238, 238)');
    expect(parseFloat(getComputedStyle(el).fontSize)).to.be.at.least(24);
  });

  it('without a page theme, elder mode uses its stronger text colour', async () => {
    const el = await fixture<LitElement>(html`<city-submission-result mode="elder"></city-submission-result>`);
    const dark = matchMedia('(prefers-color-scheme: dark)').matches;
    expect(getComputedStyle(el).color).to.equal(dark ? 'rgb(255, 255, 255)' : 'rgb(0, 0, 0)');
  });
});
