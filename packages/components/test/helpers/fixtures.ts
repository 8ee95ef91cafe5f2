import { CitiesIndex, CityCatalog, type CatalogCategory, type CatalogService } from '@cityhub/schema';

/**
 * Fixture data compiled from `test/fixtures/manifests` by `test/fixtures/build.ts` (the real catalog compiler).
 * Loaded over HTTP from the test server and parsed with the schema, so a stale or broken fixture fails loudly.
 */
const cache = new Map<string, Promise<unknown>>();

function load(path: string): Promise<unknown> {
  let promise = cache.get(path);
  if (!promise) {
    promise = fetch(new URL(`../fixtures/${path}`, import.meta.url)).then((r) => {
      if (!r.ok) throw new Error(`fixture ${path}: HTTP ${r.status}`);
      return r.json() as Promise<unknown>;
    });
    cache.set(path, promise);
  }
  return promise;
}

/** A fresh (deep-copied, safe to mutate) compiled catalog of one fixture city. */
export async function loadCatalog(code = '440300'): Promise<CityCatalog> {
  return CityCatalog.parse(structuredClone(await load(`catalogs/${code}.json`)));
}

export async function loadCities(): Promise<CitiesIndex> {
  return CitiesIndex.parse(structuredClone(await load('cities.json')));
}

export function serviceByCode(catalog: CityCatalog, code: string): CatalogService {
  const service = catalog.services.find((s) => s.code === code);
  if (!service) throw new Error(`no service ${code} in fixture ${catalog.city.code}`);
  return service;
}

export function categoryById(catalog: CityCatalog, id: string): CatalogCategory {
  const category = catalog.categories.find((c) => c.id === id);
  if (!category) throw new Error(`no category ${id} in fixture ${catalog.city.code}`);
  return category;
}

/** A catalog with `count` services (copies of the fixture's, with distinct codes and popularity). */
export async function bigCatalog(count: number): Promise<CityCatalog> {
  const base = await loadCatalog('440300');
  const services: CatalogService[] = [];
  for (let i = 0; i < count; i++) {
    const template = base.services[i % base.services.length]!;
    services.push({
      ...template,
      code: `${template.code}-${i}`,
      name: { 'zh-Hans': `${template.name['zh-Hans']} ${i}`, en: `${template.name.en ?? template.code} ${i}` },
      popularity: (i * 37) % 101,
    });
  }
  return { ...base, services };
}

/** Strings that would run script or inject elements if rendered as markup or used as URLs. */
export const XSS = {
  img: '<img src=x onerror="window.__xss=(window.__xss||0)+1">',
  script: '<script>window.__xss=(window.__xss||0)+1</script>',
  svg: '<svg onload="window.__xss=(window.__xss||0)+1"></svg>',
  attr: '" autofocus onfocus="window.__xss=(window.__xss||0)+1" x="',
  js: 'javascript:window.__xss=(window.__xss||0)+1',
  template: '${window.__xss=(window.__xss||0)+1}{{constructor.constructor("window.__xss=1")()}}',
} as const;

/** Replaces every human-readable text of a catalog with the XSS corpus (URLs with `javascript:`). */
export function poisonCatalog(catalog: CityCatalog): CityCatalog {
  const bad = Object.values(XSS);
  const text = (i: number) => ({ 'zh-Hans': bad[i % bad.length]!, 'zh-Hant': bad[(i + 1) % bad.length]!, en: bad[(i + 2) % bad.length]! });
  const services = catalog.services.map((s, i) => ({
    ...s,
    name: text(i),
    description: text(i + 1),
    summary: text(i + 2),
    provider: { ...s.provider, name: text(i + 3) },
    entry: { type: 'h5', url: XSS.js } as unknown as CatalogService['entry'],
    form: s.form ? { ...s.form, fields: s.form.fields.map((f, j) => ({ ...f, label: text(j), help: text(j + 1), placeholder: text(j + 2),
      ...('values' in f ? { values: f.values.map((v, k) => ({ key: v.key, name: text(k) })) } : {}) } as typeof f)) } : undefined,
  })) as CatalogService[];
  const categories = catalog.categories.map((c, i) => ({ ...c, name: text(i), icon: 'x" onload="alert(1)' }));
  return { ...catalog, city: { ...catalog.city, name: text(0) }, services, categories };
}

/** Asserts nothing from the XSS corpus turned into elements or ran, anywhere in `root` (and nested shadow roots). */
export function injectedElements(root: ParentNode): Element[] {
  const found: Element[] = [];
  const walk = (node: ParentNode) => {
    for (const el of node.querySelectorAll('*')) {
      const tag = el.localName;
      if (tag === 'script' || tag === 'iframe' || tag === 'object' || tag === 'embed' || (tag === 'img' && el.getAttribute('src') === 'x')) found.push(el);
      if (tag === 'svg' && el.hasAttribute('onload')) found.push(el);
      for (const attr of el.getAttributeNames()) if (attr.startsWith('on')) found.push(el);
      for (const attr of ['href', 'src', 'action', 'formaction']) if (/^\s*javascript:/i.test(el.getAttribute(attr) ?? '')) found.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(root);
  return found;
}

/** Number of times the XSS corpus ran (it increments `window.__xss`). */
export function xssRuns(): number {
  return (window as unknown as { __xss?: number }).__xss ?? 0;
}
