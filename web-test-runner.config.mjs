// Browser tests: Chromium and Firefox (Debian's builds, or the ones CHROME_PATH / FIREFOX_PATH point at).
import { existsSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

const find = (env, candidates) => [process.env[env], ...candidates].find((p) => p && existsSync(p));
const chromePath = find('CHROME_PATH', ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', 'C:/Program Files/Google/Chrome/Application/chrome.exe']);
const firefoxPath = find('FIREFOX_PATH', ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/Applications/Firefox.app/Contents/MacOS/firefox']);
const wanted = (process.env.BROWSERS ?? 'chromium,firefox').split(',');

if (!chromePath && wanted.includes('chromium')) {
  throw new Error('No Chromium/Chrome found: install Debian "chromium" (apt-get install chromium) or set CHROME_PATH.');
}

const browsers = [];
if (wanted.includes('chromium') && chromePath) {
  browsers.push(chromeLauncher({
    launchOptions: {
      executablePath: chromePath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    },
  }));
}
if (wanted.includes('firefox')) {
  if (firefoxPath) {
    const firefox = chromeLauncher({ launchOptions: { browser: 'firefox', executablePath: firefoxPath, headless: true } });
    firefox.name = 'Firefox';
    browsers.push(firefox);
  }
  else console.warn('Firefox not found (set FIREFOX_PATH): running Chromium only.');
}

export default {
  files: ['packages/*/test/**/*.browser.test.ts'],
  nodeResolve: { exportConditions: ['source', 'browser', 'import', 'default'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: new URL('./tsconfig.json', import.meta.url).pathname })],
  browsers,
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 300000,
};
