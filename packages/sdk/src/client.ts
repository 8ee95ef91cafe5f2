import { createHub, type CityHubCore, type CityHubCoreOptions } from './hub.js';
import { createPayments, type Payments, type PaymentsOptions } from './payments/payments.js';

export {
  uuid, type CallOptions, type CachedCallOptions, type CityHubCore, type CityHubCoreOptions, type HubSearchOptions, type SubmitOptions,
} from './hub.js';

export interface CityHubOptions extends CityHubCoreOptions {
  /** Payments: where the in-progress record persists, provider adapters, verification budget. */
  payments?: PaymentsOptions;
}

/** A CityHub client. Every method takes `{ signal }` and rejects with a `CityHubError` (or the abort reason). */
export interface CityHub extends CityHubCore {
  /** Payments of bills: `pay()`, `resume()`, `verify()` and the building blocks. Never cached. Needs `api`. */
  readonly payments: Payments;
}

/** Creates a CityHub client. Give it `api`, `catalogUrl`, or both. */
export function createCityHub(options: CityHubOptions): CityHub {
  const { hub, http, apiUrl } = createHub(options);
  let payments: Payments | undefined;
  return Object.defineProperty(hub, 'payments', {
    get: () => (payments ??= createPayments({ http, apiUrl, ...(options.onInvalid ? { onInvalid: options.onInvalid } : {}) }, options.payments)),
    enumerable: true,
    configurable: true,
  }) as CityHub;
}
