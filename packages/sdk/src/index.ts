/**
 * @cityhub/sdk — the typed CityHub client. Runs unchanged in browsers and Node (only `fetch`, `AbortSignal`,
 * timers, and — when present — IndexedDB or localStorage for the catalog cache).
 *
 * ```ts
 * import { createCityHub } from '@cityhub/sdk';
 * const hub = createCityHub({ api: 'https://hub.example.cn/' });
 * const { data, stale, updatedAt } = await hub.catalog('440300', { onUpdate: (fresh) => render(fresh.data) });
 * ```
 *
 * Everything of `@cityhub/sdk/core` (errors, caches, HTTP layer, parsers, search), with the client that has
 * `hub.payments`, and the payments building blocks.
 */
export * from './core.js';

/** The client: `createCityHub(options)` (this one, with `payments`, replaces the core's) and its types. */
export { createCityHub, type CityHub, type CityHubOptions } from './client.js';

/** Payments (`hub.payments`): state machine, stores, provider adapters (sandbox, WeChat, Alipay, redirect). */
export * from './payments/index.js';
