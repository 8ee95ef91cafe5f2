/**
 * The client-side payment state machine the UI renders. Transitions are a table: an event that is not allowed in
 * the current state is ignored (and reported by `send` returning false), so late or duplicate callbacks can never
 * move a settled attempt.
 */
import type { Bill, Payment } from '@cityhub/schema';
import type { AdapterResult, PayOutcomeState, PayState } from './types.js';

export type PayEvent =
  /** A pay trigger; `confirm` when the user still has to confirm the details. */
  | { type: 'start'; confirm: boolean }
  | { type: 'confirmed' }
  | { type: 'confirm_rejected' }
  /** The server has the payment and the provider's parameters. */
  | { type: 'created'; payment: Payment }
  /** A definitive refusal before anything could be charged (unknown bill, bill paid elsewhere, bill changed). */
  | { type: 'rejected'; reason: string; error?: unknown }
  /** The wallet / hosted page answered (never final). */
  | { type: 'provider_result'; result: AdapterResult }
  /** A timeout or network error on a payment call. */
  | { type: 'uncertain'; error?: unknown }
  /** The server's verified answer, or `pending` when verification ran out of time. */
  | { type: 'settled'; state: Exclude<PayOutcomeState, 'idle' | 'awaiting_user'>; payment?: Payment; reason?: string }
  /** Back to the wallet with a live payment (resume before the user paid). */
  | { type: 'reopen'; payment: Payment }
  | { type: 'resume' }
  | { type: 'check_again' }
  | { type: 'reset' };

type Target = PayState | ((event: PayEvent) => PayState);

const RESTART: Target = (e) => ((e as { confirm?: boolean }).confirm ? 'confirming' : 'creating');
const settledTo: Target = (e) => (e as Extract<PayEvent, { type: 'settled' }>).state;

/** The transition table. */
export const PAY_TRANSITIONS: Readonly<Record<PayState, Partial<Record<PayEvent['type'], Target>>>> = {
  idle: { start: RESTART, resume: 'verifying' },
  confirming: { confirmed: 'creating', confirm_rejected: 'idle' },
  creating: { created: 'awaiting_user', rejected: 'failed', uncertain: 'verifying', settled: settledTo },
  // `start` again while the user is away (redirect, reopened after a reload): the same payment is reused.
  awaiting_user: { provider_result: 'verifying', uncertain: 'verifying', rejected: 'failed', resume: 'verifying', start: RESTART },
  verifying: { settled: settledTo, reopen: 'awaiting_user', created: 'awaiting_user' },
  succeeded: { reset: 'idle' },
  failed: { start: RESTART, resume: 'verifying', reset: 'idle' },
  canceled: { start: RESTART, resume: 'verifying', reset: 'idle' },
  expired: { start: RESTART, resume: 'verifying', reset: 'idle' },
  // "Check again", or pay again: the persisted key replays the same payment, so neither can charge twice.
  pending: { check_again: 'verifying', resume: 'verifying', start: RESTART, reset: 'idle' },
};

/** The next state, or `undefined` when the event is not allowed now. */
export function nextPayState(state: PayState, event: PayEvent): PayState | undefined {
  const target = PAY_TRANSITIONS[state][event.type];
  if (target === undefined) return undefined;
  return typeof target === 'function' ? target(event) : target;
}

export interface PaymentSnapshot {
  state: PayState;
  billId: string;
  bill?: Bill;
  payment?: Payment;
  paymentId?: string;
  /** What to quote to support: the payment id, else the bill reference. */
  reference?: string;
  reason?: string;
  /** The last client-side provider result (informational; never decides the outcome). */
  providerResult?: AdapterResult;
  error?: unknown;
}

export type PaymentListener = (snapshot: PaymentSnapshot, event: PayEvent) => void;

/** One bill's payment attempt as the UI sees it: a snapshot and a subscription. */
export class PaymentAttempt {
  #snapshot: PaymentSnapshot;
  readonly #listeners = new Set<PaymentListener>();
  /** Every transition taken, for diagnostics and tests. */
  readonly history: Array<{ from: PayState; to: PayState; event: PayEvent['type'] }> = [];

  constructor(billId: string, bill?: Bill) {
    this.#snapshot = { state: 'idle', billId, ...(bill ? { bill, reference: bill.reference } : {}) };
  }

  get state(): PayState {
    return this.#snapshot.state;
  }

  get snapshot(): PaymentSnapshot {
    return this.#snapshot;
  }

  subscribe(listener: PaymentListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Applies an event; false (and nothing changes) when the table does not allow it in the current state. */
  send(event: PayEvent): boolean {
    const from = this.#snapshot.state;
    const to = nextPayState(from, event);
    if (to === undefined) return false;
    const next: PaymentSnapshot = { ...this.#snapshot, state: to };
    switch (event.type) {
      case 'created':
      case 'reopen':
        next.payment = event.payment;
        next.paymentId = event.payment.id;
        next.reference = event.payment.id;
        break;
      case 'settled':
        if (event.payment) {
          next.payment = event.payment;
          next.paymentId = event.payment.id;
          next.reference = event.payment.id;
        }
        next.reason = event.reason;
        break;
      case 'rejected':
        next.reason = event.reason;
        next.error = event.error;
        break;
      case 'provider_result':
        next.providerResult = event.result;
        break;
      case 'uncertain':
        next.error = event.error;
        break;
      case 'start':
        delete next.reason;
        delete next.error;
        delete next.providerResult;
        break;
      default:
        break;
    }
    this.#snapshot = next;
    this.history.push({ from, to, event: event.type });
    for (const listener of this.#listeners) listener(next, event);
    return true;
  }

  /** Attach what the attempt learned without changing state (a payment id known while verifying). */
  note(fields: Partial<Pick<PaymentSnapshot, 'bill' | 'payment' | 'paymentId' | 'reference'>>): void {
    this.#snapshot = { ...this.#snapshot, ...fields };
  }
}
