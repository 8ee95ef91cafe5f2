import { html, nothing, type TemplateResult } from 'lit';
import { meetsIdentity, type CatalogService, type CityCatalog, type Entry, type FormDefinition } from '@cityhub/schema';
import { formatDateTime, formatMoney } from '../i18n/index.js';
import { icon } from '../icons/icons.js';
import { isSensitiveField } from '../internal/mask.js';
import type { RouteParams } from './router.js';
import { colon, parens, plain, sectionHeading, staleNotice, text, type ViewContext } from './view.js';

/** The host of a URL that already passed `safeUrl`, for telling the user where they are going. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** A link that leaves the hub: always a new browsing context without an opener or referrer. */
function externalLink(ctx: ViewContext, service: CatalogService, entry: Entry, url: string, label: unknown, part: string): TemplateResult {
  return html`<a part=${part} class="button primary" href=${url} target="_blank" rel="noopener noreferrer"
    @click=${(event: Event) => ctx.onContinue(event, service, entry, url)}>${label}<span class="visually-hidden">${ctx.hm.newWindow}</span></a>`;
}

/**
 * A service page: what it is, the guide (documents, fees, identity, time, provider and contact), notices
 * (maintenance, availability), then how to use it — the generated form, or a clear "continues on …" step for
 * services that live elsewhere.
 */
export function renderService(ctx: ViewContext, catalog: CityCatalog, service: CatalogService): TemplateResult {
  const { hm, locale } = ctx;
  const city = catalog.city.code;
  const name = plain(service.name, locale);
  const standard = plain(service.standardName, locale);
  const favourite = ctx.isFavourite({ city, service: service.code });
  const maintenance = service.status.state === 'maintenance' ? service.status : undefined;
  const retired = service.status.state === 'retired' ? service.status : undefined;
  const availability = service.availability;
  const usable = !maintenance && !retired && availability.state === 'available';
  return html`<article part="service-page" class="view">
    ${ctx.back}
    <div class="title-row">
      ${ctx.heading(name)}
      <button part="favourite" class="button favourite" type="button" aria-pressed=${favourite ? 'true' : 'false'}
        @click=${() => ctx.toggleFavourite({ city, service: service.code })}>
        <svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false" fill=${favourite ? 'currentColor' : 'none'}
          stroke="currentColor" stroke-width="1.75" stroke-linejoin="round"><path d="m12 3.5 2.6 5.4 5.9.8-4.3 4.1 1 5.8L12 16.9l-5.2 2.7 1-5.8-4.3-4.1 5.9-.8z"/></svg>
        ${hm.favourite}
      </button>
    </div>
    ${standard !== name ? html`<p class="muted">${hm.standardName}${colon(locale)}${text(service.standardName, locale)}</p>` : nothing}
    ${staleNotice(ctx)}
    ${maintenance ? html`<div part="maintenance" class="notice">
      ${icon('alert')}
      <div><strong>${hm.maintenanceHeading}</strong>
        <p>${text(maintenance.message, locale)}</p>
        ${maintenance.until ? html`<p>${hm.maintenanceUntil(formatDateTime(maintenance.until, locale))}</p>` : nothing}</div>
    </div>` : nothing}
    ${retired ? renderRetired(ctx, catalog, retired.replacedBy) : nothing}
    ${!retired && availability.state === 'unavailable' ? html`<div part="availability" class="notice">${icon('alert')}<div>
      <p>${hm.unavailable}</p>${availability.reason ? html`<p>${text(availability.reason, locale)}</p>` : nothing}</div></div>` : nothing}
    ${!retired && availability.state === 'alternative' ? renderAlternative(ctx, service, availability.url, availability.note) : nothing}
    ${service.summary ? html`<p part="summary" class="lead">${text(service.summary, locale)}</p>` : nothing}
    <p part="description">${text(service.description, locale)}</p>
    ${renderGuide(ctx, service)}
    ${usable ? renderEntry(ctx, catalog, service) : nothing}
  </article>`;
}

function renderRetired(ctx: ViewContext, catalog: CityCatalog, replacedBy: string | undefined): TemplateResult {
  const replacement = replacedBy ? catalog.services.find((s) => s.code === replacedBy) : undefined;
  return html`<div part="availability" class="notice">${icon('alert')}<div>
    <p>${ctx.hm.retired}</p>
    ${replacement ? html`<p>${ctx.hm.replacedBy}${colon(ctx.locale)}${ctx.link({ view: 'service', city: catalog.city.code, service: replacement.code },
      text(replacement.name, ctx.locale), { className: 'text-link' })}</p>` : nothing}
  </div></div>`;
}

function renderAlternative(ctx: ViewContext, service: CatalogService, url: string, note: CatalogService['description'] | undefined): TemplateResult {
  const safe = ctx.safe(url);
  const entry: Entry = { type: 'h5', url };
  return html`<div part="availability" class="notice">${icon('alert')}<div>
    <p>${ctx.hm.alternative}</p>
    ${note ? html`<p>${text(note, ctx.locale)}</p>` : nothing}
    ${safe ? html`<p>${externalLink(ctx, service, entry, safe, html`${ctx.hm.alternativeLink}${parens(ctx.locale, hostOf(safe))}`, 'alternative-link')}</p>`
      : html`<p>${ctx.hm.linkUnavailable}</p>`}
  </div></div>`;
}

/** The guide: kind, identity, time, fees, documents, provider and contact, as a definition list. */
function renderGuide(ctx: ViewContext, service: CatalogService): TemplateResult {
  const { m, hm, locale } = ctx;
  const provider = service.provider;
  const contact = provider.contact;
  const website = contact?.website ? ctx.safe(contact.website) : null;
  const phone = contact?.phone?.replace(/[^0-9+]/g, '');
  return html`<section part="details" class="section card" aria-labelledby="details-title">
    ${sectionHeading('details-title', hm.details)}
    <dl class="facts">
      <dt>${hm.kind}</dt><dd>${m.serviceKinds[service.kind] ?? service.kind}</dd>
      <dt>${hm.identity}</dt><dd part="identity">${hm.identityLevels[service.identity] ?? service.identity}</dd>
      ${service.processingTime ? html`<dt>${hm.processingTime}</dt><dd>${hm.duration(service.processingTime)}${service.processingTime.note
        ? parens(locale, text(service.processingTime.note, locale)) : nothing}</dd>` : nothing}
      ${service.costs ? html`<dt>${hm.costs}</dt><dd part="costs">${service.costs.length === 0 ? hm.costFree : html`<ul class="plain">
        ${service.costs.map((cost) => html`<li>${text(cost.description, locale)}${colon(locale)}<strong class="amount">${cost.amount
          ? formatMoney(cost.amount.amount, locale) : hm.costByBill}</strong></li>`)}</ul>`}</dd>` : nothing}
      <dt>${hm.provider}</dt><dd part="provider">${text(provider.authority.name, locale)}${plain(provider.name, locale) !== plain(provider.authority.name, locale)
        ? html`<span class="muted">${parens(locale, text(provider.name, locale))}</span>` : nothing}</dd>
      ${provider.operator ? html`<dt>${hm.operator}</dt><dd>${text(provider.operator.name, locale)}</dd>` : nothing}
      ${phone ? html`<dt>${hm.phone}</dt><dd><a part="phone" class="text-link" href="tel:${phone}">${contact!.phone}</a></dd>` : nothing}
      ${website ? html`<dt>${hm.website}</dt><dd><a part="website" class="text-link" href=${website} target="_blank" rel="noopener noreferrer">${hostOf(website)}<span
        class="visually-hidden">${hm.newWindow}</span></a></dd>` : nothing}
      ${contact?.address ? html`<dt>${hm.address}</dt><dd>${text(contact.address, locale)}</dd>` : nothing}
      ${contact?.hours ? html`<dt>${hm.hours}</dt><dd>${text(contact.hours, locale)}</dd>` : nothing}
    </dl>
    ${service.documents && service.documents.length > 0 ? html`<h4 class="subsection-title" id="documents-title">${hm.documents}</h4>
      <ul part="documents" class="documents" aria-labelledby="documents-title">${service.documents.map((d) => html`<li>
        <span class="doc-name">${text(d.name, locale)}</span>
        <span class="badge ${d.required ? 'required' : ''}">${d.required ? hm.documentRequired : hm.documentOptional}</span>
        ${d.note ? html`<span class="muted small">${text(d.note, locale)}</span>` : nothing}
      </li>`)}</ul>` : nothing}
  </section>`;
}

/** How the user goes on: the form, or the step that tells them where they are going before they leave. */
function renderEntry(ctx: ViewContext, catalog: CityCatalog, service: CatalogService): TemplateResult | typeof nothing {
  const { hm, locale } = ctx;
  const entry = service.entry;
  const provider = plain(service.provider.name, locale);
  switch (entry.type) {
    case 'form':
      return renderForm(ctx, catalog, service);
    case 'info':
      return nothing;
    case 'h5': {
      const url = ctx.safe(entry.url);
      return continueStep(ctx, html`<p>${hm.continueWeb(provider, url ? hostOf(url) : '—')}</p>
        ${url ? externalLink(ctx, service, entry, url, hm.continueLink(hostOf(url)), 'continue-link') : html`<p part="link-unavailable">${hm.linkUnavailable}</p>`}`);
    }
    case 'mini-program': {
      const platform = hm.platforms[entry.platform] ?? entry.platform;
      const fallback = entry.fallbackUrl ? ctx.safe(entry.fallbackUrl) : null;
      return continueStep(ctx, html`<p>${hm.continueMiniProgram(platform, provider)}</p>
        <p part="platform">${hm.miniProgramHint(platform, plain(service.name, locale))}</p>
        ${fallback ? externalLink(ctx, service, entry, fallback, hm.continueFallback(hostOf(fallback)), 'continue-link') : nothing}`);
    }
    case 'app': {
      const app = plain(entry.appName, locale);
      const deepLink = ctx.appLink(entry.url);
      const fallback = entry.fallbackUrl ? ctx.safe(entry.fallbackUrl) : null;
      return continueStep(ctx, html`<p>${hm.continueApp(app)}</p>
        ${deepLink ? html`<a part="continue-link app-link" class="button primary" href=${deepLink} rel="noopener noreferrer"
          @click=${(event: Event) => ctx.onContinue(event, service, entry, deepLink)}>${hm.openApp(app)}</a>` : html`<p>${hm.appHint(app)}</p>`}
        ${fallback ? externalLink(ctx, service, entry, fallback, hm.continueFallback(hostOf(fallback)), deepLink ? 'fallback-link' : 'continue-link') : nothing}`);
    }
    case 'open311': {
      const endpoint = ctx.safe(entry.endpoint);
      if (ctx.open311Accepted(service.code) && endpoint) return renderForm(ctx, catalog, service);
      return continueStep(ctx, html`<p>${hm.continueOpen311(provider, endpoint ? hostOf(endpoint) : '—')}</p>
        ${endpoint && service.form ? html`<button part="continue-button" class="button primary" type="button"
          @click=${() => ctx.acceptOpen311(service.code)}>${hm.continueToForm}</button>` : endpoint ? nothing : html`<p part="link-unavailable">${hm.linkUnavailable}</p>`}`);
    }
    default:
      return nothing;
  }
}

function continueStep(ctx: ViewContext, body: TemplateResult): TemplateResult {
  return html`<section part="continue" class="section card continue" aria-labelledby="continue-title">
    ${sectionHeading('continue-title', ctx.hm.continueHeading)}
    ${body}
  </section>`;
}

function renderForm(ctx: ViewContext, catalog: CityCatalog, service: CatalogService): TemplateResult {
  if (!ctx.canSubmit) return html`<p part="browse-only" class="notice">${icon('book')}<span>${ctx.hm.browseOnly}</span></p>`;
  const level = ctx.identityLevel;
  const needsIdentity = level !== 'unknown' && !meetsIdentity(level, service.identity)
    ? (level === 'none' ? ctx.hm.signInNeeded : ctx.hm.faceNeeded) : undefined;
  const order = ctx.completedOrder(service.code);
  return html`<section part="form-section" class="section" aria-labelledby="form-title">
    ${sectionHeading('form-title', plain(service.form?.submitLabel, ctx.locale) || ctx.m.serviceKinds[service.kind] || ctx.m.submit)}
    ${needsIdentity ? html`<p part="identity-notice" class="notice">${icon('id-card')}<span>${needsIdentity}</span></p>` : nothing}
    <city-service-form part="form" .service=${service} .result=${ctx.resultOf(service.code)} .initialValues=${prefill(service, ctx.params)}
      city=${catalog.city.code} submit-mode="client" mode=${ctx.mode}
      exportparts="form: service-form, control, submit, error-message, result"></city-service-form>
    ${order ? html`<p>${ctx.link({ view: 'orders' }, ctx.hm.viewOrders, { part: 'orders-link', className: 'button' })}</p>` : nothing}
  </section>`;
}

const prefills = new WeakMap<RouteParams, Map<string, Record<string, unknown> | undefined>>();

/**
 * The form values a deep link's parameters pre-fill: each parameter fills the field whose code it names
 * (`?year=2025`), except personal data (ID card, mobile, plate, fields marked `sensitive`), which must not travel in
 * URLs, server logs and referrers. A multi-value list takes comma-separated keys. The result is the same object while
 * the route stays, so re-rendering the hub does not reset what the user typed.
 */
export function prefill(service: CatalogService, params: RouteParams | undefined): Record<string, unknown> | undefined {
  if (!params || !service.form) return undefined;
  let byService = prefills.get(params);
  if (!byService) prefills.set(params, (byService = new Map()));
  if (!byService.has(service.code)) byService.set(service.code, prefillValues(service.form, params));
  return byService.get(service.code);
}

function prefillValues(form: FormDefinition, params: RouteParams): Record<string, unknown> | undefined {
  const values: Record<string, unknown> = {};
  for (const field of form.fields) {
    const value = Object.hasOwn(params, field.code) ? params[field.code] : undefined;
    if (value === undefined || isSensitiveField(field)) continue;
    values[field.code] = field.type === 'multivaluelist' ? value.split(',').filter(Boolean) : value;
  }
  return Object.keys(values).length > 0 ? values : undefined;
}
