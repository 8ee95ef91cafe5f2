import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { Bill, Order, ResultSection, SubmissionResult } from '@cityhub/schema';
import { emit } from '../events.js';
import { LocaleController, formatDate, formatDateTime, formatMoney, localized } from '../i18n/index.js';
import { maskSensitive } from '../internal/mask.js';
import { sharedStyles } from '../styles/shared.js';
import { tokenStyles } from '../styles/tokens.js';
import { styles } from './submission-result.styles.js';

/**
 * What a provider answered to a submission: a summary with its status, titled sections of label/value rows
 * (as definition lists; a value given as localized text is shown in the element's locale), bills with their amounts and a pay button, and the order's reference and timeline.
 * Rows marked `sensitive` and bill payers are shown masked, even if a provider forgot to mask them.
 *
 * @summary The result of a query, payment lookup, booking or report.
 *
 * @event city-bill-pay - The user asked to pay an unpaid bill. `detail: { bill, result }`.
 *
 * @csspart result - The whole result.
 * @csspart summary - The summary line.
 * @csspart status - The result status badge.
 * @csspart section - One titled section of rows.
 * @csspart section-title - A section's title.
 * @csspart rows - A section's definition list.
 * @csspart bills - The bills block.
 * @csspart bill - One bill.
 * @csspart amount - A bill's amount.
 * @csspart pay - A bill's pay button.
 * @csspart order - The order block.
 * @csspart timeline - The order's status history.
 *
 * @cssproperty --city-color-success - Colour of completed / paid badges (design token).
 */
export class CitySubmissionResult extends LitElement {
  static override styles = [tokenStyles, sharedStyles, styles];

  /** The provider's answer. Nothing renders without one. */
  @property({ attribute: false }) result?: SubmissionResult;

  /** Heading level (2–6) for the result's section titles, to fit the page's outline. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 3;

  /** Hide the pay buttons (e.g. when the host handles payment elsewhere). */
  @property({ type: Boolean, attribute: 'no-pay', reflect: true }) noPay = false;

  /** `elder` switches to the 适老化 sizes. */
  @property({ reflect: true }) mode: 'standard' | 'elder' = 'standard';

  private readonly i18n = new LocaleController(this);

  protected override render(): TemplateResult | typeof nothing {
    const result = this.result;
    if (!result) return nothing;
    const m = this.i18n.messages;
    const locale = this.i18n.locale;
    return html`<div part="result" class="result">
      <div class="header">
        <span part="status" class="badge ${result.status}">${m.resultStatus[result.status] ?? result.status}</span>
        <p part="summary" class="summary">${localized(result.summary, locale)}</p>
        <span class="time">${m.submittedAt(formatDateTime(result.submittedAt, locale))}</span>
      </div>
      ${result.sections.map((section) => this.renderSection(section))}
      ${result.bills.length > 0 ? this.renderBills(result) : nothing}
      ${result.order ? this.renderOrder(result.order) : nothing}
    </div>`;
  }

  private heading(text: string, part = 'section-title'): TemplateResult {
    const level = Math.min(6, Math.max(2, Math.round(this.headingLevel) || 3));
    return html`<div part=${part} class="title" role="heading" aria-level=${level}>${text}</div>`;
  }

  private renderSection(section: ResultSection): TemplateResult {
    const locale = this.i18n.locale;
    return html`<section part="section" class="card">
      ${this.heading(localized(section.title, locale))}
      <dl part="rows">
        ${section.rows.map((row) => {
          // A value is a plain string (numbers, dates, masked IDs) or localized text (statuses, types, descriptions).
          const value = typeof row.value === 'string' ? row.value : localized(row.value, locale);
          return html`<dt>${localized(row.label, locale)}</dt><dd>${row.sensitive ? maskSensitive(value) : value}</dd>`;
        })}
      </dl>
    </section>`;
  }

  private renderBills(result: SubmissionResult): TemplateResult {
    const m = this.i18n.messages;
    return html`<section part="bills">
      ${this.heading(m.bills)}
      <ul class="bills">${result.bills.map((bill) => this.renderBill(bill, result))}</ul>
    </section>`;
  }

  private renderBill(bill: Bill, result: SubmissionResult): TemplateResult {
    const m = this.i18n.messages;
    const locale = this.i18n.locale;
    const amount = formatMoney(bill.amount.amount, locale);
    return html`<li part="bill" class="card">
      <p class="bill-title">${localized(bill.description, locale)} <span class="badge ${bill.status}">${m.billStatus[bill.status] ?? bill.status}</span></p>
      <dl>
        <dt>${m.billAmount}</dt><dd part="amount" class="amount">${amount}</dd>
        <dt>${m.billPayee}</dt><dd>${localized(bill.payee.name, locale)}</dd>
        <dt>${m.billReference}</dt><dd>${bill.reference}</dd>
        ${bill.dueDate ? html`<dt>${m.billDue}</dt><dd>${formatDate(bill.dueDate, locale)}</dd>` : nothing}
        ${bill.payer ? html`<dt>${m.billPayer}</dt><dd>${maskSensitive(bill.payer)}</dd>` : nothing}
      </dl>
      ${bill.status === 'unpaid' && !this.noPay ? html`<div class="bill-actions">
        <button part="pay" class="button primary" type="button" @click=${() => emit(this, 'city-bill-pay', { bill, result })}>${m.payBill(amount)}</button>
      </div>` : nothing}
    </li>`;
  }

  private renderOrder(order: Order): TemplateResult {
    const m = this.i18n.messages;
    const locale = this.i18n.locale;
    return html`<section part="order" class="card">
      ${this.heading(m.order)}
      <dl>
        <dt>${m.orderReference}</dt><dd>${order.reference}</dd>
        <dt>${m.statusLabel}</dt><dd><span class="badge ${order.status}">${m.orderStatus[order.status] ?? order.status}</span></dd>
        ${order.booking ? html`
          <dt>${m.bookingDate}</dt><dd>${formatDate(order.booking.date, locale)}</dd>
          <dt>${m.bookingTime}</dt><dd>${order.booking.timeSlot}</dd>
          ${order.booking.location ? html`<dt>${m.bookingLocation}</dt><dd>${localized(order.booking.location, locale)}</dd>` : nothing}` : nothing}
      </dl>
      ${this.heading(m.orderTimeline)}
      <ol part="timeline" class="timeline">
        ${order.timeline.map((event) => html`<li>
          <strong>${m.orderStatus[event.status] ?? event.status}</strong>
          <time class="time" datetime=${event.at}>${formatDateTime(event.at, locale)}</time>
          ${event.note ? html`<span>${localized(event.note, locale)}</span>` : nothing}
        </li>`)}
      </ol>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'city-submission-result': CitySubmissionResult;
  }
}
