/**
 * @cityhub/schema/node — the Node-only half: reading manifest directories, the catalog compiler (pinyin and
 * traditional-Chinese tables are computed here, at build time) and writing static catalogs.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CatalogProblem } from './compiler/problems.js';
import type { ManifestInput } from './compiler/validate.js';
import { compileCatalog, type CompileOptions, type CompiledCatalog } from './compiler/compile.js';

export * from './index.js';
export { compileCatalog, contentHash, type CompiledCatalog, type CompileOptions } from './compiler/compile.js';
export { validateManifests, type ManifestInput, type ManifestSet, type ValidationOutcome } from './compiler/validate.js';
export { CatalogError, formatProblem, formatPath, type CatalogProblem } from './compiler/problems.js';
export { syllables, readings } from './compiler/text.js';

async function readJson(dir: string, file: string, problems: CatalogProblem[]): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(join(dir, file), 'utf8');
  } catch {
    problems.push({ file, path: '', message: 'is missing', severity: 'error' });
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    problems.push({ file, path: '', message: `is not valid JSON (${(error as Error).message})`, severity: 'error' });
    return undefined;
  }
}

/**
 * Reads a manifest directory: `cities.json`, `standard.json` and `providers/*.json`. Unreadable or malformed
 * files are reported as problems (file names are relative to `dir`).
 */
export async function loadCatalogDir(dir: string): Promise<{ input?: ManifestInput; problems: CatalogProblem[] }> {
  const problems: CatalogProblem[] = [];
  const cities = await readJson(dir, 'cities.json', problems);
  const standard = await readJson(dir, 'standard.json', problems);
  let names: string[] = [];
  try {
    names = (await readdir(join(dir, 'providers'))).filter((n) => n.endsWith('.json')).sort();
  } catch {
    problems.push({ file: 'providers/', path: '', message: 'is missing', severity: 'error' });
  }
  const providers: ManifestInput['providers'] = [];
  for (const name of names) {
    const file = `providers/${name}`;
    const data = await readJson(dir, file, problems);
    if (data !== undefined) providers.push({ file, data });
  }
  if (problems.length > 0) return { problems };
  return {
    input: { cities: { file: 'cities.json', data: cities }, standard: { file: 'standard.json', data: standard }, providers },
    problems,
  };
}

/** Loads and compiles a manifest directory; throws `CatalogError` on any problem. */
export async function compileCatalogDir(dir: string, options?: CompileOptions): Promise<CompiledCatalog> {
  const { input, problems } = await loadCatalogDir(dir);
  if (!input) {
    const { CatalogError } = await import('./compiler/problems.js');
    throw new CatalogError(problems);
  }
  return compileCatalog(input, options);
}

/** Writes `cities.json` and `catalogs/*.json` under `outDir`, replacing older catalogs there. */
export async function writeCompiledCatalog(compiled: CompiledCatalog, outDir: string): Promise<string[]> {
  await rm(join(outDir, 'catalogs'), { recursive: true, force: true });
  const written: string[] = [];
  for (const [path, text] of compiled.files) {
    const target = join(outDir, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
    written.push(path);
  }
  return written;
}

/** Compiles the embedded sample catalog (16+ cities) that `npm start` and the tests use. */
export async function buildEmbeddedCatalog(options?: CompileOptions): Promise<CompiledCatalog> {
  const { manifestsDir } = await import('@cityhub/sample-catalog');
  return compileCatalogDir(manifestsDir, options);
}
