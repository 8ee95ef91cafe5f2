/**
 * `cityhub` — the catalog CLI.
 *   cityhub catalog validate <dir> [--json]
 *   cityhub catalog build <dir> --out <dir> [--city <code>]…
 *   cityhub schema export --out <dir>
 * Exit codes: 0 success, 1 invalid manifests, 2 usage error.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { compileCatalog, loadCatalogDir, validateManifests, writeCompiledCatalog, formatProblem, type CatalogProblem } from './node.js';
import { jsonSchemas, openApiDocument } from './openapi.js';

const USAGE = `Usage:
  cityhub catalog validate <dir> [--json]          check provider manifests
  cityhub catalog build <dir> --out <dir> [--city <code>]...
                                                   compile static catalogs (cities.json + catalogs/<city>.<hash>.json)
  cityhub schema export --out <dir>                write JSON Schemas and openapi.json

<dir> holds cities.json, standard.json and providers/*.json.`;

/** The options each command takes. */
const OPTIONS: Record<string, readonly string[]> = {
  'catalog validate': ['json'],
  'catalog build': ['out', 'city', 'json'],
  'schema export': ['out'],
};

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleIo: CliIo = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

function report(problems: CatalogProblem[], io: CliIo, asJson: boolean): void {
  if (asJson) io.out(JSON.stringify({ problems }, null, 2));
  else for (const p of problems) (p.severity === 'error' ? io.err : io.out)(formatProblem(p));
}

/** Runs the CLI and returns its exit code (tests call this directly; `bin/cityhub.js` calls it with argv). */
export async function runCli(argv: readonly string[], io: CliIo = consoleIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o' },
        city: { type: 'string', multiple: true },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [group, command, dir] = positionals;
  if (values.help || !group) {
    (values.help ? io.out : io.err)(USAGE);
    return values.help ? 0 : 2;
  }

  // An option a command does not take (say `catalog validate --city 440300`) would be ignored silently.
  const stray = Object.keys(values).filter((option) => option !== 'help' && !OPTIONS[`${group} ${command}`]?.includes(option));
  if (OPTIONS[`${group} ${command}`] && stray.length > 0) return usage(io, `${group} ${command} does not take ${stray.map((o) => `--${o}`).join(', ')}`);

  if (group === 'schema' && command === 'export') {
    if (!values.out) return usage(io, 'schema export needs --out <dir>');
    await mkdir(join(values.out, 'json-schema'), { recursive: true });
    const schemas = jsonSchemas();
    for (const [file, schema] of Object.entries(schemas)) await writeFile(join(values.out, 'json-schema', file), `${JSON.stringify(schema, null, 2)}\n`);
    await writeFile(join(values.out, 'openapi.json'), `${JSON.stringify(openApiDocument(), null, 2)}\n`);
    io.out(`Wrote ${Object.keys(schemas).length} JSON Schemas and openapi.json to ${values.out}`);
    return 0;
  }

  if (group !== 'catalog' || (command !== 'validate' && command !== 'build')) return usage(io, `unknown command: ${positionals.join(' ')}`);
  if (!dir) return usage(io, `catalog ${command} needs a manifest directory`);
  if (command === 'build' && !values.out) return usage(io, 'catalog build needs --out <dir>');

  const loaded = await loadCatalogDir(dir);
  if (!loaded.input) {
    report(loaded.problems, io, values.json ?? false);
    return 1;
  }
  const { set, problems } = validateManifests(loaded.input);
  const errors = problems.filter((p) => p.severity === 'error');
  if (command === 'validate' || errors.length > 0) {
    report(problems, io, values.json ?? false);
    if (!values.json) {
      const summary = `${errors.length} error(s), ${problems.length - errors.length} warning(s) in ${1 + 1 + loaded.input.providers.length} manifest file(s)`;
      (errors.length ? io.err : io.out)(set && !errors.length ? `OK: ${summary}; ${set.cities.manifest.cities.length} cities, ${set.providers.length} providers` : summary);
    }
    if (errors.length > 0 || command === 'validate') return errors.length > 0 ? 1 : 0;
  }

  // A mistyped --city would build an empty catalog that looks like success.
  const known = new Set(set!.cities.manifest.cities.map((c) => c.code));
  const unknown = (values.city ?? []).filter((code) => !known.has(code));
  if (unknown.length > 0) return usage(io, `unknown --city ${unknown.join(', ')}: the manifests have ${[...known].sort().join(', ')}`);

  const started = performance.now();
  const compiled = compileCatalog(loaded.input, values.city ? { cities: values.city } : {});
  const written = await writeCompiledCatalog(compiled, values.out!);
  const bytes = [...compiled.files.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  io.out(
    `Built ${compiled.catalogs.size} city catalogs (${[...compiled.catalogs.values()].reduce((n, c) => n + c.services.length, 0)} service bindings, ` +
      `${(bytes / 1024).toFixed(0)} KiB) into ${values.out} in ${(performance.now() - started).toFixed(0)} ms: ${written.length} files`,
  );
  return 0;
}

function usage(io: CliIo, message: string): number {
  io.err(`${message}\n\n${USAGE}`);
  return 2;
}
