import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import { elderModeStyles } from '@cityhub/components';
import '@cityhub/components/define/all.js';
import manifest from '../packages/components/custom-elements.json' with { type: 'json' };
import { withCityHubGlobals } from '../stories/support/decorators.js';
import { publicManifest } from '../stories/support/manifest.js';

// Autodocs: attributes, properties, events, slots, CSS parts and custom properties come from the components' JSDoc
// through the generated custom-elements.json (private members and static fields left out).
setCustomElementsManifest(publicManifest(manifest));

// `mode="elder"` on any ancestor (the toolbar's elder switch sets it on the story's wrapper) switches every
// component inside to elder sizes, as a host page would do it.
if (elderModeStyles.styleSheet && !document.adoptedStyleSheets.includes(elderModeStyles.styleSheet)) {
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, elderModeStyles.styleSheet];
}

const preview: Preview = {
  // Every component gets a generated "Docs" page.
  tags: ['autodocs'],
  globalTypes: {
    locale: {
      description: 'Page language (`lang` on the wrapper; an element’s own `lang` wins)',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'zh-Hans', title: '简体中文 zh-Hans' },
          { value: 'zh-Hant', title: '繁體中文 zh-Hant' },
          { value: 'en', title: 'English en' },
        ],
        dynamicTitle: true,
      },
    },
    elder: {
      description: 'Elder mode (适老化): `mode="elder"` on the wrapper',
      toolbar: {
        title: 'Elder mode',
        icon: 'accessibility',
        items: [
          { value: 'standard', title: 'Standard' },
          { value: 'elder', title: 'Elder mode 适老化' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'Design-token theme',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
          { value: 'brand', title: 'Brand tokens (custom --city-*)' },
          { value: 'system', title: 'System (prefers-color-scheme)' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'zh-Hans', elder: 'standard', theme: 'light' },
  decorators: [withCityHubGlobals],
  parameters: {
    layout: 'padded',
    controls: { expanded: true, sort: 'requiredFirst' },
    a11y: {
      // Violations count as failures for Storybook's test tooling (not installed here: its setup downloads a
      // browser); in the UI the Accessibility panel lists them per story.
      test: 'error',
    },
    docs: { toc: true },
  },
};

export default preview;
