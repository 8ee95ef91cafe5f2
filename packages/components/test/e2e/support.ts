/**
 * Shared by the end-to-end test (`hub.e2e.test.ts`) and the UI bench (`bench/ui.bench.ts`): finding a Chromium,
 * its launch flags on a closed network, and building the CDN bundle fresh from source.
 */
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
