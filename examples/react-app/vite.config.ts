import { defineConfig } from 'vite';

// No React plugin needed: esbuild compiles the JSX (add @vitejs/plugin-react for Fast Refresh if you like).
//
// CITYHUB_SOURCE=1 builds against the workspace packages' TypeScript sources (their `source` export condition)
// instead of their built dist/, so the example also works in the monorepo before `npm run build`.
const fromSource = process.env['CITYHUB_SOURCE'] === '1';

export default defineConfig({
  esbuild: {
    jsx: 'automatic',
    // Only matters with CITYHUB_SOURCE=1: the components' sources use Lit's decorators.
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
  },
  resolve: fromSource ? { conditions: ['source', 'module', 'browser', 'development|production'] } : {},
  server: { port: 5174 },
});
