import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fn } from 'storybook/test';
import type { CityHubElement, HubRoute } from '@cityhub/components';
import { FAVOURITES_KEY, MODE_KEY, RECENT_SERVICES_KEY, TEXT_SIZE_KEY } from '@cityhub/components';
import { storyClient } from './support/client.js';
import { docsFor } from './support/docs.js';
import { attr, cityArgType, commonArgs, commonArgTypes, settled, typeInto, wait, type CommonArgs } from './support/controls.js';
import { EMPTY_CITY, SHENZHEN } from './support/data.js';

interface Args extends CommonArgs {
  city: string;
  popularLimit: number;
  backRule: 'source' | 'history';
  /** The page the story opens (`navigate()` after the first render; `routing="none"` keeps Storybook's URL alone). */
  page: '' | 'category' | 'topic' | 'service' | 'cities' | 'orders' | 'favourites';
  /** Favourites and recently used services stored before rendering. */
  history: boolean;
  headerEnd: boolean;
  footer: boolean;
  onCityNavigate: (event: Event) => void;
  onCityServiceSelect: (event: Event) => void;
  onCityChange: (event: Event) => void;
  onCitySubmissionComplete: (event: Event) => void;
  onCityEntryContinue: (event: Event) => void;
  onCityExit: (event: Event) => void;
  onCityFavouriteChange: (event: Event) => void;
  onCityModeChange: (event: Event) => void;
  onCityLocaleChange: (event: Event) => void;
}

/** The route each `page` arg opens, in the story's city. */
function routeFor(page: Args['page'], city: string): HubRoute | undefined {
  switch (page) {
    case 'category': return { view: 'category', city, category: 'traffic' };
    case 'topic': return { view: 'topic', city, topic: 'driving' };
    case 'service': return { view: 'service', city, service: 'traffic-violation-query' };
    case 'cities': return { view: 'cities' };
    case 'orders': return { view: 'orders' };
    case 'favourites': return { view: 'favourites' };
    default: return undefined;
  }
}

function seedStorage(args: Args): void {
  try {
    // The hub remembers the elder switch; a story's `mode` should win over a choice made in another story.
    localStorage.removeItem(MODE_KEY);
    localStorage.removeItem(TEXT_SIZE_KEY);
    if (args.history) {
      localStorage.setItem(FAVOURITES_KEY, JSON.stringify([{ city: SHENZHEN, service: 'traffic-violation-query' }, { city: SHENZHEN, service: 'water-bill-payment' }]));
      localStorage.setItem(RECENT_SERVICES_KEY, JSON.stringify([{ city: SHENZHEN, service: 'housing-fund-query' }, { city: '110000', service: 'traffic-violation-query' }]));
    } else {
      localStorage.removeItem(FAVOURITES_KEY);
      localStorage.removeItem(RECENT_SERVICES_KEY);
    }
  } catch {
    // storage may be unavailable
  }
}

const meta = {
  title: 'Components/Hub',
  component: 'city-hub',
  args: {
    ...commonArgs,
    city: SHENZHEN,
    popularLimit: 8,
    backRule: 'source',
    page: '',
    history: true,
    headerEnd: false,
    footer: false,
    onCityNavigate: fn(),
    onCityServiceSelect: fn(),
    onCityChange: fn(),
    onCitySubmissionComplete: fn(),
    onCityEntryContinue: fn(),
    onCityExit: fn(),
    onCityFavouriteChange: fn(),
    onCityModeChange: fn(),
    onCityLocaleChange: fn(),
  },
  argTypes: {
    ...commonArgTypes,
    city: cityArgType,
    popularLimit: { name: 'popular-limit', control: { type: 'number', min: 0, max: 20 }, table: { category: 'attributes' } },
    backRule: { name: 'back-rule', control: 'inline-radio', options: ['source', 'history'], table: { category: 'attributes' } },
    page: {
      control: 'select',
      options: ['', 'category', 'topic', 'service', 'cities', 'orders', 'favourites'],
      description: 'Page to open with `navigate()` (the stories use `routing="none"`).',
      table: { category: 'story' },
    },
    history: { control: 'boolean', description: 'Favourites and recent services in `localStorage`.', table: { category: 'story' } },
    headerEnd: { control: 'boolean', description: 'Content in the `header-end` slot.', table: { category: 'slots' } },
    footer: { control: 'boolean', description: 'Content in the `footer` slot.', table: { category: 'slots' } },
    ...Object.fromEntries(['onCityNavigate', 'onCityServiceSelect', 'onCityChange', 'onCitySubmissionComplete', 'onCityEntryContinue', 'onCityExit',
      'onCityFavouriteChange', 'onCityModeChange', 'onCityLocaleChange'].map((name) => [name, { table: { disable: true } }])),
  },
  render: (args) => {
    seedStorage(args);
    return html`<city-hub
      routing="none"
      city=${args.city}
      popular-limit=${args.popularLimit}
      back-rule=${args.backRule}
      mode=${args.mode}
      lang=${ifDefined(attr(args.lang))}
      .client=${storyClient({ scenario: args.scenario, latency: args.latency })}
      @city-navigate=${args.onCityNavigate}
      @city-service-select=${args.onCityServiceSelect}
      @city-change=${args.onCityChange}
      @city-submission-complete=${args.onCitySubmissionComplete}
      @city-entry-continue=${args.onCityEntryContinue}
      @city-exit=${args.onCityExit}
      @city-favourite-change=${args.onCityFavouriteChange}
      @city-mode-change=${args.onCityModeChange}
      @city-locale-change=${args.onCityLocaleChange}
    >${args.headerEnd ? html`<button slot="header-end" type="button">登录 Sign in</button>` : nothing}${args.footer
      ? html`<p slot="footer">本服务由各城市服务提供方提供 · Services are provided by each city’s providers.</p>` : nothing}</city-hub>`;
  },
  play: async ({ canvasElement, args }) => {
    const route = routeFor(args.page, args.city);
    if (!route) return;
    const hub = canvasElement.querySelector('city-hub') as CityHubElement | null;
    await settled(hub);
    hub?.navigate(route);
    await wait(args.latency + 100);
    await settled(hub);
  },
  parameters: {
    layout: 'fullscreen',
    docs: docsFor('city-hub', 'The whole hub over a mocked in-memory `HubClient` (`.client`, the sample catalogs; no server). The stories use ' +
          '`routing="none"` so the hub never touches Storybook’s URL; a page like this one would use the default hash routing ' +
          '(`#/440300/service/…`) or `routing="path"`. In a page: `<city-hub api="https://hub.example.cn">`.'),
  },
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** Home: search, recent services, popular services, categories and life-event topics. */
export const Default: Story = { name: 'Default (home)' };

/** Searching from the home page (社保 → the 社会保障 category with its services). */
export const Search: Story = {
  play: async ({ canvasElement }) => {
    const hub = canvasElement.querySelector('city-hub');
    await settled(hub);
    await wait(50);
    await typeInto(hub?.shadowRoot?.querySelector('city-search') ?? null, '社保');
    await wait(300);
  },
};

/** A category page (交通出行) with its subcategories' services. */
export const CategoryPage: Story = { args: { page: 'category' } };

/** A life-event topic (开车出行). */
export const TopicPage: Story = { args: { page: 'topic' } };

/** A service page: the guide, the favourite toggle and the generated form. Submitting goes through the mock client. */
export const ServicePage: Story = { args: { page: 'service' } };

/** The city picker page. */
export const Cities: Story = { args: { page: 'cities' } };

/** "My applications" (the client's `orders()`). */
export const Orders: Story = { args: { page: 'orders' } };

/** Favourites and recently used services (codes only, in `localStorage`). */
export const Favourites: Story = { args: { page: 'favourites' } };

/** The host's slots: `header-end` (an account button) and `footer`. */
export const Slots: Story = { args: { headerEnd: true, footer: true } };

/** The catalog has not loaded yet. */
export const Loading: Story = { args: { scenario: 'loading' } };

/** A city without services yet (Changsha in the sample data), no favourites or recent services. */
export const Empty: Story = { args: { city: EMPTY_CITY, history: false } };

/** The first load fails (HTTP 503); **Retry** works. */
export const ErrorRetry: Story = { name: 'Error (retry)', args: { scenario: 'error' } };

/** Offline: cached data with the "last updated" notice. */
export const Offline: Story = { args: { scenario: 'offline' } };

/** Elder mode (适老化) — the header switch toggles it too. */
export const Elder: Story = { args: { mode: 'elder' } };

/** Elder mode with the largest text (32 px), as chosen in the header's 字号 control (remembered on the device). */
export const ElderLargestText: Story = {
  name: 'Elder, largest text',
  args: { mode: 'elder' },
  play: async ({ canvasElement }) => {
    const hub = canvasElement.querySelector('city-hub') as CityHubElement | null;
    await settled(hub);
    hub?.setTextSize(32);
    await settled(hub);
  },
};

/** A city the catalog does not have (an old link, a typo): it says so, with no Retry that cannot help, and offers the picker. */
export const CityNotOffered: Story = { name: 'City not offered', args: { city: '999999', history: false } };

export const ZhHans: Story = { name: 'zh-Hans', args: { lang: 'zh-Hans' } };

export const ZhHant: Story = { name: 'zh-Hant', args: { lang: 'zh-Hant' } };

export const English: Story = { name: 'en', args: { lang: 'en' } };

export const Dark: Story = { parameters: { cityhub: { theme: 'dark' } } };

/** A service page, dark and elder. */
export const DarkElderService: Story = { name: 'Dark elder service page', args: { page: 'service' }, parameters: { cityhub: { theme: 'dark', elder: true } } };
