// Browser bundles (ESM, minified) for <script type="module"> users. The npm packages themselves are unbundled
// ESM built by each package's `tsc`. `scripts/sizes.mjs` prints min+gzip sizes and enforces the budgets.
import { existsSync } from 'node:fs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { minifyHTMLLiterals } from 'minify-literals';

/** Minifies the CSS and HTML inside Lit's css`` and html`` literals (terser leaves template text alone). */
const minifyLitLiterals = () => ({
  name: 'minify-lit-literals',
  async transform(code, id) {
    if (!/[\\/]packages[\\/]components[\\/]src[\\/]/.test(id) || !/\b(?:css|html|svg)`/.test(code)) return null;
    const result = await minifyHTMLLiterals(code, { fileName: id });
    return result ? { code: result.code, map: result.map } : null;
  },
});

const bundle = (input, file) => ({
  input,
  output: { file, format: 'es', sourcemap: true, inlineDynamicImports: true },
  plugins: [
    nodeResolve({ exportConditions: ['source', 'browser', 'import', 'default'], extensions: ['.ts', '.mjs', '.js'] }),
    typescript({ tsconfig: './tsconfig.bundle.json', outputToFilesystem: false, noEmitOnError: true }),
    minifyLitLiterals(),
    terser({ ecma: 2022, module: true, format: { comments: false } }),
  ],
  onwarn(warning, warn) {
    if (warning.code === 'CIRCULAR_DEPENDENCY' && /node_modules[\\/]zod/.test(warning.message)) return;
    warn(warning);
  },
});

export default [
  // The SDK for browsers: client + search + schema runtime + ky + zod/mini.
  bundle('packages/sdk/src/index.ts', 'build/cityhub-sdk.js'),
  // Every custom element, defined: the CDN file.
  ...(existsSync('packages/components/src/define/all.ts') ? [bundle('packages/components/src/define/all.ts', 'build/cityhub.js')] : []),
];
