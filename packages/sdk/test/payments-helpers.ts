/** Shared by the SDK payment tests: a small catalog with a top-up service, bills, servers, fault injection. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { compileCatalog, type CompiledCatalog } from '@cityhub/schema/node';
import type { Bill } from '@cityhub/schema';
import { memoryCache } from '../src/cache/index.js';
import { createCityHub, type CityHub, type CityHubOptions } from '../src/client.js';
import { memoryPaymentStore } from '../src/payments/store.js';

const zh = (s: string, en?: string) => (en ? { 'zh-Hans': s, en } : { 'zh-Hans': s });

/** One city, one top-up service: every test bill is a top-up for exactly the amount the test wants (magic amounts). */
export function paymentCatalog(): CompiledCatalog {
  return compileCatalog({
    cities: {
      file: 'cities.json',
      data: {
        schemaVersion: '1.0',
        cities: [{ code: '440300', name: zh('深圳', 'Shenzhen'), province: { code: '440000', name: zh('广东省') }, level: 'sub-provincial', pinyin: 'shenzhen' }],
      },
    },
    standard: {
      file: 'standard.json',
      data: {
        schemaVersion: '1.0',
        categories: [{ id: 'traffic', name: zh('交通出行', 'Traffic'), order: 1, icon: 'car' }],
        services: [{
          code: 'transit-card-top-up', kind: 'payment', identity: 'none', categories: ['traffic'],
          name: zh('交通卡充值', 'Transit card top-up'), description: zh('为城市交通卡充值。'), delivery: { type: 'form' },
          form: { fields: [
            { code: 'cardNumber', type: 'string', required: true, order: 1, pattern: '\\d{9,16}', label: zh('卡号') },
            { code: 'amount', type: 'amount', required: true, order: 2, min: 1000, max: 100000, label: zh('充值金额') },
          ] },
        }],
      },
    },
    providers: [{
      file: 'providers/sz-transit.json',
      data: {
        schemaVersion: '1.0',
        provider: { id: 'sz-transit', name: zh('深圳通'), classification: 'public-utility', authority: { name: zh('深圳市交通运输局') }, integration: 'api' },
        services: [{ service: 'transit-card-top-up', bindings: [{ city: '440300', localName: zh('深圳通充值') }] }],
      },
    }],
  }, { generatedAt: new Date('2026-11-01T00:00:00Z') });
}

export const SECRET = 'sdk-test-secret';

/** Fast settings so faults and retries play out in milliseconds. */
export function hubOptions(api: string, extra: Partial<CityHubOptions> = {}): CityHubOptions {
  return {
    api,
    cache: memoryCache(),
    timeout: 1000,
    retry: { limit: 3, backoff: { base: 20, cap: 150 }, deadline: 4000 },
    ...extra,
    payments: { store: memoryPaymentStore(), verify: { budgetMs: 3000, baseMs: 40, capMs: 250 }, ...extra.payments },
  };
}

let card = 0;
/** A fresh top-up bill for `amount` fen. */
export async function bill(hub: CityHub, amount: number, cardNumber = String(7_000_000_000 + process.pid * 10_000 + ++card)): Promise<Bill> {
  const result = await hub.submit('440300', 'transit-card-top-up', { cardNumber, amount });
  return result.bills[0]!;
}

export function hubFor(api: string, extra: Partial<CityHubOptions> = {}): CityHub {
  return createCityHub(hubOptions(api, extra));
}

export { printTable } from '../../server/test/helpers.js';

// --- a server in its own process, for kill -9 ------------------------------------------------------------------

const CHILD = fileURLToPath(new URL('./payments-server.child.ts', import.meta.url));

export interface ChildServer {
  url: string;
  port: number;
  dataDir: string;
  /** kill -9 now; resolves once the process is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data directory. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Writes the compiled catalog for the child and returns a launcher. */
export async function startChildServer(catalog: CompiledCatalog, dataDir: string, port = 0): Promise<ChildServer> {
  const catalogFile = join(tmpdir(), `cityhub-sdk-pay-catalog-${process.pid}.json`);
  writeFileSync(catalogFile, JSON.stringify({ index: catalog.index, catalogs: [...catalog.catalogs], files: [...catalog.files], problems: catalog.problems }));
  let child: ChildProcess | undefined;
  let actualPort = port;
  const launch = async () => {
    const proc = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', CHILD, catalogFile, dataDir, String(actualPort), SECRET], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let stderr = '';
    proc.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const lines = createInterface({ input: proc.stdout! });
    const url = await new Promise<string>((resolve, reject) => {
      lines.on('line', (line) => {
        const match = /^listening (http:\/\/\S+)$/.exec(line);
        if (match) resolve(match[1]!);
      });
      proc.once('exit', (code) => reject(new Error(`payment server exited (${code}) before listening:\n${stderr}`)));
    });
    actualPort = Number(new URL(url).port);
    return url;
  };
  const url = await launch();
  const server: ChildServer = {
    url,
    port: actualPort,
    dataDir,
    async kill() {
      const proc = child;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = once(proc, 'exit');
      proc.kill('SIGKILL');
      await exited;
    },
    async restart() {
      await launch();
    },
    async stop() {
      const proc = child;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = once(proc, 'exit');
      proc.kill('SIGTERM');
      await exited;
    },
  };
  return server;
}
