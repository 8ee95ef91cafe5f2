/**
 * End to end, as a user: the reference server (in process) serves the demo host page with a freshly built CDN
 * bundle and the sandbox API; headless Chromium (playwright-core) drives the real `<city-hub>` through the SDK.
 *
 *   node --conditions=source --import tsx --test packages/components/test/e2e/hub.e2e.test.ts
 *
 * Needs a Chromium or Chrome (`CHROME_PATH`, else /usr/bin/chromium …); skipped with a message when there is none.
 * Uses the embedded sample catalog when it has what the script needs, else the component test fixtures.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { idCardCheckChar, type CatalogService, type CityCatalog } from '@cityhub/schema';
import type { CompiledCatalog } from '@cityhub/schema/node';
import { loadCatalog, startServer, type RunningServer } from '@cityhub/server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ROOT, buildSite, findChromium, openBrowser, since, stopwatch } from './support.js';

const chromium = findChromium();
const CITY = '440300';
const { time, print } = stopwatch();

interface Plan {
  source: string;
  catalog: CompiledCatalog;
  city: CityCatalog;
  category: { id: string; name: string; services: number };
  query: { service: CatalogService; name: string; idLabel: string; other: Array<{ label: string; value: string }>; submit: string };
  deepLink: { code: string; name: string };
}

/** What the script needs from a catalog: 深圳 with a 社会保障 category holding a query service with an ID-card field. */
function plan(catalog: CompiledCatalog, source: string): Plan | undefined {
  const city = catalog.catalogs.get(CITY);
  const category = city?.categories.find((c) => c.id === 'social-security' && !c.parent);
  if (!city || !category) return undefined;
  const byCode = new Map(city.services.map((s) => [s.code, s]));
  for (const code of category.services) {
    const service = byCode.get(code);
    const fields = service?.form?.fields ?? [];
    const id = fields.find((f) => f.type === 'id-card' && f.required);
    const required = fields.filter((f) => f.required && f !== id);
    const simple = required.every((f) => f.type === 'string' && !f.pattern);
    if (!service || service.kind !== 'query' || service.entry.type !== 'form' || service.status.state !== 'active' || !id || !simple) continue;
    const other = required.map((f) => ({ label: f.label['zh-Hans'], value: f.code === 'name' ? '张三' : '测试' }));
    const deep = byCode.get('traffic-violation-query') ?? city.services.find((s) => s.entry.type === 'form' && s.code !== service.code)!;
    return {
      source,
      catalog,
      city,
      category: { id: category.id, name: category.name['zh-Hans'], services: category.services.length },
      query: { service, name: service.name['zh-Hans'], idLabel: id.label['zh-Hans'], other, submit: service.form?.submitLabel?.['zh-Hans'] ?? '提交' },
      deepLink: { code: deep.code, name: deep.name['zh-Hans'] },
    };
  }
  return undefined;
}

async function choosePlan(): Promise<Plan> {
  try {
    const embedded = plan(await loadCatalog({}), 'embedded sample catalog (packages/catalog)');
    if (embedded) return embedded;
  } catch (error) {
    console.log(`# embedded catalog unavailable (${(error as Error).message.split('\n')[0]}); using the component fixtures`);
  }
  const fixtures = plan(await loadCatalog({ catalogDir: join(ROOT, 'packages/components/test/fixtures/manifests') }), 'component fixtures');
  if (!fixtures) throw new Error('the component fixtures lack 深圳 社会保障 with a query service');
  return fixtures;
}

describe('<city-hub> end to end (Chromium)', { skip: chromium ? false : 'No Chromium/Chrome binary found: install Debian "chromium" or set CHROME_PATH' }, () => {
  let site: string;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let p: Plan;
  let base: string;
  let cspViolations: string[] = [];
  let pageErrors: string[] = [];

  before(async () => {
    const started = performance.now();
    site = await mkdtemp(join(tmpdir(), 'cityhub-e2e-'));
    const bundle = await time('build bundle', () => buildSite(site));
    console.log(`# bundle: ${(bundle.bytes / 1024).toFixed(1)} KB (${bundle.tool}, ${bundle.ms} ms)`);
    p = await time('compile catalog', choosePlan);
    console.log(`# catalog: ${p.source}; ${p.catalog.index.cities.length} cities, 深圳 ${p.city.services.length} services`);
    // A page elsewhere on the web that links straight into a service (the deep link "from outside").
    await writeFile(join(site, 'start.html'), `<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>Elsewhere</title></head>
      <body><main><h1>别处的页面</h1><a id="deep" href="./#/${CITY}/service/${p.deepLink.code}">${p.deepLink.name}</a></main></body></html>`);
    server = await time('start server', () => startServer({ catalog: p.catalog, staticDir: site }));
    base = server.url;
    ({ browser, context, page, cspViolations, pageErrors } = await time('launch Chromium', () => openBrowser(chromium!)));
    console.log(`# set-up ${since(started)} ms`);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (site) await rm(site, { recursive: true, force: true });
    print('e2e timings');
  });

  const heading = (name: string | RegExp) => page.getByRole('heading', { level: 2, name, exact: typeof name === 'string' });

  it('first visit: picks 深圳 in the picker', async () => {
    await time('open hub (picker shown)', async () => {
      await page.goto(`${base}/`);
      await heading('选择城市').waitFor();
    });
    await time('pick 深圳 → city home', async () => {
      // The A–Z list (a row far down, so the list scrolls), not the popular-cities shortcut.
      await page.locator('city-picker').getByRole('option', { name: /^深圳/ }).click();
      await heading('深圳城市服务').waitFor();
    });
    assert.match(page.url(), /#\/440300$/);
    assert.ok(await page.locator('city-service-grid [part~="tile"]').count() > 0, 'no service tiles');
  });

  it('search: typing "sb" finds the 社会保障 category with its services', async () => {
    const box = page.getByRole('combobox', { name: '搜索城市服务' });
    await box.click();
    await box.pressSequentially('sb', { delay: 30 });
    const results = page.locator('city-search').getByRole('listbox');
    // The category itself, not a sub-category whose path mentions it (社保卡 · 社会保障 › 社保卡).
    const category = results.getByRole('option', { name: new RegExp(`^${p.category.name}(\\s|$)`) }).first();
    await time('type "sb" → 社会保障 category shown', () => category.waitFor());
    const options = await results.getByRole('option').allInnerTexts();
    console.log(`# "sb" → ${options.length} results: ${options.slice(0, 6).map((o) => o.replace(/\s+/g, ' ')).join(' | ')}`);
    assert.match(options[0] ?? '', new RegExp(`^\\s*${p.category.name}(\\s|$)`), `first result is ${options[0]}`);
    assert.ok(options.length > 1, 'the category came without its services');
    await time('open the category', async () => {
      await category.click();
      await heading(p.category.name).waitFor();
    });
    assert.match(page.url(), /#\/440300\/category\/social-security$/);
    assert.equal(await page.locator('city-service-grid [part~="tile"]').count(), p.category.services);
  });

  it('Back from a category entered through search goes to the hub home', async () => {
    await time('Back → hub home', async () => {
      await page.getByRole('button', { name: '返回首页' }).click();
      await heading('深圳城市服务').waitFor();
    });
    assert.match(page.url(), /#\/440300$/);
  });

  it('opens a query service and submits its form: a bad ID number is caught, a good one gets a result', async () => {
    await time('category card → service page', async () => {
      await page.getByRole('link', { name: new RegExp(p.category.name) }).first().click();
      await heading(p.category.name).waitFor();
      await page.locator('city-service-grid [part~="tile"]', { hasText: p.query.name }).first().click();
      await heading(p.query.name).waitFor();
    });
    for (const field of p.query.other) await page.getByRole('textbox', { name: field.label, exact: true }).fill(field.value);
    const idBox = page.getByRole('textbox', { name: p.query.idLabel, exact: true });
    const body = '44030519900101123';
    const good = `${body}${idCardCheckChar(body)}`;
    const bad = `${body}${idCardCheckChar(body) === '0' ? '1' : '0'}`;
    await idBox.fill(bad);
    const submit = page.locator('city-service-form [part~="submit"]');
    await time('submit bad ID → field error', async () => {
      await submit.click();
      await page.getByText('身份证号校验不通过').waitFor();
    });
    assert.equal(await idBox.getAttribute('aria-invalid'), 'true');
    await idBox.fill(good);
    await time('submit good ID → provider result', async () => {
      await submit.click();
      await page.locator('city-submission-result [part~="summary"]').waitFor();
    });
    const summary = await page.locator('city-submission-result [part~="summary"]').innerText();
    assert.ok(summary.trim().length > 0);
    assert.ok(!(await page.locator('city-service-form').innerText()).includes(good), 'the full ID number was shown back unmasked');
  });

  it('my applications load with the sandbox identity (no sign-in prompt)', async () => {
    await time('nav → 我的办件', async () => {
      await page.getByRole('link', { name: '我的办件' }).click();
      await heading('我的办件').waitFor();
      await page.locator('city-hub [part~="order"], city-hub [part~="empty"]').first().waitFor();
    });
    assert.equal(await page.locator('city-hub [part~="sign-in"]').count(), 0);
  });

  it('a service deep-linked from another page goes Back to that page', async () => {
    await page.goto(`${base}/start.html`);
    await time('deep link from outside → service page', async () => {
      await page.getByRole('link', { name: p.deepLink.name }).click();
      await heading(p.deepLink.name).waitFor();
    });
    assert.equal(new URL(page.url()).hash, `#/${CITY}/service/${p.deepLink.code}`);
    await time('Back → the page the user came from', async () => {
      await page.getByRole('button', { name: '返回', exact: true }).click();
      await page.waitForURL(/\/start\.html$/);
    });
    await page.getByRole('heading', { name: '别处的页面' }).waitFor();
  });

  it('switches to elder mode (24px text, 60px targets) and to 繁體中文', async () => {
    await page.goto(`${base}/#/${CITY}`);
    await heading('深圳城市服务').waitFor();
    const toggle = page.getByRole('switch', { name: '长辈模式' });
    await time('elder switch', async () => {
      await toggle.click();
      await page.locator('city-hub[mode="elder"]').waitFor();
    });
    assert.equal(await toggle.getAttribute('aria-checked'), 'true');
    const sizes = await page.evaluate(() => {
      const hub = document.querySelector('city-hub')!;
      const root = hub.shadowRoot!;
      const h = root.querySelector('[part~="heading"]')!;
      const tile = root.querySelector('city-service-grid')!.shadowRoot!.querySelector('[part~="tile"]')!;
      const name = tile.querySelector('[part~="tile-name"]')!;
      const sw = root.querySelector('[part~="elder-switch"]')!;
      return {
        text: parseFloat(getComputedStyle(name).fontSize),
        lineHeight: parseFloat(getComputedStyle(name).lineHeight) / parseFloat(getComputedStyle(name).fontSize),
        heading: parseFloat(getComputedStyle(h).fontSize),
        tile: tile.getBoundingClientRect().height,
        switch: sw.getBoundingClientRect().height,
      };
    });
    console.log(`# elder mode: text ${sizes.text}px, line height ${sizes.lineHeight.toFixed(2)}, heading ${sizes.heading}px, tile ${sizes.tile}px, switch ${sizes.switch}px`);
    assert.ok(sizes.text >= 24 && sizes.heading >= 24 && sizes.lineHeight >= 1.3 && sizes.tile >= 60 && sizes.switch >= 60, JSON.stringify(sizes));
    await time('language → 繁體中文', async () => {
      await page.locator('city-hub [part~="locale"]').selectOption('zh-Hant');
      await heading('深圳城市服務').waitFor();
    });
    await page.getByRole('switch', { name: '長輩模式' }).waitFor();
  });

  it('reloads offline after a visit and still shows the grid, saying when it was last updated', async () => {
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      for (let i = 0; i < 50 && !navigator.serviceWorker.controller; i++) await new Promise((r) => setTimeout(r, 100));
    });
    await context.setOffline(true);
    try {
      await time('offline reload → grid', async () => {
        await page.reload();
        await heading(/城市服务|城市服務/).waitFor();
        await page.locator('city-service-grid [part~="tile"]').first().waitFor();
      });
      await time('offline → "last updated" notice', () => page.locator('city-hub [part~="stale-notice"]').waitFor({ timeout: 45_000 }));
      assert.match(await page.locator('city-hub [part~="stale-notice"]').innerText(), /网络不可用|網絡不可用/);
      assert.equal(await page.getByRole('switch', { name: /长辈模式|長輩模式/ }).getAttribute('aria-checked'), 'true'); // remembered
    } finally {
      await context.setOffline(false);
    }
  });

  it('ran under the strict CSP and Trusted Types with no violations and no page errors', () => {
    assert.deepEqual(cspViolations, []);
    assert.deepEqual(pageErrors, []);
  });
});
