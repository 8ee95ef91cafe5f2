import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FIXTURE_DIR } from './helpers.js';

const run = promisify(execFile);
const BIN = new URL('../bin/cityhub.js', import.meta.url).pathname;

async function cityhub(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

test('validate: a valid directory exits 0 with a summary', async () => {
  const { code, stdout } = await cityhub('catalog', 'validate', FIXTURE_DIR);
  assert.equal(code, 0);
  assert.match(stdout, /OK: 0 error\(s\).*2 cities, 2 providers/);
});

test('validate: an invalid manifest exits 1 naming file, path and reason', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cityhub-cli-'));
  await cp(FIXTURE_DIR, dir, { recursive: true });
  const file = join(dir, 'providers/water-bureau.json');
  const manifest = JSON.parse(await readFile(file, 'utf8'));
  manifest.services[0].bindings[0].entry = { type: 'h5', url: 'http://water.example.cn/' };
  await writeFile(file, JSON.stringify(manifest));
  await writeFile(join(dir, 'providers/broken.json'), '{ "schemaVersion": ');
  const { code, stderr } = await cityhub('catalog', 'validate', dir);
  assert.equal(code, 1);
  assert.match(stderr, /^providers\/broken\.json: is not valid JSON/m);
  // the broken file stops cross-checks; fix it and the URL error is reported
  await writeFile(join(dir, 'providers/broken.json'), JSON.stringify({ ...manifest, provider: { ...manifest.provider, id: 'other' }, services: [] }));
  const again = await cityhub('catalog', 'validate', dir);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /^providers\/water-bureau\.json services\[0\]\.bindings\[0\]\.entry\.url: must be https$/m);
  assert.match(again.stderr, /^providers\/broken\.json services: .*/m);
});

test('validate --json prints machine-readable problems', async () => {
  const { code, stdout } = await cityhub('catalog', 'validate', FIXTURE_DIR, '--json');
  assert.equal(code, 0);
  assert.ok(Array.isArray(JSON.parse(stdout).problems));
});

test('build writes a cities index and hashed city catalogs', async () => {
  const out = await mkdtemp(join(tmpdir(), 'cityhub-out-'));
  const { code, stdout } = await cityhub('catalog', 'build', FIXTURE_DIR, '--out', out);
  assert.equal(code, 0, stdout);
  assert.match(stdout, /Built 2 city catalogs \(5 service bindings/);
  const index = JSON.parse(await readFile(join(out, 'cities.json'), 'utf8'));
  const files = (await readdir(join(out, 'catalogs'))).sort();
  assert.deepEqual(files, index.cities.map((c: { catalog: { path: string } }) => c.catalog.path.slice('catalogs/'.length)).sort());
});

test('usage errors exit 2', async () => {
  assert.equal((await cityhub()).code, 2);
  assert.equal((await cityhub('catalog', 'build', FIXTURE_DIR)).code, 2, 'missing --out');
  assert.equal((await cityhub('catalog', 'frobnicate', FIXTURE_DIR)).code, 2);
  assert.equal((await cityhub('--bogus')).code, 2);
  const typo = await cityhub('catalog', 'build', FIXTURE_DIR, '--out', await mkdtemp(join(tmpdir(), 'cityhub-out-')), '--city', '999999');
  assert.equal(typo.code, 2, 'an unknown --city builds nothing');
  assert.match(typo.stderr, /unknown --city 999999: the manifests have 440100, 440300/);
  const stray = await cityhub('catalog', 'validate', FIXTURE_DIR, '--city', '440300');
  assert.equal(stray.code, 2, 'validate checks every city: a --city it would ignore is a usage error');
  assert.match(stray.stderr, /catalog validate does not take --city/);
  assert.equal((await cityhub('schema', 'export', '--out', tmpdir(), '--json')).code, 2);
  assert.equal((await cityhub('catalog', 'validate', '/nonexistent/dir')).code, 1, 'a missing directory is a validation failure');
  assert.equal((await cityhub('--help')).code, 0);
});

test('schema export writes JSON Schemas and an OpenAPI document', async () => {
  const out = await mkdtemp(join(tmpdir(), 'cityhub-schema-'));
  const { code } = await cityhub('schema', 'export', '--out', out);
  assert.equal(code, 0);
  const files = await readdir(join(out, 'json-schema'));
  assert.ok(files.includes('ProviderManifest.json') && files.includes('CityCatalog.json'));
  assert.equal(JSON.parse(await readFile(join(out, 'openapi.json'), 'utf8')).openapi, '3.1.0');
});
