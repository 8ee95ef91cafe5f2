import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { cityInitial, type City } from '@cityhub/schema';
import { citiesOf, hubClientContext, type HubClient } from '../context.js';
import { emit, type CityChangeDetail } from '../events.js';
import { LocaleController, formatDateTime, langAttr, localized, localizedLocale, type Locale } from '../i18n/index.js';
import { icon } from '../icons/icons.js';
import { WithClientAttributes, attributeClient } from '../internal/client-attributes.js';
import { nearest } from '../internal/geo.js';
import { readJson, writeJson } from '../internal/storage.js';
import { sharedStyles } from '../styles/shared.js';
import { tokenStyles } from '../styles/tokens.js';
import { styles } from './city-picker.styles.js';

/** Web storage key for recent cities. Only city codes are stored — never names, positions or anything personal. */
export const RECENT_CITIES_KEY = 'cityhub:recent-cities';
const TYPE_AHEAD_RESET_MS = 1000;
/** Beyond this distance the "nearest" city is not near: ask the user to choose instead. */
const NEAREST_MAX_KM = 300;

interface Group {
  letter: string;
  cities: City[];
}

/** Lower-cased, without spaces and apostrophes (`Xi'an` → `xian`). */
const fold = (text: string) => text.toLowerCase().replace(/[\s'’·-]/g, '');

const wordStarts = (text: string | undefined, q: string) =>
  text !== undefined && text.toLowerCase().split(/[\s-]+/).some((word) => fold(word).startsWith(q) || fold(text).startsWith(q));

/**
 * True when the city matches what the user typed: Chinese text anywhere in the city or province name (either
 * script); Latin text at the start of the pinyin or of a word of the English city or province name (so `hang`
 * finds Hangzhou, not Changsha).
 */
export function cityMatches(city: City, query: string): boolean {
  const q = fold(query);
  if (!q) return true;
  if (/[\u3400-\u9fff]/.test(q)) {
    return [city.name['zh-Hans'], city.name['zh-Hant'], city.province.name['zh-Hans'], city.province.name['zh-Hant']]
      .some((n) => n !== undefined && fold(n).includes(q));
  }
  return city.pinyin.startsWith(q) || wordStarts(city.name.en, q) || wordStarts(city.province.name.en, q);
}

/**
 * Choose a city: an A–Z index by pinyin initial, a filter that understands Chinese names, pinyin and English,
 * the user's recent cities and the popular ones, and — only when the user clicks it — "use my location".
 *
 * The city list is an ARIA listbox (one tab stop; ↑ ↓ Home End PageUp PageDown move, typing letters jumps to
 * the next city whose pinyin or name starts with them, Enter or Space chooses). In the filter box, ↓ moves into
 * the list and Enter chooses the first match. The element is form-associated: inside a `<form>` it submits the
 * chosen city code under its `name`.
 *
 * @summary A city picker with pinyin A–Z index, filter, recent and popular cities.
 *
 * @event city-change - The user chose a city. `detail: { city, source: 'list' | 'popular' | 'recent' | 'location' }`.
 *
 * @csspart current - "Current city" line.
 * @csspart filter - The filter text box.
 * @csspart locate - The "use my location" button.
 * @csspart location-status - Visible result of locating.
 * @csspart recent - The recent-cities group.
 * @csspart popular - The popular-cities group.
 * @csspart chip - A recent or popular city button.
 * @csspart index - The A–Z letter index.
 * @csspart index-letter - One letter button.
 * @csspart listbox - The city list.
 * @csspart group-label - A letter heading inside the list.
 * @csspart option - One city in the list.
 * @csspart empty - "No city matches" message.
 * @csspart error - Load error with retry.
 * @csspart retry - The retry button.
 * @csspart stale-notice - The offline / "last updated" notice.
 * @csspart skeleton - Placeholder rows while loading.
 * @csspart status - Screen-reader live region.
 *
 * @cssproperty --city-picker-list-height - Maximum height of the scrolling city list (default `28em`).
 * @cssproperty --city-target-size - Minimum touch-target size (design token; 60px in elder mode).
 */
export class CityPicker extends WithClientAttributes(LitElement) {
  static override styles = [tokenStyles, sharedStyles, styles];
  static formAssociated = true;

  /** Code of the chosen city. */
  @property({ reflect: true }) value = '';

  /** Form field name when the picker sits inside a `<form>`. */
  @property({ reflect: true }) name = '';

  /** Show the "use my location" button (the position is requested only when the user clicks it). */
  @property({ type: Boolean, reflect: true }) geolocation = false;

  /** `elder` switches to the 适老化 sizes. */
  @property({ reflect: true }) mode: 'standard' | 'elder' = 'standard';

  /** Accessible name of the city list; defaults to "All cities". */
  @property() label?: string;

  /** How many recent cities to remember (0 turns the feature off). */
  @property({ type: Number, attribute: 'recent-limit' }) recentLimit = 6;

  /** The cities to offer; otherwise loaded through the client. */
  @property({ attribute: false }) cities?: readonly City[];

  /** The data client; usually provided by an ancestor through `hubClientContext`. */
  @consume({ context: hubClientContext, subscribe: true })
  @property({ attribute: false })
  client?: Partial<Pick<HubClient, 'cities'>>;

  /** Where positions come from (defaults to `navigator.geolocation`; replaceable for tests and native shells). */
  @property({ attribute: false }) geolocationProvider?: Pick<Geolocation, 'getCurrentPosition'>;

  /** How long "use my location" waits for any answer, the permission prompt included, before it says it failed (ms). */
  @property({ type: Number, attribute: 'locate-timeout' }) locateTimeout = 30_000;

  @state() private filter = '';
  @state() private activeCode?: string;
  @state() private recent: string[] = [];
  @state() private announcement = '';
  @state() private locationMessage = '';
  @state() private locating = false;

  @query('.listbox') private listbox?: HTMLElement;
  @query('input[part~="filter"]') private filterInput?: HTMLInputElement;

  private readonly i18n = new LocaleController(this);
  private readonly internals: ElementInternals;
  private groups: Group[] = [];
  private flat: City[] = [];
  private byCode = new Map<string, City>();
  private typeAhead = '';
  private typeAheadTimer?: ReturnType<typeof setTimeout>;
  private scrollToActive: ScrollLogicalPosition | undefined;

  private readonly load = new Task(this, {
    task: async ([given, cities, api, catalogUrl], { signal }) => {
      if (cities) return undefined;
      const client = given ?? (await attributeClient({ api, catalogUrl }));
      if (!client?.cities) throw new Error('<city-picker>: no client (set api, catalog-url, client or cities, or provide a client)');
      return client.cities({ signal });
    },
    args: () => [this.client, this.cities, this.api, this.catalogUrl] as const,
  });

  constructor() {
    super();
    this.internals = this.attachInternals();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const stored = readJson(RECENT_CITIES_KEY);
    this.recent = Array.isArray(stored) ? stored.filter((c): c is string => typeof c === 'string' && /^\d{6}$/.test(c)) : [];
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.typeAheadTimer);
  }

  /** The chosen city, once the list is loaded. */
  get selectedCity(): City | undefined {
    return this.byCode.get(this.value);
  }

  /** Loads the city list again. */
  retry(): Promise<void> {
    return this.load.run();
  }

  /** Resets to no city when the owning form resets. */
  formResetCallback(): void {
    this.value = '';
  }

  private get allCities(): readonly City[] {
    if (this.cities) return this.cities;
    const data = this.load.value?.data;
    return data ? citiesOf(data) : [];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('value')) this.internals.setFormValue(this.value || null);
    const all = this.allCities;
    this.byCode = new Map(all.map((c) => [c.code, c]));
    const sorted = [...all].sort((a, b) => (a.pinyin < b.pinyin ? -1 : a.pinyin > b.pinyin ? 1 : 0));
    const matching = sorted.filter((c) => cityMatches(c, this.filter));
    const groups: Group[] = [];
    for (const city of matching) {
      const letter = cityInitial(city);
      const last = groups[groups.length - 1];
      if (last && last.letter === letter) last.cities.push(city);
      else groups.push({ letter, cities: [city] });
    }
    this.groups = groups;
    this.flat = matching;
    if (this.activeCode && !matching.some((c) => c.code === this.activeCode)) this.activeCode = undefined;
  }

  protected override updated(): void {
    if (this.scrollToActive) {
      const block = this.scrollToActive;
      this.scrollToActive = undefined;
      const option = this.activeCode ? this.renderRoot.querySelector(`[data-code="${this.activeCode}"]`) : null;
      option?.scrollIntoView({ block });
    }
  }

  protected override render(): TemplateResult {
    const m = this.i18n.messages;
    const locale = this.i18n.locale;
    const pending = !this.cities && (this.load.status === TaskStatus.PENDING || (this.load.status === TaskStatus.INITIAL && !this.client?.cities));
    const failed = !this.cities && this.load.status === TaskStatus.ERROR;
    const result = this.cities ? undefined : this.load.value;
    const selected = this.selectedCity;
    return html`
      <div part="status" class="visually-hidden" role="status">${pending ? m.loading : this.announcement}</div>
      ${selected ? html`<p part="current" class="current">${icon('location')} ${m.pickerCurrent(localized(selected.name, locale))}</p>` : nothing}
      <div class="header">
        <div class="field">
          <label for="filter">${m.pickerFilterLabel}</label>
          <input id="filter" part="filter" type="search" autocomplete="off" spellcheck="false" enterkeyhint="go"
            placeholder=${m.pickerFilterPlaceholder} .value=${this.filter} @input=${this.onFilterInput} @keydown=${this.onFilterKeyDown} />
        </div>
        ${this.geolocation && this.locator ? html`<button part="locate" class="button" type="button" aria-describedby="privacy"
          aria-disabled=${this.locating ? 'true' : 'false'} @click=${this.locate}>${icon('location')}${this.locating ? m.locating : m.useLocation}</button>` : nothing}
      </div>
      ${this.geolocation && this.locator ? html`<p id="privacy" class="privacy muted">${m.locationPrivacy}</p>` : nothing}
      ${this.locationMessage ? html`<p part="location-status" class="location-status">${this.locationMessage}</p>` : nothing}
      ${result?.stale ? html`<p part="stale-notice" class="notice">${icon('offline')}<span>${m.staleNotice(formatDateTime(result.updatedAt, locale))}</span></p>` : nothing}
      ${failed ? html`<div part="error" class="notice error" role="alert">${icon('alert')}<span>${m.loadError}</span>
          <button part="retry" class="button" type="button" @click=${() => this.retry()}>${m.retry}</button></div>` : nothing}
      ${pending ? html`<div part="skeleton" aria-hidden="true">${[0, 1, 2, 3, 4].map(() => html`<span class="bone"></span>`)}</div>` : nothing}
      ${!pending && !failed ? this.renderCities(locale) : nothing}
    `;
  }

  private renderCities(locale: Locale): TemplateResult {
    const m = this.i18n.messages;
    const filtering = this.filter.trim() !== '';
    const recent = this.recent.map((code) => this.byCode.get(code)).filter((c): c is City => c !== undefined);
    const popular = this.allCities.filter((c) => c.popular);
    if (this.flat.length === 0) {
      return html`<p part="empty" class="empty">${filtering ? m.pickerNoMatch(this.filter.trim()) : m.pickerCount(0)}</p>`;
    }
    const activeIndex = this.activeCode ? this.flat.findIndex((c) => c.code === this.activeCode) : -1;
    let index = 0;
    return html`
      ${!filtering && recent.length > 0 && this.recentLimit > 0 ? this.renderChips('recent', m.pickerRecent, recent, locale) : nothing}
      ${!filtering && popular.length > 0 ? this.renderChips('popular', m.pickerPopular, popular, locale) : nothing}
      ${!filtering ? html`<div part="index" class="index" role="group" aria-label=${m.pickerIndex}>
          ${this.groups.map((g) => html`<button part="index-letter" type="button" aria-label=${m.pickerIndexLetter(g.letter)}
            @click=${() => this.jumpTo(g.letter)}>${g.letter}</button>`)}
        </div>` : nothing}
      <div part="listbox" class="listbox" role="listbox" tabindex="0" aria-label=${this.label ?? m.pickerAll}
        aria-activedescendant=${ifDefined(activeIndex >= 0 ? `option-${activeIndex}` : undefined)}
        @keydown=${this.onListKeyDown} @pointerdown=${this.onListPointerDown} @click=${this.onListClick} @focus=${this.onListFocus}>
        ${repeat(this.groups, (g) => g.letter, (g) => html`<div role="group" aria-labelledby="group-${g.letter}">
          <div part="group-label" class="group-label" role="presentation" id="group-${g.letter}">${g.letter}</div>
          ${repeat(g.cities, (c) => c.code, (city) => this.renderOption(city, index++, activeIndex, locale))}
        </div>`)}
      </div>`;
  }

  private renderOption(city: City, index: number, activeIndex: number, locale: Locale): TemplateResult {
    const selected = city.code === this.value;
    const nameLocale = localizedLocale(city.name, locale);
    const hint = locale === 'en' ? localized(city.province.name, locale) : `${localized(city.province.name, locale)}${city.name.en ? ` · ${city.name.en}` : ''}`;
    return html`<div part="option" class="option ${index === activeIndex ? 'active' : ''}" role="option" id="option-${index}"
      data-code=${city.code} aria-selected=${selected ? 'true' : 'false'}>
      <span lang=${ifDefined(langAttr(nameLocale, locale))}>${city.name[nameLocale]}</span>
      <span class="hint">${hint}</span>
      ${selected ? html`<svg class="check" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2.5"><path d="m5 12.5 4.5 4.5L19 7.5"/></svg>` : nothing}
    </div>`;
  }

  private renderChips(kind: 'recent' | 'popular', label: string, cities: readonly City[], locale: Locale): TemplateResult {
    return html`<div part=${kind} class="quick" role="group" aria-labelledby="${kind}-label">
      <span class="quick-label" id="${kind}-label">${label}</span>
      <ul class="chips">
        ${cities.map((city) => html`<li><button part="chip" class="button chip" type="button" aria-current=${city.code === this.value ? 'true' : 'false'}
          @click=${() => this.choose(city, kind)}>${localized(city.name, locale)}</button></li>`)}
      </ul>
    </div>`;
  }

  private get locator(): Pick<Geolocation, 'getCurrentPosition'> | undefined {
    return this.geolocationProvider ?? (typeof navigator !== 'undefined' ? navigator.geolocation : undefined);
  }

  /** Chooses a city as if the user had: updates `value`, remembers it as recent, emits `city-change`. */
  choose(city: City, source: CityChangeDetail['source'] = 'list'): void {
    this.value = city.code;
    this.activeCode = city.code;
    if (this.recentLimit > 0) {
      this.recent = [city.code, ...this.recent.filter((c) => c !== city.code)].slice(0, this.recentLimit);
      writeJson(RECENT_CITIES_KEY, this.recent);
    }
    emit(this, 'city-change', { city, source });
  }

  private readonly locate = (): void => {
    const locator = this.locator;
    if (!locator || this.locating) return;
    const m = this.i18n.messages;
    this.locating = true;
    this.locationMessage = '';
    this.announcement = m.locating;
    // A dismissed permission prompt can leave both callbacks uncalled (Firefox), and the API's own timeout starts
    // only once permission is given: the picker keeps its own limit, so the button never stays stuck.
    let settled = false;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(giveUp);
      this.locating = false;
      return true;
    };
    const giveUp = setTimeout(() => {
      if (!settle()) return;
      this.locationMessage = this.i18n.messages.locationFailed;
      this.announcement = this.locationMessage;
    }, this.locateTimeout);
    locator.getCurrentPosition(
      (position) => {
        if (!settle()) return;
        const city = nearest(this.allCities, { lat: position.coords.latitude, lng: position.coords.longitude }, NEAREST_MAX_KM);
        const messages = this.i18n.messages;
        if (!city) {
          this.locationMessage = messages.locationNoCity;
        } else {
          this.locationMessage = messages.locationFound(localized(city.name, this.i18n.locale));
          this.choose(city, 'location');
        }
        this.announcement = this.locationMessage;
      },
      (error) => {
        if (!settle()) return;
        const messages = this.i18n.messages;
        this.locationMessage = error.code === 1 ? messages.locationDenied : messages.locationFailed;
        this.announcement = this.locationMessage;
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 10 * 60_000 },
    );
  };

  private jumpTo(letter: string): void {
    const city = this.groups.find((g) => g.letter === letter)?.cities[0];
    if (!city) return;
    this.activeCode = city.code;
    this.scrollToActive = 'start';
    this.listbox?.focus({ preventScroll: true });
  }

  private readonly onFilterInput = (event: Event): void => {
    this.filter = (event.target as HTMLInputElement).value;
    this.activeCode = undefined;
    void this.updateComplete.then(() => {
      const m = this.i18n.messages;
      this.announcement = this.filter.trim() ? (this.flat.length ? m.pickerCount(this.flat.length) : m.pickerNoMatch(this.filter.trim())) : '';
    });
  };

  private readonly onFilterKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'ArrowDown' && this.flat.length > 0) {
      event.preventDefault();
      this.activeCode = this.flat[0]!.code;
      this.scrollToActive = 'nearest';
      this.listbox?.focus({ preventScroll: true });
    } else if (event.key === 'Enter' && this.filter.trim() && this.flat.length > 0) {
      event.preventDefault();
      this.choose(this.flat[0]!, 'list');
    } else if (event.key === 'Escape' && this.filter) {
      event.preventDefault();
      this.filter = '';
    }
  };

  private readonly onListFocus = (): void => {
    if (!this.activeCode) {
      this.activeCode = (this.flat.find((c) => c.code === this.value) ?? this.flat[0])?.code;
      this.scrollToActive = 'nearest';
    }
  };

  /**
   * A press on an option makes it the active one before the listbox takes focus, so focusing does not scroll the
   * list to the first or selected city under the pointer (which made the click land on another row, or none).
   */
  private readonly onListPointerDown = (event: PointerEvent): void => {
    const code = (event.target as Element).closest<HTMLElement>('[role="option"]')?.dataset['code'];
    if (code && this.byCode.has(code)) this.activeCode = code;
  };

  private readonly onListClick = (event: MouseEvent): void => {
    const option = (event.target as Element).closest<HTMLElement>('[role="option"]');
    const city = option ? this.byCode.get(option.dataset['code'] ?? '') : undefined;
    if (city) this.choose(city, 'list');
  };

  private readonly onListKeyDown = (event: KeyboardEvent): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const count = this.flat.length;
    if (count === 0) return;
    const current = this.activeCode ? this.flat.findIndex((c) => c.code === this.activeCode) : -1;
    let next: number | undefined;
    switch (event.key) {
      case 'ArrowDown': next = current < 0 ? 0 : current + 1; break;
      case 'ArrowUp': next = current < 0 ? 0 : current - 1; break;
      case 'Home': next = 0; break;
      case 'End': next = count - 1; break;
      case 'PageDown': next = Math.max(0, current) + 10; break;
      case 'PageUp': next = Math.max(0, current) - 10; break;
      case 'Enter':
      case ' ': {
        event.preventDefault();
        const city = this.flat[current];
        if (city) this.choose(city, 'list');
        return;
      }
      case 'Escape':
        if (this.filter) {
          event.preventDefault();
          this.filter = '';
          this.filterInput?.focus();
        }
        return;
      default:
        if (event.key.length === 1 && /\S/.test(event.key)) {
          event.preventDefault();
          this.typeAheadTo(event.key, current);
        }
        return;
    }
    event.preventDefault();
    this.activeCode = this.flat[Math.max(0, Math.min(count - 1, next))]!.code;
    this.scrollToActive = 'nearest';
  };

  /** Type-ahead: jump to the next city whose pinyin, English or Chinese name starts with the typed letters. */
  private typeAheadTo(key: string, current: number): void {
    clearTimeout(this.typeAheadTimer);
    this.typeAhead += key.toLowerCase();
    this.typeAheadTimer = setTimeout(() => (this.typeAhead = ''), TYPE_AHEAD_RESET_MS);
    const prefix = fold(this.typeAhead);
    // A repeated single letter cycles through that letter's cities (`s`, `s` → 上海, 深圳).
    const cycling = [...this.typeAhead].every((c) => c === this.typeAhead[0]);
    const start = this.typeAhead.length === 1 || cycling ? current + 1 : Math.max(0, current);
    const matchPrefix = cycling ? prefix[0]! : prefix;
    const count = this.flat.length;
    for (let i = 0; i < count; i++) {
      const city = this.flat[(start + i) % count]!;
      const names = [city.pinyin, city.name.en, city.name['zh-Hans'], city.name['zh-Hant']];
      if (names.some((n) => n !== undefined && fold(n).startsWith(matchPrefix))) {
        this.activeCode = city.code;
        this.scrollToActive = 'nearest';
        return;
      }
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'city-picker': CityPicker;
  }
}
