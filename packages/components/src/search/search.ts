import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { consume } from '@lit/context';
import type { CatalogCategory, CatalogService } from '@cityhub/schema';
import { hubClientContext, type CategoryHit, type HubClient, type MatchedTerm, type SearchResults, type ServiceHit } from '../context.js';
import { emit } from '../events.js';
import { LocaleController, langAttr, localized, localizedLocale, type Locale } from '../i18n/index.js';
import { icon } from '../icons/icons.js';
import { WithClientAttributes, attributeClient } from '../internal/client-attributes.js';
import { highlight } from '../internal/highlight.js';
import { sharedStyles } from '../styles/shared.js';
import { tokenStyles } from '../styles/tokens.js';
import { styles } from './search.styles.js';

type Ranges = ReadonlyArray<readonly [number, number]>;

/**
 * Ranges to mark in the name as shown. The SDK's hit `highlights` index the simplified-Chinese name, so they apply
 * when that is the name shown; otherwise the matched term's own ranges apply when the term is the name shown.
 */
function nameMarks(shown: string, zhHans: string, hit: { matched?: MatchedTerm; highlights?: Ranges }): Ranges | undefined {
  if (shown === zhHans && hit.highlights && hit.highlights.length > 0) return hit.highlights;
  if (hit.matched && hit.matched.text === shown) {
    const ranges = hit.matched.highlights ?? (shown === zhHans ? hit.highlights : undefined);
    if (ranges && ranges.length > 0) return ranges;
  }
  return undefined;
}

/** How many of a matching category's services are listed under it. */
const SERVICES_PER_CATEGORY = 5;

/** One selectable row of the popup. */
type Option =
  | { kind: 'category'; category: CatalogCategory; hit: CategoryHit; path: readonly CatalogCategory[]; count: number }
  | { kind: 'service'; service: CatalogService; hit?: ServiceHit; path: readonly CatalogCategory[]; nested: boolean };

interface Group {
  id: string;
  label: string;
  options: Option[];
}

/**
 * Arranges results the way Alipay does (and WeChat was criticised for not doing): matching categories first, each
 * with its services; then the matching services, grouped by their top-level category, each with its path. A service
 * already listed under a matching category is not repeated.
 */
export function groupResults(results: SearchResults, locale: Locale, otherLabel: string, categoriesLabel: string): Group[] {
  const groups: Group[] = [];
  const listed = new Set<string>();
  if (results.categories.length > 0) {
    const options: Option[] = [];
    for (const hit of results.categories) {
      const path = hit.path ?? [hit.category];
      options.push({ kind: 'category', category: hit.category, hit, path, count: hit.services.length });
      for (const service of hit.services.slice(0, SERVICES_PER_CATEGORY)) {
        if (listed.has(service.code)) continue;
        listed.add(service.code);
        const serviceHit = results.services.find((s) => s.service.code === service.code);
        options.push({ kind: 'service', service, ...(serviceHit ? { hit: serviceHit } : {}), path: serviceHit?.path ?? path, nested: true });
      }
    }
    groups.push({ id: 'categories', label: categoriesLabel, options });
  }
  const byTop = new Map<string, Group>();
  for (const hit of results.services) {
    if (listed.has(hit.service.code)) continue;
    listed.add(hit.service.code);
    const top = hit.path[0];
    const key = top?.id ?? '';
    let group = byTop.get(key);
    if (!group) {
      group = { id: `top-${byTop.size}`, label: top ? localized(top.name, locale) : otherLabel, options: [] };
      byTop.set(key, group);
    }
    group.options.push({ kind: 'service', service: hit.service, hit, path: hit.path, nested: false });
  }
  groups.push(...byTop.values());
  return groups;
}

/**
 * Search a city's services: an APG combobox (`role=combobox` input, `aria-activedescendant` into a `listbox`)
 * over the client's search engine. Typing searches after a short pause; results are grouped hierarchically —
 * matching categories with their services first, then services by top-level category, each with its category path —
 * and the matched text is highlighted. ↑ ↓ move, Home / End jump (while an option is active), Enter chooses,
 * Escape closes the list and, when it is closed, clears the text. A live region announces how many results
 * there are; with none, suggestions are offered.
 *
 * @summary Search box with hierarchical, highlighted results.
 *
 * @event city-service-select - A service was chosen. `detail: { service, city, source: 'search', query }`.
 * @event city-category-select - A category was chosen. `detail: { category, city, source: 'search', query }`.
 *
 * @csspart field - The box around the input.
 * @csspart input - The combobox input.
 * @csspart clear - The clear button.
 * @csspart popup - The results popup.
 * @csspart listbox - The results list.
 * @csspart group-label - A group's label.
 * @csspart option - One result (also `category-option` or `service-option`).
 * @csspart path - A result's category path.
 * @csspart mark - Highlighted matched text.
 * @csspart message - Searching / no-results / error text.
 * @csspart suggestions - Suggested searches when nothing was found.
 * @csspart retry - Retry button after an error.
 * @csspart status - Screen-reader live region.
 *
 * @cssproperty --city-search-popup-height - Maximum height of the results popup (default `none`: it grows and the page
 *   scrolls; a fixed height makes the popup a scroll area of its own).
 * @cssproperty --city-color-highlight - Background of highlighted matches (design token).
 */
export class CitySearch extends WithClientAttributes(LitElement) {
  static override styles = [tokenStyles, sharedStyles, styles];
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** City code to search in. */
  @property({ reflect: true }) city = '';

  /** The search text. */
  @property() value = '';

  /** Accessible name of the search box (default "Search city services"); also its placeholder unless one is set. */
  @property() label?: string;

  @property() placeholder?: string;

  /** Milliseconds to wait after typing before searching. */
  @property({ type: Number }) debounce = 150;

  /** Maximum number of services to ask for. */
  @property({ type: Number }) limit = 20;

  /** Searches offered when nothing is found (defaults to a few common ones in the user's language). */
  @property({ attribute: false }) suggestions?: readonly string[];

  /** `elder` switches to the 适老化 sizes. */
  @property({ reflect: true }) mode: 'standard' | 'elder' = 'standard';

  /** The data client; usually provided by an ancestor through `hubClientContext`. */
  @consume({ context: hubClientContext, subscribe: true })
  @property({ attribute: false })
  client?: Partial<Pick<HubClient, 'search'>>;

  @state() private results?: SearchResults;
  @state() private searching = false;
  @state() private failed = false;
  @state() private open = false;
  @state() private activeIndex = -1;
  @state() private announcement = '';

  @query('input') private input?: HTMLInputElement;

  private readonly i18n = new LocaleController(this);
  private groups: Group[] = [];
  private options: Option[] = [];
  private timer?: ReturnType<typeof setTimeout>;
  private controller?: AbortController;
  private sequence = 0;
  private scrollActive = false;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.controller?.abort();
  }

  /** Searches for `text` now (no debounce), e.g. from a suggestion. */
  async search(text = this.value): Promise<void> {
    clearTimeout(this.timer);
    this.controller?.abort();
    const query = text.trim();
    const sequence = ++this.sequence;
    if (!query || !this.city) {
      this.results = undefined;
      this.searching = false;
      this.failed = false;
      this.announcement = '';
      return;
    }
    const controller = new AbortController();
    this.controller = controller;
    this.searching = true;
    this.failed = false;
    try {
      const client = this.client ?? (await attributeClient(this));
      if (!client?.search) throw new Error('<city-search>: no client (set api, catalog-url or client, or provide one)');
      const results = await client.search(query, { city: this.city, limit: this.limit, signal: controller.signal });
      if (sequence !== this.sequence) return;
      this.results = results;
      this.activeIndex = -1;
      const count = results.services.length + results.categories.length;
      const m = this.i18n.messages;
      this.announcement = count > 0 ? m.searchCount(count) : m.searchNone(query);
    } catch {
      if (sequence !== this.sequence) return;
      this.results = undefined;
      this.failed = true;
      this.announcement = this.i18n.messages.searchError;
    } finally {
      if (sequence === this.sequence) this.searching = false;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('city') && changed.get('city') !== undefined && this.value.trim()) void this.search();
    const m = this.i18n.messages;
    this.groups = this.results ? groupResults(this.results, this.i18n.locale, m.searchOtherServices, m.searchCategories) : [];
    this.options = this.groups.flatMap((g) => g.options);
    if (this.activeIndex >= this.options.length) this.activeIndex = -1;
  }

  protected override updated(): void {
    if (this.scrollActive) {
      this.scrollActive = false;
      this.renderRoot.querySelector(`#option-${this.activeIndex}`)?.scrollIntoView({ block: 'nearest' });
    }
  }

  protected override render(): TemplateResult {
    const m = this.i18n.messages;
    const locale = this.i18n.locale;
    const query = this.value.trim();
    const hasOptions = this.options.length > 0;
    const showPopup = this.open && query !== '' && (hasOptions || this.searching || this.failed || this.results !== undefined);
    const expanded = showPopup && hasOptions;
    const label = this.label ?? m.searchLabel;
    let index = 0;
    return html`
      <div part="field" class="field">
        ${icon('search')}
        <input id="input" part="input" type="text" role="combobox" aria-label=${label} placeholder=${this.placeholder ?? m.searchPlaceholder}
          aria-autocomplete="list" aria-expanded=${expanded ? 'true' : 'false'} aria-controls="listbox"
          aria-activedescendant=${ifDefined(expanded && this.activeIndex >= 0 ? `option-${this.activeIndex}` : undefined)}
          autocomplete="off" spellcheck="false" enterkeyhint="search" .value=${this.value}
          @input=${this.onInput} @keydown=${this.onKeyDown} @focus=${this.onFocus} />
        ${this.value ? html`<button part="clear" class="clear" type="button" aria-label=${m.searchClear} @click=${this.clear}>${icon('close')}</button>` : nothing}
      </div>
      <div part="status" class="visually-hidden" role="status">${this.announcement}</div>
      <div part="popup" class="popup" ?hidden=${!showPopup} @mousedown=${this.keepFocus}>
        ${this.searching && !hasOptions ? html`<p part="message" class="message">${m.searching}</p>` : nothing}
        ${this.failed ? html`<div part="message" class="message notice error" role="alert">${m.searchError}
          <button part="retry" class="button" type="button" @click=${() => this.search()}>${m.retry}</button></div>` : nothing}
        ${!this.searching && !this.failed && this.results && !hasOptions ? this.renderNone(query) : nothing}
        <div id="listbox" part="listbox" role="listbox" aria-label=${m.searchResults} ?hidden=${!hasOptions} @click=${this.onOptionClick}>
          ${this.groups.map((group) => html`<div role="group" aria-labelledby="group-${group.id}">
            <div part="group-label" class="group-label" role="presentation" id="group-${group.id}">${group.label}</div>
            ${group.options.map((option) => this.renderOption(option, index++, locale))}
          </div>`)}
        </div>
      </div>
    `;
  }

  private renderNone(query: string): TemplateResult {
    const m = this.i18n.messages;
    const suggestions = (this.suggestions ?? m.searchSuggestions).filter((s) => s.trim() && s.trim() !== query);
    return html`<p part="message" class="message">${m.searchNone(query)}</p>
      ${suggestions.length ? html`<div part="suggestions" class="suggestions" role="group" aria-label=${m.searchTry}>
        <span aria-hidden="true">${m.searchTry}</span>
        ${suggestions.map((s) => html`<button class="button" type="button" @click=${() => this.useSuggestion(s)}>${s}</button>`)}
      </div>` : nothing}`;
  }

  private renderOption(option: Option, index: number, locale: Locale): TemplateResult {
    const m = this.i18n.messages;
    const active = index === this.activeIndex;
    if (option.kind === 'category') {
      const { category, hit } = option;
      const name = localized(category.name, locale);
      const marks = nameMarks(name, category.name['zh-Hans'], hit);
      const parents = option.path.filter((c) => c.id !== category.id).map((c) => localized(c.name, locale));
      return html`<div part="option category-option" class="option ${active ? 'active' : ''}" role="option" id="option-${index}"
        aria-selected=${active ? 'true' : 'false'} data-index=${index}>
        ${icon(category.icon)}
        <span class="text">
          <span class="name">${marks ? highlight(name, marks) : name}</span>
          ${parents.length ? html`<span part="path" class="path">${[...parents, name].join(' › ')}</span>` : nothing}
          ${!marks ? this.renderMatched(name, category.name['zh-Hans'], hit) : nothing}
          <span class="count">${m.categoryServices(option.count)}</span>
        </span>
      </div>`;
    }
    const { service, hit } = option;
    const nameLocale = localizedLocale(service.name, locale);
    const name = service.name[nameLocale] ?? '';
    const marks = hit ? nameMarks(name, service.name['zh-Hans'], hit) : undefined;
    const leaf = option.path[option.path.length - 1];
    return html`<div part="option service-option" class="option ${option.nested ? 'nested' : ''} ${active ? 'active' : ''}" role="option"
      id="option-${index}" aria-selected=${active ? 'true' : 'false'} data-index=${index}>
      ${icon(leaf?.icon)}
      <span class="text">
        <span class="name" lang=${ifDefined(langAttr(nameLocale, locale))}>${marks ? highlight(name, marks) : name}</span>
        ${option.path.length && !option.nested ? html`<span part="path" class="path">${option.path.map((c) => localized(c.name, locale)).join(' › ')}</span>` : nothing}
        ${hit && !marks ? this.renderMatched(name, service.name['zh-Hans'], hit) : nothing}
      </span>
    </div>`;
  }

  /** "Matches: 交<mark>水费</mark>" when the text that matched is not the name shown (a keyword, synonym, pinyin…). */
  private renderMatched(shown: string, zhHans: string, hit: { matched?: MatchedTerm; highlights?: Ranges }): TemplateResult | typeof nothing {
    const matched = hit.matched;
    if (!matched || matched.text === shown) return nothing;
    const ranges = matched.highlights ?? (matched.text === zhHans ? hit.highlights : undefined);
    return html`<span class="matched">${this.i18n.messages.matchedBy}: ${highlight(matched.text, ranges)}</span>`;
  }

  private select(option: Option | undefined): void {
    if (!option) return;
    const query = this.value.trim();
    this.open = false;
    this.activeIndex = -1;
    if (option.kind === 'category') emit(this, 'city-category-select', { category: option.category, city: this.city, source: 'search', query });
    else emit(this, 'city-service-select', { service: option.service, city: this.city, source: 'search', query });
  }

  private useSuggestion(text: string): void {
    this.value = text;
    this.open = true;
    this.input?.focus();
    void this.search(text);
  }

  private readonly clear = (): void => {
    this.value = '';
    this.open = false;
    void this.search('');
    this.input?.focus();
  };

  private readonly keepFocus = (event: MouseEvent): void => {
    // Clicking an option must not take focus from the combobox (so the popup does not close first).
    if ((event.target as Element).closest('[role="option"]')) event.preventDefault();
  };

  private readonly onFocus = (): void => {
    if (this.value.trim()) this.open = true;
  };

  protected override firstUpdated(): void {
    // Close when focus leaves the whole component (not when it moves to a suggestion or the retry button).
    this.addEventListener('focusout', (event: FocusEvent) => {
      const next = event.relatedTarget as Node | null;
      if (next && (this.contains(next) || this.renderRoot.contains(next))) return;
      this.open = false;
      this.activeIndex = -1;
    });
  }

  private readonly onInput = (event: Event): void => {
    this.value = (event.target as HTMLInputElement).value;
    this.open = true;
    this.activeIndex = -1;
    clearTimeout(this.timer);
    if (!this.value.trim()) {
      void this.search('');
      return;
    }
    this.timer = setTimeout(() => void this.search(), this.debounce);
  };

  private readonly onOptionClick = (event: MouseEvent): void => {
    const row = (event.target as Element).closest<HTMLElement>('[role="option"]');
    if (row) this.select(this.options[Number(row.dataset['index'])]);
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const count = this.options.length;
    const expanded = this.open && count > 0;
    switch (event.key) {
      case 'ArrowDown':
        if (count === 0) return;
        event.preventDefault();
        if (!this.open || event.altKey) {
          this.open = true;
          if (event.altKey) return;
        }
        this.activeIndex = Math.min(count - 1, this.activeIndex + 1);
        this.scrollActive = true;
        return;
      case 'ArrowUp':
        if (!expanded) return;
        event.preventDefault();
        if (event.altKey) {
          this.open = false;
          return;
        }
        this.activeIndex = this.activeIndex <= 0 ? -1 : this.activeIndex - 1;
        this.scrollActive = true;
        return;
      case 'Home':
      case 'End':
        if (!expanded || this.activeIndex < 0) return; // otherwise the caret moves, as in any text box
        event.preventDefault();
        this.activeIndex = event.key === 'Home' ? 0 : count - 1;
        this.scrollActive = true;
        return;
      case 'Enter':
        if (expanded && this.activeIndex >= 0) {
          event.preventDefault();
          this.select(this.options[this.activeIndex]);
        } else if (this.value.trim()) {
          event.preventDefault();
          this.open = true;
          void this.search();
        }
        return;
      case 'Escape':
        if (this.open && (count > 0 || this.results || this.failed)) {
          event.preventDefault();
          this.open = false;
          this.activeIndex = -1;
        } else if (this.value) {
          event.preventDefault();
          this.clear();
        }
        return;
      default:
        return;
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'city-search': CitySearch;
  }
}
