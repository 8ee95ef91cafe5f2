/**
 * Alipay JSAPI (inside Alipay's in-app browser): `AlipayJSBridge.call('tradePay', { tradeNO }, cb)`;
 * `cb({ resultCode })`. Alipay documents 9000 as "success" on the client only, 8000 (processing) and 6004 (result
 * unknown) as unknown, 6001 as user cancel, 6002 as a network error, 4000 as failure. None of them is final.
 */
import { AlipayPaymentParams, type Payment } from '@cityhub/schema';
import { CityHubError } from '../../errors.js';
import type { AdapterResult, PaymentAdapter } from '../types.js';
import { findBridge, firstCallback } from './bridge.js';

export interface AlipayJSBridgeLike {
  call(name: string, params: Record<string, string>, callback: (result: { resultCode?: string | number; memo?: string }) => void): void;
}

export interface AlipayAdapterOptions {
  /** The bridge; default `globalThis.AlipayJSBridge` (waiting for `AlipayJSBridgeReady` in a page). */
  bridge?: () => AlipayJSBridgeLike | undefined;
  /** Default 10 minutes. */
  timeoutMs?: number;
  /** Default 3 s. */
  readyTimeoutMs?: number;
}

/** Alipay `resultCode` → adapter result. */
export function alipayResult(resultCode: string | number | undefined, memo?: string): AdapterResult {
  const code = resultCode === undefined ? '' : String(resultCode);
  const detail = memo ? { message: memo } : {};
  switch (code) {
    case '9000':
      return { outcome: 'claimed_success', code, ...detail };
    case '6001':
      return { outcome: 'canceled', code, ...detail };
    case '4000':
      return { outcome: 'failed', code, ...detail };
    // 8000 processing, 6004 unknown, 6002 network error, 5000 duplicate request, anything else: ask the server.
    default:
      return { outcome: 'unknown', code, ...detail };
  }
}

export function alipayAdapter(options: AlipayAdapterOptions = {}): PaymentAdapter {
  return {
    provider: 'alipay',
    available: () => Boolean(options.bridge ? options.bridge() : (globalThis as { AlipayJSBridge?: unknown }).AlipayJSBridge),
    async invoke(payment: Payment, context) {
      const parsed = AlipayPaymentParams.safeParse(payment.params);
      if (!parsed.success) throw new CityHubError('provider_params', 'The payment has no Alipay parameters');
      const bridge = await findBridge<AlipayJSBridgeLike>(options.bridge, 'AlipayJSBridge', 'AlipayJSBridgeReady', options.readyTimeoutMs ?? 3000, context.signal);
      return firstCallback<{ resultCode?: string | number; memo?: string }, AdapterResult>(
        (cb) => bridge.call('tradePay', { tradeNO: parsed.data.tradeNO }, cb),
        (res) => alipayResult(res?.resultCode, res?.memo),
        options.timeoutMs ?? 600_000,
        () => ({ outcome: 'unknown', code: 'timeout' }),
        context.signal,
      );
    },
  };
}
