import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseCli } from '../src/main.js';
import type { RunningServer } from '../src/index.js';
import { expectError, rawRequest, startFixtureServer, tempDir } from './helpers.js';

describe('cityhub-server options', () => {
  it('reads flags, then environment, then defaults', () => {
    assert.deepEqual(parseCli([], {}), { port: 8787, host: '127.0.0.1', dataDir: resolve('.cityhub-data'), quiet: false });
    assert.deepEqual(parseCli([], { PORT: '9000', CITYHUB_DATA_DIR: '/tmp/x' }), { port: 9000, host: '127.0.0.1', dataDir: '/tmp/x', quiet: false });
    const all = parseCli(['--port', '0', '--host', '0.0.0.0', '--data-dir', 'd', '--catalog-dir', 'c', '--static', 's', '--quiet'], { PORT: '9000' });
    assert.deepEqual(all, { port: 0, host: '0.0.0.0', dataDir: resolve('d'), catalogDir: resolve('c'), staticDir: resolve('s'), quiet: true });
    assert.equal(parseCli(['--help'], {}), 'help');
    assert.throws(() => parseCli(['--port', 'eighty'], {}), /invalid port/);
    assert.throws(() => parseCli(['--port', '70000'], {}), /invalid port/);
    assert.throws(() => parseCli(['--frobnicate'], {}));
  });
});

describe('--static demo files', () => {
  const dir = tempDir('cityhub-static-');
  let server: RunningServer;
  before(async () => {
    writeFileSync(join(dir.path, 'index.html'), '<!doctype html><title>CityHub demo</title>');
    mkdirSync(join(dir.path, 'assets'));
    writeFileSync(join(dir.path, 'assets', 'app.js'), 'console.log("hub")');
    server = await startFixtureServer({ staticDir: dir.path });
  });
  after(async () => {
    await server.close();
    dir.remove();
  });

  it('serves index.html at / and files with their types and validators', async () => {
    const home = await fetch(`${server.url}/`);
    assert.equal(home.status, 200);
    assert.match(home.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await home.text(), /CityHub demo/);
    const js = await fetch(`${server.url}/assets/app.js`);
    assert.match(js.headers.get('content-type') ?? '', /^text\/javascript/);
    const etag = js.headers.get('etag')!;
    await js.arrayBuffer();
    assert.equal((await fetch(`${server.url}/assets/app.js`, { headers: { 'If-None-Match': etag } })).status, 304);
  });

  it('never leaves the directory and keeps API routes and JSON 404s', async () => {
    for (const path of ['/..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%5c..%5cpackage.json', '/%00']) {
      const res = await rawRequest(server.url, { method: 'GET', path, headers: {}, chunks: [] });
      assert.equal(res.status, 404, path);
      assert.equal(JSON.parse(res.body).error.code, 'not_found');
    }
    await expectError(await fetch(`${server.url}/missing.html`), 404, 'not_found');
    assert.equal((await fetch(`${server.url}/v1/health`)).status, 200);
  });
});
