import { createCityHub, sandboxAdapter, type IdentityProvider } from '@cityhub/sdk';
import type { HubClient } from '../context.js';
import { sandboxWallet } from '../payment/wallet.js';

/**
 * The SDK client an element creates from its `api` / `catalog-url` attributes (`api=""`: this page's origin). The
 * reference server's sandbox wallet is played inside `<city-payment>`.
 */
export function createClient(api: string | undefined, catalogUrl: string | undefined, identity?: IdentityProvider): HubClient {
  const base = api === undefined ? undefined : api.trim() || globalThis.location?.origin;
  return createCityHub({
    ...(base ? { api: base } : {}), ...(catalogUrl ? { catalogUrl } : {}), ...(identity ? { identity } : {}),
    payments: { adapters: { sandbox: sandboxAdapter({ action: sandboxWallet }) } },
  });
}
