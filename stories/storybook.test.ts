/**
 * Every custom element has stories for every state, and Storybook builds and lists them.
 *
 * 1. The element list comes from a fresh custom-elements manifest (the analyzer, run in memory).
 * 2. Each element has `stories/<folder>.stories.ts` (the folder of its class under packages/components/src) whose
 *    meta names the tag as `component` (that is what feeds autodocs from the manifest).
 * 3. `storybook build` into a temp dir; its index.json must list a Docs page and the required state stories for
 *    each element. Set `CITYHUB_STORYBOOK_BUILD=0` to skip the build (≈ 20–25 s on 2 cores) and check the
 *    stories' source instead.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeComponents } from '../packages/react/scripts/analyze.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** States every element's stories must show, as story-name patterns. */
const STATES: Record<string, RegExp> = {
  default: /^Default\b/,
  loading: /^Loading\b/,
  empty: /^Empty\b/,
  error: /^Error\b/,
  offline: /^Offline\b/,
  elder: /^Elder\b/,
  'zh-Hans': /^zh-Hans$/,
  'zh-Hant': /^zh-Hant$/,
  en: /^en$/,
  dark: /^Dark\b/,
};

/**
 * States an element legitimately does not have. Keep the reason: a missing story must be a decision, not an
 * oversight.
 */
const NOT_APPLICABLE: Record<string, Record<string, string>> = {
  'city-submission-result': {
    loading: 'renders the `.result` it is given and loads nothing (the form shows submitting)',
    error: 'renders the `.result` it is given and loads nothing (the form shows submit errors)',
    offline: 'renders the `.result` it is given and loads nothing (the form shows network failures)',
  },
};

interface Element {
  tag: string;
  className: string;
  module: string;
}

/** The elements of a fresh manifest, analyzed in memory (nothing written; see packages/react/scripts/analyze.mjs). */
async function analyze(): Promise<Element[]> {
  const manifest = await analyzeComponents();
  return manifest.modules.flatMap((mod) => (mod.declarations ?? [])
    .filter((d) => d.customElement && d.tagName)
    .map((d) => ({ tag: d.tagName!, className: d.name, module: mod.path })))
    .sort((a, b) => a.tag.localeCompare(b.tag));
}

/** `stories/<folder>.stories.ts` for `src/<folder>/<file>.ts`. */
const storiesFileOf = (element: Element) => `stories/${basename(dirname(element.module))}.stories.ts`;

/** Story names as Storybook derives them: `name: '…'` when given, else the export name in Start Case. */
function storyNamesInSource(source: string): string[] {
  const names: string[] = [];
  for (const match of source.matchAll(/^export const (\w+)\s*(?::\s*\w+\s*)?=\s*\{([^\n]*)/gm)) {
    const explicit = /\bname:\s*'([^']+)'/.exec(match[2] ?? '');
    names.push(explicit?.[1] ?? match[1]!.replace(/([a-z0-9])([A-Z])/g, '$1 $2'));
  }
  return names;
}

function missingStates(tag: string, names: readonly string[]): string[] {
  const exempt = NOT_APPLICABLE[tag] ?? {};
  return Object.entries(STATES)
    .filter(([state, pattern]) => !(state in exempt) && !names.some((name) => pattern.test(name)))
    .map(([state]) => state);
}

const elements = await analyze();

test('custom-elements.json lists the components with their tag names', () => {
  const tags = elements.map((e) => e.tag);
  for (const tag of ['city-service-grid', 'city-picker', 'city-service-form', 'city-submission-result', 'city-search', 'city-payment', 'city-hub']) {
    assert.ok(tags.includes(tag), `${tag} missing from the manifest (found: ${tags.join(', ') || 'none'})`);
  }
});

test('every custom element has a stories file naming it as the component, with every state', () => {
  for (const element of elements) {
    const file = storiesFileOf(element);
    assert.ok(existsSync(join(root, file)), `<${element.tag}> has no ${file}`);
    const source = readFileSync(join(root, file), 'utf8');
    assert.match(source, new RegExp(`component:\\s*'${element.tag}'`), `${file} does not set component: '${element.tag}'`);
    assert.deepEqual(missingStates(element.tag, storyNamesInSource(source)), [], `${file} lacks state stories`);
  }
});

const build = process.env['CITYHUB_STORYBOOK_BUILD'] !== '0';

test('storybook builds and its index lists a Docs page and every state story of every element', { skip: !build && 'CITYHUB_STORYBOOK_BUILD=0', timeout: 180_000 }, () => {
  const out = mkdtempSync(join(tmpdir(), 'cityhub-storybook-'));
  try {
    const started = Date.now();
    const result = spawnSync(process.execPath, [join(root, 'node_modules/storybook/dist/bin/dispatcher.js'), 'build', '-o', out, '--quiet'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1', CI: '1' },
    });
    assert.equal(result.status, 0, `storybook build failed:\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
    const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as {
      entries: Record<string, { type: 'story' | 'docs'; id: string; name: string; importPath: string }>;
    };
    const entries = Object.values(index.entries);
    for (const element of elements) {
      const importPath = `./${storiesFileOf(element)}`;
      const mine = entries.filter((e) => e.importPath === importPath);
      assert.ok(mine.some((e) => e.type === 'docs'), `no autodocs page for <${element.tag}>`);
      const names = mine.filter((e) => e.type === 'story').map((e) => e.name);
      assert.deepEqual(missingStates(element.tag, names), [], `index.json lacks state stories of <${element.tag}>`);
    }
    // The preview bundle carries the manifest for autodocs (setCustomElementsManifest): every tag is in it.
    const bundle = readdirSync(join(out, 'assets')).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(out, 'assets', f), 'utf8')).join('\n');
    for (const element of elements) assert.ok(bundle.includes(`"tagName":"${element.tag}"`), `manifest entry of <${element.tag}> not in the preview bundle`);
    const stories = entries.filter((e) => e.type === 'story').length;
    console.log(`# storybook: ${stories} stories for ${elements.length} elements, built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
