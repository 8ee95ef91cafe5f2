import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ContextProvider, consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import type { IdentityProvider } from '@cityhub/sdk';
import type { IdentityLevel } from './view.js';
import { PAYMENT_PROVIDERS, isLoopbackUrl, safeUrl, type Bill, type PaymentProvider, type CatalogService, type CityCatalog, type Entry, type Order, type OrderList, type SubmissionResult } from '@cityhub/schema';
import { hubClientContext, type CachedResult, type HubClient } from '../context.js';
import { emit, type CityEventMap } from '../events.js';
import { LOCALES, LocaleController, localized, type Locale } from '../i18n/index.js';
import { icon } from '../icons/icons.js';
import { apiBase, createClient } from '../internal/client.js';
import { clientKey } from '../internal/client-attributes.js';
import { listConverter } from '../internal/converters.js';
import { readJson } from '../internal/storage.js';
import { RECENT_CITIES_KEY } from '../city-picker/city-picker.js';
import { sharedStyles } from '../styles/shared.js';
import { tokenStyles } from '../styles/tokens.js';
import { renderCategory, renderTopic } from './category-page.js';
import { emitHub } from './events.js';
import { renderFavourites } from './favourites.js';
import { renderHome } from './home.js';
import { HUB_MESSAGES, type HubMessages } from './messages.js';
import { renderOrders, type OrdersState } from './orders.js';
import { renderPay, type PayBillState } from './pay-page.js';
import {
  backTarget, entryFromState, exitTarget, isCityCode, municipalityAlias, routeCity, hubLocation, routePath, routeUrl, sameRoute,
  stateWithEntry, withCity,
  type BackRule, type BackTarget, type EntrySource, type HubEntry, type HubRoute, type RoutingMode,
} from './router.js';
import { renderService } from './service-page.js';
import {
  ELDER_TEXT_SIZES, FAVOURITES_KEY, MAX_FAVOURITES, MAX_RECENT, RECENT_SERVICES_KEY, readLocale, readMode, readRefs, readTextSize, withFirst,
  without, writeLocale, writeMode, writeRefs, writeTextSize, type ElderTextSize,
  type ServiceRef,
} from './storage.js';
import { styles } from './hub.styles.js';
import type { LinkOptions, ViewContext } from './view.js';

/** What the hub calls: the components' `HubClient` plus the SDK's `orders()` for "my applications". */
export type HubShellClient = Partial<HubClient> & {
  orders?: (options?: { signal?: AbortSignal }) => Promise<OrderList>;
};

const FORBIDDEN_APP_SCHEMES = new Set(['javascript:', 'data:', 'vbscript:', 'file:', 'blob:', 'about:', 'filesystem:', 'http:', 'https:']);

/** `"alipays weixin:"` → `['alipays:', 'weixin:']` (never a script, data, file or web scheme). */
export function parseAppSchemes(value: string | null | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).map((s) => s.trim().toLowerCase().replace(/:?\/*$/, ''))
    .filter((s) => /^[a-z][a-z0-9+.-]{1,30}$/.test(s)).map((s) => `${s}:`).filter((s) => !FORBIDDEN_APP_SCHEMES.has(s));
}

/**
 * The whole city-services hub in one element — WeChat's and Alipay's "城市服务" for any page or app: pick a city,
 * search (with the category hierarchy), browse popular services, categories and life-event topics, open a service
 * page with its guide, fill its generated form and see the result, follow external services through a clear
 * "continues on …" step, and see your applications, favourites and recently used services.
 *
 * **Data.** Give it `api` (a CityHub API; `api=""` means this page's origin) and/or `catalog-url` (a static
 * `cities.json`), and it creates an `@cityhub/sdk` client; or set `client` (any `HubClient`), or provide one from an
 * ancestor with `hubClientContext`. The client is provided to everything inside through the same context.
 * `identity` is the host's async token provider (passed to the SDK): `async () => ({ token, level: 'real-name' })`.
 *
 * **Routes and deep links** (hash by default): `#/440300`, `#/440300/category/social-security`,
 * `#/440300/topic/driving`, `#/440300/service/traffic-violation-query`, `#/440300/pay/<bill id>`, `#/cities`, `#/orders`,
 * `#/favourites`;
 * `routing="path"` uses real paths under `base-path`; `routing="none"` never touches the URL (one hub per page
 * should route). Browsing pushes history entries; the browser's back and forward buttons restore the view. An
 * address that names no hub page (`#/foo/bar`, or a path under `base-path`) shows the home page and takes its address,
 * on load as after a link or an edited address.
 *
 * **Back** (`back-rule="source"`, Alipay's rule): a category page entered from search goes back to the hub home;
 * a service page entered straight from outside goes back where the user came from (`history.back()`, or the
 * referrer when the hub has no history entry before it — announced first with the cancelable `city-exit`);
 * anything reached by browsing goes back one step. `back-rule="history"` always goes one step back.
 * Navigation moves focus to the new page's heading and announces it in a live region.
 *
 * **Elder mode** (适老化): `mode="elder"`, or the visible switch in the header (remembered in `localStorage`) —
 * 24 px text, 60 px targets, line height 1.5, ≥ 7:1 text contrast, no pop-ups. **Language** (zh-Hans, zh-Hant, en),
 * first that applies: a `lang` attribute the host put on the element; else the user's choice in the header's language
 * select (remembered in `localStorage` like elder mode); else the `lang` of an ancestor or the page; else zh-Hans.
 * Light and dark follow the design tokens.
 *
 * Favourites and recently used services are stored in `localStorage` as `{city, service}` codes only.
 *
 * **Payments.** A bill's pay button opens its pay page (`<city-payment>` with the hub's client), which survives a
 * reload: the SDK persists only `{paymentId, idempotencyKey, step}` in `sessionStorage`, and the page reads the bill
 * back from the server's payment of it. Back returns to the result. Paid bills show up in "my applications". The
 * client the hub creates plays the sandbox wallet inside `<city-payment>` (`sandboxWallet`).
 *
 * @summary The complete embeddable city-services hub.
 *
 * @event city-navigate - A page was shown. `detail: { route, from, source, url }`.
 * @event city-service-select - A service was chosen in the grid or search (re-dispatched from the inner element).
 *   Cancelable: `preventDefault()` keeps the hub where it is (the host takes over).
 * @event city-category-select - A category was chosen in search. Cancelable like `city-service-select`.
 * @event city-change - The user chose a city in the picker. `detail: { city, source }`.
 * @event city-submit - A service form is about to be submitted. Cancelable: `preventDefault()` stops the call.
 * @event city-submission-complete - The provider answered a submission. `detail: { service, city, values, result }`.
 * @event city-identity-required - The API asked for sign-in (401) or a higher verification level (403) on submit.
 *   `detail: { service, city, required, reason: 'sign-in' | 'level' }`: sign the user in, then set a new `identity`
 *   (the hub asks it again; the answers stay in the form).
 * @event city-bill-pay - The user asked to pay a bill from a result. `detail: { bill, result }`. Cancelable:
 *   `preventDefault()` keeps the hub where it is (the host pays elsewhere); otherwise the pay page opens.
 * @event city-payment-state - The payment on the pay page changed state (re-dispatched from `<city-payment>`).
 *   `detail: { bill, state, payment?, paymentId?, reference, reason? }`.
 * @event city-payment-complete - The server verified the payment of the bill. Same detail.
 * @event city-payment-failed - The payment failed or expired unpaid. Same detail.
 * @event city-payment-canceled - The user canceled the payment (canceling at the confirm step goes Back). Same detail.
 * @event city-entry-continue - The user follows a link out of the hub to an external service (web page,
 *   mini program fallback, app). `detail: { service, city, entry, url }`. Cancelable: a super-app can open it natively.
 * @event city-exit - Back would leave the hub (a service page entered from outside). `detail: { to, url, route }`.
 *   Cancelable: a WebView host can close itself instead.
 * @event city-favourite-change - A service was added to or removed from favourites. `detail: { city, service, favourite }`.
 * @event city-mode-change - The elder-mode switch was used. `detail: { mode }`.
 * @event city-locale-change - The language switch was used. `detail: { locale }`.
 *
 * @slot header-end - Extra content at the end of the header bar (e.g. the host's account button).
 * @slot footer - Content below every page (e.g. the host's legal links), in the hub's column.
 *
 * @csspart header - The header with the title, city, switches and navigation.
 * @csspart title - The hub's title.
 * @csspart city-button - The current city; opens the city picker.
 * @csspart elder-switch - The visible elder-mode switch (`role="switch"`).
 * @csspart text-size - In elder mode, the 字号 choice (24, 28 or 32 px text; remembered on this device).
 * @csspart browse-only - The notice of a hub on static catalogs only (`catalog-url` without `api`).
 * @csspart choose-city - The way to the city picker when the catalog has no such city.
 * @csspart locale - The language select.
 * @csspart nav - The navigation (home, favourites, applications).
 * @csspart nav-link - One navigation link.
 * @csspart view - The current page.
 * @csspart footer - Around the `footer` slot, in the hub's column.
 * @csspart heading - The current page's heading (focused after navigation).
 * @csspart back - The Back button.
 * @csspart status - The live region announcing page changes.
 * @csspart skeleton - Placeholders while data loads.
 * @csspart error - A load error with its retry button.
 * @csspart retry - A retry button.
 * @csspart empty - An empty state.
 * @csspart stale-notice - "Offline — last updated …" when cached data could not be refreshed.
 * @csspart home - The home page.
 * @csspart search - The `<city-search>` on the home page.
 * @csspart recent - Recently used services.
 * @csspart popular - The popular services section.
 * @csspart categories - The category grid on the home page.
 * @csspart category-link - A link to a category page.
 * @csspart topics - The life-event topics section.
 * @csspart topic-link - A link to a topic page.
 * @csspart service-link - A link to a service page (recent, favourites).
 * @csspart category-page - A category page.
 * @csspart topic-page - A topic page.
 * @csspart grid - The service grid of a category or topic page.
 * @csspart service-page - A service page.
 * @csspart favourite - The favourite toggle on a service page.
 * @csspart maintenance - The maintenance banner.
 * @csspart availability - "Not offered here" / "offered elsewhere" / withdrawn notice.
 * @csspart details - The service guide (type, identity, time, fees, provider, contact, documents).
 * @csspart documents - Required documents.
 * @csspart costs - Fees.
 * @csspart continue - The "continues on …" step of an external service.
 * @csspart continue-link - The link that leaves the hub.
 * @csspart form-section - The section holding the service's form.
 * @csspart form - The `<city-service-form>`.
 * @csspart identity-notice - "This service needs real-name verification" when the hub has no identity.
 * @csspart picker - The `<city-picker>` page.
 * @csspart pay-page - The pay page.
 * @csspart payment - The `<city-payment>` on the pay page.
 * @csspart orders-link - The link to "my applications" (after a submission created an order, or a payment succeeded).
 * @csspart orders - The applications page.
 * @csspart order - One application.
 * @csspart timeline - An application's status history.
 * @csspart favourites - The favourites page.
 * @csspart remove - A "remove from favourites" button.
 * @csspart updated - "Service list updated …" line.
 *
 * @cssproperty --city-hub-max-width - Maximum width of the hub's content (default `60rem`).
 * @cssproperty --city-hub-header-background - Header background (default the surface-variant token).
 * @cssproperty --city-color-primary - Accent colour (design token; all `--city-*` tokens apply).
 * @cssproperty --city-font-size-base - Body text size (design token; 24px in elder mode).
 * @cssproperty --city-target-size - Minimum touch-target size (design token; 60px in elder mode).
 */
export class CityHubElement extends LitElement {
  static override styles = [tokenStyles, sharedStyles, styles];

  /** Base URL of a CityHub API. Present but empty (`api=""`) means this page's own origin. */
  @property() api?: string;

  /** URL of a static `cities.json` (catalogs are then read from there; the API is still used for submissions). */
  @property({ attribute: 'catalog-url' }) catalogUrl?: string;

  /** The city to show first (GB/T 2260 code); a deep link's city wins. Follows the route afterwards. */
  @property({ reflect: true }) city = '';

  /** `elder` switches everything to the 适老化 sizes; the header switch changes it (and remembers the choice). */
  @property({ reflect: true }) mode: 'standard' | 'elder' = 'standard';

  /** `hash` (default): `#/440300/…`; `path`: real paths under `base-path`; `none`: the URL is never touched. */
  @property() routing: RoutingMode = 'hash';

  /** With `routing="path"`, the path the hub lives under (`/hub`). */
  @property({ attribute: 'base-path' }) basePath = '';

  /** Where Back goes: `source` (Alipay's rule, default) or `history` (always one step back). */
  @property({ attribute: 'back-rule' }) backRule: BackRule = 'source';

  /** App deep-link schemes the hub may open (`app-schemes="alipays weixin"`); none by default. */
  @property({ attribute: 'app-schemes', converter: listConverter }) appSchemes: string[] = [];

  /** When set, external links must point at one of these hosts (or their subdomains). */
  @property({ attribute: 'allowed-hosts', converter: listConverter }) allowedHosts: string[] = [];

  /**
   * Payment methods the pay page offers, in order (`payment-providers="wechat alipay redirect"`), among those the
   * client can use here. By default every usable one except the `sandbox` wallet, which is offered only when the
   * API (`api`, else this page's origin) is on this machine, like the reference server of `npm start`: a public
   * embed never shows citizens a test wallet. Set `payment-providers="sandbox"` for a sandbox server elsewhere.
   */
  @property({ attribute: 'payment-providers', converter: listConverter }) paymentProviders?: PaymentProvider[];

  /** Offers "use my location" in the city picker (asked only when the user presses it; never stored). */
  @property({ type: Boolean }) geolocation = false;

  /** How many popular services the home page shows. */
  @property({ type: Number, attribute: 'popular-limit' }) popularLimit = 8;

  /** The host's identity provider, passed to the SDK client the hub creates (tokens go to the API origin only). */
  @property({ attribute: false }) identity?: IdentityProvider;

  /** A client to use instead of creating one from `api` / `catalog-url`. */
  @property({ attribute: false }) client?: HubShellClient;

  /** A client provided by an ancestor through `hubClientContext`. */
  @consume({ context: hubClientContext, subscribe: true })
  @state()
  private inheritedClient?: HubShellClient;

  @state() private route: HubRoute = { view: 'home', city: '' };
  @state() private entry: HubEntry = { depth: 0, source: 'external' };
  @state() private refreshed?: { city: string; result: CachedResult<CityCatalog> };
  /** The elder-mode text size the user chose (see `setTextSize`), and the one applied to the host's style. */
  @state() private textSize?: ElderTextSize;
  private appliedTextSize?: ElderTextSize;
  @state() private favourites: ServiceRef[] = [];
  @state() private recent: ServiceRef[] = [];
  @state() private open311 = new Set<string>();
  @state() private completed = new Map<string, string>();
  @state() private ordersRun = 0;
  /** Bills the user chose to pay and the last result of each service, in memory only (never stored). */
  @state() private bills = new Map<string, Bill>();
  @state() private results = new Map<string, SubmissionResult>();
  @state() private paid = new Set<string>();

  private readonly i18n = new LocaleController(this);
  private readonly provider = new ContextProvider(this, { context: hubClientContext });
  private created?: { key: string; client: HubShellClient | undefined };
  private createdIdentity?: IdentityProvider;
  private configError?: unknown;
  private started = false;
  private pendingFocus = false;
  private lastRecorded = '';
  /** The hub's own back stack with `routing="none"`. */
  private stack: Array<{ route: HubRoute; entry: HubEntry }> = [];

  private readonly catalogTask = new Task(this, {
    task: async ([client, city], { signal }) => {
      if (!city || !client?.catalog) {
        if (city && !client?.catalog) throw this.configError ?? new Error('<city-hub>: no client (set api, catalog-url or client)');
        return undefined;
      }
      try {
        const result = await client.catalog(city, {
          signal,
          onUpdate: (update) => {
            if (!signal.aborted) this.refreshed = { city, result: update };
          },
        });
        this.aliasTried = undefined;
        return result;
      } catch (error) {
        // A link with the municipality's other code (北京 110000 for the catalog's 110100): show the city under
        // the catalog's code, replacing the address (the catalog of the other code loads next).
        const alias = municipalityAlias(city);
        if (!alias || httpStatus(error) !== 404 || signal.aborted || this.aliasTried === city) throw error;
        this.aliasTried = alias;
        queueMicrotask(() => this.navigate(withCity(this.route, alias), { source: this.entry.source, replace: true }));
        return undefined;
      }
    },
    args: () => [this.activeClient, this.catalogCity] as const,
  });

  private offered?: { key: string; list: readonly PaymentProvider[] };

  /**
   * What the host's identity provider says about the user now: their verification level, `none` when nobody is
   * signed in. Asked again whenever `identity` changes (a host sets a new provider after signing the user in).
   */
  private readonly identityTask = new Task(this, {
    task: async ([identity]): Promise<IdentityLevel | undefined> => {
      if (!identity) return undefined;
      const who = await identity();
      return who?.token ? who.level ?? 'real-name' : 'none';
    },
    args: () => [this.identity] as const,
  });

  /** The municipality code tried in place of the one in the address (so a pair of unknown codes is tried once). */
  private aliasTried?: string;

  private readonly ordersTask = new Task(this, {
    task: async ([client, run], { signal }): Promise<readonly Order[] | null | undefined> => {
      if (run === 0 || this.browseOnly) return undefined;
      if (!client?.orders) return null;
      return (await client.orders({ signal })).orders;
    },
    args: () => [this.activeClient, this.route.view === 'orders' ? this.ordersRun : 0] as const,
  });

  /** The bill of the pay page when it is not in memory (after a reload): the server's payment of it has it. */
  private readonly billTask = new Task(this, {
    task: async ([client, id], { signal }): Promise<Bill | null | undefined> => {
      if (!id) return undefined;
      return (await client?.payments?.list(id, { signal }))?.[0]?.bill ?? null;
    },
    args: () => [this.activeClient, this.route.view === 'pay' && !this.bills.has(this.route.bill) ? this.route.bill : ''] as const,
  });

  private readonly favouritesTask = new Task(this, {
    task: async ([client, cities], { signal }) => {
      const catalogs = new Map<string, CityCatalog>();
      if (!cities || !client?.catalog) return catalogs;
      await Promise.all(cities.split(',').map(async (city) => {
        try {
          catalogs.set(city, (await client.catalog!(city, { signal })).data);
        } catch {
          // A city whose catalog cannot load just shows nothing; the others still do.
        }
      }));
      return catalogs;
    },
    args: () => [this.activeClient, this.route.view === 'favourites' ? this.favouriteCities : ''] as const,
  });

  /** The page being shown. */
  get currentRoute(): HubRoute {
    return this.route;
  }

  /** The client in use: `client`, else an ancestor's, else the one created from `api` / `catalog-url`. */
  get activeClient(): HubShellClient | undefined {
    return this.client ?? this.inheritedClient ?? this.createdClient();
  }

  /** The city whose catalog is shown: the route's, else `city`. */
  private get catalogCity(): string {
    return routeCity(this.route) ?? (isCityCode(this.city) ? this.city : '');
  }

  /** Static catalogs only (`catalog-url`, no `api`, no client given): browsing works; nothing can be submitted. */
  private get browseOnly(): boolean {
    return !this.client && !this.inheritedClient && this.api == null && Boolean(this.catalogUrl);
  }

  private get favouriteCities(): string {
    return [...new Set([...this.favourites, ...this.recent].map((r) => r.city))].sort().join(',');
  }

  private createdClient(): HubShellClient | undefined {
    if (this.api == null && !this.catalogUrl) return undefined;
    const key = clientKey(this.api, this.catalogUrl);
    if (this.created?.key === key && this.createdIdentity === this.identity) return this.created.client;
    this.createdIdentity = this.identity;
    try {
      this.configError = undefined;
      this.created = {
        key,
        client: createClient(this.api ?? undefined, this.catalogUrl, this.identity),
      };
    } catch (error) {
      this.configError = error;
      console.error('<city-hub>:', error);
      this.created = { key, client: undefined };
    }
    return this.created.client;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.started) this.start();
    if (this.routing !== 'none') {
      window.addEventListener('popstate', this.onPopState);
      window.addEventListener('hashchange', this.onHashChange);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.onPopState);
    window.removeEventListener('hashchange', this.onHashChange);
  }

  /** First connection: read preferences and the deep link, and mark the current history entry as the hub's. */
  private start(): void {
    this.started = true;
    const mode = readMode();
    this.textSize = readTextSize();
    if (mode) this.mode = mode;
    // The language the user chose here, unless the host set one on the element (the page's own `lang` does not win).
    const locale = readLocale();
    if (locale && !this.getAttribute('lang')) {
      this.lang = locale;
      this.i18n.refresh();
    }
    this.favourites = readRefs(FAVOURITES_KEY, MAX_FAVOURITES);
    this.recent = readRefs(RECENT_SERVICES_KEY, MAX_RECENT);
    const found = this.routing !== 'none' ? hubLocation(window.location, this.routing, this.basePath) : undefined;
    const route = orHome(found, this.defaultCity());
    this.route = route;
    const city = routeCity(route);
    if (city) this.city = city;
    if (route.view === 'orders') this.ordersRun = 1;
    const url = this.urlFor(route);
    if (this.routing !== 'none') {
      const marked = entryFromState(history.state);
      this.entry = marked ?? { depth: 0, source: 'external' };
      // A hub URL that names no page shows the home page, and the address then says so too.
      if (!marked || found === null) history.replaceState(stateWithEntry(history.state, this.entry), '', found === null ? url : undefined);
    } else {
      this.entry = { depth: 0, source: 'external' };
      this.stack = [{ route, entry: this.entry }];
    }
    queueMicrotask(() => emitHub(this, 'city-navigate', { route, source: 'external', ...(url ? { url } : {}) }));
  }

  /** `city`, else the most recently chosen city in the picker, else none (the picker shows). */
  private defaultCity(): string {
    if (isCityCode(this.city)) return this.city;
    const recent = readJson(RECENT_CITIES_KEY);
    const first = Array.isArray(recent) ? recent.find(isCityCode) : undefined;
    return first ?? '';
  }

  private urlFor(route: HubRoute): string | undefined {
    return this.routing === 'none' ? undefined : routeUrl(route, this.routing, this.basePath);
  }

  /**
   * Shows a page, adding a history entry (or replacing the current one). `source` records how the user got
   * there, which decides where Back goes.
   */
  navigate(route: HubRoute, options: { source?: EntrySource; replace?: boolean } = {}): void {
    const source = options.source ?? 'browse';
    const from = this.route;
    if (sameRoute(route, from) && !options.replace) {
      this.pendingFocus = true;
      this.requestUpdate();
      return;
    }
    const entry: HubEntry = options.replace
      ? { ...this.entry, source: this.entry.depth === 0 ? this.entry.source : source }
      : { depth: this.entry.depth + 1, source, prev: routePath(from) };
    const url = this.urlFor(route);
    if (this.routing === 'none') {
      if (options.replace) this.stack[this.stack.length - 1] = { route, entry };
      else this.stack.push({ route, entry });
    } else if (options.replace) {
      history.replaceState(stateWithEntry(history.state, entry), '', url);
    } else {
      history.pushState(stateWithEntry(null, entry), '', url);
    }
    this.entry = entry;
    this.show(route, from, source, url);
  }

  private show(route: HubRoute, from: HubRoute | undefined, source: EntrySource | 'popstate', url = this.urlFor(route)): void {
    this.route = route;
    const city = routeCity(route);
    if (city) this.city = city;
    if (route.view === 'orders') this.ordersRun += 1;
    this.pendingFocus = true;
    emitHub(this, 'city-navigate', { route, ...(from ? { from } : {}), source, ...(url ? { url } : {}) });
  }

  /** Where the Back button of the current page goes (`undefined` on the home page). */
  get backDestination(): BackTarget | undefined {
    return backTarget(this.route, this.entry, this.backRule);
  }

  /** What the Back button does: see `back-rule`. */
  goBack(): void {
    const target = this.backDestination;
    if (!target) return;
    const home: HubRoute = { view: 'home', city: this.catalogCity };
    if (target === 'home') {
      if (this.entry.depth > 0 && this.entry.prev === routePath(home)) this.historyBack();
      else this.navigate(home, { source: 'back' });
      return;
    }
    if (target === 'previous') {
      this.historyBack();
      return;
    }
    this.exit(home);
  }

  private historyBack(): void {
    if (this.routing !== 'none') {
      history.back();
      return;
    }
    if (this.stack.length < 2) return;
    const from = this.stack.pop()!.route;
    const previous = this.stack[this.stack.length - 1]!;
    this.entry = previous.entry;
    this.show(previous.route, from, 'back');
  }

  /** Leaves the hub to where the user came from (after the cancelable `city-exit`). */
  private exit(home: HubRoute): void {
    const referrer = document.referrer ? safeUrl(document.referrer) : null;
    const to = exitTarget(history.length, referrer, this.routing);
    const proceed = emitHub(this, 'city-exit', { to, ...(to === 'referrer' && referrer ? { url: referrer } : {}), route: this.route }, { cancelable: true });
    if (!proceed) return;
    if (to === 'history') history.back();
    else if (to === 'referrer' && referrer) window.location.assign(referrer);
    else this.navigate(home, { source: 'back', replace: true });
  }

  private readonly onPopState = (event: PopStateEvent): void => {
    const route = hubLocation(window.location, this.routing, this.basePath);
    let entry = entryFromState(event.state);
    // Neither a hub URL nor a hub entry: the host's own (an in-page anchor, a path outside base-path). Not the hub's
    // business. (With hash routing every `#/…` address is the hub's.)
    if (route === undefined && !entry) return;
    const resolved = orHome(route, this.catalogCity || this.defaultCity());
    if (!entry || route === null) {
      // A hub URL the hub has not seen: the browser just made the entry for a fragment link or an edited address.
      // One that names no page shows the home page, under the home's URL (as on load).
      entry ??= { depth: this.entry.depth + 1, source: 'external', prev: routePath(this.route) };
      history.replaceState(stateWithEntry(history.state, entry), '', route === null ? this.urlFor(resolved) : undefined);
    }
    this.entry = entry;
    if (sameRoute(resolved, this.route)) return;
    this.show(resolved, this.route, 'popstate');
  };

  /** A plain `<a href="#/…">` or an edited address: the browser made an entry the hub has not marked yet. */
  private readonly onHashChange = (): void => {
    if (this.routing !== 'hash') return;
    const route = hubLocation(window.location, 'hash');
    if (route === undefined || (route && sameRoute(route, this.route))) return;
    const resolved = orHome(route, this.catalogCity);
    const marked = entryFromState(history.state);
    const entry = marked ?? { depth: this.entry.depth + 1, source: 'browse' as const, prev: routePath(this.route) };
    if (!marked || !route) history.replaceState(stateWithEntry(history.state, entry), '', route ? undefined : this.urlFor(resolved));
    this.entry = entry;
    if (!sameRoute(resolved, this.route)) this.show(resolved, this.route, 'browse');
  };

  /**
   * The elder-mode text size, as the header's 字号 choice sets it (24, 28 or 32 px; remembered on this device). It
   * sets `--city-elder-font-size` on the hub, so every part follows; 24 px leaves the page's own value in force.
   */
  setTextSize(size: ElderTextSize): void {
    this.textSize = size;
    writeTextSize(size);
  }

  /** Turns elder mode on or off, as the header switch does, and remembers the choice on this device. */
  setMode(mode: 'standard' | 'elder'): void {
    this.mode = mode;
    writeMode(mode);
    emitHub(this, 'city-mode-change', { mode });
  }

  /** Switches the language, as the header's language select does, and remembers the choice on this device. */
  setLocale(locale: Locale): void {
    this.lang = locale;
    writeLocale(locale);
    this.i18n.refresh();
    emitHub(this, 'city-locale-change', { locale });
  }

  /** Adds or removes a favourite (stored as `{city, service}` codes only). */
  toggleFavourite(ref: ServiceRef): void {
    const favourite = !this.favourites.some((r) => r.city === ref.city && r.service === ref.service);
    this.favourites = favourite ? withFirst(this.favourites, ref, MAX_FAVOURITES) : without(this.favourites, ref);
    writeRefs(FAVOURITES_KEY, this.favourites);
    emitHub(this, 'city-favourite-change', { ...ref, favourite });
  }

  private recordRecent(ref: ServiceRef): void {
    this.recent = withFirst(this.recent, ref, MAX_RECENT);
    writeRefs(RECENT_SERVICES_KEY, this.recent);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The host set a different city: show that city's home.
    if (changed.has('city') && this.started && isCityCode(this.city) && routeCity(this.route) && this.city !== routeCity(this.route)) {
      this.navigate({ view: 'home', city: this.city });
    }
    this.provider.setValue(this.activeClient);
    // The chosen elder text size, through the CSSOM (not a style attribute, which a strict CSP blocks). A page that
    // sets `--city-elder-font-size` inline on the hub keeps it until the user chooses a size here.
    const size = this.mode === 'elder' && this.textSize !== undefined && this.textSize !== ELDER_TEXT_SIZES[0] ? this.textSize : undefined;
    if (size !== this.appliedTextSize) {
      if (size) {
        this.style.setProperty('--city-elder-font-size', `${size}px`);
        this.style.setProperty('--city-elder-font-size-large', `${size + 6}px`);
      } else {
        this.style.removeProperty('--city-elder-font-size');
        this.style.removeProperty('--city-elder-font-size-large');
      }
      this.appliedTextSize = size;
    }
  }

  protected override updated(): void {
    const catalog = this.currentCatalog?.data;
    const route = this.route;
    if (route.view === 'service' && catalog) {
      const code = route.service;
      const key = `${catalog.city.code}/${code}`;
      if (key !== this.lastRecorded && catalog.services.some((s) => s.code === code)) {
        this.lastRecorded = key;
        this.recordRecent({ city: catalog.city.code, service: code });
      }
    }
    if (this.pendingFocus) {
      const heading = this.renderRoot.querySelector<HTMLElement>('[part~="heading"]');
      if (heading) {
        this.pendingFocus = false;
        heading.focus();
        this.announce(this.hubMessages.viewOpened(heading.textContent?.trim() ?? ''));
      }
    }
  }

  private announce(message: string): void {
    const region = this.renderRoot.querySelector('[part~="status"]');
    if (!region) return;
    // Clear first so repeating the same page is announced again.
    region.textContent = '';
    setTimeout(() => (region.textContent = message), 50);
  }

  private get hubMessages(): HubMessages {
    return HUB_MESSAGES[this.i18n.locale];
  }

  /** The current city's catalog, only when it is for that city (never the previous city's while loading). */
  private get currentCatalog(): CachedResult<CityCatalog> | undefined {
    const city = this.catalogCity;
    if (!city) return undefined;
    if (this.refreshed?.city === city) return this.refreshed.result;
    const value = this.catalogTask.value;
    return value && value.data.city.code === city ? value : undefined;
  }

  // --- rendering ------------------------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const ctx = this.viewContext();
    return html`
      ${this.renderHeader(ctx)}
      <div part="status" class="visually-hidden" role="status" aria-live="polite"></div>
      <div part="view" class="main"
        @city-service-select=${this.onServiceSelect} @city-category-select=${this.onCategorySelect} @city-change=${this.onCityChange}
        @city-submit=${this.onSubmit} @city-submission-complete=${this.onSubmissionComplete} @city-bill-pay=${this.onBillPay}
        @city-identity-required=${this.onIdentityRequired}
        @city-payment-state=${this.onPayment} @city-payment-complete=${this.onPayment} @city-payment-failed=${this.onPayment}
        @city-payment-canceled=${this.onPayment}>
        ${this.renderView(ctx)}
      </div>
      <div part="footer" class="footer"><slot name="footer"></slot></div>
    `;
  }

  private renderHeader(ctx: ViewContext): TemplateResult {
    const { hm, locale } = ctx;
    const catalog = this.currentCatalog?.data;
    const cityName = catalog ? localized(catalog.city.name, locale) : '';
    const elder = this.mode === 'elder';
    // The first visit's home is the city picker (no city yet): the nav says so.
    const view = this.route.view === 'home' && !this.catalogCity ? 'cities' : this.route.view;
    return html`<header part="header" class="header">
      <div class="bar">
        <span part="title" class="title">${hm.title}</span>
        ${ctx.link({ view: 'cities' }, html`${icon('location')}<span>${cityName || hm.chooseCityHeading}</span>`,
          { part: 'city-button', className: 'button city-button', ...(cityName ? { label: hm.changeCity(cityName) } : {}), current: view === 'cities' })}
        <div class="tools">
          <label class="locale-field"><span>${hm.language}</span>
            <select part="locale" @change=${(e: Event) => this.setLocale((e.target as HTMLSelectElement).value as Locale)}>
              ${LOCALES.map((l) => html`<option value=${l} lang=${l} ?selected=${l === locale}>${hm.localeNames[l]}</option>`)}
            </select>
          </label>
          <button part="elder-switch" class="button switch" type="button" role="switch" aria-checked=${elder ? 'true' : 'false'}
            @click=${() => this.setMode(elder ? 'standard' : 'elder')}>
            <span>${hm.elderMode}</span><span class="track" aria-hidden="true"><span class="thumb"></span></span>
          </button>
          ${elder ? html`<div part="text-size" class="text-size" role="group" aria-label=${hm.textSize}>
            ${ELDER_TEXT_SIZES.map((size, i) => html`<button class="button size-${size}" type="button"
              aria-pressed=${size === (this.textSize ?? ELDER_TEXT_SIZES[0]) ? 'true' : 'false'} @click=${() => this.setTextSize(size)}>${hm.textSizes[i]}</button>`)}
          </div>` : nothing}
          <slot name="header-end"></slot>
        </div>
      </div>
      <nav part="nav" class="nav" aria-label=${hm.navLabel}>
        <ul>
          <li>${ctx.link({ view: 'home', city: this.catalogCity }, html`${icon('home')}<span>${hm.home}</span>`, { part: 'nav-link', className: 'nav-link', current: view === 'home' })}</li>
          <li>${ctx.link({ view: 'favourites' }, html`${icon('book')}<span>${hm.favourites}</span>`, { part: 'nav-link', className: 'nav-link', current: view === 'favourites' })}</li>
          ${this.browseOnly ? nothing : html`<li>${ctx.link({ view: 'orders' }, html`${icon('tax')}<span>${hm.orders}</span>`, { part: 'nav-link', className: 'nav-link', current: view === 'orders' })}</li>`}
        </ul>
      </nav>
    </header>`;
  }

  private renderView(ctx: ViewContext): TemplateResult {
    const route = this.route;
    switch (route.view) {
      case 'cities':
        return this.renderPicker(ctx);
      case 'orders':
        return renderOrders(ctx, this.ordersState());
      case 'pay':
        return renderPay(ctx, this.payBillState(route.bill), this.paid.has(route.bill));
      case 'favourites':
        return renderFavourites(ctx, this.favouritesTask.status === TaskStatus.COMPLETE && this.favouritesTask.value
          ? { state: 'complete', catalogs: this.favouritesTask.value } : { state: 'pending' });
      default:
        break;
    }
    if (!this.catalogCity) return this.renderPicker(ctx);
    const current = ctx.catalog;
    if (!current) {
      if (this.catalogTask.status === TaskStatus.ERROR) {
        if (httpStatus(this.catalogTask.error) === 404) return this.renderCityNotOffered(ctx);
        return html`<div class="view">${ctx.back}<div part="error" class="notice error" role="alert">${icon('alert')}<span>${ctx.m.loadError}</span>
          <button part="retry" class="button" type="button" @click=${ctx.retryCatalog}>${ctx.m.retry}</button></div></div>`;
      }
      return html`<div class="view">${ctx.back}<div part="skeleton" class="skeleton" aria-hidden="true">
          <span class="bone heading-bone"></span><span class="bone field-bone"></span>
          <div class="bone-grid">${Array.from({ length: 8 }, () => html`<span class="bone tile-bone"></span>`)}</div>
        </div><p class="visually-hidden" role="status">${ctx.m.loading}</p></div>`;
    }
    const catalog = current.data;
    switch (route.view) {
      case 'home':
        return renderHome(ctx, catalog, this.popularLimit);
      case 'category': {
        const id = route.category;
        const category = catalog.categories.find((c) => c.id === id);
        return category ? renderCategory(ctx, catalog, category) : this.renderNotFound(ctx);
      }
      case 'topic': {
        const id = route.topic;
        const topic = catalog.topics.find((t) => t.id === id);
        return topic ? renderTopic(ctx, catalog, topic) : this.renderNotFound(ctx);
      }
      case 'service': {
        const code = route.service;
        const service = catalog.services.find((s) => s.code === code);
        return service ? renderService(ctx, catalog, service) : this.renderNotFound(ctx, ctx.hm.notFoundService);
      }
    }
  }

  private renderPicker(ctx: ViewContext): TemplateResult {
    return html`<div part="picker" class="view">
      ${this.catalogCity ? ctx.back : nothing}
      ${ctx.heading(ctx.hm.chooseCityHeading)}
      <p class="muted">${ctx.hm.chooseCityIntro}</p>
      <city-picker value=${this.catalogCity} mode=${this.mode} ?geolocation=${this.geolocation} exportparts="option: picker-option, filter: picker-filter, chip: picker-chip"></city-picker>
    </div>`;
  }

  /** The catalog has no such city: not a network problem, so no Retry; the way on is another city. */
  private renderCityNotOffered(ctx: ViewContext): TemplateResult {
    return html`<div class="view">
      ${ctx.back}
      ${ctx.heading(ctx.hm.cityNotOffered)}
      <p part="empty" class="empty">${ctx.hm.cityNotOfferedText(this.catalogCity)}</p>
      <p>${ctx.link({ view: 'cities' }, ctx.hm.chooseCityHeading, { part: 'choose-city', className: 'button primary' })}</p>
    </div>`;
  }

  private renderNotFound(ctx: ViewContext, message?: string): TemplateResult {
    return html`<div class="view">
      ${ctx.back}
      ${ctx.heading(ctx.hm.notFound)}
      ${message ? html`<p part="empty" class="empty">${message}</p>` : nothing}
      <p>${ctx.link({ view: 'home', city: this.catalogCity }, ctx.hm.goHome, { className: 'button' })}</p>
    </div>`;
  }

  private ordersState(): OrdersState {
    if (this.browseOnly) return { state: 'browse-only' };
    const task = this.ordersTask;
    if (task.status === TaskStatus.ERROR) {
      const status = httpStatus(task.error);
      return { state: 'error', ...(status !== undefined ? { status } : {}), retry: () => void task.run() };
    }
    if (task.status === TaskStatus.COMPLETE && task.value === null) return { state: 'unsupported' };
    if (task.status === TaskStatus.COMPLETE && task.value) return { state: 'complete', orders: task.value };
    return { state: 'pending' };
  }

  private payBillState(id: string): PayBillState {
    const known = this.bills.get(id);
    if (known) return { state: 'ready', bill: known };
    const task = this.billTask;
    if (task.status === TaskStatus.ERROR) return { state: 'error', retry: () => void task.run() };
    if (task.status === TaskStatus.COMPLETE && task.value !== undefined) return task.value ? { state: 'ready', bill: task.value } : { state: 'gone' };
    return { state: 'pending' };
  }

  private renderBack(target: BackTarget | undefined, hm: HubMessages): TemplateResult | typeof nothing {
    if (!target) return nothing;
    // Leaving with nothing to go back to lands on the hub home: say so.
    const leavesHome = target === 'exit' && exitTarget(history.length, document.referrer ? safeUrl(document.referrer) : null, this.routing) === 'home';
    const label = target === 'home' || leavesHome ? hm.backHome : target === 'previous' ? hm.backPrevious : hm.backExit;
    return html`<button part="back" class="button back" type="button" data-target=${target} @click=${() => this.goBack()}>
      <svg class="icon flip" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor"
        stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round"><path d="m9 5.5 6.5 6.5L9 18.5"/></svg>
      <span>${label}</span>
    </button>`;
  }

  private link(route: HubRoute, content: unknown, options: LinkOptions = {}): TemplateResult {
    const source = options.source ?? 'browse';
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      this.navigate(route, { source });
    };
    const url = this.urlFor(route);
    if (url === undefined) {
      return html`<button part=${ifDefined(options.part)} class="link ${options.className ?? ''}" type="button" aria-label=${ifDefined(options.label)}
        aria-current=${ifDefined(options.current ? 'page' : undefined)} @click=${onClick}>${content}</button>`;
    }
    return html`<a part=${ifDefined(options.part)} class="link ${options.className ?? ''}" href=${url} aria-label=${ifDefined(options.label)}
      aria-current=${ifDefined(options.current ? 'page' : undefined)} @click=${onClick}>${content}</a>`;
  }

  /**
   * The user's verification level as far as the hub knows: from the `identity` provider; `none` for a client the hub
   * made without one; `unknown` for a client the host passed (it handles sign-in) or while the provider answers.
   */
  private identityLevel(): IdentityLevel | 'unknown' {
    if (this.identity) return this.identityTask.status === TaskStatus.COMPLETE ? this.identityTask.value ?? 'unknown' : 'unknown';
    return this.client || this.inheritedClient ? 'unknown' : 'none';
  }

  /** The payment methods to offer (see `payment-providers`); the same array while the answer stays the same. */
  private offeredProviders(): readonly PaymentProvider[] {
    let list: PaymentProvider[];
    if (this.paymentProviders) {
      list = this.paymentProviders.filter((p) => PAYMENT_PROVIDERS.includes(p));
    } else {
      list = PAYMENT_PROVIDERS.filter((p) => p !== 'sandbox' || this.onLoopback());
    }
    const key = list.join(' ');
    if (this.offered?.key !== key) this.offered = { key, list };
    return this.offered.list;
  }

  /**
   * Whether the API is on this machine (development against the reference server): the `api` attribute, relative
   * to the page, else (`api=""`, or a client the host passed) this page's origin.
   */
  private onLoopback(): boolean {
    try {
      return isLoopbackUrl(new URL(apiBase(this.api ?? '') ?? '', globalThis.location?.href).href);
    } catch {
      return false;
    }
  }

  private viewContext(): ViewContext {
    const locale = this.i18n.locale;
    const hm = HUB_MESSAGES[locale];
    const catalog = this.currentCatalog;
    // Links from data: https only, plus http on localhost while developing against a local API (reliability #18).
    const linkRules = { allowLocalHttp: this.onLoopback(), ...(this.allowedHosts.length > 0 ? { allowedHosts: this.allowedHosts } : {}) };
    const appSchemes = parseAppSchemes(this.appSchemes.join(' '));
    return {
      m: this.i18n.messages,
      hm,
      locale,
      mode: this.mode === 'elder' ? 'elder' : 'standard',
      city: this.catalogCity,
      ...(catalog ? { catalog } : {}),
      favourites: this.favourites,
      recent: this.recent,
      ...(this.route.params ? { params: this.route.params } : {}),
      paymentProviders: this.offeredProviders(),
      back: this.renderBack(this.backDestination, hm),
      link: (route, content, options) => this.link(route, content, options),
      heading: (text, lang) => html`<h2 part="heading" class="heading" tabindex="-1" lang=${ifDefined(lang)}>${text}</h2>`,
      safe: (url) => (url ? safeUrl(url, linkRules) : null),
      appLink: (url) => {
        if (appSchemes.length === 0) return null;
        const safe = safeUrl(url, { appSchemes });
        if (!safe) return null;
        try {
          return appSchemes.includes(new URL(safe).protocol) ? safe : null;
        } catch {
          return null;
        }
      },
      isFavourite: (ref) => this.favourites.some((r) => r.city === ref.city && r.service === ref.service),
      toggleFavourite: (ref) => this.toggleFavourite(ref),
      onContinue: (event, service, entry, url) => this.onContinue(event, service, entry, url),
      open311Accepted: (code) => this.open311.has(code),
      acceptOpen311: (code) => {
        this.open311 = new Set(this.open311).add(code);
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('city-service-form')?.focus());
      },
      canSubmit: !this.browseOnly,
      identityLevel: this.identityLevel(),
      completedOrder: (code) => this.completed.get(`${this.catalogCity}/${code}`),
      resultOf: (code) => this.results.get(`${this.catalogCity}/${code}`),
      retryCatalog: () => {
        this.refreshed = undefined;
        void this.catalogTask.run();
      },
    };
  }

  // --- events from the inner elements -------------------------------------------------------------------------

  private onContinue(event: Event, service: CatalogService, entry: Entry, url: string): void {
    const proceed = emitHub(this, 'city-entry-continue', { service, city: this.catalogCity, entry, url }, { cancelable: true });
    if (!proceed) event.preventDefault();
  }

  private readonly onServiceSelect = (event: CityEventMap['city-service-select']): void => {
    event.stopPropagation();
    const { detail } = event;
    if (!emit(this, 'city-service-select', detail, { cancelable: true })) return;
    this.navigate({ view: 'service', city: detail.city || this.catalogCity, service: detail.service.code },
      { source: detail.source === 'search' ? 'search' : 'browse' });
  };

  private readonly onCategorySelect = (event: CityEventMap['city-category-select']): void => {
    event.stopPropagation();
    const { detail } = event;
    if (!emit(this, 'city-category-select', detail, { cancelable: true })) return;
    this.navigate({ view: 'category', city: detail.city || this.catalogCity, category: detail.category.id },
      { source: detail.source === 'search' ? 'search' : 'browse' });
  };

  private readonly onCityChange = (event: CityEventMap['city-change']): void => {
    event.stopPropagation();
    emit(this, 'city-change', event.detail);
    // The picker is a step, not a place: choosing a city replaces it with that city's home.
    const choosing = this.route.view === 'cities' || (this.route.view === 'home' && !routeCity(this.route));
    this.navigate({ view: 'home', city: event.detail.city.code }, { source: 'browse', replace: choosing });
  };

  private readonly onSubmit = (event: CityEventMap['city-submit']): void => {
    event.stopPropagation();
    if (!emit(this, 'city-submit', event.detail, { cancelable: true })) event.preventDefault();
  };

  private readonly onSubmissionComplete = (event: CityEventMap['city-submission-complete']): void => {
    event.stopPropagation();
    const { detail } = event;
    this.recordRecent({ city: detail.city, service: detail.service.code });
    if (detail.result.order) this.completed = new Map(this.completed).set(`${detail.city}/${detail.service.code}`, detail.result.order.reference);
    this.results = new Map(this.results).set(`${detail.city}/${detail.service.code}`, detail.result);
    emit(this, 'city-submission-complete', detail);
  };

  /** A form's 401/403: the host must sign the user in (or raise their level); the hub asks the provider again. */
  private readonly onIdentityRequired = (event: CityEventMap['city-identity-required']): void => {
    event.stopPropagation();
    emit(this, 'city-identity-required', event.detail);
    if (this.identity) void this.identityTask.run();
  };

  private readonly onBillPay = (event: CityEventMap['city-bill-pay']): void => {
    event.stopPropagation();
    const { bill } = event.detail;
    if (!emit(this, 'city-bill-pay', event.detail, { cancelable: true })) return;
    this.bills = new Map(this.bills).set(bill.id, bill);
    this.navigate({ view: 'pay', city: bill.city, bill: bill.id });
  };

  private readonly onPayment = (event: CityEventMap['city-payment-state']): void => {
    event.stopPropagation();
    const type = event.type as 'city-payment-state' | 'city-payment-complete' | 'city-payment-failed' | 'city-payment-canceled';
    const { detail } = event;
    emit(this, type, detail);
    if (type === 'city-payment-complete') {
      this.paid = new Set(this.paid).add(detail.bill.id);
      // The result Back returns to shows the bill as paid.
      this.results = new Map([...this.results].map(([key, result]) => [key, {
        ...result, bills: result.bills.map((b) => (b.id === detail.bill.id ? { ...b, status: 'paid' as const } : b)),
      }]));
    } else if (type === 'city-payment-canceled' && detail.state === 'idle') {
      this.goBack();
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'city-hub': CityHubElement;
  }
}

/** The route to show for an address: its own, or (naming no page, or a home without a city) the home of `city`. */
function orHome(route: HubRoute | null | undefined, city: string): HubRoute {
  return !route || (route.view === 'home' && !route.city) ? { view: 'home', city } : route;
}

/**
 * The HTTP status of a failed request (the SDK's `HttpError`, or any error that carries one); 404 too for the SDK's
 * `not_found` (a city missing from a static `cities.json`, where no request had a status).
 */
function httpStatus(error: unknown): number | undefined {
  const { status, code } = (error ?? {}) as { status?: unknown; code?: unknown };
  if (typeof status === 'number') return status;
  return code === 'not_found' ? 404 : undefined;
}
