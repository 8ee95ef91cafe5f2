import * as z from 'zod/mini';
import { Bill, Payee } from './api.js';
import { HttpsUrl, LocalizedText, Money, Timestamp } from './common.js';

/**
 * Payments of bills. Amounts are integer fen end to end. A payment moves through one server-side state machine:
 *
 *   created → awaiting_user → processing → succeeded | failed | canceled | expired
 *
 * `created`: the hub has the payment but not yet the provider's trade; `awaiting_user`: the provider's parameters
 * are ready and the user is asked to authorise in the wallet (or on the redirect page); `processing`: the client
 * said the user authorised and the provider decides. Only the server (provider query or signed notification)
 * ever moves a payment to `succeeded`; terminal states never change again.
 */

/** How the user authorises: the sandbox wallet, WeChat Pay JSAPI, Alipay JSAPI, or a hosted page (redirect). */
export const PAYMENT_PROVIDERS = ['sandbox', 'wechat', 'alipay', 'redirect'] as const;
export const PaymentProvider = z.enum(PAYMENT_PROVIDERS);
export type PaymentProvider = z.infer<typeof PaymentProvider>;

export const PAYMENT_STATUSES = ['created', 'awaiting_user', 'processing', 'succeeded', 'failed', 'canceled', 'expired'] as const;
export const PaymentStatus = z.enum(PAYMENT_STATUSES);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

/** States a payment never leaves. */
export const FINAL_PAYMENT_STATUSES = ['succeeded', 'failed', 'canceled', 'expired'] as const satisfies readonly PaymentStatus[];
export type FinalPaymentStatus = (typeof FINAL_PAYMENT_STATUSES)[number];
/** States in which a payment still holds its bill (a second payment of the same bill is refused). */
export const LIVE_PAYMENT_STATUSES = ['created', 'awaiting_user', 'processing'] as const satisfies readonly PaymentStatus[];

export function isFinalPaymentStatus(status: PaymentStatus): status is FinalPaymentStatus {
  return (FINAL_PAYMENT_STATUSES as readonly string[]).includes(status);
}

/** The server's state machine: which status may follow which. Anything else is refused. */
export const PAYMENT_TRANSITIONS: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  created: ['awaiting_user', 'failed', 'canceled', 'expired'],
  // A signed notification may report success before the client's confirm arrives.
  awaiting_user: ['processing', 'succeeded', 'failed', 'canceled', 'expired'],
  // The provider decides; `expired` only after the provider confirmed the user never paid and the trade was closed.
  processing: ['succeeded', 'failed', 'expired'],
  succeeded: [],
  failed: [],
  canceled: [],
  expired: [],
};

export function canTransition(from: PaymentStatus, to: PaymentStatus): boolean {
  return PAYMENT_TRANSITIONS[from].includes(to);
}

/** One entry of a payment's timeline. Extensions of the time limit are recorded with the unchanged status. */
export const PaymentEvent = z.object({
  status: PaymentStatus,
  at: Timestamp,
  /** Who caused it: the client (confirm, cancel, extend), the provider (query answer or signed notification), the server (expiry). */
  source: z.enum(['client', 'provider', 'notification', 'server']),
  /** Machine-readable reason: `created`, `prepared`, `confirmed`, `paid`, `declined`, `user_canceled`, `expired`, `extended`. */
  reason: z.optional(/*#__PURE__*/ z.string().check(z.maxLength(64))),
});
export type PaymentEvent = z.infer<typeof PaymentEvent>;

/** What the sandbox wallet needs: the provider's trade number. */
export const SandboxPaymentParams = z.object({ type: z.literal('sandbox'), tradeNo: /*#__PURE__*/ z.string().check(z.minLength(1), z.maxLength(64)) });

/**
 * WeChat Pay JSAPI parameters for `WeixinJSBridge.invoke('getBrandWCPayRequest', …)`, signed by the server
 * (`paySign`); the merchant key never leaves the server.
 */
export const WechatPaymentParams = z.object({
  type: z.literal('wechat'),
  appId: /*#__PURE__*/ z.string().check(z.minLength(1), z.maxLength(64)),
  timeStamp: /*#__PURE__*/ z.string().check(z.regex(/^\d{1,12}$/)),
  nonceStr: /*#__PURE__*/ z.string().check(z.minLength(1), z.maxLength(64)),
  /** `prepay_id=…` */
  package: /*#__PURE__*/ z.string().check(z.regex(/^prepay_id=[\w-]{1,64}$/)),
  signType: z.enum(['RSA', 'HMAC-SHA256']),
  paySign: /*#__PURE__*/ z.string().check(z.minLength(1), z.maxLength(1024)),
});
export type WechatPaymentParams = z.infer<typeof WechatPaymentParams>;

/** Alipay JSAPI: `AlipayJSBridge.call('tradePay', { tradeNO }, …)`. */
export const AlipayPaymentParams = z.object({ type: z.literal('alipay'), tradeNO: /*#__PURE__*/ z.string().check(z.minLength(1), z.maxLength(64)) });
export type AlipayPaymentParams = z.infer<typeof AlipayPaymentParams>;

/** A hosted payment page (GOV.UK Pay style): go to `nextUrl`, come back to the payment's `returnUrl`. */
export const RedirectPaymentParams = z.object({ type: z.literal('redirect'), nextUrl: HttpsUrl });
export type RedirectPaymentParams = z.infer<typeof RedirectPaymentParams>;

/** What the client needs to hand the payment to the provider. Never a secret. */
export const PaymentParams = z.discriminatedUnion('type', [SandboxPaymentParams, WechatPaymentParams, AlipayPaymentParams, RedirectPaymentParams]);
export type PaymentParams = z.infer<typeof PaymentParams>;

/** A payment of one bill. */
export const Payment = z.object({
  id: /*#__PURE__*/ z.string().check(z.minLength(1)),
  billId: /*#__PURE__*/ z.string().check(z.minLength(1)),
  /** The bill as it was when the payment was created (amount, payee, reference, masked payer). */
  bill: Bill,
  /** Always the bill's amount, in fen. */
  amount: Money,
  payee: Payee,
  provider: PaymentProvider,
  status: PaymentStatus,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** An unpaid payment (`created` / `awaiting_user`) expires at this time unless extended (WCAG 2.2.1). */
  expiresAt: Timestamp,
  /** How many more times `POST /v1/payments/{id}/extend` may add time. */
  extensionsLeft: /*#__PURE__*/ z.int().check(z.gte(0)),
  timeline: /*#__PURE__*/ z.array(PaymentEvent).check(z.minLength(1)),
  /** Present while the user is asked to authorise (`awaiting_user`). */
  params: z.optional(PaymentParams),
  returnUrl: z.optional(HttpsUrl),
  /** The order created when the payment succeeded (`GET /v1/orders/{orderId}`). */
  orderId: z.optional(z.string()),
  /** Why it failed (`declined`, …), for `failed`. */
  failure: z.optional(z.object({ code: z.string(), message: LocalizedText })),
});
export type Payment = z.infer<typeof Payment>;

/** Body of `POST /v1/payments` (which also needs an `Idempotency-Key` header). */
export const CreatePaymentRequest = z.object({
  billId: /*#__PURE__*/ z.string().check(z.minLength(1), z.maxLength(128)),
  provider: PaymentProvider,
  /** Where the redirect provider sends the user back (`?payment=<id>` is appended). */
  returnUrl: z.optional(HttpsUrl),
});
export type CreatePaymentRequest = z.infer<typeof CreatePaymentRequest>;

/** `GET /v1/payments?billId=…`: the caller's payments of one bill, newest first. */
export const PaymentList = z.object({ payments: z.array(Payment) });
export type PaymentList = z.infer<typeof PaymentList>;

/** Trade states reported by the (sandbox) provider, named as WeChat Pay names them. */
export const PROVIDER_TRADE_STATES = ['NOTPAY', 'USERPAYING', 'SUCCESS', 'PAYERROR', 'CLOSED'] as const;
export const ProviderTradeState = z.enum(PROVIDER_TRADE_STATES);
export type ProviderTradeState = z.infer<typeof ProviderTradeState>;

/**
 * Body of `POST /v1/payments/notify/{provider}` from the sandbox provider, signed with
 * `Sandbox-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. `id` is unique per notification
 * (redeliveries repeat it); `sequence` orders the notifications of one trade.
 */
export const PaymentNotification = z.object({
  id: /*#__PURE__*/ z.string().check(z.minLength(1), z.maxLength(128)),
  paymentId: /*#__PURE__*/ z.string().check(z.minLength(1), z.maxLength(128)),
  tradeNo: /*#__PURE__*/ z.string().check(z.minLength(1), z.maxLength(64)),
  state: ProviderTradeState,
  amount: Money,
  sequence: /*#__PURE__*/ z.int().check(z.gte(0)),
  sentAt: Timestamp,
});
export type PaymentNotification = z.infer<typeof PaymentNotification>;
