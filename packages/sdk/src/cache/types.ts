/** One cached document: the parsed data, its validator and when the origin last confirmed it. */
export interface CacheEntry<T = unknown> {
  data: T;
  /** The `ETag` the data came with, for `If-None-Match`. */
  etag?: string;
  /** Epoch ms of the last 200 or 304 for this data. */
  storedAt: number;
}

/**
 * Where catalogs and the cities index are kept between sessions. Methods may be sync or async. Implementations
 * are best-effort: a failed write must not fail a request. Only public catalog data is ever stored here —
 * never tokens, submissions, orders or payment status.
 */
export interface CatalogCache {
  get(key: string): Promise<CacheEntry | undefined> | CacheEntry | undefined;
  set(key: string, entry: CacheEntry): Promise<void> | void;
  delete(key: string): Promise<void> | void;
}

export function isCacheEntry(value: unknown): value is CacheEntry {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return 'data' in v && typeof v.storedAt === 'number' && Number.isFinite(v.storedAt) && (v.etag === undefined || typeof v.etag === 'string');
}
