/**
 * The client without payments: cities, catalogs (stale-while-revalidate), services, submissions, orders and search.
 * `@cityhub/sdk/core` exports it as `createCityHub`; `@cityhub/sdk`'s `createCityHub` (client.ts) adds `payments`.
 */
import {
  validateForm, type CatalogService, type CitiesIndex, type CitiesIndexEntry, type CityCatalog, type Order,
  type OrderList, type SubmissionResult,
} from '@cityhub/schema';
import { defaultCache, SwrResource, type CacheEntry, type Cached, type CatalogCache, type SwrFetchResult } from './cache/index.js';
import { CityHubError, HttpError, ValidationError } from './errors.js';
import { createHttp, type Http, type IdentityProvider } from './http/http.js';
import type { FetchFn } from './http/ky.js';
import type { RetryOptions } from './http/retry.js';
import {
  parseCatalogService, parseCitiesIndex, parseCityCatalog, parseOrder, parseOrderList, parseSubmissionResult,
  type InvalidItemHandler,
} from './parse.js';
import type { SearchIndex, SearchResults } from './search/index.js';

/** Options of the client without payments (`@cityhub/sdk/core`); `CityHubOptions` adds `payments`. */
export interface CityHubCoreOptions {
  /** Base URL of a CityHub API (`https://hub.example.cn/`); needed for `service`, `submit` and orders. */
  api?: string;
  /**
   * URL of a static `cities.json` on any CDN (as `cityhub catalog build` writes it). When set, cities and
   * catalogs are read from there, so browsing needs no server.
   */
  catalogUrl?: string;
  /** The fetch to use. Default `globalThis.fetch`. */
  fetch?: FetchFn;
  /** Where catalogs persist between sessions. Default: IndexedDB, else localStorage, else memory. */
  cache?: CatalogCache;
  /** The signed-in user's token, sent as `Authorization: Bearer` to the API origin only. */
  identity?: IdentityProvider;
  /** Per-attempt timeout in ms. Default 10 000. */
  timeout?: number;
  /** Retry limit, backoff (`base`, `cap`) and total deadline across attempts. */
  retry?: RetryOptions;
  /** Told about every list item dropped because it did not match the schema. */
  onInvalid?: InvalidItemHandler;
  /** The clock (tests pin it). */
  now?: () => Date;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface CachedCallOptions<T> extends CallOptions {
  /** Called after the background refresh when the data was replaced or became stale (or fresh again). */
  onUpdate?: (fresh: Cached<T>) => void;
}

export interface SubmitOptions extends CallOptions {
  /**
   * Reuse a key to retry the same logical submission yourself (the server replays its first answer).
   * Default: a new random key per `submit()` call, reused on its automatic retries.
   */
  idempotencyKey?: string;
}

export interface HubSearchOptions extends CallOptions {
  /** The city whose catalog to search. */
  city: string;
  limit?: number;
}


/**
 * A CityHub client without payments (`@cityhub/sdk/core`); `CityHub` adds `payments`. Every method takes
 * `{ signal }` and rejects with a `CityHubError` (or the abort reason).
 */
export interface CityHubCore {
  /** The cities index, stale-while-revalidate. */
  cities(options?: CachedCallOptions<CitiesIndex>): Promise<Cached<CitiesIndex>>;
  /** One city's catalog, stale-while-revalidate. */
  catalog(city: string, options?: CachedCallOptions<CityCatalog>): Promise<Cached<CityCatalog>>;
  /** One service as the city offers it (from the API, or the static catalog when there is no API). */
  service(city: string, code: string, options?: CallOptions): Promise<CatalogService>;
  /**
   * Validates `values` against the service's form locally (throws `ValidationError` before any submission
   * request), then POSTs them with an `Idempotency-Key`. Never cached.
   */
  submit(city: string, code: string, values: Record<string, unknown>, options?: SubmitOptions): Promise<SubmissionResult>;
  /** The signed-in user's orders. Never cached. */
  orders(options?: CallOptions): Promise<OrderList>;
  /** One order. Never cached. */
  order(id: string, options?: CallOptions): Promise<Order>;
  /** Searches a city's catalog (loaded like `catalog()`), one search index kept per catalog hash. */
  search(query: string, options: HubSearchOptions): Promise<SearchResults>;
}

/** What the payments add-on needs of a client: its HTTP layer and the API URL resolver. */
export interface HubInternals {
  http: Http;
  apiUrl: (path: string) => URL;
}

/** How recently the index must have been confirmed to decide whether a static catalog file changed. */
const INDEX_MAX_AGE = 5_000;
/** Warm reads within this many ms of the origin's last answer do not revalidate again. */
const RECHECK_AFTER = 2_000;
const SEARCH_INDEXES = 8;

function absoluteUrl(value: string, option: string): URL {
  const base = (globalThis as { location?: { href?: string } }).location?.href;
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    throw new TypeError(`createCityHub: \`${option}\` must be an absolute http(s) URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`createCityHub: \`${option}\` must be http(s)`);
  if (url.username || url.password) throw new TypeError(`createCityHub: \`${option}\` must not contain credentials`);
  return url;
}

const segment = (value: string) => encodeURIComponent(value);

/** Creates the client without payments, and the internals `createCityHub` builds `payments` on. */
export function createHub(options: CityHubCoreOptions): { hub: CityHubCore } & HubInternals {
  if (!options.api && !options.catalogUrl) throw new TypeError('createCityHub: give `api` and/or `catalogUrl`');
  const apiBase = options.api ? absoluteUrl(options.api.endsWith('/') ? options.api : `${options.api}/`, 'api') : undefined;
  const citiesUrl = options.catalogUrl ? absoluteUrl(options.catalogUrl, 'catalogUrl') : new URL('v1/cities', apiBase);
  const staticCatalogs = Boolean(options.catalogUrl);
  const now = options.now ?? (() => new Date());
  const cache = options.cache ?? defaultCache();
  const onInvalid = options.onInvalid;
  const http: Http = createHttp({
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(apiBase ? { apiOrigin: apiBase.origin } : {}),
    ...(options.identity ? { identity: options.identity } : {}),
  });
  const sourceId = staticCatalogs ? citiesUrl.href : apiBase?.href;

  const apiUrl = (path: string): URL => {
    if (!apiBase) throw new CityHubError('no_api', 'This call needs the `api` option');
    return new URL(path, apiBase);
  };

  /** Conditional GET of a document: 304 → not modified; 200 → parsed data and its ETag. */
  async function conditionalGet<T>(url: URL, previous: CacheEntry<T> | undefined, signal: AbortSignal | undefined, resource: string,
    parse: (body: unknown) => T): Promise<SwrFetchResult<T>> {
    const response = await http.request({
      method: 'GET', url, signal, resource,
      ...(previous?.etag ? { headers: { 'if-none-match': previous.etag } } : {}),
    });
    if (response.status === 304) {
      if (!previous) throw new CityHubError('protocol', `${resource}: 304 without a cached copy`);
      return { notModified: true };
    }
    const etag = response.headers.get('etag');
    return { data: parse(response.body), ...(etag ? { etag } : {}) };
  }

  const citiesResource = new SwrResource<CitiesIndex>({
    key: `v1|cities|${citiesUrl.href}`,
    cache,
    now,
    recheckAfter: RECHECK_AFTER,
    revive: (data) => parseCitiesIndex(data, 'cities', onInvalid),
    fetch: (previous, signal) => conditionalGet(citiesUrl, previous, signal, 'cities', (body) => parseCitiesIndex(body, 'cities', onInvalid)),
  });

  function findCity(index: CitiesIndex, city: string): CitiesIndexEntry {
    const entry = index.cities.find((c) => c.code === city);
    if (!entry) throw new CityHubError('not_found', `No city ${city} in the catalog`);
    return entry;
  }

  /** A static catalog file, which must live on the index's origin. */
  async function fetchCatalogFile(entry: CitiesIndexEntry, signal: AbortSignal | undefined, resource: string): Promise<SwrFetchResult<CityCatalog>> {
    const url = new URL(entry.catalog.path, citiesUrl);
    if (url.origin !== citiesUrl.origin) throw new CityHubError('invalid_catalog_path', `${resource}: catalog path leaves the index's origin`);
    return conditionalGet<CityCatalog>(url, undefined, signal, resource, (body) => parseCityCatalog(body, resource, onInvalid));
  }

  const catalogResources = new Map<string, SwrResource<CityCatalog>>();
  function catalogResource(city: string): SwrResource<CityCatalog> {
    let resource = catalogResources.get(city);
    if (resource) return resource;
    const name = `catalog:${city}`;
    const parse = (body: unknown) => parseCityCatalog(body, name, onInvalid);
    const fetch = staticCatalogs
      ? async (previous: CacheEntry<CityCatalog> | undefined, signal: AbortSignal | undefined): Promise<SwrFetchResult<CityCatalog>> => {
        if (previous) {
          // Revalidating: ask the (recently confirmed) index whether this city's catalog hash changed.
          const index = await citiesResource.fresh(INDEX_MAX_AGE, signal);
          if (index.stale) throw citiesResource.lastError ?? new CityHubError('stale', 'The cities index could not be refreshed');
          const entry = findCity(index.data, city);
          return entry.catalog.hash === previous.data.hash ? { notModified: true } : fetchCatalogFile(entry, signal, name);
        }
        const index = await citiesResource.get(signal ? { signal } : {});
        try {
          return await fetchCatalogFile(findCity(index.data, city), signal, name);
        } catch (error) {
          // A cached index may point at a catalog file the CDN no longer has: refresh the index once.
          const gone = (error instanceof HttpError && error.status === 404) || (error instanceof CityHubError && error.code === 'not_found');
          if (index.source !== 'cache' || !gone) throw error;
          const fresh = await citiesResource.revalidate();
          if (fresh.stale) throw error;
          return fetchCatalogFile(findCity(fresh.data, city), signal, name);
        }
      }
      : (previous: CacheEntry<CityCatalog> | undefined, signal: AbortSignal | undefined) =>
        conditionalGet(apiUrl(`v1/cities/${segment(city)}/catalog`), previous, signal, name, parse);
    resource = new SwrResource<CityCatalog>({ key: `v1|catalog|${sourceId}|${city}`, cache, now, recheckAfter: RECHECK_AFTER, revive: parse, fetch });
    catalogResources.set(city, resource);
    return resource;
  }

  const searchIndexes = new Map<string, SearchIndex>();

  async function service(city: string, code: string, options: CallOptions = {}): Promise<CatalogService> {
    if (!apiBase) {
      const { data } = await catalogResource(city).get(options);
      const found = data.services.find((s) => s.code === code);
      if (!found) throw new CityHubError('not_found', `No service ${code} in city ${city}`);
      return found;
    }
    const response = await http.request({
      method: 'GET', url: apiUrl(`v1/cities/${segment(city)}/services/${segment(code)}`), signal: options.signal, resource: 'service',
    });
    return parseCatalogService(response.body, 'service');
  }

  const hub: CityHubCore = {
    cities: (options = {}) => citiesResource.get(options),
    catalog: (city, options = {}) => catalogResource(city).get(options),
    service,

    async submit(city, code, values, options = {}) {
      const url = apiUrl(`v1/cities/${segment(city)}/services/${segment(code)}/submissions`);
      // The form comes from the cached catalog when we have it (no request at all), else from the API.
      const cached = (await catalogResource(city).peek())?.data.services.find((s) => s.code === code);
      const definition = cached ?? (await service(city, code, options));
      if (!definition.form) throw new CityHubError('not_submittable', `Service ${code} has no form to submit`);
      const checked = validateForm(definition.form, values, { now });
      if (!checked.ok) throw new ValidationError(checked.errors);
      const response = await http.request({
        method: 'POST', url, auth: true, signal: options.signal, resource: 'submission',
        json: { values: checked.values },
        idempotencyKey: options.idempotencyKey ?? uuid(),
      });
      return parseSubmissionResult(response.body, 'submission');
    },

    async orders(options = {}) {
      const response = await http.request({ method: 'GET', url: apiUrl('v1/orders'), auth: true, signal: options.signal, resource: 'orders' });
      return parseOrderList(response.body, 'orders', onInvalid);
    },

    async order(id, options = {}) {
      const response = await http.request({
        method: 'GET', url: apiUrl(`v1/orders/${segment(id)}`), auth: true, signal: options.signal, resource: 'order',
      });
      return parseOrder(response.body, 'order');
    },

    async search(query, options) {
      const { data } = await catalogResource(options.city).get(options.signal ? { signal: options.signal } : {});
      let index = searchIndexes.get(data.hash);
      if (!index) {
        // Loaded on first use: pages that never search never load the engine.
        const { createSearchIndex } = await import('./search/index.js');
        index = createSearchIndex(data);
        searchIndexes.set(data.hash, index);
        if (searchIndexes.size > SEARCH_INDEXES) searchIndexes.delete(searchIndexes.keys().next().value as string);
      }
      return index.search(query, options.limit === undefined ? {} : { limit: options.limit });
    },
  };
  return { hub, http, apiUrl };
}

/** A v4 UUID: `crypto.randomUUID()` where available (secure contexts), else built from `getRandomValues`. */
export function uuid(): string {
  const crypto = globalThis.crypto;
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
