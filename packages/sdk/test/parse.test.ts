import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import * as z from 'zod/mini';
import { SchemaError } from '../src/errors.js';
import {
  parseCatalogService, parseCitiesIndex, parseCityCatalog, parseErrorBody, parseItems, parseOrder, parseOrderList,
  parseSubmissionResult, type InvalidItemReport,
} from '../src/parse.js';
import { parsePayment, parsePaymentList } from '../src/payments/payments.js';
import { catalog, citiesIndex, city, order, service } from './helpers.js';

let totalRuns = 0;
const runs = (n: number) => {
  totalRuns += n;
  return { numRuns: n };
};
after(() => console.log(`fast-check: ${totalRuns} runs in total`));

const parsers: Record<string, (input: unknown) => unknown> = {
  cities: (v) => parseCitiesIndex(v, 'cities', () => undefined),
  catalog: (v) => parseCityCatalog(v, 'catalog:440300', () => undefined),
  orders: (v) => parseOrderList(v, 'orders', () => undefined),
  order: (v) => parseOrder(v, 'order'),
  service: (v) => parseCatalogService(v, 'service'),
  submission: (v) => parseSubmissionResult(v, 'submission'),
  payment: (v) => parsePayment(v, 'payment'),
  payments: (v) => parsePaymentList(v, 'payments', () => undefined),
  errorBody: (v) => parseErrorBody(v),
};

/** Calls the parser; the only acceptable failure is a SchemaError. */
function neverCrashes(parse: (input: unknown) => unknown, input: unknown): void {
  try {
    parse(input);
  } catch (error) {
    if (!(error instanceof SchemaError)) throw error;
    assert.ok(error.issues.length > 0, 'error.issues.length > 0');
  }
}

describe('arbitrary JSON never crashes a parser (reliability #16)', () => {
  for (const [name, parse] of Object.entries(parsers)) {
    it(`${name}: arbitrary JSON values → data or SchemaError`, () => {
      fc.assert(fc.property(fc.jsonValue(), (value) => neverCrashes(parse, value)), runs(1500));
    });
  }

  it('documents with the right top level and arbitrary list items → data with only valid items, no throw', () => {
    const item = fc.oneof(fc.jsonValue(), fc.constant(city()), fc.constant(order()), fc.constant(service()));
    const doc = fc.record({
      schemaVersion: fc.constant('1.0'),
      hash: fc.string(),
      generatedAt: fc.constant('2026-11-23T08:00:00Z'),
      cities: fc.array(item, { maxLength: 8 }),
      orders: fc.array(item, { maxLength: 8 }),
    });
    fc.assert(
      fc.property(doc, (d) => {
        const cities = parseCitiesIndex(d, 'cities');
        assert.ok(cities.cities.length <= d.cities.length, 'cities.cities.length <= d.cities.length');
        const orders = parseOrderList(d, 'orders');
        assert.ok(orders.orders.length <= d.orders.length, 'orders.orders.length <= d.orders.length');
      }),
      runs(1000),
    );
    const base = catalog();
    const catalogDoc = fc.record({
      services: fc.array(item, { maxLength: 6 }),
      categories: fc.array(fc.oneof(fc.jsonValue(), fc.constant(base.categories[0])), { maxLength: 4 }),
      topics: fc.array(fc.jsonValue(), { maxLength: 3 }),
      synonyms: fc.array(fc.oneof(fc.jsonValue(), fc.constant(base.synonyms[0])), { maxLength: 3 }),
    });
    fc.assert(fc.property(catalogDoc, (lists) => neverCrashes(parsers.catalog!, { ...base, ...lists })), runs(1000));
  });
});

/** Ways to break one item so the schema must reject it (`field` is a required LocalizedText of the item). */
const corruptions: Array<(item: Record<string, unknown>, field: string) => unknown> = [
  () => null,
  () => 42,
  () => 'not an object',
  () => [],
  (item, field) => ({ ...item, [field]: undefined }),
  (item, field) => ({ ...item, [field]: 17 }),
  (item, field) => ({ ...item, [field]: { en: 'no zh-Hans' } }),
  (item, field) => ({ ...item, [field]: { 'zh-Hans': '   ' } }),
];

function checkCorruption<T>(
  label: string,
  make: (i: number) => Record<string, unknown>,
  wrap: (items: unknown[]) => unknown,
  parse: (doc: unknown, onInvalid: (r: InvalidItemReport) => void) => T[],
  key: (item: T) => string,
  itemKey: (item: Record<string, unknown>) => string,
  list: string,
  field: string,
) {
  it(`${label}: corrupted items are reported by index, valid ones stay in order`, () => {
    const scenario = fc.array(fc.option(fc.nat(corruptions.length - 1), { nil: undefined }), { minLength: 0, maxLength: 25 });
    fc.assert(
      fc.property(scenario, (plan) => {
        const originals = plan.map((_, i) => make(i));
        const items = plan.map((corruption, i) => (corruption === undefined ? originals[i] : corruptions[corruption]!(originals[i]!, field)));
        const reports: InvalidItemReport[] = [];
        const kept = parse(wrap(items), (r) => reports.push(r));
        const expectedKept = originals.filter((_, i) => plan[i] === undefined).map(itemKey);
        const expectedDropped = plan.flatMap((c, i) => (c === undefined ? [] : [i]));
        assert.deepEqual(kept.map(key), expectedKept);
        assert.deepEqual(reports.map((r) => r.index), expectedDropped);
        for (const r of reports) {
          assert.ok(r.path.startsWith(`/${list}/${r.index}`), r.path);
          assert.equal(typeof r.code, 'string');
        }
      }),
      runs(400),
    );
  });
}

describe('item-by-item lists', () => {
  const code = (i: number) => String(110000 + i * 100);
  checkCorruption(
    'cities',
    (i) => city(code(i), `城市${i}`, 'chengshi') as unknown as Record<string, unknown>,
    (items) => ({ ...citiesIndex([]), cities: items }),
    (doc, onInvalid) => parseCitiesIndex(doc, 'cities', onInvalid).cities,
    (c) => c.code,
    (c) => c.code as string,
    'cities',
    'name',
  );
  checkCorruption(
    'catalog services',
    (i) => service(`service-${i}`) as unknown as Record<string, unknown>,
    (items) => ({ ...catalog(), services: items }),
    (doc, onInvalid) => parseCityCatalog(doc, 'catalog:440300', onInvalid).services,
    (s) => s.code,
    (s) => s.code as string,
    'services',
    'name',
  );
  checkCorruption(
    'orders',
    (i) => order(`o${i}`) as unknown as Record<string, unknown>,
    (items) => ({ orders: items }),
    (doc, onInvalid) => parseOrderList(doc, 'orders', onInvalid).orders,
    (o) => o.id,
    (o) => o.id as string,
    'orders',
    'title',
  );

  it('parseItems is generic and reports the first issue of each dropped item', () => {
    const dropped: Array<[number, string | undefined]> = [];
    const kept = parseItems([1, 'two', 3, null, 5], z.number(), (index, issue) => dropped.push([index, issue?.code]));
    assert.deepEqual(kept, [1, 3, 5]);
    assert.deepEqual(dropped, [[1, 'invalid_type'], [3, 'invalid_type']]);
  });

  it('a wrong top-level shape throws SchemaError naming the resource and path', () => {
    for (const bad of [null, [], 'x', { cities: {} }, { ...citiesIndex(), cities: 'many' }, { ...citiesIndex(), hash: 5 }]) {
      assert.throws(() => parseCitiesIndex(bad, 'cities'), (e: unknown) => e instanceof SchemaError && e.resource === 'cities' && e.code === 'schema');
    }
    assert.throws(() => parseCityCatalog({ ...catalog(), city: { code: 'x' } }, 'catalog:440300'), SchemaError);
  });
});
