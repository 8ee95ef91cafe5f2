// The @cityhub/components custom-elements manifest, computed in memory: the same analysis as the components'
// `analyze` script (`cem analyze --litelement --globs "src/**/*.ts" --exclude "src/**/*.styles.ts"` with the
// package's custom-elements-manifest.config.mjs), without writing custom-elements.json or touching package.json.
// Tests use it so they neither depend on a stale generated file nor race with a build writing it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { create, ts } from '@custom-elements-manifest/analyzer/index.js';
import { litPlugin } from '@custom-elements-manifest/analyzer/src/features/framework-plugins/lit/lit.js';

export const componentsDir = fileURLToPath(new URL('../../components/', import.meta.url));

function sources(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sources(path, out);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.styles.ts') && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Analyzes packages/components/src and returns the manifest object. */
export async function analyzeComponents(dir = componentsDir) {
  const config = (await import(pathToFileURL(join(dir, 'custom-elements-manifest.config.mjs')).href)).default ?? {};
  const modules = sources(join(dir, 'src')).sort().map((path) => {
    const name = relative(dir, path).split(sep).join('/');
    return ts.createSourceFile(name, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2015, true);
  });
  return create({ modules, plugins: [...litPlugin(), ...(config.plugins ?? [])], context: { dev: false, thirdPartyCEMs: [] } });
}
