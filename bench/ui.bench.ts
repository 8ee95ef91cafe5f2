/**
 * UI benchmark in headless Chromium (playwright-core), over the CDN bundle built fresh from source:
 *
 *   npm run bench:ui        (node --conditions=source --import tsx bench/ui.bench.ts)
 *
 * 1. First render of `<city-service-grid>` with 800 services: element appended → rendered and laid out (the next
 *    animation frame), cold (the first one in the page) and warm (median / p95 over the runs).
 * 2. Search-as-you-type inside `<city-hub>` (the SDK client created by the hub from `api`, the reference server
 *    in process): for every keystroke of a set of queries people type (pinyin, initials, Chinese, colloquial),
 *    the time from the input event to the results rendered for that text, with the debounce set to 0 (the
 *    default debounce adds 150 ms of waiting on top), and the SDK engine's own `search()` time. Over 深圳's
 *    catalog and over the same catalog inflated to 800 services.
 *
 * Needs Chromium (`CHROME_PATH`, else /usr/bin/chromium …). `CITYHUB_BUNDLE=build/cityhub.js` benches the rollup
 * bundle from `npm run build` instead of an esbuild one. `UI_BENCH_RUNS` sets the grid runs (default 15).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CatalogService, CityCatalog } from '@cityhub/schema';
import type { CompiledCatalog } from '@cityhub/schema/node';
import { loadCatalog, startServer, type RunningServer } from '@cityhub/server';
import { CHROMIUM_ARGS, ROOT, buildSite, findChromium } from '../packages/components/test/e2e/support.js';

const CITY = '440300';
const GRID_SERVICES = 800;
const RUNS = Number(process.env['UI_BENCH_RUNS'] ?? 15);
const QUERIES = ['shebao', 'gongjijin', 'jiaotongweifa', 'sb', 'gjj', 'jtwf', '社保', '公积金查询', '交水费', '违章', 'etc充值', 'yibao'];

const chromium = findChromium();
if (!chromium) {
  console.error('bench:ui needs Chromium or Chrome: install Debian "chromium" (apt-get install chromium) or set CHROME_PATH.');
  process.exit(1);
}

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const stats = (values: readonly number[]) => `median ${fmt(percentile(values, 50))}, p95 ${fmt(percentile(values, 95))}, max ${fmt(Math.max(...values))} (n=${values.length})`;

async function compiledCatalog(): Promise<{ catalog: CompiledCatalog; source: string }> {
  try {
    const catalog = await loadCatalog({});
    if (catalog.catalogs.has(CITY)) return { catalog, source: 'embedded sample catalog' };
  } catch {
    // not there yet: the fixtures will do
  }
  return { catalog: await loadCatalog({ catalogDir: join(ROOT, 'packages/components/test/fixtures/manifests') }), source: 'component fixtures' };
}

/** 深圳's catalog with its services copied up to `count`, each copy with its own code and numbered name. */
function inflate(catalog: CityCatalog, count: number): CityCatalog {
  const services: CatalogService[] = [...catalog.services];
  const copies = new Map<string, string[]>();
  for (let i = 1; services.length < count; i++) {
    for (const base of catalog.services) {
      if (services.length >= count) break;
      const code = `${base.code}-${i}`;
      const suffix = String(i);
      services.push({
        ...base,
        code,
        name: { ...base.name, 'zh-Hans': `${base.name['zh-Hans']}${suffix}` },
        popularity: (base.popularity * 7 + i) % 101,
        search: base.search.map((t) => (t.field === 'name'
          ? { ...t, text: `${t.text}${suffix}`, ...(t.pinyin ? { pinyin: [...t.pinyin, ...suffix.split('')] } : {}) } : t)),
      });
      copies.set(base.code, [...(copies.get(base.code) ?? []), code]);
    }
  }
  // Each category lists its services and its subcategories' services: the copies go wherever their original is.
  const categories = catalog.categories.map((c) => ({ ...c, services: [...c.services, ...c.services.flatMap((code) => copies.get(code) ?? [])] }));
  return { ...catalog, hash: `${catalog.hash}-x${count}`, services, categories };
}

function withCity(compiled: CompiledCatalog, city: CityCatalog): CompiledCatalog {
  const catalogs = new Map(compiled.catalogs);
  catalogs.set(CITY, city);
  const files = new Map(compiled.files);
  const path = compiled.index.cities.find((c) => c.code === CITY)?.catalog.path;
  if (path) files.delete(path); // the server then serves the inflated object
  return { ...compiled, catalogs, files };
}

const site = await mkdtemp(join(tmpdir(), 'cityhub-ui-bench-'));
const servers: RunningServer[] = [];
const { chromium: launcher } = await import('playwright-core');
const browser = await launcher.launch({ executablePath: chromium, headless: true, args: CHROMIUM_ARGS });
// tsx compiles the functions handed to page.evaluate with esbuild's keep-names helper; give the page a no-op one.
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
await context.addInitScript('globalThis.__name = (fn) => fn;');
try {
  const bundle = await buildSite(site);
  await writeFile(join(site, 'bench.html'), `<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>bench</title>
    <script type="module" src="./cityhub.js"></script></head><body></body></html>`);
  await writeFile(join(site, 'bench-hub.html'), `<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>bench</title>
    <script type="module" src="./cityhub.js"></script></head><body><city-hub api="" city="${CITY}" routing="none"></city-hub></body></html>`);
  const { catalog, source } = await compiledCatalog();
  const shenzhen = catalog.catalogs.get(CITY)!;
  console.log(`UI bench — Chromium ${browser.version()}, bundle ${(bundle.bytes / 1024).toFixed(1)} KB (${bundle.tool}), ${source}`);

  // --- 1. grid first render -------------------------------------------------------------------------------------
  const real = await startServer({ catalog, staticDir: site });
  servers.push(real);
  const page = await context.newPage();
  await page.goto(`${real.url}/bench.html`);
  await page.waitForFunction(() => customElements.get('city-service-grid') !== undefined);
  const grid = await page.evaluate(async ({ city, count, runs, catalogText }) => {
    const base = JSON.parse(catalogText) as { services: Array<{ code: string; name: Record<string, string>; popularity: number }> };
    const services = Array.from({ length: count }, (_, i) => {
      const s = base.services[i % base.services.length]!;
      return { ...s, code: `${s.code}-${i}`, name: { ...s.name, 'zh-Hans': `${s.name['zh-Hans']} ${i}` }, popularity: (i * 37) % 101 };
    });
    const catalog = { ...base, services };
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
    const times: number[] = [];
    const renderOnly: number[] = [];
    const painted: number[] = [];
    for (let run = 0; run < runs; run++) {
      const el = document.createElement('city-service-grid') as HTMLElement & { catalog: unknown; updateComplete: Promise<unknown> };
      el.setAttribute('city', city);
      el.catalog = catalog;
      const started = performance.now();
      document.body.append(el);
      await el.updateComplete;
      renderOnly.push(performance.now() - started);
      el.getBoundingClientRect(); // force style + layout of the 800 tiles
      const rendered = performance.now() - started;
      const tiles = el.shadowRoot!.querySelectorAll('[part~="tile"]').length;
      if (tiles !== count) throw new Error(`rendered ${tiles} tiles`);
      times.push(rendered);
      await frame();
      painted.push(performance.now() - started);
      el.remove();
    }
    return { times, renderOnly, painted };
  }, { city: CITY, count: GRID_SERVICES, runs: RUNS, catalogText: JSON.stringify(shenzhen) });
  console.log(`\n1. <city-service-grid> first render, ${GRID_SERVICES} services (append → rendered + laid out)`);
  console.log(`   cold (first in page): ${fmt(grid.times[0]!)} (Lit render ${fmt(grid.renderOnly[0]!)}, the rest style + layout)`);
  console.log(`   warm: ${stats(grid.times.slice(1))}`);
  console.log(`   warm, Lit render only (before style + layout): ${stats(grid.renderOnly.slice(1))}`);
  console.log(`   warm, to the next frame (rendered, laid out and painted): ${stats(grid.painted.slice(1))}`);

  // --- 2. search as you type -----------------------------------------------------------------------------------
  const inflated = await startServer({ catalog: withCity(catalog, inflate(shenzhen, GRID_SERVICES)), staticDir: site });
  servers.push(inflated);
  console.log('\n2. Search as you type in <city-hub> (input event → results rendered; debounce 0; SDK engine time separately)');
  for (const [label, server, size] of [[`深圳 (${shenzhen.services.length} services)`, real, shenzhen.services.length],
    [`深圳 inflated (${GRID_SERVICES} services)`, inflated, GRID_SERVICES]] as const) {
    const hubPage = await context.newPage();
    await hubPage.goto(`${server.url}/bench-hub.html`);
    await hubPage.locator('city-search input').waitFor();
    const result = await hubPage.evaluate(async ({ queries, city }) => {
      type Search = HTMLElement & { debounce: number; updateComplete: Promise<unknown>; client: { search(q: string, o: { city: string; limit?: number }): Promise<{ query: string }> } };
      const search = document.querySelector('city-hub')!.shadowRoot!.querySelector('city-search') as Search;
      search.debounce = 0;
      const input = search.shadowRoot!.querySelector('input')!;
      const status = search.shadowRoot!.querySelector('[part~="status"]')!;
      const keystrokes: number[] = [];
      const engine: number[] = [];
      // Warm-up: the first search builds the index (reported separately).
      const buildStart = performance.now();
      await search.client.search('a', { city });
      const firstSearch = performance.now() - buildStart;
      for (const query of queries) {
        input.value = '';
        input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
        await search.updateComplete;
        for (let i = 1; i <= query.length; i++) {
          const text = query.slice(0, i);
          const before = status.textContent;
          const started = performance.now();
          input.value = text;
          input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: text.slice(-1), inputType: 'insertText' }));
          // Done when the element holds the results for exactly this text and has rendered them.
          for (;;) {
            await new Promise((r) => setTimeout(r, 0));
            const results = (search as unknown as { results?: { query: string }; searching: boolean });
            if (!results.searching && results.results?.query === text) break;
            if (performance.now() - started > 5000) throw new Error(`no results for ${text} (${before})`);
          }
          await search.updateComplete;
          keystrokes.push(performance.now() - started);
          const t = performance.now();
          await search.client.search(text, { city, limit: 20 });
          engine.push(performance.now() - t);
        }
      }
      return { keystrokes, engine, firstSearch };
    }, { queries: QUERIES, city: CITY });
    console.log(`   ${label}: ${size} services, ${result.keystrokes.length} keystrokes over ${QUERIES.length} queries`);
    console.log(`     keystroke → results rendered: ${stats(result.keystrokes)}`);
    console.log(`     SDK search() alone:           ${stats(result.engine)}`);
    console.log(`     first search (loads the engine, builds the index): ${fmt(result.firstSearch)}`);
    await hubPage.close();
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((s) => s.close()));
  await rm(site, { recursive: true, force: true });
}
