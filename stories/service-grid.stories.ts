import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fn } from 'storybook/test';
import type { CityCatalog } from '@cityhub/schema';
import { storyClient } from './support/client.js';
import { docsFor } from './support/docs.js';
import { attr, cityArgType, commonArgs, commonArgTypes, type CommonArgs } from './support/controls.js';
import { EMPTY_CITY, SHENZHEN, catalogOf } from './support/data.js';

interface Args extends CommonArgs {
  city: string;
  category: string;
  limit?: number;
  label: string;
  /** Pass the catalog as the `.catalog` property instead of loading it through the client. */
  catalogProperty: boolean;
  onCityServiceSelect: (event: Event) => void;
}

const meta = {
  title: 'Components/Service grid',
  component: 'city-service-grid',
  args: {
    ...commonArgs,
    city: SHENZHEN,
    category: '',
    label: '',
    catalogProperty: false,
    onCityServiceSelect: fn(),
  },
  argTypes: {
    ...commonArgTypes,
    city: cityArgType,
    category: {
      control: 'select',
      options: ['', ...catalogOf(SHENZHEN).categories.map((c) => c.id), 'no-such-category'],
      table: { category: 'attributes' },
    },
    limit: { control: { type: 'number', min: 0, max: 50 }, table: { category: 'attributes' } },
    label: { control: 'text', table: { category: 'attributes' } },
    catalogProperty: { control: 'boolean', description: 'Set `.catalog` directly (no client call).', table: { category: 'properties' } },
    onCityServiceSelect: { table: { disable: true } },
  },
  render: (args) => {
    const catalog: CityCatalog | undefined = args.catalogProperty && args.city ? catalogOf(args.city) : undefined;
    return html`<city-service-grid
      city=${args.city}
      category=${ifDefined(attr(args.category))}
      limit=${ifDefined(attr(args.limit))}
      label=${ifDefined(attr(args.label))}
      mode=${args.mode}
      lang=${ifDefined(attr(args.lang))}
      .client=${storyClient({ scenario: args.scenario, latency: args.latency })}
      .catalog=${catalog}
      @city-service-select=${args.onCityServiceSelect}
    ></city-service-grid>`;
  },
  parameters: {
    docs: docsFor('city-service-grid', 'Data comes from a mocked in-memory `HubClient` over the sample catalogs (see `stories/support/client.ts`). ' +
          'Use the **mock client** controls for loading, error, offline and refresh behaviour, and the toolbar for locale, elder mode and theme.'),
  },
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** Shenzhen's services, most popular first. Arrow keys move between tiles; Enter or a click selects (see Actions). */
export const Default: Story = {};

/** One category (`category="traffic"`), including its subcategories' services. */
export const Category: Story = { args: { category: 'traffic' } };

/** The first few services only, as on a hub's home page. */
export const Limited: Story = { args: { limit: 6 } };

/** The host already has the catalog: set `.catalog`, and no client call is made. */
export const CatalogProperty: Story = { args: { catalogProperty: true, city: '110000' } };

/** The client has not answered yet: skeleton tiles, and "Loading" in the live region. */
export const Loading: Story = { args: { scenario: 'loading' } };

/** A slow network (1.5 s per answer): the skeleton shows, then the tiles. Change the city to see it again. */
export const SlowNetwork: Story = { args: { latency: 1500 } };

/** A city without services yet (Changsha in the sample data). */
export const Empty: Story = { args: { city: EMPTY_CITY } };

/** A category with no services in this city. */
export const EmptyCategory: Story = { args: { category: 'no-such-category' } };

/** No `city` set. */
export const NoCity: Story = { args: { city: '' } };

/** The first load fails (HTTP 503); **Retry** loads again and works. */
export const ErrorRetry: Story = { name: 'Error (retry)', args: { scenario: 'error' } };

/** Offline: cached data the client could not refresh, with the "last updated" notice. */
export const Offline: Story = { args: { scenario: 'offline' } };

/** Stale-while-revalidate: cached data first, then a background refresh replaces it (the notice goes away after 2.5 s). */
export const BackgroundRefresh: Story = { args: { scenario: 'refresh' } };

/** Elder mode (适老化): 24 px text, 60 px targets, stronger contrast. */
export const Elder: Story = { args: { mode: 'elder' } };

/** Simplified Chinese (the default). */
export const ZhHans: Story = { name: 'zh-Hans', args: { lang: 'zh-Hans' } };

/** Traditional Chinese: catalog names in 繁體 where the catalog has them, UI text in 繁體. */
export const ZhHant: Story = { name: 'zh-Hant', args: { lang: 'zh-Hant' } };

/** English: names without an English translation fall back to Chinese, marked with `lang`. */
export const English: Story = { name: 'en', args: { lang: 'en' } };

/** The dark palette, through the public `--city-color-*` tokens. */
export const Dark: Story = { parameters: { cityhub: { theme: 'dark' } } };

/** Dark and elder together, page-level: `mode="elder"` on an ancestor (with `elderModeStyles` adopted) and dark tokens. */
export const DarkElder: Story = { parameters: { cityhub: { theme: 'dark', elder: true } } };

/** A host's brand through the page-level tokens only (`--city-color-primary`, `--city-radius`, …). */
export const BrandTokens: Story = { parameters: { cityhub: { theme: 'brand' } } };

/** The second theming tier: documented `::part`s and the component's own custom properties. */
export const StyledParts: Story = {
  render: (args) => html`<style>
      .parts-demo city-service-grid { --city-service-grid-min-tile: 12em; --city-service-grid-gap: 16px; }
      .parts-demo city-service-grid::part(tile) { border-radius: 20px; }
      .parts-demo city-service-grid::part(tile-provider) { font-style: italic; }
    </style>
    <div class="parts-demo">${meta.render(args)}</div>`,
};
