/**
 * The sandbox payment provider: a stand-in for WeChat Pay / Alipay / a hosted payment page that lives inside the
 * reference server, with its own books (`sandbox_trades`) and its own durable notification outbox
 * (`sandbox_outbox`). It talks to the hub only the way a real provider does: answers to prepare / query / close
 * calls, and signed notifications POSTed to `/v1/payments/notify/{provider}`.
 *
 * Behaviour is deterministic by magic amounts: the fen part of the amount (`amount % 100`) picks a scenario,
 * see `MAGIC_FEN` and the server README.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { PaymentNotification, PaymentParams, PaymentProvider, ProviderTradeState } from '@cityhub/schema';
import type { PaymentStore, SandboxTrade } from '../store/index.js';

export type SandboxScenario =
  | 'success' | 'decline' | 'pending_polls' | 'pending_notify' | 'timeout' | 'client_claims' | 'noisy_notify';

/** `amount % 100` → scenario. Every other amount succeeds at once. */
export const MAGIC_FEN: Readonly<Record<number, SandboxScenario>> = {
  91: 'decline',
  92: 'pending_polls',
  93: 'pending_notify',
  94: 'timeout',
  95: 'client_claims',
  96: 'noisy_notify',
};

/** Queries after the user authorised before a `pending_polls` trade succeeds. */
export const POLLS_TO_SUCCESS = 3;

export function scenarioFor(amount: number): SandboxScenario {
  return MAGIC_FEN[amount % 100] ?? 'success';
}

/** The trade as the provider reports it to the hub. */
export interface TradeAnswer {
  tradeNo: string;
  state: ProviderTradeState;
  amount: number;
}

/** What the wallet (or hosted page) tells the client after the user acted. Not trustworthy: it is client-side. */
export interface WalletAnswer {
  tradeNo: string;
  paymentId: string;
  state: ProviderTradeState;
  result: 'ok' | 'cancel' | 'fail';
}

export interface SandboxProviderOptions {
  books: PaymentStore;
  /** Signs notifications and WeChat `paySign`. */
  secret: string;
  clock: () => Date;
  /** Delay before the first notification of a trade. Default 200 ms. */
  notifyDelayMs?: number;
}

export const SANDBOX_APP_ID = 'wx0sandbox0cityhub';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export function signNotification(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

export function createSandboxProvider(options: SandboxProviderOptions) {
  const { books, secret, clock } = options;
  const notifyDelayMs = options.notifyDelayMs ?? 200;
  const iso = () => clock().toISOString();

  const trade = (paymentId: string): SandboxTrade | undefined => books.getTradeByOutTradeNo(paymentId);

  function notification(t: SandboxTrade, state: ProviderTradeState, sequence: number, id = `ntf_${t.tradeNo}_${sequence}`) {
    const body: Omit<PaymentNotification, 'sentAt'> = {
      id, paymentId: t.outTradeNo, tradeNo: t.tradeNo, state, amount: { amount: t.amount, currency: 'CNY' }, sequence,
    };
    return body;
  }

  function enqueue(t: SandboxTrade, body: Omit<PaymentNotification, 'sentAt'>, afterMs: number) {
    books.enqueue({ notificationId: body.id, tradeNo: t.tradeNo, provider: t.provider, body: JSON.stringify(body), dueMs: Math.round(Date.now() + afterMs) });
  }

  /** Client-side parameters for the trade (never the secret). */
  function paramsFor(t: SandboxTrade, origin: string): PaymentParams {
    switch (t.provider) {
      case 'wechat': {
        const timeStamp = String(Math.floor(clock().getTime() / 1000));
        const nonceStr = randomBytes(12).toString('hex');
        const pkg = `prepay_id=${t.tradeNo}`;
        const paySign = createHmac('sha256', secret).update(`${SANDBOX_APP_ID}\n${timeStamp}\n${nonceStr}\n${pkg}\n`).digest('hex').toUpperCase();
        return { type: 'wechat', appId: SANDBOX_APP_ID, timeStamp, nonceStr, package: pkg, signType: 'HMAC-SHA256', paySign };
      }
      case 'alipay':
        return { type: 'alipay', tradeNO: t.tradeNo };
      case 'redirect':
        return { type: 'redirect', nextUrl: `${origin}/v1/sandbox/pay/${t.tradeNo}` };
      default:
        return { type: 'sandbox', tradeNo: t.tradeNo };
    }
  }

  return {
    /**
     * Unified order / prepay: creates the provider's trade for a payment (idempotent on the payment id, like
     * WeChat's `out_trade_no`) and returns the client parameters.
     */
    async prepare(input: { paymentId: string; provider: PaymentProvider; amount: number; origin: string }): Promise<{ tradeNo: string; params: PaymentParams }> {
      books.insertTrade({
        tradeNo: `SBX${randomBytes(12).toString('hex').toUpperCase()}`,
        outTradeNo: input.paymentId,
        provider: input.provider,
        amount: input.amount,
        currency: 'CNY',
        scenario: scenarioFor(input.amount),
        state: 'NOTPAY',
        at: iso(),
      });
      const t = trade(input.paymentId)!;
      return { tradeNo: t.tradeNo, params: paramsFor(t, input.origin) };
    },

    /** Order query by payment id. May never answer (the `timeout` scenario): callers bound it with a timeout. */
    async query(paymentId: string): Promise<TradeAnswer | undefined> {
      const t = trade(paymentId);
      if (!t) return undefined;
      if (t.hangNext) {
        // This answer never comes; the next query is answered normally.
        books.updateTrade(t.tradeNo, { hangNext: false }, iso());
        return new Promise<never>(() => {});
      }
      let state = t.state;
      if (t.scenario === 'pending_polls' && state === 'USERPAYING') {
        const queries = t.queries + 1;
        if (queries >= POLLS_TO_SUCCESS) {
          state = 'SUCCESS';
          books.updateTrade(t.tradeNo, { queries, state, captured: true }, iso());
        } else {
          books.updateTrade(t.tradeNo, { queries }, iso());
        }
      }
      // Settled trades of this scenario are only revealed by an acknowledged notification.
      if (t.scenario === 'pending_notify' && state === 'SUCCESS' && !t.notified) state = 'USERPAYING';
      return { tradeNo: t.tradeNo, state, amount: t.amount };
    },

    /** Close an unpaid trade (so it can never be paid later). A paid or paying trade stays as it is. */
    async close(paymentId: string): Promise<TradeAnswer | undefined> {
      const t = trade(paymentId);
      if (!t) return undefined;
      if (t.state === 'NOTPAY' || t.state === 'PAYERROR') {
        books.updateTrade(t.tradeNo, { state: 'CLOSED' }, iso());
        return { tradeNo: t.tradeNo, state: 'CLOSED', amount: t.amount };
      }
      const state = t.scenario === 'pending_notify' && t.state === 'SUCCESS' && !t.notified ? 'USERPAYING' : t.state;
      return { tradeNo: t.tradeNo, state, amount: t.amount };
    },

    /**
     * The user acting in the wallet app (or on the hosted page): `pay` or `cancel`. Returns what the wallet tells
     * the client — which, as in real life, is not proof of payment (the `client_claims` scenario says `ok` and
     * never pays).
     */
    wallet(tradeNo: string, action: 'pay' | 'cancel'): WalletAnswer | 'closed' | undefined {
      const t = books.getTrade(tradeNo);
      if (!t) return undefined;
      const answer = (state: ProviderTradeState, result: WalletAnswer['result']): WalletAnswer => ({ tradeNo, paymentId: t.outTradeNo, state, result });
      if (t.state === 'CLOSED') return 'closed';
      if (t.state === 'SUCCESS' || t.state === 'USERPAYING') return answer(t.state, 'ok');
      if (t.state === 'PAYERROR') return answer(t.state, 'fail');
      if (action === 'cancel') return answer(t.state, 'cancel');
      const at = iso();
      switch (t.scenario as SandboxScenario) {
        case 'decline':
          books.updateTrade(tradeNo, { state: 'PAYERROR' }, at);
          enqueue(t, notification(t, 'PAYERROR', 1), notifyDelayMs);
          return answer('PAYERROR', 'fail');
        case 'pending_polls':
          books.updateTrade(tradeNo, { state: 'USERPAYING', queries: 0 }, at);
          return answer('USERPAYING', 'ok');
        case 'pending_notify':
          books.updateTrade(tradeNo, { state: 'USERPAYING' }, at);
          enqueue(t, notification(t, 'SUCCESS', 1), notifyDelayMs);
          return answer('USERPAYING', 'ok');
        case 'timeout':
          books.updateTrade(tradeNo, { state: 'SUCCESS', captured: true, hangNext: true }, at);
          return answer('SUCCESS', 'ok');
        case 'client_claims':
          return answer('NOTPAY', 'ok');
        case 'noisy_notify': {
          books.updateTrade(tradeNo, { state: 'SUCCESS', captured: true }, at);
          const paid = notification(t, 'SUCCESS', 2);
          enqueue(t, paid, notifyDelayMs / 4);
          enqueue(t, paid, notifyDelayMs / 4 + 30); // the same notification delivered twice
          enqueue(t, notification(t, 'USERPAYING', 1), notifyDelayMs / 4 + 60); // an older one, late
          enqueue(t, notification(t, 'SUCCESS', 3), notifyDelayMs / 4 + 90); // a second success for the same trade
          return answer('SUCCESS', 'ok');
        }
        default:
          books.updateTrade(tradeNo, { state: 'SUCCESS', captured: true }, at);
          enqueue(t, notification(t, 'SUCCESS', 1), notifyDelayMs);
          return answer('SUCCESS', 'ok');
      }
    },

    /** Called by the outbox before a notification goes out: a `pending_notify` trade settles now. */
    beforeDelivery(tradeNo: string, body: Omit<PaymentNotification, 'sentAt'>): void {
      const t = books.getTrade(tradeNo);
      if (t && t.scenario === 'pending_notify' && body.state === 'SUCCESS' && t.state === 'USERPAYING') {
        books.updateTrade(tradeNo, { state: 'SUCCESS', captured: true }, iso());
      }
    },

    /** Called by the outbox when the hub acknowledged a notification with a 2xx. */
    acknowledged(tradeNo: string): void {
      books.updateTrade(tradeNo, { notified: true }, iso());
    },

    trade: (paymentId: string) => trade(paymentId),
    tradeByNumber: (tradeNo: string) => books.getTrade(tradeNo),
  };
}

export type SandboxProvider = ReturnType<typeof createSandboxProvider>;
