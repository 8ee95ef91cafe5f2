#!/usr/bin/env node
// `npm test`: type-check, every Node test (schema, sdk, server, search, bench sanity) and every browser test
// (Chromium + Firefox), then one closing line "tests: N passed, N failed" over all of them.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2); // e.g. `npm test -- node` or `npm test -- browser`
const want = (part) => only.length === 0 || only.includes(part);

function findTests(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name === 'fixtures') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) findTests(path, out);
    else if (/\.test\.ts$/.test(name) && !/\.browser\.test\.ts$/.test(name)) out.push(relative(root, path));
  }
  return out;
}

function run(command, args, { capture } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
    let output = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      if (capture) output += chunk;
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const totals = { passed: 0, failed: 0 };
const failures = [];

if (want('typecheck')) {
  console.log('\n== Type-check (tsc, strict)');
  const { code } = await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json']);
  if (code !== 0) failures.push('typecheck');
}

if (want('node')) {
  const files = ['packages', 'bench', 'stories'].flatMap((d) => findTests(join(root, d))).sort();
  console.log(`\n== Node tests (${files.length} files)`);
  const { code, output } = await run(process.execPath, ['--conditions=source', '--import', 'tsx', '--test', '--test-reporter=tap', ...files], { capture: true });
  const count = (label) => [...output.matchAll(new RegExp(`^# ${label} (\\d+)$`, 'gm'))].reduce((n, m) => n + Number(m[1]), 0);
  totals.passed += count('pass');
  totals.failed += count('fail') + count('cancelled');
  if (code !== 0) failures.push('node');
}

if (want('browser')) {
  console.log('\n== Browser tests (@web/test-runner)');
  const { code, output } = await run(process.execPath, [join(root, 'node_modules/@web/test-runner/dist/bin.js'), '--static-logging'], { capture: true });
  // Static logging prints one summary line per browser: "Chrome: |…| 3/3 test files | 12 passed, 0 failed".
  const perBrowser = new Map();
  const plain = output.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '\n');
  for (const m of plain.matchAll(/^(\w+):\s.*\| (\d+) passed, (\d+) failed/gm)) perBrowser.set(m[1], [Number(m[2]), Number(m[3])]);
  for (const [passed, failed] of perBrowser.values()) {
    totals.passed += passed;
    totals.failed += failed;
  }
  if (code !== 0) failures.push('browser');
}

if (failures.length > 0 && totals.failed === 0) totals.failed = failures.length; // a suite that failed to run counts
console.log(`\n${failures.length ? `failed suites: ${failures.join(', ')}\n` : ''}tests: ${totals.passed} passed, ${totals.failed} failed`);
process.exitCode = failures.length > 0 ? 1 : 0;
