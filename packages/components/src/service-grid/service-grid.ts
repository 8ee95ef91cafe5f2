import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import type { CatalogService, CityCatalog } from '@cityhub/schema';
import { hubClientContext, type CachedResult, type HubClient } from '../context.js';
import { emit } from '../events.js';
import { LocaleController, formatDateTime, langAttr, localized, localizedLocale } from '../i18n/index.js';
import { icon } from '../icons/icons.js';
import { WithClientAttributes, attributeClient } from '../internal/client-attributes.js';
import { sharedStyles } from '../styles/shared.js';
import { tokenStyles } from '../styles/tokens.js';
import { styles } from './service-grid.styles.js';

const SKELETON_TILES = 8;

/**
 * A city's services as a grid of tiles — icon, the city's local name for the service and its provider —
 * most popular first. Arrow keys move between tiles (one tab stop for the whole grid); Enter, Space or a click
 * selects one.
 *
 * Data comes from `catalog` when the host already has it, otherwise from the client (context or `client`
 * property) for `city`. Cached data the client could not refresh is shown with a "last updated" notice.
 *
 * @summary The service tiles of one city, optionally one category.
 *
 * @event city-service-select - A tile was chosen. `detail: { service, city, source: 'grid' }`.
 *
 * @csspart grid - The list of tiles (`<ul>`).
 * @csspart tile - One service tile (`<button>`).
 * @csspart tile-icon - The tile's icon.
 * @csspart tile-name - The service's local name.
 * @csspart tile-provider - The provider hint.
 * @csspart tile-badge - "Under maintenance" / "Unavailable" badge.
 * @csspart skeleton - The placeholder tiles shown while loading.
 * @csspart empty - The empty-state message.
 * @csspart error - The error message with its retry button.
 * @csspart retry - The retry button.
 * @csspart stale-notice - The offline / "last updated" notice.
 * @csspart status - The screen-reader live region.
 *
 * @cssproperty --city-service-grid-min-tile - Minimum tile width (default `9em`, so it grows with the text).
 * @cssproperty --city-service-grid-gap - Gap between tiles.
 * @cssproperty --city-color-primary - Icon and accent colour (design token).
 * @cssproperty --city-font-size-base - Body text size (design token; 24px in elder mode).
 * @cssproperty --city-target-size - Minimum touch-target size (design token; 60px in elder mode).
 */
export class CityServiceGrid extends WithClientAttributes(LitElement) {
  static override styles = [tokenStyles, sharedStyles, styles];

  /** The city's GB/T 2260 code (`440300`). */
  @property({ reflect: true }) city = '';

  /** Only services in this category (or its subcategories), by category id (`traffic`). */
  @property({ reflect: true }) category?: string;

  /** Show at most this many services. */
  @property({ type: Number }) limit?: number;

  /** `elder` switches to the 适老化 sizes: 24px text, 60px targets. */
  @property({ reflect: true }) mode: 'standard' | 'elder' = 'standard';

  /** Accessible name of the grid; defaults to "City services in {city}". */
  @property() label?: string;

  /** The catalog, when the host already has it; otherwise it is loaded through the client. */
  @property({ attribute: false }) catalog?: CityCatalog;

  /** The data client; usually provided by an ancestor through `hubClientContext`. */
  @consume({ context: hubClientContext, subscribe: true })
  @property({ attribute: false })
  client?: Partial<Pick<HubClient, 'catalog'>>;

  @state() private activeIndex = 0;
  /** A background refresh that arrived after the first answer, for the city it was asked for. */
  @state() private refreshed?: { city: string; result: CachedResult<CityCatalog> };

  private readonly i18n = new LocaleController(this);
  private visible: readonly CatalogService[] = [];
  private iconByService = new Map<string, string>();
  private iconsFor?: CityCatalog;
  private focusAfterRender = false;

  private readonly load = new Task(this, {
    task: async ([given, city, api, catalogUrl], { signal }) => {
      if (!city) return undefined;
      const client = given ?? (await attributeClient({ api, catalogUrl }));
      if (!client?.catalog) throw new Error('<city-service-grid>: no client (set api, catalog-url or client, or provide one)');
      return client.catalog(city, {
        signal,
        onUpdate: (result) => {
          if (!signal.aborted) this.refreshed = { city, result };
        },
      });
    },
    args: () => [this.client, this.catalog ? '' : this.city, this.api, this.catalogUrl] as const,
  });

  /** Loads the catalog again (what the Retry button does). */
  retry(): Promise<void> {
    this.refreshed = undefined;
    return this.load.run();
  }

  /** The catalog being shown, and whether it may be out of date. */
  private get current(): CachedResult<CityCatalog> | undefined {
    if (this.catalog) return { data: this.catalog, stale: false, updatedAt: new Date(this.catalog.generatedAt), source: 'cache' };
    if (this.refreshed && this.refreshed.city === this.city) return this.refreshed.result;
    return this.load.value;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('city')) this.refreshed = undefined;
    const catalog = this.current?.data;
    if (catalog !== this.iconsFor) {
      this.iconsFor = catalog;
      this.iconByService = iconIndex(catalog);
    }
    const list = catalog ? servicesFor(catalog, this.category, this.limit) : [];
    if (list !== this.visible && !sameList(list, this.visible)) {
      this.visible = list;
      if (this.activeIndex >= list.length) this.activeIndex = 0;
    }
  }

  protected override render(): TemplateResult {
    const m = this.i18n.messages;
    const pending = this.load.status === TaskStatus.PENDING && !this.catalog;
    // While a new load runs, the previous city's data must not stand in for this one.
    const current = pending ? undefined : this.current;
    const failed = this.load.status === TaskStatus.ERROR && !this.catalog;
    const waiting = !current && !failed && (pending || (this.city !== '' && !this.catalog));
    return html`
      <div part="status" class="visually-hidden" role="status">${waiting ? m.loading : ''}</div>
      ${!this.city && !this.catalog ? html`<p part="empty" class="empty">${m.noCity}</p>` : nothing}
      ${failed ? this.renderError() : nothing}
      ${waiting ? this.renderSkeleton() : nothing}
      ${current && !failed && !waiting ? this.renderServices(current) : nothing}
    `;
  }

  private renderError(): TemplateResult {
    const m = this.i18n.messages;
    return html`<div part="error" class="notice error" role="alert">
      ${icon('alert')}<span>${m.loadError}</span>
      <button part="retry" class="button" type="button" @click=${() => this.retry()}>${m.retry}</button>
    </div>`;
  }

  private renderSkeleton(): TemplateResult {
    const count = Math.min(this.limit ?? SKELETON_TILES, SKELETON_TILES);
    return html`<div part="skeleton" class="grid skeleton" aria-hidden="true">
      ${Array.from({ length: count }, () => html`<div class="tile"><span class="bone icon-bone"></span><span class="bone text-bone"></span></div>`)}
    </div>`;
  }

  private renderServices(current: CachedResult<CityCatalog>): TemplateResult {
    const m = this.i18n.messages;
    const locale = this.i18n.locale;
    const catalog = current.data;
    const cityName = localized(catalog.city.name, locale);
    const stale = current.stale
      ? html`<p part="stale-notice" class="notice">${icon('offline')}<span>${m.staleNotice(formatDateTime(current.updatedAt, locale))}</span></p>`
      : nothing;
    if (this.visible.length === 0) {
      return html`${stale}<p part="empty" class="empty">${this.category ? m.gridEmptyCategory : m.gridEmpty}</p>`;
    }
    const active = Math.min(this.activeIndex, this.visible.length - 1);
    return html`${stale}
      <ul part="grid" class="grid" aria-label=${this.label ?? m.gridLabel(cityName)} @click=${this.onClick} @keydown=${this.onKeyDown}>
        ${repeat(this.visible, (service) => service.code, (service, index) => this.renderTile(service, index, index === active))}
      </ul>`;
  }

  private renderTile(service: CatalogService, index: number, active: boolean): TemplateResult {
    const locale = this.i18n.locale;
    const m = this.i18n.messages;
    const nameLocale = localizedLocale(service.name, locale);
    const providerLocale = localizedLocale(service.provider.name, locale);
    const badge = service.status.state === 'maintenance' ? m.serviceMaintenance
      : service.availability.state === 'unavailable' ? m.serviceUnavailable : undefined;
    return html`<li>
      <button part="tile" class="tile" type="button" data-index=${index} tabindex=${active ? 0 : -1}>
        ${icon(this.iconByService.get(service.code), 'tile-icon')}
        <span part="tile-name" class="name" lang=${ifDefined(langAttr(nameLocale, locale))}>${service.name[nameLocale]}</span>
        <span part="tile-provider" class="provider" lang=${ifDefined(langAttr(providerLocale, locale))}>${service.provider.name[providerLocale]}</span>
        ${badge ? html`<span part="tile-badge" class="badge">${badge}</span>` : nothing}
      </button>
    </li>`;
  }

  protected override updated(): void {
    if (this.focusAfterRender) {
      this.focusAfterRender = false;
      this.tileAt(this.activeIndex)?.focus();
    }
  }

  private tileAt(index: number): HTMLButtonElement | null {
    return this.renderRoot.querySelector<HTMLButtonElement>(`button.tile[data-index="${index}"]`);
  }

  private readonly onClick = (event: MouseEvent): void => {
    const tile = (event.target as Element).closest<HTMLButtonElement>('button.tile');
    if (!tile) return;
    const index = Number(tile.dataset['index']);
    const service = this.visible[index];
    if (!service) return;
    this.activeIndex = index;
    emit(this, 'city-service-select', { service, city: this.current?.data.city.code ?? this.city, source: 'grid' });
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const count = this.visible.length;
    if (count === 0 || event.altKey || event.ctrlKey || event.metaKey) return;
    const rtl = getComputedStyle(this).direction === 'rtl';
    const columns = this.columns();
    const from = this.activeIndex;
    let to: number;
    switch (event.key) {
      case 'ArrowRight': to = from + (rtl ? -1 : 1); break;
      case 'ArrowLeft': to = from + (rtl ? 1 : -1); break;
      case 'ArrowDown': to = from + columns; break;
      case 'ArrowUp': to = from - columns; break;
      case 'Home': to = 0; break;
      case 'End': to = count - 1; break;
      case 'PageDown': to = from + columns * 3; break;
      case 'PageUp': to = from - columns * 3; break;
      default: return;
    }
    event.preventDefault();
    to = Math.max(0, Math.min(count - 1, to));
    if (to === from) return;
    this.activeIndex = to;
    this.focusAfterRender = true;
  };

  /** How many tiles the current layout puts in one row. */
  private columns(): number {
    const tiles = this.renderRoot.querySelectorAll<HTMLElement>('ul.grid > li');
    const first = tiles[0];
    if (!first) return 1;
    const top = first.offsetTop;
    let columns = 0;
    for (const tile of tiles) {
      if (tile.offsetTop !== top) break;
      columns += 1;
    }
    return Math.max(1, columns);
  }
}

/** Services to show: active ones in the category (or all), most popular first, at most `limit`. */
export function servicesFor(catalog: CityCatalog, category?: string, limit?: number): CatalogService[] {
  let list: CatalogService[];
  if (category) {
    const node = catalog.categories.find((c) => c.id === category);
    const byCode = new Map(catalog.services.map((s) => [s.code, s]));
    list = (node?.services ?? []).map((code) => byCode.get(code)).filter((s): s is CatalogService => s !== undefined);
  } else {
    list = [...catalog.services];
  }
  list = list.filter((s) => s.status.state !== 'retired');
  // Stable sort: ties keep the catalog's order.
  list.sort((a, b) => b.popularity - a.popularity);
  return limit !== undefined && limit >= 0 ? list.slice(0, limit) : list;
}

function iconIndex(catalog: CityCatalog | undefined): Map<string, string> {
  const icons = new Map<string, string>();
  if (!catalog) return icons;
  const categoryIcon = new Map(catalog.categories.map((c) => [c.id, c.icon]));
  for (const service of catalog.services) {
    const slug = service.categories.map((id) => categoryIcon.get(id)).find((s) => s !== undefined);
    if (slug) icons.set(service.code, slug);
  }
  return icons;
}

function sameList(a: readonly CatalogService[], b: readonly CatalogService[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

declare global {
  interface HTMLElementTagNameMap {
    'city-service-grid': CityServiceGrid;
  }
}
