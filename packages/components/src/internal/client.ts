import { createCityHub, sandboxAdapter, type IdentityProvider } from '@cityhub/sdk';
import type { HubClient } from '../context.js';
import { sandboxWallet } from '../payment/wallet.js';

/** The API an `api` attribute names: its value, or this page's origin for `api=""` (may be relative to the page). */
export const apiBase = (api: string): string | undefined => api.trim() || globalThis.location?.origin;

/**
 * The SDK client an element creates from its `api` / `catalog-url` attributes (`api=""`: this page's origin). The
 * reference server's sandbox wallet is played inside `<city-payment>`.
 */
export function createClient(api: string | undefined, catalogUrl: string | undefined, identity?: IdentityProvider): HubClient {
  const base = api === undefined ? undefined : apiBase(api);
  return createCityHub({
    ...(base ? { api: base } : {}), ...(catalogUrl ? { catalogUrl } : {}), ...(identity ? { identity } : {}),
    payments: { adapters: { sandbox: sandboxAdapter({ action: sandboxWallet }) } },
  });
}
