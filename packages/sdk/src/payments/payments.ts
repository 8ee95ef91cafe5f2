/**
 * `hub.payments`: create, confirm, verify, pay and resume payments of bills.
 *
 * - One idempotency key per logical payment, created and persisted before the first send, reused on every retry
 *   with the identical body (reliability #2).
 * - Any number of concurrent `pay()` calls for a bill join the one in-flight attempt (#1).
 * - A timeout or network error on any payment call moves to `verifying`, never to `failed` (#3).
 * - Client results (wallet callbacks, redirects) only move to `verifying`; `succeeded` needs the server's status
 *   `succeeded` with the bill id and amount of the bill being paid (#4, #10).
 * - Only `{paymentId, idempotencyKey, step}` is persisted; `resume()` continues from it to the server's truth (#5).
 * - Verification polls with jittered backoff inside a total budget, then returns `pending` with a reference (#7).
 */
import { PAYMENT_PROVIDERS, Payment, PaymentList, type Bill, type PaymentProvider } from '@cityhub/schema';
import { HttpError, NetworkError, SchemaError, TimeoutError, isCityHubError } from '../errors.js';
import type { Http } from '../http/http.js';
import { jitter } from '../http/retry.js';
import { documentParser, strictParser, type InvalidItemHandler } from '../parse.js';
import { alipayAdapter } from './adapters/alipay.js';
import { redirectAdapter } from './adapters/redirect.js';
import { sandboxAdapter } from './adapters/sandbox.js';
import { wechatAdapter } from './adapters/wechat.js';
import { PaymentAttempt } from './machine.js';
import { defaultPaymentStore } from './store.js';
import type {
  AdapterResult, PayResult, PaymentAdapter, PaymentDetails, PaymentStore, PersistedPayment, PersistedStep, VerifyOptions, VerifyResult,
} from './types.js';

export const parsePayment = strictParser<Payment>(Payment);
/** `GET /v1/payments?billId=…`; `payments` item by item, so one bad payment does not hide the others. */
export const parsePaymentList = documentParser<PaymentList>(PaymentList, { payments: Payment });

export interface PaymentsOptions {
  /** Where `{paymentId, idempotencyKey, step}` persist. Default: sessionStorage in browsers, memory elsewhere. */
  store?: PaymentStore;
  /** Adapters by provider; the defaults are the sandbox wallet, WeChat JSAPI, Alipay JSAPI and the redirect page. */
  adapters?: Partial<Record<PaymentProvider, PaymentAdapter>>;
  /** Defaults for `verify()` (and verification inside `pay()` / `resume()`). */
  verify?: Pick<VerifyOptions, 'budgetMs' | 'baseMs' | 'capMs'>;
  /** Random source for jitter and keys' fallback (tests pin it). */
  random?: () => number;
}

export interface CreatePaymentOptions {
  provider: PaymentProvider;
  /** Where the redirect provider sends the user back. */
  returnUrl?: string;
  signal?: AbortSignal;
}

export interface PayOptions extends CreatePaymentOptions {
  /**
   * Confirm before paying (WCAG 3.3.4): a function shown the amount, payee, bill reference and masked payer that
   * resolves true to go on — or `true` when the host already had the user confirm exactly these details.
   */
  confirm: true | ((details: PaymentDetails) => boolean | Promise<boolean>);
  verify?: Pick<VerifyOptions, 'budgetMs' | 'baseMs' | 'capMs'>;
}

export interface ResumeOptions {
  /** The bill being paid (needed to verify amounts; pass it when the page has it). */
  bill?: Bill;
  /** The provider to use if the payment still has to be created (reload during `creating`). */
  provider?: PaymentProvider;
  returnUrl?: string;
  verify?: Pick<VerifyOptions, 'budgetMs' | 'baseMs' | 'capMs'>;
}

export interface Payments {
  /** Creates (or, with the persisted key, replays) the payment of a bill. */
  create(bill: Bill, options: CreatePaymentOptions): Promise<Payment>;
  /** The server's payment (never cached). */
  get(paymentId: string, options?: { signal?: AbortSignal }): Promise<Payment>;
  /** The caller's payments of a bill, newest first. */
  list(billId: string, options?: { signal?: AbortSignal }): Promise<Payment[]>;
  /** Hands the payment to its provider adapter, then tells the server the user authorised. The server decides. */
  confirm(payment: Payment, options?: { signal?: AbortSignal }): Promise<{ result: AdapterResult; payment?: Payment }>;
  cancel(paymentId: string, options?: { signal?: AbortSignal }): Promise<Payment>;
  /** Adds time to an unpaid payment (WCAG 2.2.1). */
  extend(paymentId: string, options?: { signal?: AbortSignal }): Promise<Payment>;
  /** Polls the server inside a total budget; `pending` (with a reference) when it runs out. */
  verify(paymentId: string, options?: VerifyOptions): Promise<VerifyResult>;
  /** The whole flow, joined by every concurrent trigger for the same bill. */
  pay(bill: Bill, options: PayOptions): Promise<PayResult>;
  /** Continues a persisted payment (after a reload or a redirect back) to the server's truth. */
  resume(billOrId: Bill | string, options?: ResumeOptions): Promise<PayResult | undefined>;
  /** The attempt the UI renders for a bill (the live one, else the last one; a new idle one before the first `pay()`). */
  attempt(bill: Bill | string): PaymentAttempt;
  /** Bill ids with a persisted payment in progress. */
  inProgress(): Promise<string[]>;
  /** What the user confirms before paying. */
  details(bill: Bill): PaymentDetails;
  /** The providers whose adapter can run here (`available()`), in `PAYMENT_PROVIDERS` order: what a UI may offer. */
  providers(): PaymentProvider[];
}

export interface PaymentsDeps {
  http: Http;
  apiUrl: (path: string) => URL;
  /** Hears of each payment in a list that was dropped because it did not parse (the client's `onInvalid`). */
  onInvalid?: InvalidItemHandler;
}

const segment = (value: string) => encodeURIComponent(value);
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

function newKey(random: () => number): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  return Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
}

/**
 * True for failures that say nothing about what the server did: network errors, timeouts, 408/429/5xx, garbled
 * answers. These move a payment to `verifying`; only definite refusals (other 4xx) may end an attempt as `failed`.
 */
export function isUncertain(error: unknown): boolean {
  if (error instanceof NetworkError || error instanceof TimeoutError || error instanceof SchemaError) return true;
  if (error instanceof HttpError) return error.status === 408 || error.status === 429 || error.status >= 500;
  if (isCityHubError(error)) return error.code === 'network' || error.code === 'timeout';
  return true; // anything unexpected is treated as "we don't know"
}

/** The payment is for this bill and this amount (reliability #10). */
export function matchesBill(payment: Payment, bill: Bill | undefined): boolean {
  const own = payment.amount.amount === payment.bill.amount.amount && payment.amount.currency === payment.bill.amount.currency && payment.billId === payment.bill.id;
  if (!bill) return own;
  return own && payment.billId === bill.id && payment.amount.amount === bill.amount.amount && payment.amount.currency === bill.amount.currency;
}

const FINAL = new Set(['succeeded', 'failed', 'canceled', 'expired']);

export function createPayments(deps: PaymentsDeps, options: PaymentsOptions = {}): Payments {
  const { http, apiUrl } = deps;
  const store = options.store ?? defaultPaymentStore();
  const random = options.random ?? Math.random;
  const adapters: Record<PaymentProvider, PaymentAdapter> = {
    sandbox: sandboxAdapter(),
    wechat: wechatAdapter(),
    alipay: alipayAdapter(),
    redirect: redirectAdapter(),
    ...options.adapters,
  };
  const verifyDefaults = { budgetMs: 30_000, baseMs: 500, capMs: 4000, ...options.verify };
  const attempts = new Map<string, PaymentAttempt>();
  const inflight = new Map<string, Promise<PayResult>>();

  const persist = async (billId: string, value: PersistedPayment) => {
    await store.set(billId, value);
  };
  const forget = async (billId: string) => {
    await store.delete(billId);
  };

  async function post(path: string, body: unknown, key: string, signal: AbortSignal | undefined, resource: string) {
    return http.request({ method: 'POST', url: apiUrl(path), json: body, idempotencyKey: key, auth: true, resource, ...(signal ? { signal } : {}) });
  }

  async function get(paymentId: string, callOptions: { signal?: AbortSignal } = {}): Promise<Payment> {
    const response = await http.request({
      method: 'GET', url: apiUrl(`v1/payments/${segment(paymentId)}`), auth: true, resource: 'payment',
      ...(callOptions.signal ? { signal: callOptions.signal } : {}),
    });
    return parsePayment(response.body, 'payment');
  }

  async function list(billId: string, callOptions: { signal?: AbortSignal } = {}): Promise<Payment[]> {
    const url = apiUrl('v1/payments');
    url.searchParams.set('billId', billId);
    const response = await http.request({ method: 'GET', url, auth: true, resource: 'payments', ...(callOptions.signal ? { signal: callOptions.signal } : {}) });
    return parsePaymentList(response.body, 'payments', deps.onInvalid).payments;
  }

  const stepOf = (payment: Payment): PersistedStep =>
    payment.status === 'created' || payment.status === 'awaiting_user' ? 'awaiting_user' : 'verifying';

  async function create(bill: Bill, createOptions: CreatePaymentOptions): Promise<Payment> {
    const body = { billId: bill.id, provider: createOptions.provider, ...(createOptions.returnUrl ? { returnUrl: createOptions.returnUrl } : {}) };
    let record = await store.get(bill.id);
    if (!record) {
      // The key exists (and is persisted) before the first byte is sent.
      record = { idempotencyKey: newKey(random), step: 'creating' };
      await persist(bill.id, record);
    }
    const send = async (key: string) => {
      const response = await post('v1/payments', body, key, createOptions.signal, 'payment');
      const payment = parsePayment(response.body, 'payment');
      await persist(bill.id, { paymentId: payment.id, idempotencyKey: key, step: stepOf(payment) });
      return payment;
    };
    try {
      return await send(record.idempotencyKey);
    } catch (error) {
      // The persisted key was used for another body (e.g. another provider): adopt the bill's live payment, or
      // start a new logical payment with a new key.
      if (!(error instanceof HttpError && error.status === 422 && error.code === 'idempotency_conflict')) throw error;
      const live = (await list(bill.id, createOptions)).find((p) => !FINAL.has(p.status) || p.status === 'succeeded');
      if (live) {
        await persist(bill.id, { paymentId: live.id, idempotencyKey: record.idempotencyKey, step: stepOf(live) });
        return live;
      }
      const key = newKey(random);
      await persist(bill.id, { idempotencyKey: key, step: 'creating' });
      return send(key);
    }
  }

  async function confirm(payment: Payment, callOptions: { signal?: AbortSignal } = {}): Promise<{ result: AdapterResult; payment?: Payment }> {
    const adapter = adapters[payment.provider];
    const result = await adapter.invoke(payment, { http, apiUrl, ...(callOptions.signal ? { signal: callOptions.signal } : {}) });
    if (result.outcome !== 'claimed_success' && result.outcome !== 'unknown') return { result };
    try {
      const response = await post(`v1/payments/${segment(payment.id)}/confirm`, {}, newKey(random), callOptions.signal, 'payment');
      return { result, payment: parsePayment(response.body, 'payment') };
    } catch (error) {
      if (callOptions.signal?.aborted) throw error;
      return { result }; // unknown: the caller verifies
    }
  }

  async function cancel(paymentId: string, callOptions: { signal?: AbortSignal } = {}): Promise<Payment> {
    const response = await post(`v1/payments/${segment(paymentId)}/cancel`, {}, newKey(random), callOptions.signal, 'payment');
    return parsePayment(response.body, 'payment');
  }

  async function extend(paymentId: string, callOptions: { signal?: AbortSignal } = {}): Promise<Payment> {
    const response = await post(`v1/payments/${segment(paymentId)}/extend`, {}, newKey(random), callOptions.signal, 'payment');
    return parsePayment(response.body, 'payment');
  }

  async function verify(paymentId: string, verifyOptions: VerifyOptions = {}): Promise<VerifyResult> {
    const { bill, signal } = verifyOptions;
    const budgetMs = verifyOptions.budgetMs ?? verifyDefaults.budgetMs;
    const baseMs = verifyOptions.baseMs ?? verifyDefaults.baseMs;
    const capMs = verifyOptions.capMs ?? verifyDefaults.capMs;
    const deadline = Date.now() + budgetMs;
    const budget = new AbortController();
    const timer = setTimeout(() => budget.abort(new TimeoutError('deadline', budgetMs)), budgetMs);
    const both = signal ? AbortSignal.any([signal, budget.signal]) : budget.signal;
    let polls = 0;
    let last: Payment | undefined;
    const pending = (reason: string): VerifyResult => ({ state: 'pending', paymentId, reference: paymentId, reason, polls, ...(last ? { payment: last } : {}) });
    try {
      for (let round = 0; ; round++) {
        try {
          polls++;
          last = await get(paymentId, { signal: both });
          if (last.status === 'succeeded') {
            // Success is the server's `succeeded` for the bill and amount being paid — nothing less.
            if (!matchesBill(last, bill)) return pending('mismatch');
            return { state: 'succeeded', payment: last, paymentId, reference: paymentId, polls };
          }
          if (FINAL.has(last.status)) {
            return { state: last.status as VerifyResult['state'], payment: last, paymentId, reference: paymentId, polls, ...(last.failure ? { reason: last.failure.code } : {}) };
          }
        } catch (error) {
          if (signal?.aborted) throw signal.reason;
          if (budget.signal.aborted) return pending('budget_exhausted');
          if (!isUncertain(error)) return { ...pending('unverifiable'), reason: isCityHubError(error) ? error.code : 'unverifiable' };
        }
        const wait = jitter(Math.min(capMs, baseMs * 2 ** round), random);
        if (Date.now() + wait >= deadline) return pending('budget_exhausted');
        try {
          await sleep(wait, both);
        } catch {
          if (signal?.aborted) throw signal.reason;
          return pending('budget_exhausted');
        }
      }
    } finally {
      clearTimeout(timer);
    }
  }

  function details(bill: Bill): PaymentDetails {
    return {
      billId: bill.id,
      amount: bill.amount,
      payee: bill.payee.name,
      reference: bill.reference,
      description: bill.description,
      ...(bill.payer ? { payer: bill.payer } : {}),
    };
  }

  function attemptFor(bill: Bill | string): PaymentAttempt {
    const billId = typeof bill === 'string' ? bill : bill.id;
    let attempt = attempts.get(billId);
    if (!attempt) {
      attempt = new PaymentAttempt(billId, typeof bill === 'string' ? undefined : bill);
      attempts.set(billId, attempt);
    } else if (typeof bill !== 'string' && !attempt.snapshot.bill) {
      attempt.note({ bill, ...(attempt.snapshot.reference ? {} : { reference: bill.reference }) });
    }
    return attempt;
  }

  /** Ends an attempt: the machine settles, the persisted record is cleared or kept for "check again". */
  async function settle(attempt: PaymentAttempt, billId: string, result: PayResult, key: string | undefined): Promise<PayResult> {
    if (result.state === 'idle' || result.state === 'awaiting_user') return result;
    attempt.send({ type: 'settled', state: result.state, ...(result.payment ? { payment: result.payment } : {}), ...(result.reason ? { reason: result.reason } : {}) });
    const serverFinal = result.payment ? FINAL.has(result.payment.status) : false;
    if (result.state === 'succeeded' || result.state === 'canceled' || result.state === 'expired' || (result.state === 'failed' && (serverFinal || !result.paymentId))) {
      await forget(billId);
    } else if (key) {
      await persist(billId, { ...(result.paymentId ? { paymentId: result.paymentId } : {}), idempotencyKey: key, step: result.state === 'pending' ? 'pending' : 'failed' });
    }
    return result;
  }

  const fromVerify = (v: VerifyResult): PayResult => ({
    state: v.state, paymentId: v.paymentId, reference: v.reference, ...(v.payment ? { payment: v.payment } : {}), ...(v.reason ? { reason: v.reason } : {}),
  });

  /** Creates with the persisted key; uncertain failures are retried with the same key and body inside the budget. */
  async function createWithinBudget(attempt: PaymentAttempt, bill: Bill, payOptions: CreatePaymentOptions, budgetMs: number, baseMs: number, capMs: number): Promise<Payment | PayResult> {
    const deadline = Date.now() + budgetMs;
    for (let round = 0; ; round++) {
      try {
        return await create(bill, payOptions);
      } catch (error) {
        if (payOptions.signal?.aborted) throw error;
        if (!isUncertain(error)) {
          attempt.send({ type: 'rejected', reason: isCityHubError(error) ? error.code : 'rejected', error });
          return { state: 'failed', reference: bill.reference, reason: isCityHubError(error) ? error.code : 'rejected', error };
        }
        attempt.send({ type: 'uncertain', error }); // creating → verifying (no-op when already verifying)
        const wait = jitter(Math.min(capMs, baseMs * 2 ** round), random);
        if (Date.now() + wait >= deadline) return { state: 'pending', reference: bill.reference, reason: 'create_unconfirmed', error };
        await sleep(wait, payOptions.signal);
      }
    }
  }

  /** `run`, except that nothing escapes as "failed": an unexpected error after the start is an uncertain outcome. */
  async function runSafely(attempt: PaymentAttempt, bill: Bill, payOptions: PayOptions): Promise<PayResult> {
    try {
      return await run(attempt, bill, payOptions);
    } catch (error) {
      if (attempt.state === 'confirming') {
        attempt.send({ type: 'confirm_rejected' });
        return { state: 'idle', reference: bill.reference, reason: 'not_confirmed', error };
      }
      attempt.send({ type: 'uncertain', error });
      const record = await Promise.resolve(store.get(bill.id)).catch(() => undefined);
      const paymentId = attempt.snapshot.paymentId ?? record?.paymentId;
      return settle(attempt, bill.id, {
        state: 'pending', reference: paymentId ?? bill.reference, reason: 'interrupted', error, ...(paymentId ? { paymentId } : {}),
      }, record?.idempotencyKey);
    }
  }

  async function run(attempt: PaymentAttempt, bill: Bill, payOptions: PayOptions): Promise<PayResult> {
    const v = { ...verifyDefaults, ...payOptions.verify };
    // 1. Confirm before paying.
    if (payOptions.confirm !== true) {
      attempt.send({ type: 'start', confirm: true });
      const ok = await payOptions.confirm(details(bill));
      if (!ok) {
        attempt.send({ type: 'confirm_rejected' });
        return { state: 'idle', reference: bill.reference, reason: 'not_confirmed' };
      }
      attempt.send({ type: 'confirmed' });
    } else {
      attempt.send({ type: 'start', confirm: false });
    }

    // 2. Create (or replay) the payment with the one key of this logical payment.
    let created = await createWithinBudget(attempt, bill, payOptions, v.budgetMs, v.baseMs, v.capMs);
    const key = (await store.get(bill.id))?.idempotencyKey;
    if ('state' in created) return settle(attempt, bill.id, created, key);
    let payment: Payment = created;

    // A replayed key may name a payment that ended (canceled, expired, declined): start a new logical payment once.
    if (FINAL.has(payment.status) && payment.status !== 'succeeded') {
      await forget(bill.id);
      created = await createWithinBudget(attempt, bill, payOptions, v.budgetMs, v.baseMs, v.capMs);
      if ('state' in created) return settle(attempt, bill.id, created, (await store.get(bill.id))?.idempotencyKey);
      payment = created;
    }
    const currentKey = (await store.get(bill.id))?.idempotencyKey ?? key;
    attempt.note({ payment, paymentId: payment.id, reference: payment.id });

    // The server's payment must be for what the user confirmed; otherwise stop before any wallet opens.
    if (!matchesBill(payment, bill) && payment.status !== 'succeeded') {
      attempt.send({ type: 'rejected', reason: 'bill_changed' });
      return settle(attempt, bill.id, { state: 'failed', payment, paymentId: payment.id, reference: payment.id, reason: 'bill_changed' }, currentKey);
    }

    // 3. The provider's parameters may still be on their way (`created`): read the payment until they are there.
    if (payment.status === 'created') {
      const ready = await verifyUntil(payment.id, bill, v, (p) => p.status !== 'created');
      if (!ready) {
        attempt.send({ type: 'uncertain' });
        return settle(attempt, bill.id, { state: 'pending', paymentId: payment.id, reference: payment.id, reason: 'not_ready', payment }, currentKey);
      }
      payment = ready;
    }
    if (payment.status !== 'awaiting_user') {
      // Already processing or decided (another tab, an earlier attempt): the server decides.
      attempt.send({ type: 'uncertain' });
      return settle(attempt, bill.id, fromVerify(await verify(payment.id, { bill, ...v })), currentKey);
    }

    // 4. The user authorises with the provider.
    attempt.send({ type: 'created', payment });
    await persist(bill.id, { paymentId: payment.id, idempotencyKey: currentKey!, step: 'awaiting_user' });
    let result: AdapterResult;
    try {
      result = await adapters[payment.provider].invoke(payment, { http, apiUrl });
    } catch (error) {
      result = isUncertain(error) && !(isCityHubError(error) && (error.code === 'provider_unavailable' || error.code === 'provider_params'))
        ? { outcome: 'unknown', code: isCityHubError(error) ? error.code : 'error' }
        : { outcome: 'failed', code: isCityHubError(error) ? error.code : 'error' };
    }
    if (result.outcome === 'navigated') {
      return { state: 'awaiting_user', payment, paymentId: payment.id, reference: payment.id, reason: 'redirected' };
    }
    attempt.send({ type: 'provider_result', result });
    await persist(bill.id, { paymentId: payment.id, idempotencyKey: currentKey!, step: 'verifying' });

    // 5. Tell the server (never decisive), then verify with the server.
    if (result.outcome === 'claimed_success' || result.outcome === 'unknown') {
      try {
        await post(`v1/payments/${segment(payment.id)}/confirm`, {}, newKey(random), undefined, 'payment');
      } catch {
        // Unknown outcome: verification below asks the server.
      }
      return settle(attempt, bill.id, fromVerify(await verify(payment.id, { bill, ...v })), currentKey);
    }
    // The wallet says canceled / failed. Ask the server once: it may know better (a wallet that lies, a late payment).
    let truth: Payment | undefined;
    try {
      truth = result.outcome === 'canceled' ? await cancel(payment.id) : await get(payment.id);
    } catch {
      try {
        truth = await get(payment.id);
      } catch {
        truth = undefined;
      }
    }
    if (!truth || truth.status === 'processing' || truth.status === 'succeeded') {
      // The server could not be asked (never read that as failed), or it knows of a payment: verify.
      return settle(attempt, bill.id, fromVerify(await verify(payment.id, { bill, ...v })), currentKey);
    }
    if (truth && FINAL.has(truth.status)) {
      return settle(attempt, bill.id, { state: truth.status as PayResult['state'], payment: truth, paymentId: truth.id, reference: truth.id, reason: truth.failure?.code ?? result.code ?? result.outcome }, currentKey);
    }
    // The server still waits for the user (nothing was charged): the attempt ended as the wallet said.
    return settle(attempt, bill.id, {
      state: result.outcome === 'canceled' ? 'canceled' : 'failed', paymentId: payment.id, reference: payment.id,
      reason: result.code ?? result.outcome, payment: truth,
    }, currentKey);
  }

  /** Polls until `done(payment)` or the budget ends (undefined). */
  async function verifyUntil(paymentId: string, bill: Bill, v: { budgetMs: number; baseMs: number; capMs: number }, done: (p: Payment) => boolean): Promise<Payment | undefined> {
    const deadline = Date.now() + v.budgetMs;
    for (let round = 0; Date.now() < deadline; round++) {
      try {
        const payment = await get(paymentId);
        if (done(payment)) return payment;
      } catch (error) {
        if (!isUncertain(error)) return undefined;
      }
      await sleep(Math.min(jitter(Math.min(v.capMs, v.baseMs * 2 ** round), random), Math.max(0, deadline - Date.now())));
    }
    return undefined;
  }

  function joined(billId: string, start: () => Promise<PayResult>, signal?: AbortSignal): Promise<PayResult> {
    let promise = inflight.get(billId);
    if (!promise) {
      promise = start().finally(() => inflight.delete(billId));
      inflight.set(billId, promise);
    }
    if (!signal) return promise;
    // The caller may stop waiting; the attempt itself goes on (a half-made payment must still be verified).
    return new Promise<PayResult>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  async function resumeRun(attempt: PaymentAttempt, billId: string, record: PersistedPayment, resumeOptions: ResumeOptions): Promise<PayResult> {
    const { bill } = resumeOptions;
    const v = { ...verifyDefaults, ...resumeOptions.verify };
    const reference = bill?.reference ?? record.paymentId ?? billId;
    let paymentId = record.paymentId;
    if (!paymentId) {
      // Reloaded while creating: the server may or may not have the payment. Ask it for the bill's payments.
      let live: Payment | undefined;
      try {
        live = (await list(billId)).find((p) => !FINAL.has(p.status) || p.status === 'succeeded');
      } catch (error) {
        if (!isUncertain(error)) throw error;
        attempt.send({ type: 'resume' });
        return settle(attempt, billId, { state: 'pending', reference, reason: 'create_unconfirmed', error }, record.idempotencyKey);
      }
      if (live) {
        paymentId = live.id;
        attempt.send({ type: 'resume' });
      } else if (bill && resumeOptions.provider) {
        // Send the interrupted create again: same key, same body.
        attempt.send({ type: 'resume' });
        const created = await createWithinBudget(attempt, bill, { provider: resumeOptions.provider, ...(resumeOptions.returnUrl ? { returnUrl: resumeOptions.returnUrl } : {}) }, v.budgetMs, v.baseMs, v.capMs);
        if ('state' in created) return settle(attempt, billId, created, record.idempotencyKey);
        paymentId = created.id;
      } else {
        // Nothing was created and nothing can be created here: nothing to resume.
        await forget(billId);
        return { state: 'idle', reference, reason: 'not_created' };
      }
      await persist(billId, { paymentId, idempotencyKey: record.idempotencyKey, step: 'verifying' });
    } else {
      attempt.send({ type: 'resume' });
    }
    attempt.note({ paymentId, reference: paymentId });
    // One read decides whether the user still has to act (back in the wallet) or the server has to be asked.
    let payment: Payment | undefined;
    try {
      payment = await get(paymentId);
    } catch (error) {
      if (!isUncertain(error)) return settle(attempt, billId, { state: 'pending', paymentId, reference: paymentId, reason: isCityHubError(error) ? error.code : 'unverifiable', error }, record.idempotencyKey);
    }
    // The server still waits for the user (they never reached the wallet, or closed it): back to the wallet with the
    // same payment. A redirect payment is different: the user is back from the hosted page, so ask until decided.
    if (payment && (payment.status === 'awaiting_user' || payment.status === 'created') && payment.provider !== 'redirect') {
      attempt.send({ type: 'reopen', payment });
      return { state: 'awaiting_user', payment, paymentId, reference: paymentId, reason: 'user_action_needed' };
    }
    return settle(attempt, billId, fromVerify(await verify(paymentId, { ...(bill ? { bill } : {}), ...v })), record.idempotencyKey);
  }

  return {
    create,
    get,
    list,
    confirm,
    cancel,
    extend,
    verify,
    details,
    pay(bill, payOptions) {
      if (payOptions.confirm === undefined) throw new TypeError('pay(): `confirm` is required (a function, or true when the user already confirmed)');
      return joined(bill.id, () => runSafely(attemptFor(bill), bill, payOptions), payOptions.signal);
    },
    async resume(billOrId, resumeOptions = {}) {
      const billId = typeof billOrId === 'string' ? billOrId : billOrId.id;
      const bill = typeof billOrId === 'string' ? resumeOptions.bill : billOrId;
      const running = inflight.get(billId);
      if (running) return running;
      const record = await store.get(billId);
      if (!record) return undefined;
      return joined(billId, () => resumeRun(attemptFor(bill ?? billId), billId, record, { ...resumeOptions, ...(bill ? { bill } : {}) }));
    },
    attempt: (bill) => attemptFor(bill),
    inProgress: async () => store.keys(),
    providers: () => PAYMENT_PROVIDERS.filter((provider) => adapters[provider].available()),
  };
}

