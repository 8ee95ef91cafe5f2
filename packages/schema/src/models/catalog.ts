import * as z from 'zod/mini';
import { Category, Topic } from './category.js';
import { City } from './city.js';
import { LocalizedText, Slug, Timestamp } from './common.js';
import { Provider } from './provider.js';
import { SynonymEntry } from './manifest.js';
import { Availability, Entry, Service, ServiceStatus } from './service.js';

/** Which text a search term came from; the search engine weighs fields differently. */
export const SearchField = z.enum(['name', 'standard-name', 'hant', 'en', 'keyword', 'synonym', 'summary', 'local']);
export type SearchField = z.infer<typeof SearchField>;

/**
 * One searchable text with its precomputed pinyin: `pinyin[i]` is the toneless syllable of the i-th character
 * of `text` (non-Han characters stand for themselves, lower-cased). Computed at build time so no pinyin
 * dictionary ever ships to browsers.
 */
export const SearchTerm = z.object({
  text: /*#__PURE__*/ z.string().check(z.minLength(1)),
  field: SearchField,
  pinyin: z.optional(z.array(z.string())),
});
export type SearchTerm = z.infer<typeof SearchTerm>;

/** A category as compiled for one city: its ancestor path and the services it holds there. */
export const CatalogCategory = z.object({
  ...Category.shape,
  /** Ids from the top-level domain down to this category. */
  path: /*#__PURE__*/ z.array(Slug).check(z.minLength(1)),
  /** Codes of the services in this category (and its descendants) in this city, most popular first. */
  services: z.array(Slug),
  search: z.array(SearchTerm),
});
export type CatalogCategory = z.infer<typeof CatalogCategory>;

/** The provider as a compiled service references it. */
export const ProviderSummary = z.pick(Provider, { id: true, name: true, classification: true, authority: true, operator: true, contact: true });
export type ProviderSummary = z.infer<typeof ProviderSummary>;

/** A service as one city offers it: the canonical service merged with its binding. */
export const CatalogService = z.object({
  ...z.omit(Service, { delivery: true, status: true, popularity: true }).shape,
  /** The canonical (standard) name; `name` is the local name when the city has one. */
  standardName: LocalizedText,
  entry: Entry,
  availability: Availability,
  status: ServiceStatus,
  provider: ProviderSummary,
  popularity: /*#__PURE__*/ z.int().check(z.gte(0), z.lte(100)),
  search: z.array(SearchTerm),
});
export type CatalogService = z.infer<typeof CatalogService>;

/** Data the search engine needs beyond the per-entry terms, all precomputed at build time. */
export const SearchData = z.object({
  /** Traditional → simplified characters for every character in the catalog's text. */
  hant: z.record(z.string(), z.string()),
  /** Toneless syllables of every Han character in the catalog's text (heteronyms keep all readings). */
  pinyin: z.record(z.string(), z.array(z.string())),
});
export type SearchData = z.infer<typeof SearchData>;

/** `catalogs/<city>.json`: everything one city's hub needs, ready for a CDN. */
export const CityCatalog = z.object({
  schemaVersion: z.string(),
  /** Content hash of this file's data (the HTTP ETag). */
  hash: z.string(),
  generatedAt: Timestamp,
  city: City,
  categories: z.array(CatalogCategory),
  topics: z.array(Topic),
  services: z.array(CatalogService),
  synonyms: z.array(SynonymEntry),
  searchData: SearchData,
});
export type CityCatalog = z.infer<typeof CityCatalog>;

/** One row of `cities.json`: the city and where its catalog is. */
export const CitiesIndexEntry = z.object({
  ...City.shape,
  catalog: z.object({
    /** Path relative to the index (`catalogs/440300.3f2a9c1e.json`). */
    path: z.string(),
    hash: z.string(),
    services: /*#__PURE__*/ z.int().check(z.gte(0)),
  }),
});
export type CitiesIndexEntry = z.infer<typeof CitiesIndexEntry>;

/** `cities.json`: the compiled index of every city. */
export const CitiesIndex = z.object({
  schemaVersion: z.string(),
  hash: z.string(),
  generatedAt: Timestamp,
  cities: z.array(CitiesIndexEntry),
});
export type CitiesIndex = z.infer<typeof CitiesIndex>;
