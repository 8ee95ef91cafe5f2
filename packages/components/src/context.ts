import { createContext } from '@lit/context';
import type {
  CatalogCategory, CatalogService, CitiesIndex, CitiesIndexEntry, CityCatalog, FormValues, SubmissionResult,
} from '@cityhub/schema';
import type { Payments } from '@cityhub/sdk';

/**
 * The slice of the `@cityhub/sdk` client the components call. It is structural on purpose: the SDK's
 * `createCityHub()` satisfies it, and tests (or hosts with their own backend) can pass any object that does.
 */

/** A stale-while-revalidate answer: cached data may come first, then `onUpdate` with fresher data. */
export interface CachedResult<T> {
  data: T;
  /** True when the data could not be refreshed (offline, 5xx) and may be out of date. */
  stale: boolean;
  updatedAt: Date;
  source: 'network' | 'cache';
}

export interface LoadOptions<T> {
  signal?: AbortSignal;
  /** Called when a background refresh brings newer data after the first answer. */
  onUpdate?: (result: CachedResult<T>) => void;
}

/** The search term that matched: its field (`name`, `keyword`, `synonym`, …), its text, and the ranges to mark in it. */
export interface MatchedTerm {
  field: string;
  text: string;
  /** `[start, end)` UTF-16 offsets into `text`. */
  highlights?: ReadonlyArray<readonly [number, number]>;
}

/** One matched service (the SDK's `ServiceHit`). */
export interface ServiceHit {
  service: CatalogService;
  score: number;
  matched: MatchedTerm;
  /** `[start, end)` UTF-16 offsets into `service.name['zh-Hans']`; empty when only another term matched. */
  highlights: ReadonlyArray<readonly [number, number]>;
  /** Category path of the service, top-level domain first. */
  path: readonly CatalogCategory[];
}

/** A matching category with its services (Alipay-style: searching 社保 finds the whole 社会保障 branch). */
export interface CategoryHit {
  category: CatalogCategory;
  services: readonly CatalogService[];
  score?: number;
  matched?: MatchedTerm;
  /** `[start, end)` offsets into `category.name['zh-Hans']`. */
  highlights?: ReadonlyArray<readonly [number, number]>;
  /** Ancestors and the category itself, top-level domain first. */
  path?: readonly CatalogCategory[];
}

export interface SearchResults {
  query: string;
  services: readonly ServiceHit[];
  categories: readonly CategoryHit[];
  total: number;
}

export interface SearchOptions {
  city: string;
  limit?: number;
  signal?: AbortSignal;
}

export interface SubmitOptions {
  /** Reused on every retry of the same submission, so the provider acts on it once. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/** Everything a component may call. Each component only needs some of it (see `Pick<HubClient, …>` on its `client`). */
export interface HubClient {
  /** The city index (the SDK returns `CitiesIndex`; a bare list is accepted too). */
  cities(options?: LoadOptions<CitiesIndex>): Promise<CachedResult<CitiesIndex | readonly CitiesIndexEntry[]>>;
  catalog(city: string, options?: LoadOptions<CityCatalog>): Promise<CachedResult<CityCatalog>>;
  search(query: string, options: SearchOptions): SearchResults | Promise<SearchResults>;
  /**
   * Submits a service's form. Rejects with an error whose `fields` lists field problems (the SDK's
   * `ValidationError`, or an `HttpError` for `validation_failed`), or with `status` for other HTTP errors.
   */
  submit(city: string, code: string, values: FormValues, options?: SubmitOptions): Promise<SubmissionResult>;
  /** Payments of bills (the SDK's `hub.payments`); only `<city-payment>` uses it. */
  readonly payments?: PaymentsClient;
}

/** The slice of the SDK's `hub.payments` that `<city-payment>` calls. */
export type PaymentsClient = Pick<Payments, 'pay' | 'resume' | 'attempt' | 'inProgress' | 'list' | 'get' | 'extend' | 'providers'>;

/**
 * Provide the client once, on any ancestor (the hub shell, or a host's wrapper element with `ContextProvider`),
 * and every component below picks it up; or set `client` on a component directly.
 */
export const hubClientContext = createContext<Partial<HubClient> | undefined>(Symbol.for('cityhub.client'));

/** The city list from a `cities()` answer, whichever shape the client returned. */
export function citiesOf(data: CitiesIndex | readonly CitiesIndexEntry[]): readonly CitiesIndexEntry[] {
  return Array.isArray(data) ? (data as readonly CitiesIndexEntry[]) : (data as CitiesIndex).cities;
}
