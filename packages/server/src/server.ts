import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { CompiledCatalog } from '@cityhub/schema/node';
import { createApp, type AppOptions } from './app.js';
import { createPaymentService, type PaymentService } from './payments/service.js';
import { openStore, type Store } from './store/index.js';

export interface StartServerOptions extends Partial<Omit<AppOptions, 'catalog' | 'store'>> {
  /** 0 (the default here) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Where `cityhub.sqlite` lives. Omitted: a fresh temporary directory, removed by `close()`. */
  dataDir?: string;
  /** A compiled catalog; otherwise `catalogDir` is compiled, otherwise the embedded sample catalog. */
  catalog?: CompiledCatalog;
  catalogDir?: string;
}

export interface RunningServer {
  /** `http://host:port` without a trailing slash. */
  url: string;
  host: string;
  port: number;
  catalog: CompiledCatalog;
  store: Store;
  /** Payments: `sweep()`, `deliverDue()`, the sandbox secret. Its sweep and notification outbox run while the server does. */
  payments: PaymentService;
  /** Stops accepting connections, waits for open requests (up to 5 s), then closes the store. */
  close(): Promise<void>;
}

/** Loads the catalog the options name: an object, a manifest directory, or the embedded sample. */
export async function loadCatalog(options: { catalog?: CompiledCatalog; catalogDir?: string }): Promise<CompiledCatalog> {
  if (options.catalog) return options.catalog;
  // The compiler (pinyin and traditional-Chinese tables) loads only when there is something to compile.
  const { buildEmbeddedCatalog, compileCatalogDir } = await import('@cityhub/schema/node');
  if (options.catalogDir) return compileCatalogDir(options.catalogDir);
  return buildEmbeddedCatalog();
}

/** Starts the hub server on a port (used by `main.ts`, `npm start` and the SDK's integration tests). */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const catalog = await loadCatalog(options);
  const temporary = options.dataDir === undefined ? mkdtempSync(join(tmpdir(), 'cityhub-')) : undefined;
  const store = openStore(options.dataDir ?? temporary!);
  const { now, maxBodyBytes, staticDir, log, onError } = options;
  const clock = now ?? (() => new Date());
  const cityOf = (code: string) => catalog.catalogs.get(code)?.city;
  const payments = options.paymentService ?? createPaymentService({
    store,
    clock,
    cityOf,
    serviceName: (city, code) => catalog.catalogs.get(city)?.services.find((s) => s.code === code)?.name,
    ...(onError ? { onError: (error: unknown) => onError(error, 'payments') } : {}),
  }, options.payments);
  let sandboxBase: string | undefined;
  const app = createApp({
    catalog, store, now, maxBodyBytes, staticDir, log, onError, paymentService: payments,
    ...(options.open311 ? { open311: options.open311 } : {}),
    sandboxBaseUrl: () => sandboxBase,
  });
  const host = options.host ?? '127.0.0.1';

  let server: Server;
  try {
    server = await new Promise<Server>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: host }) as Server;
      s.once('listening', () => resolve(s));
      s.once('error', reject);
    });
  } catch (error) {
    store.close();
    if (temporary) rmSync(temporary, { recursive: true, force: true });
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const baseUrl = `http://${urlHost}:${port}`;
  payments.start({ baseUrl });
  // The server's calls to its own sandbox endpoints go over loopback, also when it listens on every interface.
  const loopback = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : urlHost;
  sandboxBase = `http://${loopback}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url: baseUrl,
    host,
    port,
    catalog,
    store,
    payments,
    close() {
      closing ??= new Promise<void>((resolve) => {
        payments.stop();
        const force = setTimeout(() => server.closeAllConnections(), 5000);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          store.close();
          if (temporary) rmSync(temporary, { recursive: true, force: true });
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
