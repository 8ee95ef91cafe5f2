/**
 * The SDK runs unchanged in browsers and Node: no Node built-ins, no DOM objects, and bundles that build for a
 * neutral platform. `@cityhub/sdk/core` is the SDK without payments. Also builds the browser bundles exactly as
 * `npm run build` does and prints their min+gzip sizes per part: the core (client + search + schema runtime + ky +
 * zod/mini: issue 3's 20 KB budget) and the whole SDK (the core + payments), each held under its ceiling.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { build } from 'esbuild';
import { rollup, type RollupOptions, type OutputOptions } from 'rollup';
import * as core from '../src/core.js';
import * as sdk from '../src/index.js';
import * as payments from '../src/payments/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SRC = fileURLToPath(new URL('../src/', import.meta.url));

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

/** Code without comments and string contents, so documentation may mention anything. */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '').replace(/'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, "''");

const FORBIDDEN: Array<[RegExp, string]> = [
  [/from\s+['"]node:/, 'Node built-in import'],
  [/\brequire\s*\(/, 'require()'],
  [/\bprocess\./, 'process'],
  [/\bBuffer\b/, 'Buffer'],
  [/\b(?<!\.)(window|document|navigator|localStorage|sessionStorage|indexedDB)\b(?!\?*:)/, 'DOM global (use globalThis + feature detection)'],
  [/\beval\s*\(|new\s+Function\s*\(/, 'eval / new Function'],
];

describe('portability', () => {
  it('src uses no Node built-ins, no DOM globals, no eval', () => {
    const mine = files(SRC).filter((f) => !relative(SRC, f).startsWith('search'));
    assert.ok(mine.length >= 10, 'mine.length >= 10');
    const problems: string[] = [];
    for (const file of mine) {
      const text = code(readFileSync(file, 'utf8'));
      for (const [pattern, what] of FORBIDDEN) if (pattern.test(text)) problems.push(`${relative(SRC, file)}: ${what}`);
    }
    assert.deepEqual(problems, []);
  });

  it('both entries bundle for a neutral platform (browser and Node alike); the core holds no payments code', async () => {
    for (const entry of ['core.ts', 'index.ts']) {
      const result = await build({
        entryPoints: [join(SRC, entry)],
        bundle: true,
        minify: true,
        format: 'esm',
        platform: 'neutral',
        mainFields: ['module', 'main'],
        conditions: ['source'],
        write: false,
        metafile: true,
        logLevel: 'silent',
      });
      const output = result.outputFiles[0]!;
      assert.ok(!/\beval\(/.test(output.text), `no eval in the ${entry} bundle`);
      const inputs = Object.entries(Object.values(result.metafile.outputs)[0]!.inputs).filter(([, { bytesInOutput }]) => bytesInOutput > 0).map(([path]) => path);
      const paymentsCode = inputs.filter((path) => /sdk\/src\/payments\/|schema\/src\/models\/payment\.ts/.test(path));
      if (entry === 'core.ts') assert.deepEqual(paymentsCode, [], 'the core bundle has no payments code');
      else assert.ok(paymentsCode.some((path) => path.endsWith('payments/payments.ts')), 'the full bundle has hub.payments');
    }
  });

  it('`@cityhub/sdk/core` is `@cityhub/sdk` without payments', () => {
    const onlyInSdk = Object.keys(sdk).filter((name) => !(name in core)).sort();
    assert.deepEqual(onlyInSdk, Object.keys(payments).sort(), 'what the core lacks is exactly the payments API');
    assert.deepEqual(Object.keys(core).filter((name) => !(name in sdk)), [], 'the core exports nothing the SDK does not');
    const options = { api: 'https://api.example.cn/', cache: sdk.memoryCache() };
    const full = sdk.createCityHub(options);
    const lean = core.createCityHub(options);
    assert.equal(typeof full.payments.pay, 'function', 'hub.payments on the full client');
    assert.ok(!('payments' in lean), 'no payments member on the core client');
    assert.deepEqual(Object.keys(lean).sort(), Object.keys(full).filter((k) => k !== 'payments').sort(), 'same client otherwise');
  });

  it('prints the browser bundles (core and whole SDK) by part and holds them under their ceilings', { timeout: 180_000 }, async () => {
    const sizes = await import('../../../scripts/sizes.mjs');
    const { default: configs } = (await import(`${ROOT}rollup.config.mjs`)) as { default: RollupOptions[] };
    const lines: string[] = [];
    for (const file of ['build/cityhub-sdk-core.js', 'build/cityhub-sdk.js']) {
      const config = configs.find((c) => (c.output as OutputOptions).file === ROOT + file);
      assert.ok(config, `rollup.config.mjs builds ${file}`);
      const bundle = await rollup({ ...config, logLevel: 'silent' });
      const { output } = await bundle.generate(config.output as OutputOptions);
      await bundle.close();
      const { code, map } = output[0];
      assert.ok(map, 'rollup.config.mjs emits source maps (they attribute the bytes to parts)');
      const row = sizes.judge(file, sizes.measureCode(code, map));
      lines.push(...sizes.report(row));
      const parts = new Set(row.parts.map((p) => p.part));
      for (const part of ['client', 'search', 'schema runtime', 'ky', 'zod/mini']) assert.ok(parts.has(part), `${file} has ${part}`);
      assert.equal(parts.has('payments'), file === 'build/cityhub-sdk.js', `${file}: payments only in the whole SDK`);
      assert.ok(row.ok, `${file} is ${sizes.kb(row.gzip)} min+gzip, over its ceiling of ${sizes.kb(row.ceiling)} (scripts/sizes.mjs)`);
    }
    console.log(lines.join('\n'));
  });
});
