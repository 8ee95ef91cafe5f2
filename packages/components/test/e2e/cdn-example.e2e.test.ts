/**
 * The CDN example (examples/cdn/index.html) as its README runs it: the page as written, loading the bundle from
 * `../../build/cityhub.js`, pointed at the reference server with `?api=…`. Checks that the hub renders, that the
 * page's identity wiring reaches the API (a signed-in service works), and that the page raises no errors.
 *
 *   node --conditions=source --import tsx --test packages/components/test/e2e/cdn-example.e2e.test.ts
 *
 * Needs a Chromium or Chrome (`CHROME_PATH`, else /usr/bin/chromium …); skipped with a message when there is none.
 */
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadCatalog, startServer, type RunningServer } from '@cityhub/server';
import { ROOT, buildBundle, findChromium, openBrowser, type DemoBrowser } from './support.js';

const chromium = findChromium();

describe('examples/cdn: one script tag (Chromium)', { skip: chromium ? false : 'No Chromium/Chrome binary found: install Debian "chromium" or set CHROME_PATH' }, () => {
  let site: string;
  let server: RunningServer;
  let b: DemoBrowser;
  const failed: string[] = [];

  before(async () => {
    // The repository's layout, as the README serves it: examples/cdn/ beside build/.
    site = await mkdtemp(join(tmpdir(), 'cityhub-cdn-example-'));
    await mkdir(join(site, 'build'));
    await cp(join(ROOT, 'examples/cdn'), join(site, 'examples/cdn'), { recursive: true });
    await buildBundle(join(site, 'build/cityhub.js'));
    server = await startServer({ catalog: await loadCatalog({}), staticDir: site });
    b = await openBrowser(chromium!);
    b.page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
    });
  });

  after(async () => {
    await b?.browser.close();
    await server?.close();
    if (site) await rm(site, { recursive: true, force: true });
  });

  it('renders the hub from the bundle, themed by the page, with the footer slot', async () => {
    await b.page.goto(`${server.url}/examples/cdn/?api=${encodeURIComponent(server.url)}`);
    await b.page.getByRole('heading', { level: 2, name: '深圳城市服务', exact: true }).waitFor();
    assert.ok((await b.page.locator('city-service-grid [part~="tile"]').count()) > 0, 'no service tiles');
    // The page's own title follows the hub's heading.
    await b.page.waitForFunction(() => document.title === '深圳城市服务 — CityHub');
    assert.match(await b.page.locator('city-hub [slot="footer"]').innerText(), /Example page/);
  });

  it('the page signs the user in (hub.identity): orders load with no sign-in prompt, and no request fails', async () => {
    await b.page.getByRole('link', { name: '我的办件' }).click();
    await b.page.getByRole('heading', { level: 2, name: '我的办件' }).waitFor();
    await b.page.locator('city-hub [part~="order"], city-hub [part~="empty"]').first().waitFor();
    assert.equal(await b.page.locator('city-hub [part~="sign-in"]').count(), 0);
    assert.deepEqual(failed, []);
    assert.deepEqual(b.pageErrors, []);
  });
});
