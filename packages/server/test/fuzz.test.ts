import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { ErrorBody, SubmissionResult } from '@cityhub/schema';
import type { RunningServer } from '../src/index.js';
import { fixtureCatalog, postJson, startFixtureServer, submissionPath, TOKEN } from './helpers.js';

describe('untrusted submissions (fuzz over HTTP)', () => {
  let server: RunningServer;
  before(async () => {
    server = await startFixtureServer();
  });
  after(() => server.close());

  it('arbitrary JSON bodies and field values never produce a 500, and every answer parses', async () => {
    const catalog = (await fixtureCatalog()).catalogs.get('440300')!;
    const services = catalog.services.map((s) => s.code);
    const codes = [...new Set(catalog.services.flatMap((s) => s.form?.fields.map((f) => f.code) ?? []))];
    const value = fc.oneof(fc.anything({ maxDepth: 3 }), fc.string(), fc.integer(), fc.constantFrom('粤B12345', '13812345678', '2026-11-24', 'am', 'garbage'));
    const body = fc.oneof(
      fc.record({ values: fc.dictionary(fc.constantFrom(...codes, 'extra', '__proto__'), value) }),
      fc.anything({ maxDepth: 4 }),
    );
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...services), body, fc.boolean(), async (service, payload, signedIn) => {
        const res = await postJson(server.url, submissionPath('440300', service), JSON.stringify(payload) ?? 'null', signedIn ? { token: TOKEN } : {});
        const json = await res.json();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        assert.ok(res.status < 500, `${res.status} for ${service}: ${JSON.stringify(payload)}`);
        if (res.ok) assert.ok(SubmissionResult.safeParse(json).success);
        else assert.ok(ErrorBody.safeParse(json).success);
      }),
      { numRuns: 250 },
    );
    console.log(`# fuzz: 250 arbitrary submissions, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
  });
});
