/**
 * The sandbox wallet: plays the user's part at the reference server's sandbox provider
 * (`POST /v1/sandbox/wallet/{tradeNo}` with `pay` or `cancel`). What it reports is what a wallet would report to
 * the client — not proof of payment (the server's magic amount 0.95 says `ok` and never pays).
 */
import { SandboxPaymentParams, type Payment } from '@cityhub/schema';
import { CityHubError, HttpError, isCityHubError } from '../../errors.js';
import type { PaymentAdapter, PaymentAdapterContext } from '../types.js';

export interface SandboxAdapterOptions {
  /** What the simulated user does. Default: pays. */
  action?: (payment: Payment) => 'pay' | 'cancel' | Promise<'pay' | 'cancel'>;
}

function newKey(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  return [...c.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function sandboxAdapter(options: SandboxAdapterOptions = {}): PaymentAdapter {
  return {
    provider: 'sandbox',
    available: () => true,
    async invoke(payment: Payment, context: PaymentAdapterContext) {
      const parsed = SandboxPaymentParams.safeParse(payment.params);
      if (!parsed.success) throw new CityHubError('provider_params', 'The payment has no sandbox parameters');
      const action = options.action ? await options.action(payment) : 'pay';
      try {
        const response = await context.http.request({
          method: 'POST',
          url: context.apiUrl(`v1/sandbox/wallet/${encodeURIComponent(parsed.data.tradeNo)}`),
          json: { action },
          idempotencyKey: newKey(),
          resource: 'sandbox-wallet',
          ...(context.signal ? { signal: context.signal } : {}),
        });
        const result = (response.body as { result?: unknown } | undefined)?.result;
        if (result === 'ok') return { outcome: 'claimed_success', code: 'ok' };
        if (result === 'cancel') return { outcome: 'canceled', code: 'cancel' };
        if (result === 'fail') return { outcome: 'failed', code: 'fail' };
        return { outcome: 'unknown', code: String(result) };
      } catch (error) {
        if (error instanceof HttpError && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429) {
          return { outcome: 'failed', code: error.code };
        }
        if (isCityHubError(error)) return { outcome: 'unknown', code: error.code };
        throw error;
      }
    },
  };
}
