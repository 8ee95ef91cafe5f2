import type { Decorator } from '@storybook/web-components-vite';
import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { DARK, ELDER, LIGHT } from '@cityhub/components';

export type Theme = 'light' | 'dark' | 'brand' | 'system';
export type Locale = 'zh-Hans' | 'zh-Hant' | 'en';

/**
 * Per-story overrides of the toolbar globals: `parameters: { cityhub: { theme: 'dark' } }`. The state stories
 * (Dark, English, Elder…) pin what they show, so they look the same on the Docs page, whatever the toolbar says.
 */
export interface CityHubParameters {
  theme?: Theme;
  locale?: Locale;
  elder?: boolean;
}

const palette = (p: typeof LIGHT | typeof DARK, scheme: 'light' | 'dark'): Record<string, string> => ({
  '--city-color-primary': p.primary,
  '--city-color-on-primary': p.onPrimary,
  '--city-color-surface': p.surface,
  '--city-color-surface-variant': p.surfaceVariant,
  '--city-color-text': p.text,
  '--city-color-text-muted': p.textMuted,
  '--city-color-border': p.border,
  '--city-color-danger': p.danger,
  '--city-color-warning': p.warning,
  '--city-color-warning-surface': p.warningSurface,
  '--city-color-success': p.success,
  '--city-color-highlight': p.highlight,
  '--city-focus-ring-color': p.focus,
  'color-scheme': scheme,
  'background-color': p.surface,
  color: p.text,
});

/**
 * Public design tokens (`--city-*`) for each toolbar theme. `light` and `dark` pin the components' default
 * palettes (so a story looks the same whatever the OS setting); `system` sets nothing, so the components follow
 * `prefers-color-scheme` themselves.
 */
export const THEMES: Record<Theme, Record<string, string>> = {
  system: {},
  light: palette(LIGHT, 'light'),
  dark: palette(DARK, 'dark'),
  // A host's own brand, through the public tokens only (every text colour still ≥ 4.5:1 on its surface).
  brand: {
    '--city-color-primary': '#00695c',
    '--city-color-on-primary': '#ffffff',
    '--city-color-surface': '#fbfdfc',
    '--city-color-surface-variant': '#e6f2ef',
    '--city-color-highlight': '#ffd54f',
    '--city-focus-ring-color': '#00695c',
    '--city-radius': '16px',
    '--city-font-family': "'Noto Sans SC', 'PingFang SC', system-ui, sans-serif",
    'background-color': '#fbfdfc',
  },
};

/**
 * Elder mode wants ≥ 7:1 text. The adopted `elderModeStyles` set that on `[mode="elder"]`, but a theme's inline
 * tokens on the same wrapper win over a stylesheet, so pinned themes restate the elder text colours themselves
 * (the same values the components use).
 */
const ELDER_TEXT: Partial<Record<Theme, Record<string, string>>> = {
  light: { '--city-color-text': ELDER.text, '--city-color-text-muted': ELDER.textMuted },
  dark: { '--city-color-text': '#ffffff', '--city-color-text-muted': '#e3e3e6' },
};

/**
 * Wraps every story in a "page" that carries the toolbar's locale (`lang`), elder mode (`mode="elder"`, which
 * the adopted `elderModeStyles` turn into elder tokens) and theme (public `--city-*` tokens), like a host page would.
 */
export const withCityHubGlobals: Decorator = (story, context) => {
  const own = (context.parameters['cityhub'] ?? {}) as CityHubParameters;
  const theme = (own.theme ?? context.globals['theme'] ?? 'light') as Theme;
  const locale = (own.locale ?? context.globals['locale'] ?? 'zh-Hans') as Locale;
  const elder = own.elder ?? context.globals['elder'] === 'elder';
  const tokens = { ...THEMES[theme], ...(elder ? ELDER_TEXT[theme] : undefined) };
  return html`<div class="cityhub-story" lang=${locale} mode=${elder ? 'elder' : 'standard'} data-theme=${theme}
    style=${styleMap({ padding: '1rem', 'min-block-size': '6rem', ...tokens })}>${story()}</div>`;
};
