#!/usr/bin/env node
// Runs the built CLI; inside the repo (no dist yet) it runs the TypeScript source through tsx.
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli.js', import.meta.url);
let runCli;
if (existsSync(built)) {
  ({ runCli } = await import(built.href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ runCli } = await import(new URL('../src/cli.ts', import.meta.url).href));
}
process.exitCode = await runCli(process.argv.slice(2));
