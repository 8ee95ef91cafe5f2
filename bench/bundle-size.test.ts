import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const { BUDGETS, measure, report } = await import('../scripts/sizes.mjs');

test('browser bundles build and stay under their size ceilings (figures printed)', { timeout: 180_000 }, async () => {
  execFileSync(process.execPath, [`${root}node_modules/rollup/dist/bin/rollup`, '-c', '--silent'], { cwd: root, stdio: 'pipe' });
  const rows = measure(root);
  assert.equal(rows.length, Object.keys(BUDGETS).length, 'every bundle was built');
  for (const r of rows) {
    console.log(report(r).map((line) => `# ${line}`).join('\n'));
    assert.ok(r.ok, `${r.file} is ${(r.gzip / 1024).toFixed(2)} KB, over its ceiling of ${(r.ceiling / 1024).toFixed(2)} KB`);
  }
});

test('the CDN bundle keeps SVG shapes self-closed (minified templates draw every shape of an icon)', () => {
  // Runs after the build above. A shape opened without `/>` nests the next one inside it: only the first is drawn.
  const code = readFileSync(`${root}build/cityhub.js`, 'utf8');
  const shapes = code.match(/<(?:path|circle|rect|line|polyline|polygon|ellipse)\b[^<>]*>/g) ?? [];
  assert.ok(shapes.length > 50, `the icons are in the bundle (${shapes.length} shapes)`);
  assert.deepEqual(shapes.filter((tag) => !tag.endsWith('/>')), []);
});

test('no browser bundle evaluates code (eval, the Function constructor): pages with a strict CSP run them', () => {
  for (const file of Object.keys(BUDGETS)) {
    const code = readFileSync(`${root}${file}`, 'utf8');
    assert.deepEqual(code.match(/\beval\s*\(|\bnew\s+Function\b|(?<![\w$.])Function\s*\(/g) ?? [], [], file);
  }
});

test('the CDN bundle keeps the spaces its templates render (English text beside a value keeps its word space)', () => {
  // Whitespace is collapsed, never removed: "Bureau (Traffic Police)" must not become "Bureau(Traffic Police)", and
  // the bundle renders what the source renders in the tests.
  const code = readFileSync(`${root}build/cityhub.js`, 'utf8');
  assert.match(code, /` \(\$\{\w+\}\)`/, 'parens() keeps the space before its "("');
});
