#!/usr/bin/env node
// Runs the CLI. In a checkout of the repository (the TypeScript source is here, this file is not inside
// node_modules, and tsx is installed) it runs the source, so an edit never meets a stale build; otherwise dist/.
import { existsSync } from 'node:fs';

const source = new URL('../src/cli.ts', import.meta.url);
const tsx = existsSync(source) && !source.pathname.includes('/node_modules/') ? await import('tsx/esm/api').catch(() => undefined) : undefined;
let runCli;
if (tsx) {
  tsx.register();
  ({ runCli } = await import(source.href));
} else {
  ({ runCli } = await import(new URL('../dist/cli.js', import.meta.url).href));
}
process.exitCode = await runCli(process.argv.slice(2));
