/** A reference server in its own process (for kill -9): `<catalog.json> <dataDir> <port> <secret>`. */
import { readFileSync } from 'node:fs';
import type { CompiledCatalog } from '@cityhub/schema/node';
import { startServer } from '@cityhub/server';

const [catalogFile, dataDir, port, secret] = process.argv.slice(2) as [string, string, string, string];
const cached = JSON.parse(readFileSync(catalogFile, 'utf8')) as { index: CompiledCatalog['index']; catalogs: Array<[string, never]>; files: Array<[string, string]>; problems: CompiledCatalog['problems'] };
const catalog = { index: cached.index, catalogs: new Map(cached.catalogs), files: new Map(cached.files), problems: cached.problems } as CompiledCatalog;
const server = await startServer({
  catalog, dataDir, port: Number(port), onError: () => {},
  payments: { secret, notifyDelayMs: 300, providerTimeoutMs: 300, outboxIntervalMs: 20, sweepIntervalMs: 300, notifyTimeoutMs: 500 },
});
console.log(`listening ${server.url}`);
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
