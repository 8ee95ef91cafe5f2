import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fn } from 'storybook/test';
import type { City } from '@cityhub/schema';
import { RECENT_CITIES_KEY } from '@cityhub/components';
import { storyClient } from './support/client.js';
import { docsFor } from './support/docs.js';
import { attr, clickIn, commonArgs, commonArgTypes, typeInto, wait, type CommonArgs } from './support/controls.js';
import { CITIES, SHENZHEN } from './support/data.js';

type Position = 'shenzhen' | 'far-away' | 'denied';

interface Args extends CommonArgs {
  value: string;
  name: string;
  geolocation: boolean;
  label: string;
  recentLimit: number;
  /** Pass the list as the `.cities` property instead of loading it through the client. */
  citiesProperty: boolean;
  /** Where the fake geolocation provider says the user is. */
  position: Position;
  /** Recent cities stored before the story renders (city codes). */
  recent: string;
  onCityChange: (event: Event) => void;
}

/** A geolocation provider that answers at once, from a fixed place (no permission prompt in Storybook). */
function fakeGeolocation(position: Position): Pick<Geolocation, 'getCurrentPosition'> {
  return {
    getCurrentPosition(success, failure) {
      setTimeout(() => {
        if (position === 'denied') {
          failure?.({ code: 1, message: 'User denied Geolocation', PERMISSION_DENIED: 1, POSITION_UNAVAILABLE: 2, TIMEOUT: 3 } as GeolocationPositionError);
          return;
        }
        const [latitude, longitude] = position === 'shenzhen' ? [22.55, 114.06] : [48.85, 2.35];
        success({ coords: { latitude, longitude, accuracy: 50 } as GeolocationCoordinates, timestamp: Date.now() } as GeolocationPosition);
      }, 300);
    },
  };
}

const meta = {
  title: 'Components/City picker',
  component: 'city-picker',
  args: {
    ...commonArgs,
    value: SHENZHEN,
    name: 'city',
    geolocation: true,
    label: '',
    recentLimit: 6,
    citiesProperty: false,
    position: 'shenzhen',
    recent: '110000,310000',
    onCityChange: fn(),
  },
  argTypes: {
    ...commonArgTypes,
    value: {
      control: 'select',
      options: ['', ...CITIES.cities.map((c) => c.code)],
      labels: Object.fromEntries(CITIES.cities.map((c) => [c.code, `${c.name['zh-Hans']} ${c.name.en ?? ''} (${c.code})`])),
      table: { category: 'attributes' },
    },
    name: { control: 'text', table: { category: 'attributes' } },
    geolocation: { control: 'boolean', table: { category: 'attributes' } },
    label: { control: 'text', table: { category: 'attributes' } },
    recentLimit: { name: 'recent-limit', control: { type: 'number', min: 0, max: 12 }, table: { category: 'attributes' } },
    citiesProperty: { control: 'boolean', description: 'Set `.cities` directly (no client call).', table: { category: 'properties' } },
    position: {
      control: 'inline-radio',
      options: ['shenzhen', 'far-away', 'denied'],
      description: 'What the fake `.geolocationProvider` answers when “use my location” is clicked.',
      table: { category: 'mock client' },
    },
    recent: { control: 'text', description: 'Recent city codes in `localStorage` before rendering.', table: { category: 'mock client' } },
    onCityChange: { table: { disable: true } },
  },
  render: (args) => {
    const recent = args.recent.split(',').map((c) => c.trim()).filter((c) => /^\d{6}$/.test(c));
    try {
      localStorage.setItem(RECENT_CITIES_KEY, JSON.stringify(recent));
    } catch {
      // storage may be unavailable (privacy mode); the picker copes
    }
    const cities: readonly City[] | undefined = args.citiesProperty ? CITIES.cities : undefined;
    return html`<city-picker
      value=${args.value}
      name=${ifDefined(attr(args.name))}
      ?geolocation=${args.geolocation}
      label=${ifDefined(attr(args.label))}
      recent-limit=${args.recentLimit}
      mode=${args.mode}
      lang=${ifDefined(attr(args.lang))}
      .client=${storyClient({ scenario: args.scenario, latency: args.latency })}
      .cities=${cities}
      .geolocationProvider=${fakeGeolocation(args.position)}
      @city-change=${args.onCityChange}
    ></city-picker>`;
  },
  parameters: {
    docs: docsFor('city-picker', 'Cities come from a mocked in-memory `HubClient` (`cities()`) over the sample city index. The location button ' +
          'uses a fake geolocation provider (see the **mock client** controls), so no permission prompt appears.'),
  },
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** Shenzhen chosen; recent (北京, 上海) and popular cities; the A–Z index and the listbox. */
export const Default: Story = {};

/** Nothing chosen yet, no recent cities. */
export const NothingChosen: Story = { args: { value: '', recent: '' } };

/** The filter understands Chinese (either script), pinyin (`hang`), English and province names. */
export const Filtered: Story = {
  args: { value: '' },
  play: async ({ canvasElement }) => {
    await typeInto(canvasElement.querySelector('city-picker'), 'guang', 'input[part~="filter"]');
  },
};

/** Nothing matches the filter. */
export const NoMatch: Story = {
  args: { value: '' },
  play: async ({ canvasElement }) => {
    await typeInto(canvasElement.querySelector('city-picker'), 'zzz', 'input[part~="filter"]');
  },
};

/** "Use my location": the position is asked for only on click (press the button; the fake answers from Shenzhen). */
export const UseMyLocation: Story = {
  args: { value: '', geolocation: true, position: 'shenzhen' },
  play: async ({ canvasElement }) => {
    const picker = canvasElement.querySelector('city-picker');
    await clickIn(picker, 'button[part~="locate"]');
    await wait(600);
  },
};

/** Location refused by the user: a visible message, the list still works. */
export const LocationDenied: Story = {
  args: { value: '', geolocation: true, position: 'denied' },
  play: async ({ canvasElement }) => {
    await clickIn(canvasElement.querySelector('city-picker'), 'button[part~="locate"]');
    await wait(600);
  },
};

/** The host already has the list: set `.cities`, and no client call is made. */
export const CitiesProperty: Story = { args: { citiesProperty: true } };

/** Form-associated: inside a `<form>` the chosen code is submitted under `name`. */
export const InAForm: Story = {
  render: (args) => html`<form @submit=${(e: SubmitEvent) => {
      e.preventDefault();
      const out = (e.currentTarget as HTMLFormElement).querySelector('output');
      if (out) out.value = JSON.stringify(Object.fromEntries(new FormData(e.currentTarget as HTMLFormElement)));
    }}>
      ${meta.render(args)}
      <p><button type="submit">Submit form</button> <button type="reset">Reset</button> <output aria-live="polite"></output></p>
    </form>`,
};

/** The client has not answered yet: placeholder rows. */
export const Loading: Story = { args: { scenario: 'loading' } };

/** The server knows no cities. */
export const Empty: Story = { args: { scenario: 'empty', value: '', recent: '' } };

/** The first load fails (HTTP 503); **Retry** loads again and works. */
export const ErrorRetry: Story = { name: 'Error (retry)', args: { scenario: 'error' } };

/** Offline: the cached city list, with the "last updated" notice. */
export const Offline: Story = { args: { scenario: 'offline' } };

/** Elder mode (适老化): 24 px text, 60 px targets. */
export const Elder: Story = { args: { mode: 'elder' } };

export const ZhHans: Story = { name: 'zh-Hans', args: { lang: 'zh-Hans' } };

/** Traditional Chinese names (深圳, 廣州 …) and UI text. */
export const ZhHant: Story = { name: 'zh-Hant', args: { lang: 'zh-Hant' } };

/** English names, grouped by pinyin initial all the same. */
export const English: Story = { name: 'en', args: { lang: 'en' } };

export const Dark: Story = { parameters: { cityhub: { theme: 'dark' } } };

export const DarkElder: Story = { parameters: { cityhub: { theme: 'dark', elder: true } } };
