import { getCustomElements } from '@storybook/web-components-vite';
import { describeComponent } from './manifest.js';

/**
 * `parameters.docs` for an element's stories: its JSDoc description plus a note about the stories' mock data.
 * The manifest is the one .storybook/preview.ts registered with `setCustomElementsManifest()` (preview annotations
 * load before any stories file).
 */
export function docsFor(tag: string, note: string): { description: { component: string } } {
  const manifest = getCustomElements() as object | undefined;
  return { description: { component: manifest ? describeComponent(manifest, tag, note) : note } };
}
