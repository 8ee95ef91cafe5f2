/**
 * `cityhub-server`: runs the reference hub server.
 *
 *   cityhub-server [--port 8787] [--host 127.0.0.1] [--data-dir .cityhub-data] [--catalog-dir <manifests>] [--static <dir>]
 *
 * Environment: PORT, CITYHUB_DATA_DIR, CITYHUB_SANDBOX_SECRET (signs sandbox payment notifications). Stops gracefully on SIGINT / SIGTERM (the store is closed cleanly).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startServer, type RunningServer } from './server.js';

const USAGE = `Usage: cityhub-server [options]

  --port <n>           port to listen on (env PORT, default 8787; 0 picks a free port)
  --host <host>        interface to bind (default 127.0.0.1)
  --data-dir <dir>     where cityhub.sqlite lives (env CITYHUB_DATA_DIR, default ./.cityhub-data)
  --catalog-dir <dir>  compile this manifest directory instead of the embedded sample catalog
  --static <dir>       also serve the files in <dir> at / (index.html for /)
  --quiet              no access log
  -h, --help           show this help`;

export interface CliOptions {
  port: number;
  host: string;
  dataDir: string;
  catalogDir?: string;
  staticDir?: string;
  quiet: boolean;
}

export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CliOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'catalog-dir': { type: 'string' },
      static: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  const portText = values.port ?? env.PORT ?? '8787';
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) throw new Error(`invalid port: ${portText}`);
  return {
    port: Number(portText),
    host: values.host ?? '127.0.0.1',
    dataDir: resolve(values['data-dir'] ?? env.CITYHUB_DATA_DIR ?? '.cityhub-data'),
    ...(values['catalog-dir'] ? { catalogDir: resolve(values['catalog-dir']) } : {}),
    ...(values.static ? { staticDir: resolve(values.static) } : {}),
    quiet: values.quiet ?? false,
  };
}

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<RunningServer | undefined> {
  let options: CliOptions | 'help';
  try {
    options = parseCli(argv);
  } catch (error) {
    console.error(`cityhub-server: ${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return undefined;
  }
  if (options === 'help') {
    console.log(USAGE);
    return undefined;
  }
  const server = await startServer({
    port: options.port,
    host: options.host,
    dataDir: options.dataDir,
    ...(options.catalogDir ? { catalogDir: options.catalogDir } : {}),
    ...(options.staticDir ? { staticDir: options.staticDir } : {}),
    ...(process.env.CITYHUB_SANDBOX_SECRET ? { payments: { secret: process.env.CITYHUB_SANDBOX_SECRET } } : {}),
    ...(options.quiet ? {} : { log: (e) => console.log(`${e.method} ${e.path} ${e.status} ${e.ms}ms ${e.requestId}`) }),
  });
  console.log(`CityHub server listening on ${server.url}`);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return server;
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(resolve(entry)).href) {
  main().catch((error: unknown) => {
    console.error('cityhub-server failed to start:', error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
