import type { CatalogCategory, CatalogService, CitiesIndex, CityCatalog, FormValues, SubmissionResult } from '@cityhub/schema';
import type { CachedResult, CategoryHit, HubClient, LoadOptions, SearchOptions, SearchResults, ServiceHit, SubmitOptions } from '../../src/context.js';

export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** An HTTP-like error as the SDK throws it (`status`, optional field problems). */
export class FakeHttpError extends Error {
  constructor(readonly status: number, readonly fields: Array<{ field: string; reason: string; message: string }> = []) {
    super(`HTTP ${status}`);
  }
}

/**
 * An in-memory `HubClient` over fixture catalogs. Tests steer it: `gate` holds every answer until resolved,
 * `failNext` makes the next N calls reject, `stale` marks answers as cached and out of date.
 */
export class FakeHubClient implements HubClient {
  readonly catalogs = new Map<string, CityCatalog>();
  citiesIndex?: CitiesIndex;
  gate?: Promise<void>;
  failNext = 0;
  stale = false;
  updatedAt = new Date('2026-11-20T08:30:00+08:00');
  readonly calls: { cities: number; catalog: string[]; search: Array<{ query: string; city: string }>; submit: Array<{ city: string; code: string; values: FormValues; options?: SubmitOptions }> } =
    { cities: 0, catalog: [], search: [], submit: [] };
  /** Last `onUpdate` callback handed to `catalog()`, to simulate a background refresh. */
  onCatalogUpdate?: (result: CachedResult<CityCatalog>) => void;
  submitHandler: (city: string, code: string, values: FormValues) => Promise<SubmissionResult> | SubmissionResult = () => {
    throw new Error('no submit handler');
  };

  constructor(catalogs: CityCatalog[] = [], cities?: CitiesIndex) {
    for (const catalog of catalogs) this.catalogs.set(catalog.city.code, catalog);
    this.citiesIndex = cities;
  }

  private async answer<T>(value: () => T, signal?: AbortSignal): Promise<T> {
    if (this.gate) await this.gate;
    if (signal?.aborted) throw signal.reason;
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new FakeHttpError(503);
    }
    return value();
  }

  private wrap<T>(data: T): CachedResult<T> {
    return { data, stale: this.stale, updatedAt: this.updatedAt, source: this.stale ? 'cache' : 'network' };
  }

  async cities(options: LoadOptions<CitiesIndex> = {}): Promise<CachedResult<CitiesIndex>> {
    this.calls.cities += 1;
    return this.answer(() => {
      if (!this.citiesIndex) throw new FakeHttpError(404);
      return this.wrap(this.citiesIndex);
    }, options.signal);
  }

  async catalog(city: string, options: LoadOptions<CityCatalog> = {}): Promise<CachedResult<CityCatalog>> {
    this.calls.catalog.push(city);
    this.onCatalogUpdate = options.onUpdate;
    return this.answer(() => {
      const catalog = this.catalogs.get(city);
      if (!catalog) throw new FakeHttpError(404);
      return this.wrap(catalog);
    }, options.signal);
  }

  async search(query: string, options: SearchOptions): Promise<SearchResults> {
    this.calls.search.push({ query, city: options.city });
    return this.answer(() => naiveSearch(this.catalogs.get(options.city), query, options.limit), options.signal);
  }

  async submit(city: string, code: string, values: FormValues, options?: SubmitOptions): Promise<SubmissionResult> {
    this.calls.submit.push({ city, code, values, ...(options ? { options } : {}) });
    if (this.gate) await this.gate;
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new FakeHttpError(503);
    }
    return this.submitHandler(city, code, values);
  }
}

/** Where `q` occurs in `text` (case-insensitive), as the SDK reports highlight ranges. */
function ranges(text: string, q: string): Array<[number, number]> {
  const start = text.toLowerCase().indexOf(q);
  return start < 0 ? [] : [[start, start + q.length]];
}

/**
 * A tiny substring search with the SDK's result shape and highlight semantics (hit `highlights` index the
 * simplified-Chinese name; `matched.highlights` index the matched term). The real engine lives in the SDK.
 */
export function naiveSearch(catalog: CityCatalog | undefined, query: string, limit = 20): SearchResults {
  const q = query.trim().toLowerCase();
  if (!catalog || !q) return { query, services: [], categories: [], total: 0 };
  const categoryById = new Map(catalog.categories.map((c) => [c.id, c]));
  const pathOf = (ids: readonly string[]): CatalogCategory[] => ids.map((id) => categoryById.get(id)).filter((c): c is CatalogCategory => !!c);
  const serviceByCode = new Map(catalog.services.map((s) => [s.code, s]));
  const categories: CategoryHit[] = [];
  for (const category of catalog.categories) {
    const term = category.search.find((t) => t.text.toLowerCase().includes(q));
    if (!term) continue;
    categories.push({
      category,
      services: category.services.map((code) => serviceByCode.get(code)).filter((s): s is CatalogService => !!s),
      score: 1,
      matched: { field: term.field, text: term.text, highlights: ranges(term.text, q) },
      highlights: ranges(category.name['zh-Hans'], q),
      path: pathOf(category.path),
    });
  }
  const services: ServiceHit[] = [];
  for (const service of catalog.services) {
    const term = service.search.find((t) => t.text.toLowerCase().includes(q));
    if (!term) continue;
    const leaf = categoryById.get(service.categories[0] ?? '');
    services.push({
      service, score: service.popularity, matched: { field: term.field, text: term.text, highlights: ranges(term.text, q) },
      highlights: ranges(service.name['zh-Hans'], q), path: pathOf(leaf?.path ?? []),
    });
  }
  services.sort((a, b) => b.score - a.score);
  const limited = services.slice(0, limit);
  return { query, services: limited, categories, total: limited.length + categories.length };
}
