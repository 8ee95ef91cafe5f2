// The interim demo: one city's services through @cityhub/sdk, rendered with DOM APIs only (no innerHTML).
import { createCityHub } from './cityhub-sdk.js';

const hub = createCityHub({ api: location.origin });
const citySelect = document.querySelector('#city');
const queryInput = document.querySelector('#query');
const status = document.querySelector('#status');
const main = document.querySelector('#services');
const locale = 'zh-Hans';
let catalog;

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function highlighted(text, ranges = []) {
  const nodes = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) nodes.push(text.slice(at, start));
    nodes.push(el('mark', {}, text.slice(start, end)));
    at = end;
  }
  nodes.push(text.slice(at));
  return nodes;
}

function tile(service, highlights) {
  return el('li', {}, ...highlighted(service.name[locale] ?? service.name['zh-Hans'], highlights),
    el('small', {}, service.provider.name[locale] ?? service.provider.name['zh-Hans']));
}

function renderCatalog() {
  const top = catalog.categories.filter((c) => c.path.length === 1);
  const byCode = new Map(catalog.services.map((s) => [s.code, s]));
  main.replaceChildren(...top.map((category) => el('section', {},
    el('h2', {}, category.name[locale]),
    el('ul', {}, ...category.services.map((code) => tile(byCode.get(code)))))));
}

async function renderSearch(query) {
  const city = citySelect.value;
  const results = await hub.search(query, { city, limit: 20 });
  if (query !== queryInput.value.trim()) return;
  status.textContent = `“${query}”: ${results.services.length} 项服务 / services`;
  const sections = [];
  for (const hit of results.categories ?? []) {
    sections.push(el('section', {}, el('h2', {}, `${hit.category.name[locale]}（分类 category）`),
      el('ul', {}, ...hit.services.slice(0, 8).map((s) => tile(s.service ?? s)))));
  }
  sections.push(el('section', {}, el('h2', {}, '服务 Services'),
    el('ul', {}, ...results.services.map((h) => tile(h.service, h.highlights)))));
  main.replaceChildren(...sections);
}

async function showCity(code) {
  status.textContent = '加载中… Loading…';
  const result = await hub.catalog(code, { onUpdate: (fresh) => { catalog = fresh.data; renderCatalog(); } });
  catalog = result.data;
  status.textContent = `${catalog.city.name[locale]}: ${catalog.services.length} 项服务 / services` +
    (result.stale ? ` · 最后更新 last updated ${result.updatedAt.toLocaleString()}` : '');
  queryInput.value ? renderSearch(queryInput.value.trim()) : renderCatalog();
}

const { data: index } = await hub.cities();
citySelect.append(...index.cities.map((c) => el('option', { value: c.code }, `${c.name[locale]} ${c.name.en ?? ''}`)));
citySelect.value = index.cities.some((c) => c.code === '440300') ? '440300' : index.cities[0].code;
citySelect.addEventListener('change', () => showCity(citySelect.value));
let timer;
queryInput.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(() => (queryInput.value.trim() ? renderSearch(queryInput.value.trim()) : showCity(citySelect.value)), 120);
});
await showCity(citySelect.value);
