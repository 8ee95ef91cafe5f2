#!/usr/bin/env node
// Prints the min+gzip size of each browser bundle and fails when one is over its budget.
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

export const BUDGETS = {
  'build/cityhub-sdk.js': { label: 'SDK (client + search + schema runtime + ky + zod/mini)', limit: 20 * 1024 },
  'build/cityhub.js': { label: 'CDN file (every element + Lit + SDK)', limit: 45 * 1024 },
};

export function measure(root = new URL('..', import.meta.url).pathname) {
  return Object.entries(BUDGETS).filter(([file]) => existsSync(root + file)).map(([file, { label, limit }]) => {
    const source = readFileSync(root + file);
    const gzip = gzipSync(source, { level: 9 }).length;
    return { file, label, min: source.length, gzip, limit, ok: gzip <= limit };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = measure();
  for (const r of rows) {
    console.log(`${r.ok ? 'ok  ' : 'OVER'} ${r.file.padEnd(22)} ${(r.min / 1024).toFixed(1).padStart(6)} KB min  ${(r.gzip / 1024).toFixed(2).padStart(6)} KB min+gzip  (budget ${(r.limit / 1024).toFixed(0)} KB)  ${r.label}`);
  }
  if (rows.length === 0) console.log('No bundles found: run `npm run build` first.');
  process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
}
