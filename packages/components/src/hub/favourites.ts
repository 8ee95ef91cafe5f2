import { html, nothing, type TemplateResult } from 'lit';
import type { CatalogService, CityCatalog } from '@cityhub/schema';
import { icon } from '../icons/icons.js';
import type { ServiceRef } from './storage.js';
import { plain, sectionHeading, serviceLink, type ViewContext } from './view.js';

/** The catalogs the favourites view needs (every city a favourite or recent service is in). */
export type FavouritesState =
  | { state: 'pending' }
  | { state: 'complete'; catalogs: ReadonlyMap<string, CityCatalog> };

interface Resolved {
  ref: ServiceRef;
  service: CatalogService;
  catalog: CityCatalog;
}

function resolve(refs: readonly ServiceRef[], catalogs: ReadonlyMap<string, CityCatalog>): Resolved[] {
  return refs.flatMap((ref) => {
    const catalog = catalogs.get(ref.city);
    const service = catalog?.services.find((s) => s.code === ref.service);
    return catalog && service ? [{ ref, service, catalog }] : [];
  });
}

/** Favourites and recently used services, grouped by city (the current city first). Stored as codes only. */
export function renderFavourites(ctx: ViewContext, data: FavouritesState): TemplateResult {
  const { m, hm } = ctx;
  return html`<div part="favourites" class="view">
    ${ctx.back}
    ${ctx.heading(hm.favourites)}
    ${data.state === 'pending' ? html`<div part="skeleton" class="skeleton-list" aria-hidden="true">
      ${[0, 1].map(() => html`<div class="card"><span class="bone wide"></span></div>`)}</div>
      <p class="visually-hidden" role="status">${m.loading}</p>` : renderLists(ctx, data.catalogs)}
  </div>`;
}

function renderLists(ctx: ViewContext, catalogs: ReadonlyMap<string, CityCatalog>): TemplateResult {
  const { hm } = ctx;
  const favourites = resolve(ctx.favourites, catalogs);
  const recent = resolve(ctx.recent, catalogs);
  return html`
    <section part="favourites-list" class="section" aria-labelledby="fav-title">
      ${sectionHeading('fav-title', hm.favourites)}
      ${favourites.length === 0 ? html`<p part="empty" class="empty">${hm.favouritesEmpty}</p>` : byCity(ctx, favourites, true)}
    </section>
    <section part="recent" class="section" aria-labelledby="recent-title">
      ${sectionHeading('recent-title', hm.recent)}
      ${recent.length === 0 ? html`<p class="empty">${hm.recentEmpty}</p>` : byCity(ctx, recent, false)}
    </section>`;
}

function byCity(ctx: ViewContext, items: readonly Resolved[], removable: boolean): TemplateResult {
  const cities = [...new Set(items.map((i) => i.ref.city))].sort((a, b) => (a === ctx.city ? -1 : b === ctx.city ? 1 : 0));
  return html`${cities.map((city) => {
    const group = items.filter((i) => i.ref.city === city);
    const cityName = plain(group[0]!.catalog.city.name, ctx.locale);
    return html`<div class="city-group" role="group" aria-label=${ctx.hm.otherCity(cityName)}>
      ${cities.length > 1 || city !== ctx.city ? html`<p class="muted">${ctx.hm.otherCity(cityName)}</p>` : nothing}
      <ul class="chips">${group.map(({ ref, service, catalog }) => html`<li class="chip-row">
        ${serviceLink(ctx, service, ref.city, catalog)}
        ${removable ? html`<button part="remove" class="button icon-button" type="button" aria-label=${ctx.hm.removeFavourite(plain(service.name, ctx.locale))}
          @click=${() => ctx.toggleFavourite(ref)}>${icon('close')}</button>` : nothing}
      </li>`)}</ul>
    </div>`;
  })}`;
}
