#!/usr/bin/env node
// `npm start` (after `npm run build`): starts the reference server on the embedded sample catalog with the demo
// page and the browser bundles, prints the URL and opens it when a desktop browser is around.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const serverEntry = join(root, 'packages/server/dist/index.js');
if (!existsSync(serverEntry) || !existsSync(join(root, 'build/cityhub-sdk.js'))) {
  console.error('Nothing built yet: run `npm start` (it builds first) or `npm run build`.');
  process.exit(1);
}

// The demo site: examples/demo plus the bundles next to it.
const site = join(root, 'build/site');
rmSync(site, { recursive: true, force: true });
mkdirSync(site, { recursive: true });
cpSync(join(root, 'examples/demo'), site, { recursive: true });
for (const file of readdirSync(join(root, 'build'))) if (/\.js(\.map)?$/.test(file)) cpSync(join(root, 'build', file), join(site, file));

const { startServer } = await import(serverEntry);
const server = await startServer({
  port: Number(process.env.PORT ?? 8787),
  host: process.env.HOST ?? '127.0.0.1',
  dataDir: process.env.CITYHUB_DATA_DIR ?? join(root, '.cityhub-data'),
  staticDir: site,
});
const cities = server.catalog.index.cities.length;
const services = server.catalog.index.cities.reduce((n, c) => n + c.catalog.services, 0);
console.log(`CityHub demo hub: ${server.url}/  (${cities} cities, ${services} service bindings; API at ${server.url}/v1/cities)`);
console.log('Press Ctrl+C to stop.');

if (!process.env.CI && !process.env.NO_OPEN) {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(opener, [`${server.url}/`], { stdio: 'ignore', detached: true });
  child.on('error', () => {}); // no desktop browser: the printed URL is enough
  child.unref();
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await server.close();
    process.exit(0);
  });
}
