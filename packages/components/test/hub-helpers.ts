import { fixture, html, waitUntil } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { CatalogService, CityCatalog, Order, OrderList } from '@cityhub/schema';
import '../src/define/city-hub.js';
import type { PaymentsClient } from '../src/context.js';
import type { CityHubElement } from '../src/hub/hub.js';
import { FAVOURITES_KEY, LOCALE_KEY, MODE_KEY, RECENT_SERVICES_KEY } from '../src/hub/storage.js';
import { RECENT_CITIES_KEY } from '../src/city-picker/city-picker.js';
import { FakeHubClient } from './helpers/fake-client.js';
import { loadCatalog, loadCities } from './helpers/fixtures.js';
import { violationResult } from './helpers/results.js';

/** The fake client plus `orders()` (the SDK's "my applications"), steerable like the rest of it. */
export class HubFakeClient extends FakeHubClient {
  orderList: Order[] = [];
  ordersError?: unknown;
  ordersCalls = 0;
  /** `hub.payments` for the pay page (e.g. the real SDK's over a `FakePaymentApi`). */
  payments?: PaymentsClient;

  async orders(options: { signal?: AbortSignal } = {}): Promise<OrderList> {
    this.ordersCalls += 1;
    if (this.gate) await this.gate;
    if (options.signal?.aborted) throw options.signal.reason;
    if (this.ordersError) throw this.ordersError;
    return { orders: this.orderList };
  }
}

export async function hubClient(): Promise<HubFakeClient> {
  const client = new HubFakeClient([await loadCatalog('440300'), await loadCatalog('440100'), await loadCatalog('230100')], await loadCities());
  client.submitHandler = (city, code) => violationResult({ city, service: code });
  return client;
}

/** The order in the result fixture, for the orders page. */
export function sampleOrder(overrides: Partial<Order> = {}): Order {
  return { ...violationResult().order!, ...overrides };
}

/** The page URL without a hash: every test starts from it, as a fresh history entry the hub has not marked. */
export const PAGE = `${location.pathname}${location.search}`;

export function resetPage(hash = ''): void {
  history.replaceState(null, '', `${PAGE}${hash}`);
  for (const key of [FAVOURITES_KEY, RECENT_SERVICES_KEY, MODE_KEY, LOCALE_KEY, RECENT_CITIES_KEY]) localStorage.removeItem(key);
  document.documentElement.lang = 'zh-Hans';
}

/** Arrives at `hash` the way a link from another page would: a new history entry after a non-hub one. */
export function arriveFromOutside(hash: string): void {
  history.replaceState(null, '', `${PAGE}#from-host`);
  history.pushState(null, '', `${PAGE}${hash}`);
}

export const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
export const parts = (el: Element, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];

/** Every element matching `selector` in `root` and all shadow roots below it. */
export function deepAll<T extends Element = HTMLElement>(root: ParentNode, selector: string): T[] {
  const found: T[] = [...root.querySelectorAll<T>(selector)];
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) found.push(...deepAll<T>(el.shadowRoot, selector));
  return found;
}

/** The focused element, looking through shadow roots. */
export function deepActive(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * Whether a focused element shows where focus is (WCAG 2.4.7): the focus ring, an outline of 2px or more, on it or
 * on the field that wraps it (a search box rings its whole field). (Not a box shadow: some controls have one
 * when not focused.)
 */
export function showsFocus(target: Element | null): boolean {
  for (let node = target, depth = 0; node && depth < 2; node = node.parentElement, depth++) {
    const style = getComputedStyle(node);
    if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) return true;
  }
  return false;
}

export const heading = (el: CityHubElement) => part(el, 'heading');
export const headingText = (el: CityHubElement) => heading(el)?.textContent?.trim() ?? '';
export const statusText = (el: CityHubElement) => part(el, 'status')!.textContent ?? '';

/** Waits until the view with this part is shown, then for the hub and its children to render. */
export async function waitForView(el: CityHubElement, view: string): Promise<HTMLElement> {
  await waitUntil(() => part(el, view), `view ${view} did not show (now: ${el.shadowRoot!.querySelector('[part~="view"]')?.firstElementChild?.getAttribute('part')})`);
  await el.updateComplete;
  await settleChildren(el);
  return part(el, view)!;
}

/** Lets nested elements (grid, search, form) finish rendering. */
export async function settleChildren(el: CityHubElement): Promise<void> {
  await new Promise((r) => setTimeout(r));
  const children = deepAll<Element & { updateComplete?: Promise<unknown> }>(el.shadowRoot!, '*').filter((c) => c.localName.startsWith('city-'));
  await Promise.all(children.map((c) => c.updateComplete));
  await el.updateComplete;
}

export async function mountHub(client: HubFakeClient | undefined, attrs: { city?: string; routing?: string; basePath?: string; backRule?: string;
  lang?: string; mode?: string; appSchemes?: string; api?: string } = {}): Promise<CityHubElement> {
  const el = await fixture<CityHubElement>(html`<city-hub .client=${client} api=${ifDefined(attrs.api)} city=${attrs.city ?? '440300'} routing=${attrs.routing ?? 'hash'}
    base-path=${attrs.basePath ?? ''} back-rule=${attrs.backRule ?? 'source'} lang=${attrs.lang ?? 'zh-Hans'} mode=${attrs.mode ?? 'standard'}
    app-schemes=${attrs.appSchemes ?? ''}></city-hub>`);
  if (attrs.city === '') el.removeAttribute('city');
  return el;
}

/** Clicks a link or button the way a user does (a real click event with button 0). */
export function click(target: HTMLElement): void {
  target.click();
}

/** The grid tile of a service (the grids live in the hub's shadow root). */
export function tile(el: CityHubElement, name: string): HTMLButtonElement {
  const found = deepAll<HTMLButtonElement>(el.shadowRoot!, 'button[part~="tile"]').find((t) => t.querySelector('[part~="tile-name"]')?.textContent?.trim() === name);
  if (!found) throw new Error(`no tile ${name}`);
  return found;
}

/** A copy of a fixture service with changes, added to (or replacing it in) the catalog. */
export function withService(catalog: CityCatalog, code: string, changes: Partial<CatalogService>): CatalogService {
  const index = catalog.services.findIndex((s) => s.code === code);
  const base = catalog.services[index]!;
  const service = { ...base, ...changes } as CatalogService;
  catalog.services[index] = service;
  return service;
}

export async function nextFrame(): Promise<void> {
  await new Promise((r) => requestAnimationFrame(() => r(undefined)));
}

export { waitUntil };

/** A short description of an element for assertion messages (chai must not print DOM nodes). */
export function describeEl(el: Element | null): string {
  if (!el) return 'nothing';
  return `<${el.localName}${el.getAttribute('part') ? ` part="${el.getAttribute('part')}"` : ''}> "${(el.textContent ?? '').trim().slice(0, 30)}"`;
}
