import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;

test('browser bundles build and stay under their size ceilings (figures printed)', { timeout: 180_000 }, async () => {
  execFileSync(process.execPath, [`${root}node_modules/rollup/dist/bin/rollup`, '-c', '--silent'], { cwd: root, stdio: 'pipe' });
  const { measure } = await import('../scripts/sizes.mjs');
  const rows = measure(root);
  assert.equal(rows.length, 2, 'both bundles were built');
  for (const r of rows) {
    console.log(`# ${r.file}: ${(r.gzip / 1024).toFixed(2)} KB min+gzip (target ${(r.target / 1024).toFixed(0)} KB${r.meetsTarget ? ', met' : ', NOT met'}; ceiling ${(r.ceiling / 1024).toFixed(1)} KB)`);
    assert.ok(r.ok, `${r.file} is ${(r.gzip / 1024).toFixed(2)} KB, over its ceiling of ${(r.ceiling / 1024).toFixed(1)} KB`);
  }
});
