import { createHash } from 'node:crypto';
import { SCHEMA_VERSION, type LocalizedText } from '../models/common.js';
import type { Category } from '../models/category.js';
import type { City } from '../models/city.js';
import type { CatalogCategory, CatalogService, CitiesIndex, CityCatalog, SearchData, SearchField, SearchTerm } from '../models/catalog.js';
import type { SynonymEntry } from '../models/manifest.js';
import type { Service } from '../models/service.js';
import { CatalogError, type CatalogProblem } from './problems.js';
import { hasHan, readings, syllables, toSimplified, toTraditional, traditionalForms } from './text.js';
import { validateManifests, type ManifestInput } from './validate.js';

export interface CompileOptions {
  /** Stamp for `generatedAt` (defaults to now). It is not part of content hashes. */
  generatedAt?: Date;
  /** Only these cities (default: every city). */
  cities?: readonly string[];
}

/** The output of `compileCatalog`: objects for programs and the files for a static host. */
export interface CompiledCatalog {
  index: CitiesIndex;
  catalogs: Map<string, CityCatalog>;
  /** Relative path → JSON text: `cities.json` and `catalogs/<code>.<hash>.json`. */
  files: Map<string, string>;
  /** Warnings (errors throw). */
  problems: CatalogProblem[];
}

const DEFAULT_POPULARITY = 50;

export function contentHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

function term(text: string, field: SearchField): SearchTerm {
  return hasHan(text) ? { text, field, pinyin: syllables(text) } : { text, field };
}

/** Search terms for a name/keyword set, without repeats of the same text. */
function searchTerms(entries: Array<[string | undefined, SearchField]>): SearchTerm[] {
  const seen = new Set<string>();
  const terms: SearchTerm[] = [];
  for (const [text, field] of entries) {
    const value = text?.trim();
    if (!value || seen.has(value)) continue;
    seen.add(value);
    terms.push(term(value, field));
  }
  return terms;
}

function serviceTerms(service: Service, name: LocalizedText, localKeywords: readonly string[]): SearchTerm[] {
  return searchTerms([
    [name['zh-Hans'], 'name'],
    [service.name['zh-Hans'], 'standard-name'],
    [name['zh-Hant'], 'hant'],
    [service.name['zh-Hant'], 'hant'],
    [name.en, 'en'],
    [service.name.en, 'en'],
    ...localKeywords.map((k): [string, SearchField] => [k, 'local']),
    ...(service.keywords ?? []).map((k): [string, SearchField] => [k, 'keyword']),
    ...(service.synonyms ?? []).map((k): [string, SearchField] => [k, 'synonym']),
    [service.summary?.['zh-Hans'], 'summary'],
  ]);
}

function categoryTerms(category: Category): SearchTerm[] {
  return searchTerms([
    [category.name['zh-Hans'], 'name'],
    [category.name['zh-Hant'], 'hant'],
    [category.name.en, 'en'],
    ...(category.keywords ?? []).map((k): [string, SearchField] => [k, 'keyword']),
  ]);
}

/** Traditional→simplified and pinyin tables for every character the catalog's text uses. */
function buildSearchData(texts: Iterable<string>): SearchData {
  const hant: Record<string, string> = {};
  const pinyin: Record<string, string[]> = {};
  for (const text of texts) {
    for (const ch of text) {
      if (!hasHan(ch) || pinyin[ch]) continue;
      const simplified = toSimplified(ch);
      const traditional = toTraditional(ch);
      if (simplified !== ch) hant[ch] = simplified;
      if (traditional !== ch) hant[traditional] = ch;
      for (const form of traditionalForms(simplified)) hant[form] ??= simplified;
      pinyin[ch] = readings(simplified);
    }
  }
  return { hant: sortKeys(hant), pinyin: sortKeys(pinyin) };
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Compiles provider manifests into CDN-ready catalogs: a cities index and one catalog per city with the
 * canonical services merged with their city bindings, the category tree pruned to what the city offers, and
 * precomputed search data (pinyin, traditional characters, synonyms, popularity). Throws `CatalogError` listing
 * every problem when a manifest is invalid.
 */
export function compileCatalog(input: ManifestInput, options: CompileOptions = {}): CompiledCatalog {
  const { set, problems } = validateManifests(input);
  if (!set || problems.some((p) => p.severity === 'error')) throw new CatalogError(problems);
  const generatedAt = (options.generatedAt ?? new Date()).toISOString();

  const services = new Map<string, Service>(set.standard.manifest.services.map((s) => [s.code, s]));
  for (const { manifest } of set.providers) for (const s of manifest.definitions ?? []) services.set(s.code, s);
  const categories = set.standard.manifest.categories;
  const categoryById = new Map(categories.map((c) => [c.id, c]));
  const pathOf = (id: string): string[] => {
    const path: string[] = [];
    for (let c = categoryById.get(id); c; c = c.parent ? categoryById.get(c.parent) : undefined) path.unshift(c.id);
    return path;
  };

  const wanted = options.cities ? new Set(options.cities) : undefined;
  const cities = set.cities.manifest.cities.filter((c) => !wanted || wanted.has(c.code));
  const catalogs = new Map<string, CityCatalog>();
  const files = new Map<string, string>();
  const indexEntries: CitiesIndex['cities'] = [];

  for (const city of cities) {
    const offered: CatalogService[] = [];
    const providerSynonyms: SynonymEntry[] = [];
    for (const { manifest } of set.providers) {
      let offersHere = false;
      for (const offer of manifest.services) {
        const binding = offer.bindings.find((b) => b.city === city.code);
        const service = services.get(offer.service);
        if (!binding || !service) continue;
        offersHere = true;
        const name = binding.localName ?? service.name;
        const { delivery, status, popularity, ...rest } = service;
        offered.push({
          ...rest,
          name,
          standardName: service.name,
          keywords: [...(binding.keywords ?? []), ...(service.keywords ?? [])],
          entry: binding.entry ?? delivery!,
          availability: binding.availability ?? { state: 'available' },
          status: binding.status ?? status ?? { state: 'active' },
          provider: {
            id: manifest.provider.id,
            name: manifest.provider.name,
            classification: manifest.provider.classification,
            authority: manifest.provider.authority,
            ...(manifest.provider.operator ? { operator: manifest.provider.operator } : {}),
            ...(manifest.provider.contact ? { contact: manifest.provider.contact } : {}),
          },
          popularity: binding.popularity ?? popularity ?? DEFAULT_POPULARITY,
          search: serviceTerms(service, name, binding.keywords ?? []),
        });
      }
      if (offersHere) providerSynonyms.push(...(manifest.synonyms ?? []));
    }
    offered.sort((a, b) => b.popularity - a.popularity || (a.code < b.code ? -1 : 1));
    const codes = new Set(offered.map((s) => s.code));

    // Categories holding a service here, with their ancestors; each lists its (and descendants') services.
    const members = new Map<string, string[]>();
    for (const service of offered) {
      const ancestors = new Set(service.categories.flatMap(pathOf));
      for (const id of ancestors) members.set(id, [...(members.get(id) ?? []), service.code]);
    }
    const cityCategories: CatalogCategory[] = categories
      .filter((c) => members.has(c.id))
      .map((c) => ({ ...c, path: pathOf(c.id), services: members.get(c.id)!, search: categoryTerms(c) }))
      .sort((a, b) => a.path.length - b.path.length || a.order - b.order);
    const categoryIds = new Set(cityCategories.map((c) => c.id));

    const synonyms = [...(set.standard.manifest.synonyms ?? []), ...providerSynonyms]
      .map((entry) => ({
        ...entry,
        services: entry.services?.filter((code) => codes.has(code)),
        categories: entry.categories?.filter((id) => categoryIds.has(id)),
      }))
      .filter((e) => e.services?.length || e.categories?.length || e.means?.length)
      .map(({ services: s, categories: c, ...e }) => ({ ...e, ...(s?.length ? { services: s } : {}), ...(c?.length ? { categories: c } : {}) }));
    const topics = (set.standard.manifest.topics ?? [])
      .map((t) => ({ ...t, services: t.services.filter((code) => codes.has(code)) }))
      .filter((t) => t.services.length > 0);

    const texts = [
      ...offered.flatMap((s) => s.search.map((t) => t.text)),
      ...cityCategories.flatMap((c) => c.search.map((t) => t.text)),
      ...synonyms.flatMap((e) => [...e.terms, ...(e.means ?? [])]),
      city.name['zh-Hans'],
    ];
    const body = {
      schemaVersion: SCHEMA_VERSION,
      city,
      categories: cityCategories,
      topics,
      services: offered,
      synonyms,
      searchData: buildSearchData(texts),
    };
    const hash = contentHash(body);
    const catalog: CityCatalog = { ...body, hash, generatedAt };
    const path = `catalogs/${city.code}.${hash}.json`;
    catalogs.set(city.code, catalog);
    files.set(path, JSON.stringify(catalog));
    indexEntries.push({ ...city, catalog: { path, hash, services: offered.length } });
  }

  const sortedCities = indexEntries.sort((a: City, b: City) => (a.pinyin < b.pinyin ? -1 : a.pinyin > b.pinyin ? 1 : 0));
  const indexHash = contentHash(sortedCities);
  const index: CitiesIndex = { schemaVersion: SCHEMA_VERSION, hash: indexHash, generatedAt, cities: sortedCities };
  files.set('cities.json', JSON.stringify(index));
  return { index, catalogs, files, problems };
}
