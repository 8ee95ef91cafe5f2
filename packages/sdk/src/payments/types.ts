import type { Bill, LocalizedText, Money, Payment, PaymentProvider } from '@cityhub/schema';
import type { Http } from '../http/http.js';

/**
 * What the UI renders. `confirming`: amount, payee, bill reference and masked payer are shown for confirmation
 * (WCAG 3.3.4); `creating`: the payment is being created; `awaiting_user`: the wallet / hosted page is open;
 * `verifying`: the client asks the server what happened (after any client result, timeout or network error);
 * `pending`: verification ran out of time — show the reference and a "check again" action.
 */
export const PAY_STATES = [
  'idle', 'confirming', 'creating', 'awaiting_user', 'verifying', 'succeeded', 'failed', 'canceled', 'expired', 'pending',
] as const;
export type PayState = (typeof PAY_STATES)[number];

/** Where `pay()` / `resume()` can stop. */
export type PayOutcomeState = 'succeeded' | 'failed' | 'canceled' | 'expired' | 'pending' | 'awaiting_user' | 'idle';

/** What a wallet bridge or hosted page told the client. Never final: it only moves the attempt to `verifying`. */
export type AdapterOutcome = 'claimed_success' | 'unknown' | 'canceled' | 'failed' | 'navigated';

export interface AdapterResult {
  outcome: AdapterOutcome;
  /** The provider's own code (`get_brand_wcpay_request:fail`, Alipay `4000`, …). */
  code?: string;
  message?: string;
}

export interface PaymentAdapterContext {
  /** The SDK's HTTP layer (retries, deadline, credentials only to the API origin). */
  http: Http;
  /** Resolves a path against the hub API. */
  apiUrl: (path: string) => URL;
  signal?: AbortSignal;
}

/** One way to let the user authorise a payment. One file per provider under `adapters/`. */
export interface PaymentAdapter {
  readonly provider: PaymentProvider;
  /** Whether this adapter can run here (e.g. the WeChat bridge exists). Informational: `invoke` checks again. */
  available(): boolean;
  invoke(payment: Payment, context: PaymentAdapterContext): Promise<AdapterResult>;
}

/** The only thing persisted about a payment in progress (no secrets, no amounts, no personal data). */
export interface PersistedPayment {
  paymentId?: string;
  idempotencyKey: string;
  step: PersistedStep;
}
export type PersistedStep = 'creating' | 'awaiting_user' | 'verifying' | 'pending' | 'failed';

/** Where `{paymentId, idempotencyKey, step}` live across reloads, per bill id. */
export interface PaymentStore {
  get(billId: string): PersistedPayment | undefined | Promise<PersistedPayment | undefined>;
  set(billId: string, value: PersistedPayment): void | Promise<void>;
  delete(billId: string): void | Promise<void>;
  /** Bill ids with a payment in progress. */
  keys(): string[] | Promise<string[]>;
}

/** What the user confirms before paying (WCAG 3.3.4). */
export interface PaymentDetails {
  billId: string;
  amount: Money;
  payee: LocalizedText;
  /** The bill reference (decision number, account + period, card). */
  reference: string;
  description: LocalizedText;
  /** Masked (`粤B1***5`, `王* (0012****78)`). */
  payer?: string;
}

export interface PayResult {
  state: PayOutcomeState;
  /** The server's payment, when known. */
  payment?: Payment;
  paymentId?: string;
  /** What to quote to support: the payment id, else the bill reference. */
  reference: string;
  /** Machine-readable detail: `declined`, `user_canceled`, `not_confirmed`, `budget_exhausted`, `mismatch`, … */
  reason?: string;
  error?: unknown;
}

export interface VerifyOptions {
  /** The bill being paid: success requires the payment's bill id and amount to match it. */
  bill?: Bill;
  /** Total time for all polls. Default 30 s. */
  budgetMs?: number;
  /** First wait between polls (doubled each time, jittered). Default 500 ms. */
  baseMs?: number;
  /** Longest wait between polls. Default 4 s. */
  capMs?: number;
  signal?: AbortSignal;
}

export interface VerifyResult {
  state: 'succeeded' | 'failed' | 'canceled' | 'expired' | 'pending';
  payment?: Payment;
  paymentId: string;
  reference: string;
  reason?: string;
  /** Status requests made. */
  polls: number;
}
