import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fn } from 'storybook/test';
import { storyClient } from './support/client.js';
import { docsFor } from './support/docs.js';
import { attr, cityArgType, commonArgs, commonArgTypes, typeInto, wait, type CommonArgs } from './support/controls.js';
import { SHENZHEN } from './support/data.js';

interface Args extends CommonArgs {
  city: string;
  value: string;
  label: string;
  placeholder: string;
  debounce: number;
  limit: number;
  /** Comma-separated `.suggestions` offered when nothing is found ('' = the built-in ones). */
  suggestions: string;
  /** Typed into the box by the story's play function, so the results popup opens as for a user. */
  typed: string;
  onCityServiceSelect: (event: Event) => void;
  onCityCategorySelect: (event: Event) => void;
}

const meta = {
  title: 'Components/Search',
  component: 'city-search',
  args: {
    ...commonArgs,
    city: SHENZHEN,
    value: '',
    label: '',
    placeholder: '',
    debounce: 150,
    limit: 20,
    suggestions: '',
    typed: '',
    onCityServiceSelect: fn(),
    onCityCategorySelect: fn(),
  },
  argTypes: {
    ...commonArgTypes,
    city: cityArgType,
    value: { control: 'text', table: { category: 'attributes' } },
    label: { control: 'text', table: { category: 'attributes' } },
    placeholder: { control: 'text', table: { category: 'attributes' } },
    debounce: { control: { type: 'number', min: 0, max: 2000, step: 50 }, table: { category: 'attributes' } },
    limit: { control: { type: 'number', min: 1, max: 50 }, table: { category: 'attributes' } },
    suggestions: { control: 'text', description: 'Comma-separated `.suggestions`.', table: { category: 'properties' } },
    typed: {
      control: 'text',
      description: 'Typed into the box by the play function (re-run the story to type again).',
      table: { category: 'story' },
    },
    onCityServiceSelect: { table: { disable: true } },
    onCityCategorySelect: { table: { disable: true } },
  },
  render: (args) => {
    const suggestions = args.suggestions.split(',').map((s) => s.trim()).filter(Boolean);
    return html`<div style="min-block-size: 28rem">
      <city-search
        city=${args.city}
        value=${args.value}
        label=${ifDefined(attr(args.label))}
        placeholder=${ifDefined(attr(args.placeholder))}
        debounce=${args.debounce}
        limit=${args.limit}
        mode=${args.mode}
        lang=${ifDefined(attr(args.lang))}
        .suggestions=${suggestions.length ? suggestions : undefined}
        .client=${storyClient({ scenario: args.scenario, latency: args.latency })}
        @city-service-select=${args.onCityServiceSelect}
        @city-category-select=${args.onCityCategorySelect}
      ></city-search>
    </div>`;
  },
  play: async ({ canvasElement, args }) => {
    if (!args.typed) return;
    await typeInto(canvasElement.querySelector('city-search'), args.typed);
    await wait(args.debounce + args.latency + 100);
  },
  parameters: {
    docs: docsFor('city-search', 'Search runs the SDK’s own engine (`createSearchIndex` from `@cityhub/sdk`) over the sample catalogs inside a mocked ' +
          '`HubClient`: try 社保, gjj, 公積金, shuifei, water. The stories type into the box with a play function; on this Docs page ' +
          'click into a box and type to see the results.'),
  },
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** Empty box: focus it and type. ↑ ↓ move, Enter chooses, Escape closes / clears. */
export const Default: Story = {};

/** A category matches (社保 → 社会保障 with its services first), then services grouped by top-level category. */
export const CategoryResults: Story = { args: { typed: '社保' } };

/** Pinyin initials find 公积金 (`gjj`); the matched term is shown when it is not the name. */
export const PinyinInitials: Story = { args: { typed: 'gjj' } };

/** Traditional characters find the same services. */
export const TraditionalQuery: Story = { args: { typed: '公積金' } };

/** The client has not answered yet: "Searching…". */
export const Loading: Story = { args: { scenario: 'loading', typed: '社保' } };

/** Nothing found: the message and suggested searches (click one). */
export const Empty: Story = { name: 'Empty (no results)', args: { typed: '宠物' } };

/** Custom `.suggestions` for the no-results state. */
export const CustomSuggestions: Story = { args: { typed: '宠物', suggestions: '水费, 挪车, 天气' } };

/** The search fails once (HTTP 503); **Retry** searches again and works. */
export const ErrorRetry: Story = { name: 'Error (retry)', args: { scenario: 'error', typed: '社保' } };

/**
 * Offline: the SDK searches the cached catalog on the device, so search keeps working from cached data; there is no
 * separate offline UI in the search box (the grid shows the "last updated" notice).
 */
export const Offline: Story = { args: { scenario: 'offline', typed: '水费' } };

export const Elder: Story = { args: { mode: 'elder', typed: '社保' } };

export const ZhHans: Story = { name: 'zh-Hans', args: { lang: 'zh-Hans', typed: '交通' } };

export const ZhHant: Story = { name: 'zh-Hant', args: { lang: 'zh-Hant', typed: '交通' } };

/** English UI; English queries match English names. */
export const English: Story = { name: 'en', args: { lang: 'en', typed: 'water' } };

export const Dark: Story = { args: { typed: '社保' }, parameters: { cityhub: { theme: 'dark' } } };

export const DarkElder: Story = { args: { typed: '社保' }, parameters: { cityhub: { theme: 'dark', elder: true } } };
