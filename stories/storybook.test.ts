/**
 * Every custom element has stories for every state, Storybook builds and lists them, and every story passes axe.
 *
 * 1. The element list comes from a fresh custom-elements manifest (the analyzer, run in memory).
 * 2. Each element has `stories/<folder>.stories.ts` (the folder of its class under packages/components/src) whose
 *    meta names the tag as `component` (that is what feeds autodocs from the manifest).
 * 3. `storybook build` into a temp dir; its index.json must list a Docs page and the required state stories for
 *    each element. Set `CITYHUB_STORYBOOK_BUILD=0` to skip the build (≈ 20–25 s on 2 cores) and check the
 *    stories' source instead (that also skips 4).
 * 4. Each story of the build, served on loopback and opened in headless Chromium (playwright-core, the e2e tests'
 *    launcher), is checked with axe-core as the component tests check elements. Without a Chromium (`CHROME_PATH`,
 *    else /usr/bin/chromium …) this is skipped with a message, except under `CI`, where it fails.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type AxeCore from 'axe-core';
import type { Page } from 'playwright-core';
import { findChromium, openBrowser } from '../packages/components/test/e2e/support.js';
import { serveStaticFile } from '../packages/server/src/static.js';
import { analyzeComponents } from '../packages/react/scripts/analyze.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** States every element's stories must show, as story-name patterns. */
const STATES: Record<string, RegExp> = {
  default: /^Default\b/,
  loading: /^Loading\b/,
  empty: /^Empty\b/,
  error: /^Error\b/,
  offline: /^Offline\b/,
  elder: /^Elder\b/,
  'zh-Hans': /^zh-Hans$/,
  'zh-Hant': /^zh-Hant$/,
  en: /^en$/,
  dark: /^Dark\b/,
};

/**
 * States an element legitimately does not have. Keep the reason: a missing story must be a decision, not an
 * oversight.
 */
const NOT_APPLICABLE: Record<string, Record<string, string>> = {
  'city-submission-result': {
    loading: 'renders the `.result` it is given and loads nothing (the form shows submitting)',
    error: 'renders the `.result` it is given and loads nothing (the form shows submit errors)',
    offline: 'renders the `.result` it is given and loads nothing (the form shows network failures)',
  },
};

interface Element {
  tag: string;
  className: string;
  module: string;
}

/** The elements of a fresh manifest, analyzed in memory (nothing written; see packages/react/scripts/analyze.mjs). */
async function analyze(): Promise<Element[]> {
  const manifest = await analyzeComponents();
  return manifest.modules.flatMap((mod) => (mod.declarations ?? [])
    .filter((d) => d.customElement && d.tagName)
    .map((d) => ({ tag: d.tagName!, className: d.name, module: mod.path })))
    .sort((a, b) => a.tag.localeCompare(b.tag));
}

/** `stories/<folder>.stories.ts` for `src/<folder>/<file>.ts`. */
const storiesFileOf = (element: Element) => `stories/${basename(dirname(element.module))}.stories.ts`;

/** Story names as Storybook derives them: `name: '…'` when given, else the export name in Start Case. */
function storyNamesInSource(source: string): string[] {
  const names: string[] = [];
  for (const match of source.matchAll(/^export const (\w+)\s*(?::\s*\w+\s*)?=\s*\{([^\n]*)/gm)) {
    const explicit = /\bname:\s*'([^']+)'/.exec(match[2] ?? '');
    names.push(explicit?.[1] ?? match[1]!.replace(/([a-z0-9])([A-Z])/g, '$1 $2'));
  }
  return names;
}

function missingStates(tag: string, names: readonly string[]): string[] {
  const exempt = NOT_APPLICABLE[tag] ?? {};
  return Object.entries(STATES)
    .filter(([state, pattern]) => !(state in exempt) && !names.some((name) => pattern.test(name)))
    .map(([state]) => state);
}

const elements = await analyze();

test('custom-elements.json lists the components with their tag names', () => {
  const tags = elements.map((e) => e.tag);
  for (const tag of ['city-service-grid', 'city-picker', 'city-service-form', 'city-submission-result', 'city-search', 'city-payment', 'city-hub']) {
    assert.ok(tags.includes(tag), `${tag} missing from the manifest (found: ${tags.join(', ') || 'none'})`);
  }
});

test('every custom element has a stories file naming it as the component, with every state', () => {
  for (const element of elements) {
    const file = storiesFileOf(element);
    assert.ok(existsSync(join(root, file)), `<${element.tag}> has no ${file}`);
    const source = readFileSync(join(root, file), 'utf8');
    assert.match(source, new RegExp(`component:\\s*'${element.tag}'`), `${file} does not set component: '${element.tag}'`);
    assert.deepEqual(missingStates(element.tag, storyNamesInSource(source)), [], `${file} lacks state stories`);
  }
});

const build = process.env['CITYHUB_STORYBOOK_BUILD'] !== '0';

interface StoryIndex {
  entries: Record<string, { type: 'story' | 'docs'; id: string; name: string; importPath: string }>;
}

/** The one `storybook build` the tests below share (into a temp dir, removed after them). */
let storybook: { dir: string; result: SpawnSyncReturns<string>; seconds: number } | undefined;

/** Builds Storybook on first use; asserts the build worked and returns its directory and index.json. */
function buildStorybook(): { dir: string; index: StoryIndex; seconds: number } {
  if (!storybook) {
    const dir = mkdtempSync(join(tmpdir(), 'cityhub-storybook-'));
    const started = Date.now();
    const result = spawnSync(process.execPath, [join(root, 'node_modules/storybook/dist/bin/dispatcher.js'), 'build', '-o', dir, '--quiet'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1', CI: '1' },
    });
    storybook = { dir, result, seconds: (Date.now() - started) / 1000 };
  }
  const { dir, result, seconds } = storybook;
  assert.equal(result.status, 0, `storybook build failed:\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
  return { dir, index: JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as StoryIndex, seconds };
}

after(() => {
  if (storybook) rmSync(storybook.dir, { recursive: true, force: true });
});

test('storybook builds and its index lists a Docs page and every state story of every element', { skip: !build && 'CITYHUB_STORYBOOK_BUILD=0', timeout: 180_000 }, () => {
  const { dir, index, seconds } = buildStorybook();
  const entries = Object.values(index.entries);
  for (const element of elements) {
    const importPath = `./${storiesFileOf(element)}`;
    const mine = entries.filter((e) => e.importPath === importPath);
    assert.ok(mine.some((e) => e.type === 'docs'), `no autodocs page for <${element.tag}>`);
    const names = mine.filter((e) => e.type === 'story').map((e) => e.name);
    assert.deepEqual(missingStates(element.tag, names), [], `index.json lacks state stories of <${element.tag}>`);
  }
  // The preview bundle carries the manifest for autodocs (setCustomElementsManifest): every tag is in it.
  const bundle = readdirSync(join(dir, 'assets')).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(dir, 'assets', f), 'utf8')).join('\n');
  for (const element of elements) assert.ok(bundle.includes(`"tagName":"${element.tag}"`), `manifest entry of <${element.tag}> not in the preview bundle`);
  const stories = entries.filter((e) => e.type === 'story').length;
  console.log(`# storybook: ${stories} stories for ${elements.length} elements, built in ${seconds.toFixed(1)} s`);
});

// --- axe on every story -------------------------------------------------------------------------------------------

const chromium = findChromium();
/** CI must not pass by skipping: without a browser the axe test fails there instead. */
const ci = !['', '0', 'false'].includes(process.env['CI'] ?? '');
/** Pages scanning stories side by side (this kind of machine has 2 cores). */
const PAGES = 2;
/** axe-core's browser build, injected into each story page (the copy the component tests' chai-a11y-axe uses). */
const axeFile = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
/** Where the story pages load it from: a URL (not inline code), so Chromium reuses its compiled code on each load. */
const AXE_URL = '/__axe/axe.min.js';

/** What the page's `window` has that the scripts below use: Storybook's preview and the injected axe. */
interface StoryWindow {
  __STORYBOOK_PREVIEW__?: { currentRender?: { id: string; phase?: string } };
  axe: typeof AxeCore;
}

/** Serves the built Storybook in `dir`, and axe at {@link AXE_URL}, on a free loopback port (the reference server's static-file handler). */
async function serveStorybook(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const [from, file] = path === AXE_URL ? [dirname(axeFile), basename(axeFile)] : [dir, path];
    const answer = await serveStaticFile(from, file, request.headers['if-none-match']) ?? new Response('not found', { status: 404 });
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * Opens one story on its own (`iframe.html`, as the Storybook UI embeds it) and waits until Storybook has finished
 * it (rendered, play function done), then until every custom element in the story root is defined and has no Lit
 * update pending. Stories whose data never comes (loading) show their loading state, which is what gets checked.
 * Returns Storybook's error message when the story failed to render (and throws when it never finishes).
 */
async function openStory(page: Page, base: string, id: string): Promise<string | undefined> {
  // `a11y.manual`: the a11y addon's own axe pass (its afterEach hook, for the Accessibility panel) is left out; the
  // scan below replaces it, with the component tests' rules, and one pass per story keeps the run short.
  await page.goto(`${base}/iframe.html?id=${encodeURIComponent(id)}&viewMode=story&globals=a11y.manual:!true`);
  await page.waitForFunction((id) => {
    const render = (window as unknown as StoryWindow).__STORYBOOK_PREVIEW__?.currentRender;
    return render?.id === id && render.phase === 'finished';
  }, id);
  if (await page.locator('body.sb-show-errordisplay').count()) return (await page.locator('#error-message').textContent()) ?? 'error';
  return page.evaluate(async () => {
    const root = document.querySelector('#storybook-root');
    if (!root) return 'no #storybook-root';
    // Repeat until a pass finds nothing pending: a finished update can render further elements.
    for (let pass = 0; pass < 10; pass += 1) {
      const custom: HTMLElement[] = [];
      const queue: ParentNode[] = [root];
      for (let node = queue.pop(); node; node = queue.pop()) {
        for (const el of node.querySelectorAll<HTMLElement>('*')) {
          if (el.localName.includes('-')) custom.push(el);
          if (el.shadowRoot) queue.push(el.shadowRoot);
        }
      }
      const definitions = Promise.all(custom.map((el) => customElements.whenDefined(el.localName)));
      if (!await Promise.race([definitions.then(() => true), new Promise((resolve) => setTimeout(resolve, 5000, false))])) {
        return `never defined: ${[...new Set(custom.filter((el) => !customElements.get(el.localName)).map((el) => `<${el.localName}>`))].join(' ')}`;
      }
      const settled = await Promise.all(custom.map((el) => (el as HTMLElement & { updateComplete?: Promise<boolean> }).updateComplete ?? true));
      if (settled.every(Boolean)) return undefined;
    }
    return 'Lit updates never settle';
  });
}

/**
 * axe on the story root with the component tests' settings (chai-a11y-axe's `to.be.accessible()`: axe's default
 * rules, none disabled), as `story: rule (impact) help → target, …` lines.
 */
async function axeViolations(page: Page, id: string): Promise<string[]> {
  await page.addScriptTag({ url: AXE_URL });
  const violations = await page.evaluate(async () => {
    const { violations } = await (window as unknown as StoryWindow).axe.run('#storybook-root', { resultTypes: ['violations'] });
    // Targets inside shadow roots are selector chains (host, then inside it).
    return violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.map((t) => [t].flat().join(' >>> ')).join(' | ')) }));
  });
  return violations.map((v) => `${id}: ${v.id} (${v.impact ?? 'n/a'}) ${v.help} → ${v.targets.join(', ')}`);
}

test('every story passes axe in Chromium', {
  skip: !build ? 'CITYHUB_STORYBOOK_BUILD=0' : !chromium && !ci && 'No Chromium/Chrome binary found: install Debian "chromium" or set CHROME_PATH',
  timeout: 300_000,
}, async () => {
  assert.ok(chromium, 'No Chromium/Chrome binary found (CI is set, so the axe test fails rather than skips): install Debian "chromium" or set CHROME_PATH');
  const { dir, index } = buildStorybook();
  const stories = Object.values(index.entries).filter((e) => e.type === 'story').map((e) => e.id);
  const started = performance.now();
  const site = await serveStorybook(dir);
  const { browser, context, page } = await openBrowser(chromium);
  // tsx compiles the functions handed to page.evaluate with esbuild's keep-names helper; give the page a no-op one.
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  try {
    const pages = [page, ...await Promise.all(Array.from({ length: PAGES - 1 }, () => context.newPage()))];
    const queue = [...stories];
    const failures: string[] = [];
    const broken: string[] = [];
    await Promise.all(pages.map(async (p) => {
      for (let id = queue.shift(); id; id = queue.shift()) {
        const error = await openStory(p, site.url, id).catch((e: Error) => e.message); // e.g. a play function that never ends
        if (error) broken.push(`${id}: ${error}`);
        else failures.push(...await axeViolations(p, id));
      }
    }));
    console.log(`# storybook axe: ${stories.length} stories checked, ${failures.length} violations, ${((performance.now() - started) / 1000).toFixed(1)} s`);
    assert.equal(broken.length, 0, `stories that failed to render:\n${broken.sort().join('\n')}`);
    assert.equal(failures.length, 0, `axe violations (story: rule (impact) help → targets):\n${failures.sort().join('\n')}`);
  } finally {
    await browser.close();
    await site.close();
  }
});
