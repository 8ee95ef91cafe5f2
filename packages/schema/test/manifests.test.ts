import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CatalogError, compileCatalog, formatProblem, validateManifests, type ManifestInput } from '@cityhub/schema/node';
import { fixtureInput, setAt } from './helpers.js';

const messages = (input: ManifestInput) => validateManifests(input).problems.filter((p) => p.severity === 'error').map(formatProblem);

test('the fixture manifests are valid', () => {
  assert.deepEqual(messages(fixtureInput()), []);
});

test('an http entry URL is reported with file, JSON path and reason', () => {
  const input = fixtureInput();
  setAt(input.providers[1]!.data, ['services', 0, 'bindings', 0, 'entry'], { type: 'h5', url: 'http://water.example.cn/pay' });
  assert.deepEqual(messages(input), ['providers/water-bureau.json services[0].bindings[0].entry.url: must be https']);
});

test('a URL on this machine is a warning (development only), with file and JSON path', () => {
  const input = fixtureInput();
  const warnings = (i: ManifestInput) => validateManifests(i).problems.filter((p) => p.severity === 'warning').map(formatProblem);
  const before = warnings(input);
  setAt(input.providers[1]!.data, ['services', 0, 'bindings', 0, 'entry'], { type: 'h5', url: 'http://127.0.0.1:8787/pay' });
  assert.deepEqual(messages(input), [], 'allowed, for development against the reference server');
  assert.deepEqual(warnings(input).filter((w) => !before.includes(w)),
    ['providers/water-bureau.json services[0].bindings[0].entry.url: warning: points at this machine: fine for development, never in a published catalog']);
});

test('schema errors name every problem, not just the first', () => {
  const input = fixtureInput();
  setAt(input.cities.data, ['cities', 1, 'code'], '44010');
  setAt(input.standard.data, ['services', 0, 'kind'], 'pay');
  setAt(input.standard.data, ['services', 1, 'form', 'fields', 1, 'min'], 10.5);
  setAt(input.providers[0]!.data, ['services', 0, 'bindings', 1, 'entry'], { type: 'h5', url: 'javascript:alert(1)' });
  assert.deepEqual(messages(input), [
    'cities.json cities[1].code: must be a 6-digit GB/T 2260 division code',
    'standard.json services[0].kind: must be one of "query", "payment", "transaction", "booking", "report", "info"',
    'standard.json services[1].form.fields[1].min: expected int',
    'providers/transit-cards.json services[0].bindings[1].entry.url: must be https',
  ]);
});

test('cross-references: unknown city, service, category, missing form, duplicate binding', () => {
  const input = fixtureInput();
  setAt(input.providers[1]!.data, ['services', 0, 'bindings', 0, 'city'], '999999');
  (input.providers[1]!.data as { services: unknown[] }).services.push(
    { service: 'no-such-service', bindings: [{ city: '440300' }] },
    { service: 'transit-card-top-up', bindings: [{ city: '440300', entry: { type: 'form' } }] },
  );
  setAt(input.standard.data, ['services', 2, 'categories'], ['nowhere']);
  setAt(input.standard.data, ['services', 2, 'delivery'], { type: 'form' });
  setAt(input.standard.data, ['categories', 1, 'parent'], 'ghost');
  setAt(input.standard.data, ['synonyms', 0, 'services'], ['ghost-service']);
  assert.deepEqual(messages(input).sort(), [
    // the two bindings inherit the service's (now broken) default delivery
    'providers/transit-cards.json services[1].bindings[0].entry: is "form" but service "social-security-card" has no form',
    'providers/transit-cards.json services[1].bindings[1].entry: is "form" but service "social-security-card" has no form',
    'providers/water-bureau.json services[0].bindings[0].city: unknown city 999999',
    'providers/water-bureau.json services[1].service: unknown service "no-such-service"',
    'providers/water-bureau.json services[2].bindings[0].city: city 440300 already offers "transit-card-top-up" (providers/transit-cards.json services[0].bindings[0])',
    'standard.json categories[1].parent: unknown category "ghost"',
    'standard.json services[2].categories[0]: unknown category "nowhere"',
    'standard.json services[2].delivery: is "form" but the service has no form',
    'standard.json synonyms[0].services[0]: unknown service "ghost-service"',
  ].sort());
});

test('category cycles and over-long descriptions are caught', () => {
  const input = fixtureInput();
  setAt(input.standard.data, ['categories', 0, 'parent'], 'water');
  setAt(input.standard.data, ['services', 0, 'description', 'zh-Hans'], '长'.repeat(101));
  const found = messages(input);
  assert.ok(found.includes('standard.json categories[0].parent: forms a cycle'), found.join('\n'));
  assert.ok(found.includes('standard.json services[0].description.zh-Hans: must be at most 100 characters'));
});

test('compileCatalog throws CatalogError listing the problems', () => {
  const input = fixtureInput();
  setAt(input.cities.data, ['cities', 0, 'pinyin'], 'Shen Zhen');
  assert.throws(() => compileCatalog(input), (e: unknown) => e instanceof CatalogError && e.problems.length === 1 && /cities\[0\]\.pinyin/.test(e.message));
});

test('property: arbitrary JSON in any manifest never crashes validation (10,000 runs)', () => {
  let runs = 0;
  fc.assert(
    fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 3 }), (value, slot) => {
      runs++;
      const input = fixtureInput();
      if (slot === 0) input.cities.data = value;
      else if (slot === 1) input.standard.data = value;
      else input.providers[slot - 2]!.data = value;
      const { problems } = validateManifests(input);
      return problems.every((p) => typeof p.file === 'string' && typeof p.message === 'string');
    }),
    { numRuns: 10_000 },
  );
  console.log(`# property runs (arbitrary manifests): ${runs}`);
});

test('property: any value placed anywhere inside valid manifests yields problems or a compiled catalog, never a crash', () => {
  // Walk the fixture to collect every path, then replace one node with arbitrary JSON.
  const paths: Array<{ slot: number; path: Array<string | number> }> = [];
  const base = fixtureInput();
  const docs = [base.cities.data, base.standard.data, ...base.providers.map((p) => p.data)];
  const walk = (node: unknown, slot: number, path: Array<string | number>) => {
    if (path.length > 0) paths.push({ slot, path });
    if (Array.isArray(node)) node.forEach((child, i) => walk(child, slot, [...path, i]));
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, slot, [...path, k]);
  };
  docs.forEach((doc, slot) => walk(doc, slot, []));
  fc.assert(
    fc.property(fc.integer({ min: 0, max: paths.length - 1 }), fc.jsonValue({ maxDepth: 3 }), (index, value) => {
      const { slot, path } = paths[index]!;
      const input = fixtureInput();
      const doc = slot === 0 ? input.cities.data : slot === 1 ? input.standard.data : input.providers[slot - 2]!.data;
      setAt(doc, path, value);
      try {
        compileCatalog(input);
      } catch (error) {
        if (!(error instanceof CatalogError)) throw error;
      }
    }),
    { numRuns: 1_000 },
  );
});
