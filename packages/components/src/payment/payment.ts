import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { safeUrl, type Bill, type Payment, type PaymentProvider } from '@cityhub/schema';
import { matchesBill, watchExpiry, type PayResult, type PayState, type PaymentSnapshot } from '@cityhub/sdk';
import { hubClientContext, type HubClient } from '../context.js';
import { emit, type CityPaymentDetail } from '../events.js';
import { LocaleController, formatDateTime, formatMoney, localized } from '../i18n/index.js';
import { icon } from '../icons/icons.js';
import { listConverter } from '../internal/converters.js';
import { maskSensitive } from '../internal/mask.js';
import { sharedStyles } from '../styles/shared.js';
import { tokenStyles } from '../styles/tokens.js';
import { styles } from './payment.styles.js';
import { walletRequest, watchWallet, type WalletRequest } from './wallet.js';

type Info = Pick<PaymentSnapshot, 'payment' | 'paymentId' | 'reference' | 'reason'>;

const OUTCOME_EVENTS: Partial<Record<PayState, 'city-payment-complete' | 'city-payment-failed' | 'city-payment-canceled'>> = {
  succeeded: 'city-payment-complete',
  failed: 'city-payment-failed',
  expired: 'city-payment-failed',
  canceled: 'city-payment-canceled',
};

/**
 * Pays one bill through the SDK's `hub.payments`: the bill (amount in yuan, payee, reference, masked payer), a
 * confirm step with the payment method before any provider is invoked (WCAG 3.3.4), then creating → the wallet
 * (`awaiting_user`) → verifying with the server → the outcome, and a receipt (payment id, time, amount).
 *
 * - Only the server decides: a wallet's "ok" moves to verifying; `succeeded` is the server's verified status.
 *   Every trigger (double clicks, repeated key presses) joins the one attempt in flight.
 * - Resumes after a reload at any step without a new order (the SDK's persisted `{paymentId, idempotencyKey, step}`):
 *   back in the wallet, verifying, or on the receipt of a bill the server says is paid.
 * - Warns `warn-before` seconds before an unpaid order expires and lets the user extend it (WCAG 2.2.1).
 * - `pending` (verification ran out of time) offers "check again"; `failed`, `canceled` and `expired` offer
 *   "pay again" for the same bill.
 * - Every state change is announced in a polite live region (failures and the expiry warning assertively), and
 *   focus moves to the new step's heading when it was inside the element.
 *
 * The methods offered are the client's `payments.providers()` (adapters available here), narrowed and ordered by
 * `providers`. The reference server's sandbox wallet is played inside the element when the client's sandbox adapter
 * uses `sandboxWallet` (as `<city-hub>`'s own client does). A third-party provider's iframe goes in the light DOM
 * (`slot="provider"`), shown while the user pays — never inside the shadow root.
 *
 * @summary Pays a bill: confirm, wallet, server verification, receipt; resumable after a reload.
 *
 * @event city-payment-state - Every state change. `detail: { bill, state, payment?, paymentId?, reference, reason? }`.
 * @event city-payment-complete - The server verified the payment (`state: 'succeeded'`), or the element found the bill
 *   already paid (after a reload). Same detail.
 * @event city-payment-failed - The payment failed or expired unpaid (`state: 'failed' | 'expired'`). Same detail.
 * @event city-payment-canceled - The user canceled in the wallet (`state: 'canceled'`), or at the confirm step
 *   (`state: 'idle'`, `reason: 'not_confirmed'`). Same detail.
 *
 * @slot provider - A third-party provider's UI (e.g. its iframe), shown while the user pays (`awaiting_user`).
 *
 * @csspart step - The current step.
 * @csspart heading - The step's heading (focused when the step changes).
 * @csspart description - What the bill is for.
 * @csspart details - The bill's amount, payee, reference and masked payer; with the receipt rows once paid.
 * @csspart receipt - The details when paid (payment id and time added).
 * @csspart amount - The amount.
 * @csspart message - What the step tells the user.
 * @csspart providers - The payment method choice.
 * @csspart confirm - The confirm-and-pay button.
 * @csspart cancel - The cancel button of the confirm step.
 * @csspart progress - The progress indicator while creating and verifying.
 * @csspart deadline - "Pay by …" while the user pays.
 * @csspart expiry-warning - The warning before the order expires.
 * @csspart extend - The button that extends the time.
 * @csspart wallet - The sandbox wallet.
 * @csspart wallet-pay - The sandbox wallet's pay button.
 * @csspart wallet-cancel - The sandbox wallet's cancel button.
 * @csspart continue - "Continue to pay" (back to the wallet after a reload).
 * @csspart pay - "Pay again" (or "Pay" after canceling at the confirm step).
 * @csspart check-again - "Check again" for a pending payment.
 * @csspart status - The polite live region.
 * @csspart alert - The assertive live region.
 *
 * @cssproperty --city-payment-amount-size - Font size of the amount (default the large type token).
 * @cssproperty --city-payment-max-inline-size - Maximum width of the element (default `40rem`).
 * @cssproperty --city-color-primary - Buttons and the progress indicator (design token).
 * @cssproperty --city-color-success - The paid heading (design token).
 * @cssproperty --city-color-danger - Failed and expired headings (design token).
 * @cssproperty --city-color-warning - The expiry warning (design token, with `--city-color-warning-surface`).
 * @cssproperty --city-target-size - Minimum control size (design token; 60px in elder mode).
 */
export class CityPayment extends LitElement {
  static override styles = [tokenStyles, sharedStyles, styles];

  /** The bill to pay (from a submission result). */
  @property({ attribute: false }) bill?: Bill;

  /** Payment methods to offer, in order (`providers="wechat alipay"`); default every one the client can use here. */
  @property({ converter: listConverter }) providers?: PaymentProvider[];

  /** Seconds before an unpaid order expires to warn the user (at least 20). */
  @property({ type: Number, attribute: 'warn-before' }) warnBefore = 120;

  /** Heading level (2–6) of the step heading. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /** `elder` switches to the 适老化 sizes. */
  @property({ reflect: true }) mode: 'standard' | 'elder' = 'standard';

  /** The data client (its `payments`); usually provided by an ancestor through `hubClientContext`. */
  @consume({ context: hubClientContext, subscribe: true })
  @property({ attribute: false })
  client?: Partial<Pick<HubClient, 'payments'>>;

  @state() private view: PayState = 'idle';
  /** False until the element knows where the payment stands (it asks the SDK's store and the server first). */
  @state() private ready = false;
  @state() private info: Info = {};
  @state() private chosen?: PaymentProvider;
  @state() private wallet?: WalletRequest;
  /** An attempt started or joined by this element is running. */
  @state() private busy = false;
  @state() private deadline?: string;
  @state() private warning?: number;
  @state() private said: [string, string] = ['', ''];

  private readonly i18n = new LocaleController(this);
  private run = 0;
  private unsubscribe?: () => void;
  private unwatchExpiry?: () => void;
  private focusHeading = false;
  private hadFocus = false;

  /** The state shown (the SDK's `PayState`; `confirming` is the element's own confirm step). */
  get state(): PayState {
    return this.view;
  }

  /** The methods offered: the client's available providers, narrowed and ordered by `providers`. */
  get offered(): PaymentProvider[] {
    const available = this.client?.payments?.providers() ?? [];
    return this.providers ? this.providers.filter((p) => available.includes(p)) : available;
  }

  private get provider(): PaymentProvider | undefined {
    const offered = this.offered;
    return this.chosen && offered.includes(this.chosen) ? this.chosen : offered[0];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.hadFocus = Boolean(this.shadowRoot?.activeElement);
    if (changed.has('bill') || changed.has('client')) void this.start();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  private stop(): void {
    this.run += 1;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.watchDeadline();
  }

  /** Shows where the bill's payment stands: the attempt in this page, a persisted one (resumed), or the server's. */
  private async start(): Promise<void> {
    this.stop();
    const payments = this.client?.payments;
    const bill = this.bill;
    if (!payments || !bill) return;
    const run = this.run;
    this.ready = false;
    this.view = 'idle';
    const attempt = payments.attempt(bill);
    const offAttempt = attempt.subscribe((snapshot) => snapshot.state !== 'idle' && this.show(snapshot.state, snapshot));
    const offWallet = watchWallet(() => (this.wallet = walletRequest(bill.id)));
    this.unsubscribe = () => {
      offAttempt();
      offWallet();
    };
    this.wallet = walletRequest(bill.id);
    const persisted = await payments.inProgress().catch(() => [] as string[]);
    if (run !== this.run) return;
    if (persisted.includes(bill.id)) return void this.follow(payments.resume(bill, this.options()));
    const { state, ...info } = attempt.snapshot;
    if (state !== 'idle' && state !== 'confirming') return this.show(state, info);
    // Nothing in progress here: the server may know the bill as paid (before a reload, in another tab), but only a
    // payment of this bill's amount counts as paying it (reliability #10).
    const paid = await payments.list(bill.id).then((list) => list.find((p) => p.status === 'succeeded' && matchesBill(p, bill)), () => undefined);
    if (run !== this.run) return;
    if (paid) return this.show('succeeded', { payment: paid, paymentId: paid.id, reference: paid.id });
    this.show(this.offered.length > 0 ? 'confirming' : 'idle');
  }

  private options(): { provider: PaymentProvider; returnUrl?: string } {
    const provider = this.provider ?? 'sandbox';
    // The hosted page sends the user back here (`?payment=…`), where the element resumes and verifies.
    const back = provider === 'redirect' ? safeUrl(location.href) : null;
    return { provider, ...(back ? { returnUrl: back } : {}) };
  }

  /** Waits for an attempt this element started or joined; the attempt's own events drive what is shown. */
  private async follow(attempt: Promise<PayResult | undefined>): Promise<void> {
    const run = this.run;
    this.busy = true;
    try {
      const result = await attempt;
      if (run !== this.run) return;
      // Nothing was created and nothing persisted: start over at the confirm step.
      if (!result || result.state === 'idle') void this.start();
    } catch (error) {
      if (run === this.run) this.show('pending', { reason: 'interrupted', reference: this.info.paymentId ?? this.bill?.reference });
      console.warn('<city-payment>:', error);
    } finally {
      if (run === this.run) this.busy = false;
    }
  }

  /**
   * Pays the bill with the chosen method, as the confirm button does (or goes back to the wallet after a reload).
   * Does nothing unless the confirm step or an unpaid payment is shown: the user confirms before any provider runs.
   */
  pay(): Promise<void> {
    const payments = this.client?.payments;
    const bill = this.bill;
    if (!payments || !bill || (this.view !== 'confirming' && this.view !== 'awaiting_user')) return Promise.resolve();
    return this.follow(payments.pay(bill, { ...this.options(), confirm: true }));
  }

  /** Asks the server again about a pending payment ("check again"). */
  checkAgain(): Promise<void> {
    const payments = this.client?.payments;
    if (!payments || !this.bill || this.view !== 'pending') return Promise.resolve();
    return this.follow(payments.resume(this.bill, this.options()));
  }

  /** Adds time to the unpaid payment (WCAG 2.2.1). */
  async extend(): Promise<void> {
    const payments = this.client?.payments;
    const id = this.info.paymentId;
    if (!payments || !id) return;
    const m = this.i18n.messages;
    try {
      const payment = await payments.extend(id);
      this.watchDeadline(payment);
      this.announce(m.payBy(this.time(payment.expiresAt)), 0);
    } catch {
      this.announce(m.payExtendFailed, 1);
    }
  }

  /** The time is up: the server decides (a read expires an unpaid payment and closes its trade). */
  private async expire(): Promise<void> {
    const payments = this.client?.payments;
    const bill = this.bill;
    const id = this.info.paymentId;
    if (!payments || !bill || !id) return;
    await payments.get(id).catch(() => undefined);
    const wallet = walletRequest(bill.id);
    if (wallet) wallet.answer('cancel');
    else void this.follow(payments.resume(bill, this.options()));
  }

  /** Watches the live payment's expiry (or stops watching without one). */
  private watchDeadline(payment?: Payment): void {
    this.unwatchExpiry?.();
    this.unwatchExpiry = undefined;
    this.warning = undefined;
    this.deadline = payment?.expiresAt;
    if (!payment) return;
    this.unwatchExpiry = watchExpiry(payment, {
      warnBeforeMs: this.warnBefore * 1000,
      onWarn: (ms) => {
        this.warning = Math.max(1, Math.ceil(ms / 60_000));
        this.announce(this.i18n.messages.payExpiring(this.warning), 1);
      },
      onExpire: () => void this.expire(),
    });
  }

  private show(state: PayState, info: Info = {}): void {
    const bill = this.bill;
    if (!bill) return;
    this.ready = true;
    this.info = info;
    const live = state === 'awaiting_user' ? info.payment : undefined;
    if (!live) this.watchDeadline();
    // A newer deadline (after `extend`) is kept when the attempt repeats the payment it started with.
    else if (!this.deadline || Date.parse(live.expiresAt) > Date.parse(this.deadline)) this.watchDeadline(live);
    if (state === this.view) return;
    this.view = state;
    if (this.shadowRoot?.activeElement) this.focusHeading = true;
    const detail: CityPaymentDetail = {
      bill, state, reference: info.reference ?? bill.reference,
      ...(info.payment ? { payment: info.payment } : {}), ...(info.paymentId ? { paymentId: info.paymentId } : {}), ...(info.reason ? { reason: info.reason } : {}),
    };
    emit(this, 'city-payment-state', detail);
    const outcome = OUTCOME_EVENTS[state];
    if (outcome) emit(this, outcome, detail);
    else if (info.reason === 'not_confirmed') emit(this, 'city-payment-canceled', detail);
    const [heading, text] = this.i18n.messages.payStates[state];
    const amount = state === 'confirming' || state === 'succeeded' ? ` ${formatMoney(bill.amount.amount, this.i18n.locale)}` : '';
    this.announce(`${heading}${amount} ${text}`, state === 'failed' || state === 'expired' ? 1 : 0);
  }

  /** Says `text` in the polite (0) or assertive (1) live region; cleared first so a repeat is announced again. */
  private announce(text: string, region: 0 | 1): void {
    const said = (value: string): [string, string] => (region ? [this.said[0], value] : [value, this.said[1]]);
    this.said = said('');
    setTimeout(() => (this.said = said(text)), 50);
  }

  private time(iso: string): string {
    return formatDateTime(iso, this.i18n.locale, { timeStyle: 'short' });
  }

  /** Focus follows the step: to its heading when the step changed under it, or the control it was on went away. */
  protected override updated(): void {
    if (!this.focusHeading && !(this.hadFocus && !this.shadowRoot?.activeElement)) return;
    this.focusHeading = false;
    this.renderRoot.querySelector<HTMLElement>('[part~="heading"]')?.focus();
  }

  protected override render(): TemplateResult {
    const regions = html`<div part="status" class="visually-hidden" role="status">${this.said[0]}</div>
      <div part="alert" class="visually-hidden" role="alert">${this.said[1]}</div>`;
    const bill = this.bill;
    const m = this.i18n.messages;
    if (!bill || !this.ready) return html`${bill ? html`<p class="muted">${m.loading}</p>` : nothing}${regions}`;
    const locale = this.i18n.locale;
    const view = this.view;
    const paid = view === 'succeeded' ? this.info.payment : undefined;
    const paidAt = paid?.timeline.findLast((e) => e.status === 'succeeded')?.at ?? paid?.updatedAt;
    const id = this.info.paymentId;
    const [heading, text] = m.payStates[view];
    const level = Math.min(6, Math.max(2, Math.round(this.headingLevel) || 2));
    return html`<section part="step" class="step ${view}" aria-labelledby="heading" aria-busy=${view === 'creating' || view === 'verifying' ? 'true' : 'false'}>
      <div part="heading" id="heading" class="heading" role="heading" aria-level=${level} tabindex="-1">${heading}</div>
      <p part="description" class="description">${localized(bill.description, locale)}</p>
      <dl part=${paid ? 'details receipt' : 'details'}>
        <dt>${m.billAmount}</dt><dd part="amount" class="amount">${formatMoney(bill.amount.amount, locale)}</dd>
        <dt>${m.billPayee}</dt><dd>${localized(bill.payee.name, locale)}</dd>
        <dt>${m.billReference}</dt><dd>${bill.reference}</dd>
        ${bill.payer ? html`<dt>${m.billPayer}</dt><dd>${maskSensitive(bill.payer)}</dd>` : nothing}
        ${id && view !== 'confirming' && view !== 'creating' ? html`<dt>${m.paymentId}</dt><dd>${id}</dd>` : nothing}
        ${paidAt ? html`<dt>${m.paidAt}</dt><dd><time datetime=${paidAt}>${formatDateTime(paidAt, locale)}</time></dd>` : nothing}
      </dl>
      ${text ? html`<p part="message">${text}</p>` : nothing}
      ${this.renderStep(view, bill)}
    </section>${regions}`;
  }

  private renderStep(view: PayState, bill: Bill): TemplateResult | typeof nothing {
    const m = this.i18n.messages;
    const amount = formatMoney(bill.amount.amount, this.i18n.locale);
    const button = (part: string, label: string, onClick: () => unknown, primary = false) =>
      html`<button part=${part} class="button ${primary ? 'primary' : ''}" type="button" @click=${onClick}>${label}</button>`;
    const offered = this.offered;
    switch (view) {
      case 'idle':
        return offered.length > 0
          ? html`<div class="actions">${button('pay', m.payBill(amount), () => this.show('confirming'), true)}</div>`
          : html`<p class="notice">${icon('alert')}<span>${m.payNoProvider}</span></p>`;
      case 'confirming':
        return html`${offered.length > 1
          ? html`<fieldset part="providers" class="providers"><legend>${m.payWith}</legend>${offered.map((p) => html`<label>
              <input type="radio" name="provider" value=${p} .checked=${p === this.provider} @change=${() => (this.chosen = p)} />${m.payProviders[p]}</label>`)}
            </fieldset>`
          : html`<p>${m.payWith}: ${m.payProviders[offered[0] ?? 'sandbox']}</p>`}
          <div class="actions">
            ${button('confirm', m.payConfirm(amount), () => this.pay(), true)}
            ${button('cancel', m.payCancel, () => this.show('idle', { reason: 'not_confirmed' }))}
          </div>`;
      case 'creating':
      case 'verifying':
        return html`<span part="progress" class="spinner" aria-hidden="true"></span>`;
      case 'awaiting_user':
        return this.renderPaying();
      case 'pending':
        return html`<div class="actions">${button('check-again', m.payCheckAgain, () => this.checkAgain(), true)}</div>`;
      case 'succeeded':
        return nothing;
      default:
        return html`<div class="actions">${button('pay', m.payAgain, () => this.show('confirming'), true)}</div>`;
    }
  }

  private renderPaying(): TemplateResult {
    const m = this.i18n.messages;
    const wallet = this.wallet;
    const amount = wallet ? formatMoney(wallet.payment.amount.amount, this.i18n.locale) : '';
    return html`
      ${this.deadline ? html`<p part="deadline">${m.payBy(this.time(this.deadline))}</p>` : nothing}
      ${this.warning ? html`<div part="expiry-warning" class="notice">${icon('alert')}<span>${m.payExpiring(this.warning)}</span>
        <button part="extend" class="button" type="button" @click=${() => this.extend()}>${m.payExtend}</button></div>` : nothing}
      ${wallet ? html`<div part="wallet" class="wallet" role="group" aria-labelledby="wallet">
          <p id="wallet" class="wallet-title">${m.wallet}</p>
          <p>${localized(wallet.payment.payee.name, this.i18n.locale)} · <strong>${amount}</strong></p>
          <div class="actions">
            <button part="wallet-pay" class="button primary" type="button" @click=${() => wallet.answer('pay')}>${m.payBill(amount)}</button>
            <button part="wallet-cancel" class="button" type="button" @click=${() => wallet.answer('cancel')}>${m.payCancel}</button>
          </div>
        </div>`
        : this.busy ? nothing : html`<div class="actions"><button part="continue" class="button primary" type="button" @click=${() => this.pay()}>${m.payContinue}</button></div>`}
      <slot name="provider"></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'city-payment': CityPayment;
  }
}
