/** The browser tests' catalog fixtures are what the compiler makes of their manifests today. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fixtureFiles } from './fixtures/compile.js';

test('the component test fixtures are up to date with their manifests and the compiler', async () => {
  const dir = new URL('./fixtures/', import.meta.url);
  const { files } = await fixtureFiles();
  const present = ['cities.json', ...readdirSync(new URL('catalogs/', dir)).map((name) => `catalogs/${name}`)].sort();
  assert.deepEqual(present, [...files.keys()].sort(), 'the same files');
  for (const [path, text] of files) {
    assert.ok(readFileSync(new URL(path, dir), 'utf8') === text, `${path} is out of date: run node --conditions=source --import tsx packages/components/test/fixtures/build.ts`);
  }
});
