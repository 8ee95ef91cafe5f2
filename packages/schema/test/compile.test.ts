import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CityCatalog, CitiesIndex, compileCatalog } from '@cityhub/schema/node';
import { fixtureInput } from './helpers.js';

const AT = new Date('2026-11-23T00:00:00Z');
const compiled = compileCatalog(fixtureInput(), { generatedAt: AT });
const shenzhen = compiled.catalogs.get('440300')!;
const guangzhou = compiled.catalogs.get('440100')!;

test('compiled files parse with the published models', () => {
  assert.ok(CitiesIndex.safeParse(JSON.parse(compiled.files.get('cities.json')!)).success);
  for (const entry of compiled.index.cities) {
    const text = compiled.files.get(entry.catalog.path);
    assert.ok(text, entry.catalog.path);
    assert.ok(CityCatalog.safeParse(JSON.parse(text)).success, entry.catalog.path);
  }
});

test('the index lists cities by pinyin with content-hashed catalog paths and service counts', () => {
  assert.deepEqual(compiled.index.cities.map((c) => [c.code, c.catalog.services]), [['440100', 2], ['440300', 3]]);
  for (const city of compiled.index.cities) assert.equal(city.catalog.path, `catalogs/${city.code}.${city.catalog.hash}.json`);
});

test('bindings merge into services: local names, keywords, provider, popularity, status, availability', () => {
  const topUp = guangzhou.services.find((s) => s.code === 'transit-card-top-up')!;
  assert.equal(topUp.name['zh-Hans'], '羊城通充值');
  assert.equal(topUp.standardName['zh-Hans'], '交通卡充值');
  assert.deepEqual(topUp.keywords, ['羊城通']);
  assert.equal(topUp.status.state, 'maintenance');
  assert.equal(topUp.provider.id, 'transit-cards');
  const card = guangzhou.services.find((s) => s.code === 'social-security-card')!;
  assert.equal(card.availability.state, 'unavailable');
  assert.deepEqual(card.entry, { type: 'h5', url: 'https://hrss.example.gov.cn/card' }, 'inherits the default delivery');
  const water = shenzhen.services.find((s) => s.code === 'water-bill-payment')!;
  assert.equal(water.popularity, 90, 'binding popularity overrides the standard');
  assert.deepEqual(shenzhen.services.map((s) => s.code), ['water-bill-payment', 'transit-card-top-up', 'social-security-card'], 'most popular first');
});

test('categories are pruned to what the city offers and carry their path and services', () => {
  assert.deepEqual(guangzhou.categories.map((c) => c.id), ['transit', 'social-security'], 'no water service in 广州 → no 生活缴费');
  const water = shenzhen.categories.find((c) => c.id === 'water')!;
  assert.deepEqual(water.path, ['life-payment', 'water']);
  assert.deepEqual(shenzhen.categories.find((c) => c.id === 'life-payment')!.services, ['water-bill-payment'], 'parents hold descendants’ services');
  assert.equal(guangzhou.topics.length, 0, 'topics without services here are dropped');
});

test('search data is precomputed: pinyin per character, traditional map, synonyms', () => {
  const topUp = shenzhen.services.find((s) => s.code === 'transit-card-top-up')!;
  assert.deepEqual(topUp.search.find((t) => t.field === 'name'), { text: '深圳通充值', field: 'name', pinyin: ['shen', 'zhen', 'tong', 'chong', 'zhi'] });
  assert.deepEqual(topUp.search.find((t) => t.field === 'standard-name')?.pinyin, ['jiao', 'tong', 'ka', 'chong', 'zhi']);
  assert.ok(topUp.search.some((t) => t.field === 'en' && t.text === 'Shenzhen Tong top-up'));
  assert.equal(shenzhen.searchData.hant['會'], '会');
  assert.equal(shenzhen.searchData.hant['繳'], '缴');
  // Every traditional form, not only the one OpenCC converts to: 并 is 並, 併 and 幷.
  assert.deepEqual(['並', '併', '幷'].map((form) => shenzhen.searchData.hant[form]), ['并', '并', '并']);
  assert.deepEqual(shenzhen.searchData.pinyin['费'], ['fei']);
  assert.ok(shenzhen.searchData.pinyin['行'] === undefined || shenzhen.searchData.pinyin['行']!.length > 1);
  assert.deepEqual(shenzhen.synonyms.map((s) => s.terms[0]), ['水钱', '社保']);
  assert.deepEqual(guangzhou.synonyms.map((s) => s.terms[0]), ['社保'], 'synonyms for absent services are dropped');
});

test('content hashes are stable across builds and change with the data', () => {
  const again = compileCatalog(fixtureInput(), { generatedAt: new Date() });
  assert.equal(again.catalogs.get('440300')!.hash, shenzhen.hash, 'generatedAt is not part of the hash');
  const input = fixtureInput();
  (input.standard.data as { services: Array<{ popularity?: number }> }).services[2]!.popularity = 12;
  const changed = compileCatalog(input);
  assert.notEqual(changed.catalogs.get('440300')!.hash, shenzhen.hash);
  assert.equal(changed.catalogs.get('440100')!.hash === guangzhou.hash, false);
});

test('a subset of cities can be compiled', () => {
  const only = compileCatalog(fixtureInput(), { cities: ['440100'] });
  assert.deepEqual([...only.catalogs.keys()], ['440100']);
});
