/**
 * Shared by the end-to-end test (`hub.e2e.test.ts`) and the UI bench (`bench/ui.bench.ts`): finding a Chromium,
 * its launch flags on a closed network, and building the CDN bundle fresh from source.
 */
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** `CHROME_PATH`, else the usual install locations; `undefined` when there is no Chromium or Chrome. */
export function findChromium(): string | undefined {
  const candidates = [process.env['CHROME_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    'C:/Program Files/Google/Chrome/Application/chrome.exe'];
  return candidates.find((path): path is string => typeof path === 'string' && path !== '' && existsSync(path));
}

/** Flags verified on this kind of machine (see docs/toolchain.md): without the background-networking ones Chromium stalls offline. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

/**
 * Builds `packages/components/src/define/all.ts` into one ES module at `outFile`, like the root rollup config does
 * for `build/cityhub.js`. Uses esbuild (about a second); set `CITYHUB_BUNDLE=build/cityhub.js` to test a bundle
 * built by `npm run build` instead.
 */
export async function buildBundle(outFile: string): Promise<{ ms: number; bytes: number; tool: string }> {
  const started = performance.now();
  const prebuilt = process.env['CITYHUB_BUNDLE'];
  if (prebuilt) {
    await copyFile(join(ROOT, prebuilt), outFile);
    const { size } = await import('node:fs').then((fs) => fs.statSync(outFile));
    return { ms: Math.round(performance.now() - started), bytes: size, tool: prebuilt };
  }
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [join(ROOT, 'packages/components/src/define/all.ts')],
    outfile: outFile,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: false,
    conditions: ['source', 'browser', 'import', 'default'],
    tsconfig: join(ROOT, 'tsconfig.json'),
    logLevel: 'silent',
    metafile: true,
  });
  const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
  return { ms: Math.round(performance.now() - started), bytes, tool: `esbuild ${esbuild.version}` };
}

/** A static site: the demo page (examples/demo) plus a freshly built `cityhub.js`. */
export async function buildSite(dir: string): Promise<{ ms: number; bytes: number; tool: string }> {
  await mkdir(dir, { recursive: true });
  await cp(join(ROOT, 'examples/demo'), dir, { recursive: true });
  return buildBundle(join(dir, 'cityhub.js'));
}

/** Milliseconds since `start`, rounded. */
export const since = (start: number) => Math.round(performance.now() - start);

/** Times labelled steps (`time(label, step)`) and prints them as a table (`print(title)`). */
export function stopwatch(): { time: <T>(label: string, step: () => Promise<T>) => Promise<T>; print: (title: string) => void } {
  const timings: Array<[string, number]> = [];
  return {
    async time(label, step) {
      const started = performance.now();
      const value = await step();
      timings.push([label, since(started)]);
      return value;
    },
    print(title) {
      if (timings.length === 0) return;
      const width = Math.max(...timings.map(([label]) => label.length));
      console.log(`# ${title} (ms)`);
      for (const [label, ms] of timings) console.log(`#   ${label.padEnd(width)} ${String(ms).padStart(6)}`);
    },
  };
}

export interface DemoBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Content-Security-Policy violations reported by any page (`directive blocked-uri source:line`). */
  cspViolations: string[];
  /** Uncaught errors of the page. */
  pageErrors: string[];
}

/** Headless Chromium (`executablePath`) with one page as a Chinese-locale user sees it, reporting CSP violations and errors. */
export async function openBrowser(executablePath: string): Promise<DemoBrowser> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1024, height: 900 } });
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];
  await context.exposeBinding('__reportCsp', (_source, text: string) => void cspViolations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCsp(text: string): void }).__reportCsp(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { browser, context, page, cspViolations, pageErrors };
}
