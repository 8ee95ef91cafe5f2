import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ManifestInput } from '@cityhub/schema/node';

export const FIXTURE_DIR = new URL('./fixtures/valid/', import.meta.url).pathname;

/** The valid fixture manifests, freshly parsed (safe to mutate). */
export function fixtureInput(): ManifestInput {
  const read = (file: string) => JSON.parse(readFileSync(join(FIXTURE_DIR, file), 'utf8')) as unknown;
  return {
    cities: { file: 'cities.json', data: read('cities.json') },
    standard: { file: 'standard.json', data: read('standard.json') },
    providers: readdirSync(join(FIXTURE_DIR, 'providers')).sort().map((name) => ({ file: `providers/${name}`, data: read(`providers/${name}`) })),
  };
}

/** Sets a value at a dotted/bracketed path inside a parsed manifest. */
export function setAt(root: unknown, path: Array<string | number>, value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
}
