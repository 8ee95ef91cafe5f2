#!/usr/bin/env node
// Runs the CLI. In a checkout of the repository (the TypeScript source is here and this file is not inside
// node_modules) it runs the source through tsx, so an edit never meets a stale build; an installed package runs dist/.
import { existsSync } from 'node:fs';

const source = new URL('../src/cli.ts', import.meta.url);
const checkout = existsSync(source) && !source.pathname.includes('/node_modules/');
let runCli;
if (checkout) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ runCli } = await import(source.href));
} else {
  ({ runCli } = await import(new URL('../dist/cli.js', import.meta.url).href));
}
process.exitCode = await runCli(process.argv.slice(2));
