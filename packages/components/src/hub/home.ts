import { html, nothing, type TemplateResult } from 'lit';
import type { CatalogService, CityCatalog } from '@cityhub/schema';
import { formatDateTime } from '../i18n/index.js';
import { icon } from '../icons/icons.js';
import { plain, sectionHeading, serviceLink, staleNotice, text, type ViewContext } from './view.js';

/**
 * The city's hub home: search, recently used services, popular services, the category grid and life-event topics.
 */
export function renderHome(ctx: ViewContext, catalog: CityCatalog, popularLimit: number): TemplateResult {
  const { m, hm, locale } = ctx;
  const cityName = plain(catalog.city.name, locale);
  const byCode = new Map(catalog.services.map((s) => [s.code, s]));
  const recent = ctx.recent.filter((r) => r.city === catalog.city.code).map((r) => byCode.get(r.service)).filter((s): s is CatalogService => s !== undefined);
  const top = catalog.categories.filter((c) => !c.parent && c.services.length > 0).sort((a, b) => a.order - b.order);
  const topics = [...catalog.topics].sort((a, b) => a.order - b.order).filter((t) => t.services.some((code) => byCode.has(code)));
  const empty = catalog.services.length === 0;
  return html`<div part="home" class="view">
    ${ctx.heading(m.gridLabel(cityName))}
    ${staleNotice(ctx)}
    ${empty ? html`<p part="empty" class="empty">${m.gridEmpty}</p>` : html`
      <city-search part="search" city=${catalog.city.code} mode=${ctx.mode} exportparts="input: search-input, option: search-option"></city-search>
      ${recent.length > 0 ? html`<section part="recent" class="section" aria-labelledby="recent-title">
        ${sectionHeading('recent-title', hm.recent)}
        <ul class="chips">${recent.map((s) => html`<li>${serviceLink(ctx, s, catalog.city.code)}</li>`)}</ul>
      </section>` : nothing}
      <section part="popular" class="section" aria-labelledby="popular-title">
        ${sectionHeading('popular-title', hm.popular)}
        <city-service-grid .catalog=${catalog} limit=${popularLimit} label=${hm.popular} mode=${ctx.mode}
          exportparts="tile, tile-name, tile-icon, tile-provider, tile-badge"></city-service-grid>
      </section>
      ${top.length > 0 ? html`<section part="categories" class="section" aria-labelledby="categories-title">
        ${sectionHeading('categories-title', hm.categories)}
        <ul class="cards">${top.map((c) => html`<li>${ctx.link({ view: 'category', city: catalog.city.code, category: c.id },
          html`${icon(c.icon)}<span class="card-name">${text(c.name, locale)}</span><span class="card-count">${m.categoryServices(c.services.length)}</span>`,
          { part: 'category-link', className: 'card' })}</li>`)}</ul>
      </section>` : nothing}
      ${topics.length > 0 ? html`<section part="topics" class="section" aria-labelledby="topics-title">
        ${sectionHeading('topics-title', hm.topics)}
        <ul class="cards">${topics.map((t) => html`<li>${ctx.link({ view: 'topic', city: catalog.city.code, topic: t.id },
          html`${icon(t.icon)}<span class="card-name">${text(t.name, locale)}</span>${t.description
            ? html`<span class="card-count">${text(t.description, locale)}</span>` : nothing}`,
          { part: 'topic-link', className: 'card' })}</li>`)}</ul>
      </section>` : nothing}
    `}
    <p part="updated" class="muted small">${hm.catalogUpdated(formatDateTime(catalog.generatedAt, locale))}</p>
  </div>`;
}
