import type { CacheEntry, CatalogCache } from './types.js';

/** Data with where it came from and how current it is. */
export interface Cached<T> {
  data: T;
  /** True when the last attempt to refresh failed (offline, 5xx): show "last updated `updatedAt`". */
  stale: boolean;
  /** When the origin last confirmed this data (a 200 or a 304). */
  updatedAt: Date;
  source: 'network' | 'cache';
}

export type SwrFetchResult<T> = { notModified: true } | { notModified?: false; data: T; etag?: string };

/** The network step: fetch the document, conditionally on `previous` (its ETag or hash) when there is one. */
export type SwrFetch<T> = (previous: CacheEntry<T> | undefined, signal: AbortSignal | undefined) => Promise<SwrFetchResult<T>>;

export interface SwrResourceOptions<T> {
  key: string;
  cache: CatalogCache;
  now: () => Date;
  fetch: SwrFetch<T>;
  /** Re-checks data read from the persistent cache (it may be old or tampered with); throw to discard it. */
  revive: (data: unknown) => T;
  /** Skip background revalidation when the origin confirmed the data less than this many ms ago. Default 0. */
  recheckAfter?: number;
  /** Told about background refresh failures (the data is then served `stale`). */
  onError?: (error: unknown) => void;
}

export interface SwrGetOptions<T> {
  signal?: AbortSignal;
  /** Called after a background refresh when the data was replaced or its `stale` flag changed. */
  onUpdate?: (fresh: Cached<T>) => void;
}

const noop = () => undefined;

/**
 * One stale-while-revalidate document (the cities index, one city's catalog). A warm `get()` answers from the
 * cache before any request, then revalidates in the background; a cold one waits for the network.
 */
export class SwrResource<T> {
  readonly #options: SwrResourceOptions<T>;
  #current: CacheEntry<T> | undefined;
  #stale = false;
  #lastNetworkAt = Number.NEGATIVE_INFINITY;
  #loading: Promise<void> | undefined;
  #revalidating: Promise<Cached<T>> | undefined;
  #lastError: unknown;

  constructor(options: SwrResourceOptions<T>) {
    this.#options = options;
  }

  /** Why the last refresh failed, while the data is stale. */
  get lastError(): unknown {
    return this.#stale ? this.#lastError : undefined;
  }

  /** The cached entry without touching the network (reads the persistent cache once). */
  async peek(): Promise<CacheEntry<T> | undefined> {
    await (this.#loading ??= this.#load());
    return this.#current;
  }

  async get(options: SwrGetOptions<T> = {}): Promise<Cached<T>> {
    options.signal?.throwIfAborted();
    const current = await this.peek();
    options.signal?.throwIfAborted();
    if (!current) return this.#network(options.signal);
    const shown = this.#snapshot(current);
    // Data the origin confirmed a moment ago (several components asking at once) needs no new check.
    if (this.#options.now().getTime() - this.#lastNetworkAt < (this.#options.recheckAfter ?? 0)) return shown;
    // Revalidate after the caller has had the cached data (a macrotask later): it renders before any request.
    setTimeout(() => {
      this.revalidate().then((fresh) => {
        if (fresh.data !== shown.data || fresh.stale !== shown.stale) options.onUpdate?.(fresh);
      }, noop);
    }, 0);
    return shown;
  }

  /**
   * Asks the origin now (shared while one is in flight). With cached data it never rejects: a failure marks the
   * data stale and returns it. Without cached data it rejects with the error.
   */
  revalidate(): Promise<Cached<T>> {
    this.#revalidating ??= this.#network(undefined)
      .catch((error: unknown) => {
        if (!this.#current) throw error;
        this.#stale = true;
        this.#lastError = error;
        this.#options.onError?.(error);
        return this.#snapshot(this.#current);
      })
      .finally(() => {
        this.#revalidating = undefined;
      });
    return this.#revalidating;
  }

  /** Data the origin confirmed within `maxAge` ms in this session, else a revalidation (or cold fetch). */
  async fresh(maxAge: number, signal?: AbortSignal): Promise<Cached<T>> {
    const current = await this.peek();
    if (current && this.#options.now().getTime() - this.#lastNetworkAt <= maxAge) return this.#snapshot(current);
    return current ? this.revalidate() : this.#network(signal);
  }

  #snapshot(entry: CacheEntry<T>): Cached<T> {
    return { data: entry.data, stale: this.#stale, updatedAt: new Date(entry.storedAt), source: 'cache' };
  }

  async #load(): Promise<void> {
    const { cache, key, revive } = this.#options;
    let stored: CacheEntry | undefined;
    try {
      stored = await cache.get(key);
    } catch {
      stored = undefined;
    }
    if (!stored || this.#current) return;
    try {
      this.#current = { ...stored, data: revive(stored.data) };
    } catch {
      try {
        await cache.delete(key);
      } catch {
        // best-effort
      }
    }
  }

  async #network(signal: AbortSignal | undefined): Promise<Cached<T>> {
    const { cache, key, now, fetch } = this.#options;
    const previous = this.#current;
    const result = await fetch(previous, signal);
    const time = now().getTime();
    let next: CacheEntry<T>;
    if (result.notModified) {
      if (!previous) throw new Error('304 Not Modified without cached data');
      next = { ...previous, storedAt: time };
    } else {
      next = { data: result.data, storedAt: time, ...(result.etag ? { etag: result.etag } : {}) };
    }
    this.#current = next;
    this.#stale = false;
    this.#lastNetworkAt = time;
    try {
      await cache.set(key, next);
    } catch {
      // best-effort
    }
    return { data: next.data, stale: false, updatedAt: new Date(time), source: 'network' };
  }
}
