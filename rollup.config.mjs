// Browser bundles (ESM, minified) for <script type="module"> users. The npm packages themselves are unbundled
// ESM built by each package's `tsc`. `scripts/sizes.mjs` prints min+gzip sizes and enforces the budgets.
// Paths are absolute so that tests can build from any working directory (packages/sdk/test/portability.test.ts).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { minifyHTMLLiterals } from 'minify-literals';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Minifies the CSS and HTML inside Lit's css`` and html`` literals (terser leaves template text alone). */
const minifyLitLiterals = () => ({
  name: 'minify-lit-literals',
  async transform(code, id) {
    if (!/[\\/]packages[\\/]components[\\/]src[\\/]/.test(id) || !/\b(?:css|html|svg)\s*`/.test(code)) return null;
    // keepClosingSlash: svg`` icons are self-closed shapes (`<path …/><circle …/>`); without the slash the parser
    // nests each shape in the one before and only the first is drawn.
    // conservativeCollapse: runs of whitespace become one space instead of none, so a template's spaces render as in
    // the source the tests run (` (${…})` kept its space: "Bureau (Traffic Police)", not "Bureau(Traffic Police)").
    const result = await minifyHTMLLiterals(code, { fileName: id, minifyOptions: { keepClosingSlash: true, conservativeCollapse: true } });
    return result ? { code: result.code, map: result.map } : null;
  },
});

/**
 * One minified ESM bundle. `packages` limits the TypeScript program to those packages' sources, so a bundle is
 * type-checked over what it contains only (the SDK bundles do not depend on the state of the components).
 * The source map lets `scripts/sizes.mjs` attribute every byte of the output to its package.
 */
const bundle = (input, file, packages) => ({
  input: root + input,
  output: { file: root + file, format: 'es', sourcemap: true, inlineDynamicImports: true },
  plugins: [
    nodeResolve({ exportConditions: ['source', 'browser', 'import', 'default'], extensions: ['.ts', '.mjs', '.js'] }),
    typescript({
      tsconfig: `${root}tsconfig.bundle.json`, outputToFilesystem: false, noEmitOnError: true,
      ...(packages ? { include: packages.map((name) => `${root}packages/${name}/src/**/*.ts`) } : {}),
    }),
    minifyLitLiterals(),
    // More compression (`passes: 2`/`3`, `unsafe_*`, `pure_getters`) was measured on the SDK core: at most 25 bytes
    // smaller after gzip, and `passes: 3` 0.14 KB larger. Not worth the risk of unsafe transforms.
    terser({ ecma: 2022, module: true, format: { comments: false } }),
  ],
  onwarn(warning, warn) {
    // zod's own, harmless: its import cycles, and a doc comment placed where Rollup looks for `@__PURE__`.
    const inZod = /node_modules[\\/]zod/.test(warning.id ?? warning.message);
    if (inZod && (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'INVALID_ANNOTATION')) return;
    warn(warning);
  },
});

export default [
  // The SDK core for browsers (issue 3's budget): client + search + schema runtime + ky + zod/mini, no payments.
  bundle('packages/sdk/src/core.ts', 'build/cityhub-sdk-core.js', ['schema', 'sdk']),
  // The whole SDK: the core plus `hub.payments` and its provider adapters.
  bundle('packages/sdk/src/index.ts', 'build/cityhub-sdk.js', ['schema', 'sdk']),
  // Every custom element, defined: the CDN file.
  ...(existsSync(`${root}packages/components/src/define/all.ts`) ? [bundle('packages/components/src/define/all.ts', 'build/cityhub.js')] : []),
];
