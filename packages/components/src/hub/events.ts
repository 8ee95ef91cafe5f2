import type { CatalogService, Entry } from '@cityhub/schema';
import type { Locale } from '../i18n/index.js';
import type { EntrySource, HubRoute } from './router.js';

export interface CityNavigateDetail {
  /** The page now shown. */
  route: HubRoute;
  /** The page shown before, if any. */
  from?: HubRoute;
  /** How the user got here: browsing, search, a deep link (`external`), the Back button, or the browser's history. */
  source: EntrySource | 'popstate';
  /** The page's URL for the route (`#/440300/service/…`), or `undefined` with `routing="none"`. */
  url?: string;
}

export interface CityEntryContinueDetail {
  service: CatalogService;
  city: string;
  entry: Entry;
  /** The URL about to be opened (already passed through `safeUrl`). */
  url: string;
}

export interface CityExitDetail {
  /**
   * Where the hub will send the user unless the event is cancelled: one step back in history, the referring page,
   * or — with nothing to go back to (or `routing="none"`) — the hub home.
   */
  to: 'history' | 'referrer' | 'home';
  /** The referrer, when `to` is `referrer` (passed through `safeUrl`). */
  url?: string;
  route: HubRoute;
}

export interface CityFavouriteChangeDetail {
  service: string;
  city: string;
  favourite: boolean;
}

export interface CityModeChangeDetail {
  mode: 'standard' | 'elder';
}

export interface CityLocaleChangeDetail {
  locale: Locale;
}

/**
 * Events only `<city-hub>` dispatches (it also re-dispatches its children's `city-service-select`,
 * `city-category-select`, `city-change`, `city-submit`, `city-submission-complete` and `city-bill-pay` on itself,
 * so the page hears them). All bubble and are dispatched on the hub element itself (not `composed`).
 */
export interface HubEventMap {
  'city-navigate': CustomEvent<CityNavigateDetail>;
  'city-entry-continue': CustomEvent<CityEntryContinueDetail>;
  'city-exit': CustomEvent<CityExitDetail>;
  'city-favourite-change': CustomEvent<CityFavouriteChangeDetail>;
  'city-mode-change': CustomEvent<CityModeChangeDetail>;
  'city-locale-change': CustomEvent<CityLocaleChangeDetail>;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends HubEventMap {}
}

type DetailOf<K extends keyof HubEventMap> = HubEventMap[K] extends CustomEvent<infer D> ? D : never;

/** Dispatches a typed hub event; returns false when a listener called `preventDefault()`. */
export function emitHub<K extends keyof HubEventMap>(target: EventTarget, type: K, detail: DetailOf<K>, options: { cancelable?: boolean } = {}): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: false, cancelable: options.cancelable ?? false }));
}
