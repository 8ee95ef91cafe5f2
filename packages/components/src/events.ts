import type { Bill, CatalogCategory, CatalogService, City, FormValues, IdentityRequirement, Payment, SubmissionResult } from '@cityhub/schema';
import type { PayState } from '@cityhub/sdk';

/** Where a selection came from, so a shell can apply the right back-navigation rule. */
export type SelectionSource = 'grid' | 'search';

export interface CityServiceSelectDetail {
  service: CatalogService;
  /** The city code the service was shown for. */
  city: string;
  source: SelectionSource;
  /** The search text, when `source` is `search`. */
  query?: string;
}

export interface CityCategorySelectDetail {
  category: CatalogCategory;
  city: string;
  source: SelectionSource;
  query?: string;
}

export interface CityChangeDetail {
  city: City;
  /** How the user chose it. */
  source: 'list' | 'popular' | 'recent' | 'location';
}

export interface CitySubmitDetail {
  service: CatalogService;
  city: string;
  /** Values after `validateForm`: trimmed, parsed, plates normalised, amounts in integer fen. */
  values: FormValues;
}

export interface CitySubmissionCompleteDetail extends CitySubmitDetail {
  result: SubmissionResult;
}

export interface CityBillPayDetail {
  bill: Bill;
  result: SubmissionResult;
}

/** The API asked for sign-in or a higher verification level (see `<city-service-form>`). */
export interface CityIdentityRequiredDetail {
  service: CatalogService;
  city: string;
  /** What the service needs: `real-name` or `face`. */
  required: IdentityRequirement;
  /** `sign-in`: nobody is signed in (401); `level`: the verification level is too low (403). */
  reason: 'sign-in' | 'level';
}

/** Where a bill's payment stands, as `<city-payment>` shows it. */
export interface CityPaymentDetail {
  bill: Bill;
  state: PayState;
  /** The server's payment, when known. */
  payment?: Payment;
  paymentId?: string;
  /** What to quote to support: the payment id, else the bill reference. */
  reference: string;
  /** Machine-readable detail (`declined`, `user_canceled`, `not_confirmed`, `budget_exhausted`, …). */
  reason?: string;
}

/**
 * Every custom event the components dispatch. All bubble; none is `composed`: each is dispatched on the
 * component's own host element, so the page (or a shell that renders the component) hears it without the event
 * leaving any shadow root. A shell that wraps these components re-dispatches what its own host must see.
 */
export interface CityEventMap {
  'city-service-select': CustomEvent<CityServiceSelectDetail>;
  'city-category-select': CustomEvent<CityCategorySelectDetail>;
  'city-change': CustomEvent<CityChangeDetail>;
  'city-submit': CustomEvent<CitySubmitDetail>;
  'city-submission-complete': CustomEvent<CitySubmissionCompleteDetail>;
  'city-bill-pay': CustomEvent<CityBillPayDetail>;
  'city-identity-required': CustomEvent<CityIdentityRequiredDetail>;
  'city-payment-state': CustomEvent<CityPaymentDetail>;
  'city-payment-complete': CustomEvent<CityPaymentDetail>;
  'city-payment-failed': CustomEvent<CityPaymentDetail>;
  'city-payment-canceled': CustomEvent<CityPaymentDetail>;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends CityEventMap {}
}

type DetailOf<K extends keyof CityEventMap> = CityEventMap[K] extends CustomEvent<infer D> ? D : never;

/** Dispatches a typed CityHub event from `target`; returns false when a listener called `preventDefault()`. */
export function emit<K extends keyof CityEventMap>(
  target: EventTarget,
  type: K,
  detail: DetailOf<K>,
  options: { cancelable?: boolean } = {},
): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: false, cancelable: options.cancelable ?? false }));
}
