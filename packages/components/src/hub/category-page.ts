import { html, nothing, type TemplateResult } from 'lit';
import type { CatalogCategory, CityCatalog, Topic } from '@cityhub/schema';
import { icon } from '../icons/icons.js';
import { plain, sectionHeading, staleNotice, text, type ViewContext } from './view.js';

/** A category page: where it sits, its subcategories and its services. */
export function renderCategory(ctx: ViewContext, catalog: CityCatalog, category: CatalogCategory): TemplateResult {
  const { m, hm, locale } = ctx;
  const city = catalog.city.code;
  const byId = new Map(catalog.categories.map((c) => [c.id, c]));
  const parents = category.path.slice(0, -1).map((id) => byId.get(id)).filter((c): c is CatalogCategory => c !== undefined);
  const children = catalog.categories.filter((c) => c.parent === category.id && c.services.length > 0).sort((a, b) => a.order - b.order);
  const name = plain(category.name, locale);
  return html`<div part="category-page" class="view">
    ${ctx.back}
    ${parents.length > 0 ? html`<nav part="breadcrumbs" class="breadcrumbs" aria-label=${hm.categories}><ol>
      ${parents.map((p) => html`<li>${ctx.link({ view: 'category', city, category: p.id }, text(p.name, locale), { className: 'text-link' })}</li>`)}
      <li aria-current="page">${text(category.name, locale)}</li>
    </ol></nav>` : nothing}
    ${ctx.heading(name)}
    ${staleNotice(ctx)}
    ${category.description ? html`<p part="description" class="lead">${text(category.description, locale)}</p>` : nothing}
    <p class="muted">${m.categoryServices(category.services.length)}</p>
    ${children.length > 0 ? html`<section part="subcategories" class="section" aria-labelledby="sub-title">
      ${sectionHeading('sub-title', hm.subcategories)}
      <ul class="chips">${children.map((c) => html`<li>${ctx.link({ view: 'category', city, category: c.id },
        html`${icon(c.icon)}<span>${text(c.name, locale)}</span>`, { part: 'category-link', className: 'chip' })}</li>`)}</ul>
    </section>` : nothing}
    <city-service-grid part="grid" .catalog=${catalog} category=${category.id} label=${name} mode=${ctx.mode}
      exportparts="tile, tile-name, tile-icon, tile-provider, tile-badge"></city-service-grid>
  </div>`;
}

const topicCatalogs = new WeakMap<CityCatalog, Map<string, CityCatalog>>();

/** The catalog narrowed to a topic's services (memoised, so the grid sees the same object between renders). */
function topicCatalog(catalog: CityCatalog, topic: Topic): CityCatalog {
  let byTopic = topicCatalogs.get(catalog);
  if (!byTopic) {
    byTopic = new Map();
    topicCatalogs.set(catalog, byTopic);
  }
  let narrowed = byTopic.get(topic.id);
  if (!narrowed) {
    const codes = new Set(topic.services);
    narrowed = { ...catalog, services: catalog.services.filter((s) => codes.has(s.code)) };
    byTopic.set(topic.id, narrowed);
  }
  return narrowed;
}

/** A life-event topic page (开车出行, 生儿育女): services from several categories. */
export function renderTopic(ctx: ViewContext, catalog: CityCatalog, topic: Topic): TemplateResult {
  const name = plain(topic.name, ctx.locale);
  return html`<div part="topic-page" class="view">
    ${ctx.back}
    ${ctx.heading(name)}
    ${staleNotice(ctx)}
    ${topic.description ? html`<p part="description" class="lead">${text(topic.description, ctx.locale)}</p>` : nothing}
    <p class="muted">${ctx.m.categoryServices(topicCatalog(catalog, topic).services.length)}</p>
    <city-service-grid part="grid" .catalog=${topicCatalog(catalog, topic)} label=${name} mode=${ctx.mode}
      exportparts="tile, tile-name, tile-icon, tile-provider, tile-badge"></city-service-grid>
  </div>`;
}
