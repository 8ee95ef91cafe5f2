import { html, nothing, type TemplateResult } from 'lit';
import type { Bill } from '@cityhub/schema';
import { icon } from '../icons/icons.js';
import type { ViewContext } from './view.js';

/**
 * Where the pay page's bill comes from: the result the user paid from (kept in memory only), else the server's
 * payment of the bill (after a reload or the return from a hosted payment page). A bill nobody started paying is
 * kept nowhere on the device, so after a reload at the confirm step it is `gone` (nothing was paid).
 */
export type PayBillState =
  | { state: 'pending' }
  | { state: 'ready'; bill: Bill }
  | { state: 'gone' }
  | { state: 'error'; retry: () => void };

/** Paying a bill: `<city-payment>` for it, and the way to "my applications" once it is paid. */
export function renderPay(ctx: ViewContext, data: PayBillState, paid: boolean): TemplateResult {
  const { m, hm } = ctx;
  return html`<div part="pay-page" class="view">
    ${ctx.back}
    ${ctx.heading(hm.payHeading)}
    ${data.state === 'pending' ? html`<p class="muted" role="status">${m.loading}</p>` : nothing}
    ${data.state === 'gone' ? html`<p part="empty" class="notice">${icon('alert')}<span>${hm.payBillGone}</span></p>
      <p>${ctx.link({ view: 'home', city: ctx.city }, hm.goHome, { className: 'button' })}</p>` : nothing}
    ${data.state === 'error' ? html`<div part="error" class="notice error" role="alert">${icon('alert')}<span>${m.loadError}</span>
      <button part="retry" class="button" type="button" @click=${data.retry}>${m.retry}</button></div>` : nothing}
    ${data.state === 'ready' ? html`<city-payment part="payment" .bill=${data.bill} .providers=${ctx.paymentProviders} heading-level="3" mode=${ctx.mode}
      exportparts="step: payment-step, confirm: payment-confirm, wallet-pay, receipt"></city-payment>` : nothing}
    ${paid ? html`<p>${ctx.link({ view: 'orders' }, hm.viewOrders, { part: 'orders-link', className: 'button' })}</p>` : nothing}
  </div>`;
}
