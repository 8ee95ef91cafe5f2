import type { ArgTypes } from '@storybook/web-components-vite';
import { CITY_OPTIONS } from './data.js';
import type { Scenario } from './client.js';

/** Args every component story shares: the element's own `lang` and `mode`, and the mock client's behaviour. */
export interface CommonArgs {
  /** The element's `lang` attribute ('' = inherit from the page, i.e. the toolbar's locale). */
  lang: '' | 'zh-Hans' | 'zh-Hant' | 'en';
  mode: 'standard' | 'elder';
  scenario: Scenario;
  latency: number;
}

export const SCENARIOS: Scenario[] = ['ready', 'loading', 'error', 'offline', 'refresh', 'empty'];

export const commonArgTypes: Partial<ArgTypes<CommonArgs>> = {
  lang: {
    control: 'select',
    options: ['', 'zh-Hans', 'zh-Hant', 'en'],
    description: 'The element’s own `lang` (empty: the closest `[lang]`, here the toolbar’s locale).',
    table: { category: 'attributes' },
  },
  mode: { control: 'inline-radio', options: ['standard', 'elder'], table: { category: 'attributes' } },
  scenario: {
    control: 'select',
    options: SCENARIOS,
    description: 'What the mocked in-memory `HubClient` does (not part of the component).',
    table: { category: 'mock client' },
  },
  latency: {
    control: { type: 'range', min: 0, max: 5000, step: 100 },
    description: 'Mock network latency in ms (not part of the component).',
    table: { category: 'mock client' },
  },
};

export const cityArgType = {
  control: 'select' as const,
  options: ['', ...Object.values(CITY_OPTIONS)],
  labels: Object.fromEntries(Object.entries(CITY_OPTIONS).map(([label, code]) => [code, label])),
  table: { category: 'attributes' },
};

export const commonArgs: CommonArgs = { lang: '', mode: 'standard', scenario: 'ready', latency: 0 };

/** `undefined` for an empty control value, so `ifDefined()` leaves the attribute off. */
export const attr = (value: string | number | undefined | null): string | undefined =>
  value === undefined || value === null || value === '' ? undefined : String(value);

/** Waits until an element (and Lit's pending renders) settle, for play functions. */
export async function settled(element: Element | null | undefined): Promise<void> {
  await (element as { updateComplete?: Promise<unknown> } | null)?.updateComplete;
  await new Promise((resolve) => setTimeout(resolve, 0));
  await (element as { updateComplete?: Promise<unknown> } | null)?.updateComplete;
}

/** Types text into the text box inside a component's shadow root the way a user does (focus, input events). */
export async function typeInto(host: Element | null, text: string, selector = 'input'): Promise<void> {
  await settled(host);
  const input = host?.shadowRoot?.querySelector<HTMLInputElement>(selector);
  if (!input) throw new Error(`no ${selector} in ${host?.localName ?? 'nothing'}`);
  input.focus();
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: text, inputType: 'insertText' }));
  await settled(host);
}

/** Clicks an element in a component's shadow root. */
export async function clickIn(host: Element | null, selector: string): Promise<void> {
  await settled(host);
  const target = host?.shadowRoot?.querySelector<HTMLElement>(selector);
  if (!target) throw new Error(`no ${selector} in ${host?.localName ?? 'nothing'}`);
  target.click();
  await settled(host);
}

/** Resolves after `ms`. */
export const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
