import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { CatalogService, CityCatalog, Entry, IdentityRequirement, LocalizedText, PaymentProvider, SubmissionResult } from '@cityhub/schema';
import type { CachedResult } from '../context.js';
import { formatDateTime, langAttr, localizedLocale, type Locale, type Messages } from '../i18n/index.js';
import { icon } from '../icons/icons.js';
import type { HubMessages } from './messages.js';
import type { EntrySource, HubRoute, RouteParams } from './router.js';
import type { ServiceRef } from './storage.js';

/**
 * What the hub hands each sub-view (home, category, service, orders, favourites). Sub-views are render functions
 * over this context, not elements of their own: the whole hub is one shadow tree, so focus management, parts and
 * axe checks see one document outline.
 */
export interface ViewContext {
  m: Messages;
  hm: HubMessages;
  locale: Locale;
  mode: 'standard' | 'elder';
  city: string;
  /** The current city's catalog (with its freshness), when loaded. */
  catalog?: CachedResult<CityCatalog>;
  favourites: readonly ServiceRef[];
  recent: readonly ServiceRef[];
  /** Payment methods the pay page may offer, in order (`payment-providers`). */
  paymentProviders: readonly PaymentProvider[];
  /** The current route's deep-link parameters (the same object while the route stays). */
  params?: RouteParams;
  /** The Back button for this page (nothing on the home page). */
  back: TemplateResult | typeof nothing;
  /** An in-hub link: `<a href>` with a real URL (hash/path routing), or a button with `routing="none"`. */
  link: (route: HubRoute, content: unknown, options?: LinkOptions) => TemplateResult;
  /** The page's heading; focus moves here after navigation. */
  heading: (text: string, lang?: string) => TemplateResult;
  /** A data URL passed through `safeUrl` (with the hub's host allowlist); `null` when it must not be linked. */
  safe: (url: string | undefined) => string | null;
  /** An app deep link, allowed only when its scheme is in the hub's `app-schemes` allowlist. */
  appLink: (url: string) => string | null;
  isFavourite: (ref: ServiceRef) => boolean;
  toggleFavourite: (ref: ServiceRef) => void;
  /** Called when the user follows a link out of the hub (emits the cancelable `city-entry-continue`). */
  onContinue: (event: Event, service: CatalogService, entry: Entry, url: string) => void;
  /** Whether the user has passed the "continues on …" step of an Open311 service (then its form shows). */
  open311Accepted: (service: string) => boolean;
  acceptOpen311: (service: string) => void;
  /** False for a hub on static catalogs only (`catalog-url` without `api`): services can be browsed, not used. */
  canSubmit: boolean;
  /** The user's verification level, as far as the hub knows (`unknown`: a host-supplied client, or not known yet). */
  identityLevel: IdentityLevel | 'unknown';
  /** The order reference of the last completed submission of a service, for the "see my applications" link. */
  completedOrder: (service: string) => string | undefined;
  /** The last result of a service's form in this page (memory only), shown again when the user comes back. */
  resultOf: (service: string) => SubmissionResult | undefined;
  retryCatalog: () => void;
}

/** How far the user's identity is verified: not signed in, real-name (实名), or face (刷脸). */
export type IdentityLevel = IdentityRequirement;

export interface LinkOptions {
  part?: string;
  className?: string;
  source?: EntrySource;
  label?: string;
  current?: boolean;
}

/** Localised text with a `lang` attribute when it fell back to another locale. */
export function text(value: Partial<LocalizedText> | undefined, locale: Locale): TemplateResult | string {
  if (!value) return '';
  const used = localizedLocale(value, locale);
  const lang = langAttr(used, locale);
  return lang ? html`<span lang=${lang}>${value[used] ?? ''}</span>` : value[used] ?? '';
}

/** The label/value separator of the locale: `：` in Chinese, `: ` in English. */
export function colon(locale: Locale): string {
  return locale === 'en' ? ': ' : '：';
}

/** `（…）` in Chinese, ` (…)` in English. */
export function parens(locale: Locale, content: unknown): TemplateResult {
  return locale === 'en' ? html` (${content})` : html`（${content}）`;
}

/** The plain localised string (for attributes and announcements). */
export function plain(value: Partial<LocalizedText> | undefined, locale: Locale): string {
  if (!value) return '';
  return value[localizedLocale(value, locale)] ?? '';
}

/** The "offline — last updated …" notice when the catalog is stale. */
export function staleNotice(ctx: ViewContext): TemplateResult | typeof nothing {
  const current = ctx.catalog;
  if (!current?.stale) return nothing;
  return html`<p part="stale-notice" class="notice">${icon('offline')}<span>${ctx.m.staleNotice(formatDateTime(current.updatedAt, ctx.locale))}</span></p>`;
}

/** An `<h3>` section heading with an id for `aria-labelledby`. */
export function sectionHeading(id: string, label: string): TemplateResult {
  return html`<h3 class="section-title" id=${id}>${label}</h3>`;
}

/** A link to a service page, by its name in the catalog. */
export function serviceLink(ctx: ViewContext, service: CatalogService, city: string, catalog = ctx.catalog?.data, source: EntrySource = 'browse'): TemplateResult {
  const nameLocale = localizedLocale(service.name, ctx.locale);
  return ctx.link({ view: 'service', city, service: service.code }, html`${icon(iconFor(catalog, service))}<span
    lang=${ifDefined(langAttr(nameLocale, ctx.locale))}>${service.name[nameLocale]}</span>`, { part: 'service-link', className: 'chip', source });
}

/** The icon slug of a service: its first category's icon. */
export function iconFor(catalog: CityCatalog | undefined, service: CatalogService): string | undefined {
  if (!catalog) return undefined;
  for (const id of service.categories) {
    const category = catalog.categories.find((c) => c.id === id);
    if (category) return category.icon;
  }
  return undefined;
}
