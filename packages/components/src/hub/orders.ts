import { html, nothing, type TemplateResult } from 'lit';
import type { Order } from '@cityhub/schema';
import { formatDate, formatDateTime } from '../i18n/index.js';
import { icon } from '../icons/icons.js';
import { text, type ViewContext } from './view.js';

/** The orders view's data state, from the hub's orders task. */
export type OrdersState =
  | { state: 'pending' }
  | { state: 'error'; status?: number; retry: () => void }
  | { state: 'complete'; orders: readonly Order[] }
  | { state: 'unsupported' }
  /** Static catalogs only: there is no API to keep orders. */
  | { state: 'browse-only' };

/** "My applications": the signed-in user's orders, newest first, each with its status timeline. */
export function renderOrders(ctx: ViewContext, data: OrdersState): TemplateResult {
  const { m, hm } = ctx;
  return html`<div part="orders" class="view">
    ${ctx.back}
    ${ctx.heading(hm.orders)}
    ${data.state === 'pending' ? html`<div part="skeleton" class="skeleton-list" aria-hidden="true">
      ${[0, 1, 2].map(() => html`<div class="card"><span class="bone wide"></span><span class="bone"></span></div>`)}</div>
      <p class="visually-hidden" role="status">${m.loading}</p>` : nothing}
    ${data.state === 'error' && data.status === 401 ? html`<p part="sign-in" class="notice">${icon('id-card')}<span>${hm.ordersSignIn}</span></p>` : nothing}
    ${data.state === 'browse-only' ? html`<p part="browse-only" class="notice">${icon('book')}<span>${hm.browseOnly}</span></p>` : nothing}
    ${data.state === 'unsupported' ? html`<p part="sign-in" class="notice">${icon('id-card')}<span>${hm.ordersSignIn}</span></p>` : nothing}
    ${data.state === 'error' && data.status !== 401 ? html`<div part="error" class="notice error" role="alert">${icon('alert')}<span>${hm.ordersError}</span>
      <button part="retry" class="button" type="button" @click=${data.retry}>${m.retry}</button></div>` : nothing}
    ${data.state === 'complete' && data.orders.length === 0 ? html`<p part="empty" class="empty">${hm.ordersEmpty}</p>` : nothing}
    ${data.state === 'complete' && data.orders.length > 0 ? html`<ol class="order-list">
      ${[...data.orders].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map((order) => renderOrder(ctx, order))}</ol>` : nothing}
  </div>`;
}

function renderOrder(ctx: ViewContext, order: Order): TemplateResult {
  const { m, hm, locale } = ctx;
  const titleId = `order-${order.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return html`<li part="order" class="card order" aria-labelledby=${titleId}>
    <h3 class="section-title" id=${titleId}>${ctx.link({ view: 'service', city: order.city, service: order.service }, text(order.title, locale),
      { className: 'text-link' })}</h3>
    <p><span part="order-status" class="badge ${order.status}">${m.orderStatus[order.status] ?? order.status}</span>
      <span class="muted">${hm.orderUpdated(formatDateTime(order.updatedAt, locale))}</span></p>
    <dl class="facts">
      <dt>${m.orderReference}</dt><dd>${order.reference}</dd>
      <dt>${hm.orderCreated}</dt><dd>${formatDateTime(order.createdAt, locale)}</dd>
      ${order.booking ? html`<dt>${m.booking}</dt><dd>${formatDate(order.booking.date, locale)} ${order.booking.timeSlot}${order.booking.location
        ? html` · ${text(order.booking.location, locale)}` : nothing}</dd>` : nothing}
    </dl>
    <h4 class="subsection-title">${m.orderTimeline}</h4>
    <ol part="timeline" class="timeline">
      ${order.timeline.map((event) => html`<li>
        <strong>${m.orderStatus[event.status] ?? event.status}</strong>
        <time datetime=${event.at}>${formatDateTime(event.at, locale)}</time>
        ${event.note ? html`<span>${text(event.note, locale)}</span>` : nothing}
      </li>`)}
    </ol>
  </li>`;
}
