/**
 * The hub's routes and their URLs. Pure functions: no DOM, no history — `hub.ts` owns the History API.
 *
 * | Route | Hash URL | Path URL (`base-path="/hub"`) |
 * | --- | --- | --- |
 * | city home | `#/440300` | `/hub/440300` |
 * | category page | `#/440300/category/social-security` | `/hub/440300/category/social-security` |
 * | life-event topic | `#/440300/topic/driving` | `/hub/440300/topic/driving` |
 * | service page | `#/440300/service/traffic-violation-query` | `/hub/440300/service/traffic-violation-query` |
 * | paying a bill | `#/440300/pay/bill_9f2c…` | `/hub/440300/pay/bill_9f2c…` |
 * | city picker | `#/cities` | `/hub/cities` |
 * | orders | `#/orders` | `/hub/orders` |
 * | favourites and recently used | `#/favourites` | `/hub/favourites` |
 */
export type HubRoute = (
  | { view: 'home'; city: string }
  | { view: 'category'; city: string; category: string }
  | { view: 'topic'; city: string; topic: string }
  | { view: 'service'; city: string; service: string }
  | { view: 'pay'; city: string; bill: string }
  | { view: 'cities' }
  | { view: 'orders' }
  | { view: 'favourites' }
) & {
  /**
   * Pass-through parameters of a deep link (WeChat's deep links carry them too): the query of
   * `#/440300/service/traffic-fine-payment?decisionNumber=4403001234567890&from=sms`, or of the page URL with
   * `routing="path"`. They reach the host in `city-navigate`; a service page pre-fills the form fields they name,
   * except personal data.
   */
  params?: RouteParams;
};

/** A deep link's parameters: at most {@link MAX_PARAMS}, names like `plate` or `utm.source`, short values. */
export type RouteParams = Readonly<Record<string, string>>;

export const MAX_PARAMS = 16;
const PARAM_NAME = /^[A-Za-z][\w.-]{0,63}$/;
const MAX_PARAM_VALUE = 256;

export type HubView = HubRoute['view'];

/** How the hub keeps its route in the page URL. `none`: it never touches the URL or the history. */
export type RoutingMode = 'hash' | 'path' | 'none';

const CITY = /^[1-9]\d{5}$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** True when `code` looks like a GB/T 2260 city code. */
export const isCityCode = (code: unknown): code is string => typeof code === 'string' && CITY.test(code);
/** True when `id` looks like a bill id (letters, digits, `_`, `-`). */
export const isBillId = (id: unknown): id is string => typeof id === 'string' && /^[\w-]{1,128}$/.test(id);
/** True when `slug` is a catalog id or service code. */
export const isSlug = (slug: unknown): slug is string => typeof slug === 'string' && slug.length <= 64 && SLUG.test(slug);

/** `/440300/service/x` for a route (the part after `#` or after the base path), with `?…` for its parameters. */
export function routePath(route: HubRoute): string {
  const query = route.params ? new URLSearchParams(route.params as Record<string, string>).toString() : '';
  return query ? `${pagePath(route)}?${query}` : pagePath(route);
}

function pagePath(route: HubRoute): string {
  switch (route.view) {
    case 'home': return route.city ? `/${route.city}` : '/';
    case 'category': return `/${route.city}/category/${route.category}`;
    case 'topic': return `/${route.city}/topic/${route.topic}`;
    case 'service': return `/${route.city}/service/${route.service}`;
    case 'pay': return `/${route.city}/pay/${route.bill}`;
    case 'cities': return '/cities';
    case 'orders': return '/orders';
    case 'favourites': return '/favourites';
  }
}

/**
 * The route a path names, or `undefined` when it names none (then the hub shows its home). Anything that is
 * not a known shape with valid codes is rejected: a URL is user input.
 */
export function parseRoutePath(path: string): HubRoute | undefined {
  const mark = path.indexOf('?');
  const page = parsePagePath(mark < 0 ? path : path.slice(0, mark));
  const params = mark < 0 ? undefined : parseParams(path.slice(mark + 1));
  return page && params ? { ...page, params } : page;
}

/**
 * The parameters of a query string that are fit to pass through, or `undefined` when none is: unknown shapes are
 * dropped (a URL is user input), the first of repeated names wins, and at most {@link MAX_PARAMS} are kept.
 */
export function parseParams(query: string): RouteParams | undefined {
  const params = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(query)) {
    if (params.size === MAX_PARAMS) break;
    if (PARAM_NAME.test(name) && !params.has(name) && value.length <= MAX_PARAM_VALUE) params.set(name, value);
  }
  return params.size > 0 ? Object.fromEntries(params) : undefined;
}

function parsePagePath(path: string): HubRoute | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  const parts = decoded.split('/').filter((p) => p !== '');
  if (parts.length === 0) return { view: 'home', city: '' };
  const [first, kind, id, ...rest] = parts;
  if (rest.length > 0) return undefined;
  if (parts.length === 1) {
    if (first === 'cities' || first === 'orders' || first === 'favourites') return { view: first };
    return isCityCode(first) ? { view: 'home', city: first } : undefined;
  }
  if (!isCityCode(first)) return undefined;
  if (kind === 'pay') return isBillId(id) ? { view: 'pay', city: first, bill: id } : undefined;
  if (!isSlug(id)) return undefined;
  if (kind === 'category') return { view: 'category', city: first, category: id };
  if (kind === 'topic') return { view: 'topic', city: first, topic: id };
  if (kind === 'service') return { view: 'service', city: first, service: id };
  return undefined;
}

/** `/hub/` → `/hub`; `` → ``. */
export function normalizeBasePath(base: string | undefined): string {
  const trimmed = (base ?? '').trim();
  if (!trimmed || trimmed === '/') return '';
  return `/${trimmed.replace(/^\/+|\/+$/g, '')}`;
}

/** The URL (relative to the page) that shows `route` in the given routing mode. */
export function routeUrl(route: HubRoute, mode: RoutingMode, basePath = ''): string {
  const path = routePath(route);
  if (mode === 'path') return `${normalizeBasePath(basePath)}${path}`;
  return `#${path}`;
}

/** The route a location shows in the given routing mode; `undefined` when the location names no hub route. */
export function routeFromLocation(location: Pick<Location, 'hash' | 'pathname'> & Partial<Pick<Location, 'search'>>, mode: RoutingMode, basePath = ''): HubRoute | undefined {
  return hubLocation(location, mode, basePath) ?? undefined;
}

/**
 * Like `routeFromLocation`, for the hub itself: `undefined` when the location is not the hub's (no `#/…` hash, a
 * path outside `base-path`, or any path when there is no base path); `null` for a hub address that names no page
 * (`#/foo/bar`, `/hub/foo/bar`), which the hub shows as its home, under the home's URL.
 */
export function hubLocation(location: Pick<Location, 'hash' | 'pathname'> & Partial<Pick<Location, 'search'>>, mode: RoutingMode, basePath = ''): HubRoute | null | undefined {
  if (mode === 'hash') {
    const hash = location.hash.replace(/^#/, '');
    return hash.startsWith('/') ? parseRoutePath(hash) ?? null : undefined;
  }
  if (mode === 'path') {
    const base = normalizeBasePath(basePath);
    const path = location.pathname;
    if (base && path !== base && !path.startsWith(`${base}/`)) return undefined;
    const route = parseRoutePath(path.slice(base.length) + (location.search ?? ''));
    return route ?? (base ? null : undefined);
  }
  return undefined;
}

/**
 * GB/T 2260 gives each of the four municipalities (北京, 天津, 上海, 重庆) a province code (`110000`) and a city
 * code (`110100`), and links in the wild use either: the other code of the pair, for a code the catalog lacks.
 */
export function municipalityAlias(code: string): string | undefined {
  const match = /^(11|12|31|50)0(0|1)00$/.exec(code);
  return match ? `${match[1]}0${match[2] === '0' ? '1' : '0'}00` : undefined;
}

/** The route with another city (routes without a city stay as they are). */
export function withCity(route: HubRoute, city: string): HubRoute {
  return 'city' in route ? { ...route, city } : route;
}

/** The city a route is about, if it names one. */
export function routeCity(route: HubRoute): string | undefined {
  return 'city' in route && route.city ? route.city : undefined;
}

export function sameRoute(a: HubRoute | undefined, b: HubRoute | undefined): boolean {
  return a !== undefined && b !== undefined && routePath(a) === routePath(b);
}

/** How the user got to a hub page; it decides where Back goes. */
export type EntrySource =
  /** Came into the hub at this page: a deep link, a bookmark, the first page shown. */
  | 'external'
  /** Browsing inside the hub: tiles, categories, links. */
  | 'browse'
  /** Picked from search results. */
  | 'search'
  /** Reached with the hub's Back button. */
  | 'back';

/** What the hub remembers about one history entry (kept in `history.state.cityhub`). */
export interface HubEntry {
  /** How many hub entries precede this one in the session (0: the hub was entered here). */
  depth: number;
  source: EntrySource;
  /** The previous hub entry's route path, when there is one. */
  prev?: string;
}

/**
 * Where the Back button goes:
 * - `source` (default, Alipay's rule): a category or topic page entered from search — or from outside — goes to the
 *   hub home, so the user meets the hub; a service page entered straight from outside goes back where the user came
 *   from (从哪来回哪去); any page reached by browsing goes back one step.
 * - `history`: always one step back, leaving the hub from its first page.
 */
export type BackRule = 'source' | 'history';

export type BackTarget = 'home' | 'previous' | 'exit';

/** The Back button's destination for a page, or `undefined` for the home page (which has no Back button). */
export function backTarget(route: HubRoute, entry: HubEntry, rule: BackRule): BackTarget | undefined {
  if (route.view === 'home') return undefined;
  if (rule === 'history') return entry.depth > 0 ? 'previous' : 'exit';
  switch (route.view) {
    case 'category':
    case 'topic':
      return entry.source === 'search' || entry.depth === 0 ? 'home' : 'previous';
    case 'service':
      return entry.depth === 0 ? 'exit' : 'previous';
    default:
      return entry.depth === 0 ? 'home' : 'previous';
  }
}

/**
 * Where "back where you came from" leads when Back would leave the hub: one step back in the browser's history
 * when there is one, else the referring page, else (nothing to go back to, or `routing="none"`) the hub home.
 */
export function exitTarget(historyLength: number, referrer: string | null, routing: RoutingMode): 'history' | 'referrer' | 'home' {
  if (routing === 'none') return 'home';
  if (historyLength > 1) return 'history';
  return referrer ? 'referrer' : 'home';
}

/** Reads the hub's record of a history entry from `history.state`, validating it (state is page-writable). */
export function entryFromState(state: unknown): HubEntry | undefined {
  const raw = (state as { cityhub?: unknown } | null)?.cityhub as Partial<HubEntry> | undefined;
  if (!raw || typeof raw !== 'object') return undefined;
  const depth = Number(raw.depth);
  const sources: readonly EntrySource[] = ['external', 'browse', 'search', 'back'];
  if (!Number.isInteger(depth) || depth < 0 || !sources.includes(raw.source as EntrySource)) return undefined;
  return { depth, source: raw.source as EntrySource, ...(typeof raw.prev === 'string' ? { prev: raw.prev } : {}) };
}

/** `history.state` with the hub's entry merged in (other keys a host or router put there are kept). */
export function stateWithEntry(state: unknown, entry: HubEntry): Record<string, unknown> {
  const base = state && typeof state === 'object' && !Array.isArray(state) ? (state as Record<string, unknown>) : {};
  return { ...base, cityhub: entry };
}
