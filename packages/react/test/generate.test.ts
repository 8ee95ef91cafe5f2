/**
 * The committed React wrappers (src/) are exactly what the generator makes from the components as they are now,
 * and every custom element and every documented event is wrapped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeComponents, componentsDir } from '../scripts/analyze.mjs';
import { elementsOf, eventPropName, generate, generateFiles, pascalCase, srcDir } from '../scripts/generate.mjs';

const manifest = await analyzeComponents();
const files = generateFiles(manifest);
const committed = (name: string) => (existsSync(join(srcDir, name)) ? readFileSync(join(srcDir, name), 'utf8') : '');

test('src/ is up to date with the components (run `npm run generate -w @cityhub/react`)', () => {
  for (const [name, source] of files) {
    assert.equal(committed(name), source, `packages/react/src/${name} is stale: run \`npm run generate -w @cityhub/react\` and commit it`);
  }
  assert.deepEqual(readdirSync(srcDir).filter((name) => name.endsWith('.ts')).sort(), [...files.keys()].sort(), 'src/ holds exactly the generated files');
});

test('every defined custom element is wrapped, with every @event as an on… prop', () => {
  const defined = manifest.modules.flatMap((mod) => (mod.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => e.name));
  assert.ok(defined.length >= 5, `expected the components' elements in the manifest, found ${defined.join(', ') || 'none'}`);
  const elements = elementsOf(manifest);
  assert.deepEqual(elements.map((e) => e.tag), [...defined].sort());
  for (const element of elements) {
    const declaration = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === element.tag);
    const events = (declaration?.events ?? []).map((e) => e.name);
    const source = committed(`${element.tag}.ts`);
    const block = new RegExp(`export const ${element.reactName} = createComponent\\(\\{\\n  tagName: '${element.tag}',\\n  elementClass: \\w+,\\n  react: React,\\n  events: \\{([^}]*)\\}`).exec(source);
    assert.ok(block, `no createComponent() wrapper for <${element.tag}> as ${element.reactName}`);
    for (const event of events) {
      assert.match(block[1]!, new RegExp(`\\b${eventPropName(event)}: '${event}' as EventName<`), `<${element.tag}>: event ${event} not wrapped`);
    }
    assert.ok(source.includes(`from '${element.defineModule}';`), `<${element.tag}> is imported from its define module (which registers it)`);
    assert.match(committed('index.ts'), new RegExp(`export \\{ ${element.reactName}, \\w+ \\} from './${element.tag}\\.js';`), `index.ts re-exports ${element.reactName}`);
  }
});

test('every event an element dispatches is documented with @event (so it gets an on… prop)', () => {
  // The wrappers are only as good as the JSDoc: look for `emit(this, '…')` / `emitHub(this, '…')` in each element's
  // module and require a matching `@event`.
  for (const element of elementsOf(manifest)) {
    const mod = manifest.modules.find((m) => (m.declarations ?? []).some((d) => d.tagName === element.tag))!;
    const source = readFileSync(join(componentsDir, mod.path), 'utf8');
    const dispatched = new Set([...source.matchAll(/\bemit(?:Hub)?\(\s*this,\s*'([a-z-]+)'/g)].map((m) => m[1]!));
    const documented = new Set(element.events.map((e) => e.name));
    const undocumented = [...dispatched].filter((name) => !documented.has(name));
    assert.deepEqual(undocumented, [], `<${element.tag}> dispatches events its JSDoc does not list`);
  }
  assert.deepEqual(elementsOf(manifest).find((e) => e.tag === 'city-service-grid')?.events.map((e) => e.name), ['city-service-select']);
});

test('names: tags to components, events to props', () => {
  assert.equal(pascalCase('city-service-grid'), 'CityServiceGrid');
  assert.equal(eventPropName('city-service-select'), 'onCityServiceSelect');
  assert.equal(eventPropName('change'), 'onChange');
});

test('generation fails loudly when the manifest has no tag names', () => {
  const withoutDefinitions = { ...manifest, modules: manifest.modules.map((m) => ({ ...m, exports: (m.exports ?? []).filter((e) => e.kind !== 'custom-element-definition') })) };
  assert.throws(() => generate(withoutDefinitions), /no custom elements/);
  assert.equal(generate(manifest), files.get('index.ts'));
});
