/**
 * WeChat Pay JSAPI (inside WeChat's in-app browser):
 * `WeixinJSBridge.invoke('getBrandWCPayRequest', params, cb)`; `cb({ err_msg })` with
 * `get_brand_wcpay_request:ok | cancel | fail`. WeChat documents that `ok` is not proof of payment: it only moves the
 * attempt to `verifying`, and the server decides.
 */
import { WechatPaymentParams, type Payment } from '@cityhub/schema';
import { CityHubError } from '../../errors.js';
import type { AdapterResult, PaymentAdapter } from '../types.js';
import { findBridge, firstCallback } from './bridge.js';

export interface WeixinJSBridgeLike {
  invoke(name: string, params: Record<string, string>, callback: (result: { err_msg?: string; errMsg?: string; err_desc?: string }) => void): void;
}

export interface WechatAdapterOptions {
  /** The bridge; default `globalThis.WeixinJSBridge` (waiting for `WeixinJSBridgeReady` in a page). */
  bridge?: () => WeixinJSBridgeLike | undefined;
  /** How long the payment sheet may stay open before the result counts as unknown. Default 10 minutes. */
  timeoutMs?: number;
  /** How long to wait for `WeixinJSBridgeReady`. Default 3 s. */
  readyTimeoutMs?: number;
}

/** Maps WeChat's `err_msg` to an adapter result. Anything unexpected is `unknown` (verify with the server). */
export function wechatResult(errMsg: string | undefined, detail?: string): AdapterResult {
  const code = errMsg ?? '';
  const suffix = code.split(':').pop()?.toLowerCase();
  if (suffix === 'ok') return { outcome: 'claimed_success', code };
  if (suffix === 'cancel') return { outcome: 'canceled', code };
  if (suffix === 'fail') return { outcome: 'failed', code, ...(detail ? { message: detail } : {}) };
  return { outcome: 'unknown', code };
}

export function wechatAdapter(options: WechatAdapterOptions = {}): PaymentAdapter {
  return {
    provider: 'wechat',
    available: () => Boolean(options.bridge ? options.bridge() : (globalThis as { WeixinJSBridge?: unknown }).WeixinJSBridge),
    async invoke(payment: Payment, context) {
      const parsed = WechatPaymentParams.safeParse(payment.params);
      if (!parsed.success) throw new CityHubError('provider_params', 'The payment has no WeChat Pay parameters');
      const { type: _type, ...params } = parsed.data;
      const bridge = await findBridge<WeixinJSBridgeLike>(options.bridge, 'WeixinJSBridge', 'WeixinJSBridgeReady', options.readyTimeoutMs ?? 3000, context.signal);
      return firstCallback<{ err_msg?: string; errMsg?: string; err_desc?: string }, AdapterResult>(
        (cb) => bridge.invoke('getBrandWCPayRequest', params, cb),
        (res) => wechatResult(res?.err_msg ?? res?.errMsg, res?.err_desc),
        options.timeoutMs ?? 600_000,
        () => ({ outcome: 'unknown', code: 'timeout' }),
        context.signal,
      );
    },
  };
}
