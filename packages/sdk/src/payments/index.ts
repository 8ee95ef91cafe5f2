/** Payments: `hub.payments`, the state machine the UI renders, stores and provider adapters. */
export { createPayments, isUncertain, matchesBill, parsePayment, parsePaymentList, type Payments, type PaymentsOptions, type CreatePaymentOptions, type PayOptions, type ResumeOptions } from './payments.js';
export { PaymentAttempt, PAY_TRANSITIONS, nextPayState, type PayEvent, type PaymentSnapshot, type PaymentListener } from './machine.js';
export { memoryPaymentStore, webStoragePaymentStore, defaultPaymentStore, toPersisted, type WebStoragePaymentStoreOptions } from './store.js';
export { watchExpiry, msUntilExpiry, type ExpiryWatchOptions } from './expiry.js';
export { sandboxAdapter, type SandboxAdapterOptions } from './adapters/sandbox.js';
export { wechatAdapter, wechatResult, type WechatAdapterOptions, type WeixinJSBridgeLike } from './adapters/wechat.js';
export { alipayAdapter, alipayResult, type AlipayAdapterOptions, type AlipayJSBridgeLike } from './adapters/alipay.js';
export { redirectAdapter, type RedirectAdapterOptions } from './adapters/redirect.js';
export {
  PAY_STATES, type PayState, type PayOutcomeState, type PayResult, type AdapterOutcome, type AdapterResult, type PaymentAdapter,
  type PaymentAdapterContext, type PaymentStore, type PersistedPayment, type PersistedStep, type PaymentDetails, type VerifyOptions,
  type VerifyResult,
} from './types.js';
