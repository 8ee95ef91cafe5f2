#!/usr/bin/env node
// Launcher for the CityHub reference server. A built package runs dist/main.js; a source checkout (no dist)
// re-runs Node on src/main.ts with tsx and the `source` export condition.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = new URL('../dist/main.js', import.meta.url);
if (existsSync(fileURLToPath(dist))) {
  const { main } = await import(dist.href);
  await main(process.argv.slice(2));
} else {
  const source = fileURLToPath(new URL('../src/main.ts', import.meta.url));
  // Resolve tsx from this package, not from the caller's working directory.
  const tsx = import.meta.resolve('tsx');
  const child = spawn(process.execPath, ['--conditions=source', '--import', tsx, source, ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
