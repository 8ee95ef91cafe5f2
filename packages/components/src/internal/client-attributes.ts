import type { LitElement } from 'lit';
import type { HubClient } from '../context.js';

/** The attributes that let an element load its own data when no client comes from a property or context. */
export interface ClientAttributes {
  /** Base URL of a CityHub API (`api=""`: this page's origin). */
  api?: string | null;
  /** URL of a static `cities.json` on any CDN (catalogs are read from beside it). */
  catalogUrl?: string | null;
}

type Constructor<T> = new (...args: any[]) => T; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Adds `api` and `catalog-url` to a standalone element: `<city-service-grid api="" city="440300">` works with no
 * script. A client set as `.client` or provided by an ancestor (`hubClientContext`) wins.
 */
export function WithClientAttributes<T extends Constructor<LitElement>>(Base: T): T & Constructor<ClientAttributes> {
  class WithClient extends Base implements ClientAttributes {
    static properties = { api: {}, catalogUrl: { attribute: 'catalog-url' } };
    /** Base URL of a CityHub API, when no client is given (`api=""`: this page's origin). */
    declare api?: string | null;
    /** URL of a static `cities.json` on any CDN, when no client is given (catalogs are read from beside it). */
    declare catalogUrl?: string | null;
  }
  return WithClient;
}

const shared = new Map<string, Promise<HubClient>>();

/**
 * What tells one attribute configuration from another: `api=""` (this page's origin) is not the same as no `api`
 * (a removed attribute is `null`).
 */
export const clientKey = (api: string | null | undefined, catalogUrl: string | null | undefined): string =>
  `${api == null ? '-' : `=${api.trim()}`}\n${catalogUrl ?? ''}`;

/**
 * The client for an element's `api` / `catalog-url` attributes, or `undefined` when it has neither. Elements naming
 * the same configuration share one client (one cache, one set of in-flight requests). The SDK is loaded on first
 * use, so a page that passes its own client never loads it for this.
 */
export function attributeClient({ api, catalogUrl }: ClientAttributes): Promise<HubClient> | undefined {
  // (A removed attribute is `null`.)
  if (api == null && !catalogUrl) return undefined;
  const key = clientKey(api, catalogUrl);
  let client = shared.get(key);
  if (!client) {
    client = import('./client.js').then(({ createClient }) => createClient(api ?? undefined, catalogUrl ?? undefined));
    shared.set(key, client);
    // A failure (the SDK did not load, a bad URL) is not kept: Retry, or the next element, tries again.
    client.catch(() => {
      if (shared.get(key) === client) shared.delete(key);
    });
  }
  return client;
}
