/**
 * Hosted payment page (GOV.UK Pay style): the browser goes to the payment's `nextUrl`; the provider sends the user
 * back to the payment's `returnUrl` (`?payment=<id>`), where `hub.payments.resume(bill)` verifies with the server.
 * The URL passes `safeUrl` (https, or http on localhost; optional host allowlist) before anything navigates.
 */
import { RedirectPaymentParams, safeUrl, type Payment } from '@cityhub/schema';
import { CityHubError } from '../../errors.js';
import type { PaymentAdapter } from '../types.js';

export interface RedirectAdapterOptions {
  /** Leaves the page. Default `location.assign(url)`. */
  navigate?: (url: string) => void | Promise<void>;
  /** Hosts the hosted page may be on (and their subdomains). */
  allowedHosts?: readonly string[];
}

export function redirectAdapter(options: RedirectAdapterOptions = {}): PaymentAdapter {
  const navigate = options.navigate ?? ((url: string) => {
    const location = (globalThis as { location?: { assign(url: string): void } }).location;
    if (!location) throw new CityHubError('provider_unavailable', 'No browser location to navigate; pass `navigate`');
    location.assign(url);
  });
  return {
    provider: 'redirect',
    available: () => Boolean(options.navigate) || Boolean((globalThis as { location?: unknown }).location),
    async invoke(payment: Payment) {
      const params = payment.params as { type?: string; nextUrl?: unknown } | undefined;
      if (params?.type !== 'redirect') throw new CityHubError('provider_params', 'The payment has no hosted page');
      const parsed = RedirectPaymentParams.safeParse(params);
      const url = parsed.success ? safeUrl(parsed.data.nextUrl, options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}) : null;
      if (!url) return { outcome: 'failed', code: 'unsafe_url', message: 'The payment page URL was refused' };
      await navigate(url);
      return { outcome: 'navigated' };
    },
  };
}
