import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorBody, idCardCheckChar, type ErrorCode } from '@cityhub/schema';
import type { CitiesIndex, CityCatalog } from '@cityhub/schema';
import type { CompiledCatalog } from '@cityhub/schema/node';
import { startServer, type RunningServer, type StartServerOptions } from '../src/index.js';

export const FIXTURE_DIR = fileURLToPath(new URL('./fixtures/manifests/', import.meta.url));
export const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));

/** 10:00 in Shenzhen on 2026-11-23. */
export const FIXED_NOW = new Date('2026-11-23T02:00:00.000Z');

const SCHEMA_SRC = fileURLToPath(new URL('../../schema/src/', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name))
    .sort();
}

/** Hash of everything the compiled fixture depends on: the fixture manifests and the schema sources. */
function fixtureKey(): string {
  const hash = createHash('sha256');
  for (const file of [...filesUnder(FIXTURE_DIR), ...filesUnder(SCHEMA_SRC)]) hash.update(file).update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

interface CachedCatalog {
  index: CitiesIndex;
  catalogs: Array<[string, CityCatalog]>;
  files: Array<[string, string]>;
  problems: CompiledCatalog['problems'];
}

async function compileFixture(): Promise<CompiledCatalog> {
  // Loading the compiler (pinyin, OpenCC) costs ~1 s per test process; test files share one compiled copy,
  // cached by content hash so any change to the manifests or the schema recompiles.
  const cache = join(tmpdir(), `cityhub-server-fixture-${fixtureKey()}.json`);
  try {
    const cached = JSON.parse(readFileSync(cache, 'utf8')) as CachedCatalog;
    return { index: cached.index, catalogs: new Map(cached.catalogs), files: new Map(cached.files), problems: cached.problems };
  } catch {
    const { compileCatalogDir } = await import('@cityhub/schema/node');
    const compiled = await compileCatalogDir(FIXTURE_DIR, { generatedAt: new Date('2026-11-01T00:00:00Z') });
    const data: CachedCatalog = { index: compiled.index, catalogs: [...compiled.catalogs], files: [...compiled.files], problems: compiled.problems };
    const temporary = `${cache}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(data));
    renameSync(temporary, cache);
    return compiled;
  }
}

let fixture: Promise<CompiledCatalog> | undefined;
/** The fixture manifests compiled by the real compiler. */
export function fixtureCatalog(): Promise<CompiledCatalog> {
  fixture ??= compileFixture();
  return fixture;
}

export function tempDir(prefix = 'cityhub-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A server on a free loopback port over the fixture catalog, with a fresh store. */
export async function startFixtureServer(options: StartServerOptions = {}): Promise<RunningServer> {
  return startServer({ catalog: await fixtureCatalog(), now: () => FIXED_NOW, onError: () => {}, ...options });
}

/** A valid 18-digit resident ID (Shenzhen Futian, born 1990-01-01). */
export function validIdCard(serial = '123'): string {
  const first17 = `44030419900101${serial}`;
  return first17 + idCardCheckChar(first17);
}

/** The same ID with a wrong check character. */
export function badChecksumIdCard(): string {
  const good = validIdCard();
  const wrong = '10X98765432'.split('').find((ch) => ch !== good.at(-1))!;
  return good.slice(0, 17) + wrong;
}

export const TOKEN = 'sandbox-alice';
export const OTHER_TOKEN = 'sandbox-bob';
/** A citizen who has also passed face verification (刷脸): may use every service. */
export const FACE_TOKEN = 'sandbox-face-carol';
export const auth = (token = TOKEN) => ({ Authorization: `Bearer ${token}` });

export interface PostOptions {
  token?: string;
  /** The `Idempotency-Key`: a fresh one per call when omitted (as the SDK sends), none at all for `null`. */
  key?: string | null;
  headers?: Record<string, string>;
}

export async function postJson(base: string, path: string, body: unknown, options: PostOptions = {}): Promise<Response> {
  const key = options.key === undefined ? randomUUID() : options.key;
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(options.token ? auth(options.token) : {}),
      ...(key !== null ? { 'Idempotency-Key': key } : {}),
      ...options.headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export const submissionPath = (city: string, service: string) => `/v1/cities/${city}/services/${service}/submissions`;

/** Asserts an error response: status, `ErrorBody` shape (parsed with the zod model), code and request id. */
export async function expectError(response: Response, status: number, code: ErrorCode): Promise<ErrorBody> {
  const text = await response.text();
  assert.equal(response.status, status, `expected ${status} ${code}, got ${response.status}: ${text}`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  const parsed = ErrorBody.safeParse(JSON.parse(text));
  assert.ok(parsed.success, `not an ErrorBody: ${text}`);
  assert.equal(parsed.data.error.code, code);
  assert.equal(parsed.data.error.status, status);
  assert.equal(parsed.data.error.requestId, response.headers.get('x-request-id'), 'error body carries the request id');
  assert.ok(!/at .+\.(ts|js):\d+/.test(text), 'no stack trace leaks');
  return parsed.data;
}

/** A raw HTTP request (chunked body, lying Content-Length…) that fetch would not send. */
export function rawRequest(
  url: string,
  options: { method: string; path: string; headers: Record<string, string | number>; chunks: Array<string | Buffer> },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, method: options.method, path: options.path, headers: options.headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (chunk: Buffer) => parts.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString('utf8') }));
      res.on('error', reject);
    });
    // The server may answer and close before the whole body is written; that is the point of some tests.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    for (const chunk of options.chunks) req.write(chunk);
    req.end();
  });
}

/** A reference server in its own process (for `kill -9`), on the fixture catalog. */
export interface ServerProcess {
  process: ChildProcess;
  url: string;
}

export async function launchServer(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', MAIN, '--port', '0', '--data-dir', dataDir, '--catalog-dir', FIXTURE_DIR, '--quiet'],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      const match = /^CityHub server listening on (http:\/\/\S+)$/.exec(line);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${stderr}`)));
  });
  return { process: child, url };
}

/** `kill -9`: no shutdown hooks, no flush. Resolves once the process is gone. */
export async function kill9(child: ServerProcess): Promise<void> {
  const exited = once(child.process, 'exit');
  child.process.kill('SIGKILL');
  const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
  assert.equal(code, null);
  assert.equal(signal, 'SIGKILL');
}

/** Prints a small table to the test output. */
export function printTable(title: string, header: string[], rows: Array<Array<string | number>>): void {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c + ' '.repeat(widths[i]! - [...c].length)).join(' | ')} |`;
  console.log(title);
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of cells.slice(1)) console.log(line(r));
}
