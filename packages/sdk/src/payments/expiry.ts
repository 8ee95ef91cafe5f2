/**
 * Time limits (WCAG 2.2.1): warn at least 20 s before an unpaid payment expires, so the user can extend it
 * (`hub.payments.extend(id)`, allowed at least ten times by the server).
 */
import type { Payment } from '@cityhub/schema';

export interface ExpiryWatchOptions {
  /** How long before expiry to warn. Default 20 000 ms (the minimum WCAG 2.2.1 asks for); never less than 20 s. */
  warnBeforeMs?: number;
  /** Called once, with the ms left, when the warning time is reached (at once if already inside it). */
  onWarn: (msLeft: number) => void;
  /** Called once when the time is up (verify with the server: the payment may still have been paid). */
  onExpire?: () => void;
  now?: () => number;
}

const MIN_WARNING = 20_000;
const MAX_TIMER = 2_147_483_647;

/** Milliseconds until the payment expires (negative when past). */
export function msUntilExpiry(payment: Pick<Payment, 'expiresAt'>, now: number = Date.now()): number {
  return Date.parse(payment.expiresAt) - now;
}

/** Schedules the warning and the expiry callbacks; returns a function that cancels both. Re-watch after `extend`. */
export function watchExpiry(payment: Pick<Payment, 'expiresAt' | 'status'>, options: ExpiryWatchOptions): () => void {
  if (payment.status !== 'created' && payment.status !== 'awaiting_user') return () => undefined;
  const now = options.now ?? Date.now;
  const warnBefore = Math.max(MIN_WARNING, options.warnBeforeMs ?? MIN_WARNING);
  const left = msUntilExpiry(payment, now());
  const timers: ReturnType<typeof setTimeout>[] = [];
  const warnIn = Math.max(0, left - warnBefore);
  timers.push(setTimeout(() => options.onWarn(Math.max(0, msUntilExpiry(payment, now()))), Math.min(warnIn, MAX_TIMER)));
  if (options.onExpire) timers.push(setTimeout(options.onExpire, Math.min(Math.max(0, left), MAX_TIMER)));
  return () => timers.forEach(clearTimeout);
}
