import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';
import { defaultClientConditions, mergeConfig } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const components = join(root, 'packages/components');
const manifest = join(components, 'custom-elements.json');

/** Newest modification time of the component sources the manifest is generated from. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

// Autodocs read custom-elements.json (generated from the components' JSDoc, and git-ignored). The root scripts run
// `npm run analyze -w @cityhub/components` first; this keeps a bare `storybook dev` / `storybook build` working too.
if (!existsSync(manifest) || statSync(manifest).mtimeMs < newestSource(join(components, 'src'))) {
  execFileSync(process.execPath, [join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze', '--litelement',
    '--globs', 'src/**/*.ts', '--exclude', 'src/**/*.styles.ts'], { cwd: components, stdio: 'ignore' });
}

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-docs'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(viteConfig) {
    return mergeConfig(viteConfig, {
      resolve: {
        // The workspace packages export their TypeScript sources under the `source` condition; use them directly so
        // stories need no `npm run build` and edits to the components hot-reload.
        conditions: ['source', ...defaultClientConditions],
      },
      esbuild: {
        // Lit's decorators (see docs/toolchain.md). Vite also reads these from the root tsconfig.json.
        tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
      },
    });
  },
};

export default config;
