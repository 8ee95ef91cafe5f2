import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SubmissionResult, validateForm, type CatalogService } from '@cityhub/schema';
import type { CompiledCatalog } from '@cityhub/schema/node';
import { SANDBOX_ORIGIN, sandboxRuleFor, answerSubmission, startServer, type RunningServer, type SandboxAnswer } from '../src/index.js';
import { FACE_TOKEN, FIXED_NOW, postJson, submissionPath } from './helpers.js';
import { sampleValues } from './values.js';

const { manifestsDir } = await import('@cityhub/sample-catalog');
const present = existsSync(join(manifestsDir, 'cities.json'));

const submittable = (s: CatalogService) =>
  (s.entry.type === 'form' || s.entry.type === 'open311') && s.form !== undefined &&
  s.status.state === 'active' && s.availability.state === 'available';

/**
 * Row values a citizen reads in their language: words (statuses, types, offences, units, places) come as localized
 * text with all three locales; a plain string holds no Chinese unless it is personal data (masked) or what the
 * citizen typed, given back as typed.
 */
function assertRowsLocalized(answer: SandboxAnswer, values: Record<string, unknown>, label: string): void {
  const typed = new Set(Object.values(values).map(String));
  for (const row of answer.sections.flatMap((s) => s.rows)) {
    const what = `${label}: ${row.label['zh-Hans']} = ${JSON.stringify(row.value)}`;
    if (typeof row.value === 'string') assert.ok(!/\p{Script=Han}/u.test(row.value) || row.sensitive || typed.has(row.value), `${what} is zh-Hans only`);
    else assert.ok(row.value['zh-Hant'] && row.value.en, `${what} lacks a locale`);
  }
}

describe('the embedded sample catalog', { skip: present ? false : 'packages/catalog/manifests is not written yet' }, () => {
  let server: RunningServer;
  let compiled: CompiledCatalog;
  before(async () => {
    // Default options: the embedded catalog, exactly what `npm start` serves.
    server = await startServer({ now: () => FIXED_NOW, onError: () => {} });
    compiled = server.catalog;
  });
  after(() => server?.close());

  it('is what startServer() serves by default', async () => {
    const res = await fetch(`${server.url}/v1/cities`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('etag'), `"${compiled.index.hash}"`);
    assert.ok(compiled.index.cities.length >= 2);
    await res.arrayBuffer();
  });

  it('answers every submittable service in every city with a well-formed, deterministic result', () => {
    const byRule = new Map<string, Set<string>>();
    let answered = 0;
    for (const catalog of compiled.catalogs.values()) {
      for (const service of catalog.services.filter(submittable)) {
        const values = validateForm(service.form!, sampleValues(service.form!, FIXED_NOW), { now: () => FIXED_NOW });
        assert.ok(values.ok, `${catalog.city.code}/${service.code}: ${JSON.stringify(!values.ok && values.errors)}`);
        const request = { city: catalog.city, service, values: values.values, now: FIXED_NOW, orderReference: 'XX-20261123-0001' };
        const rule = sandboxRuleFor(request).name;
        byRule.set(rule, (byRule.get(rule) ?? new Set()).add(service.code));
        const a = answerSubmission(request);
        assert.deepEqual(answerSubmission(request), a, `${service.code} is deterministic`);
        const result = SubmissionResult.safeParse({
          id: 'sub_x', service: service.code, city: catalog.city.code, kind: service.kind, status: a.status,
          submittedAt: FIXED_NOW.toISOString(), summary: a.summary, sections: a.sections, bills: a.bills,
        });
        assert.ok(result.success, `${catalog.city.code}/${service.code}: ${JSON.stringify(!result.success && result.error.issues)}`);
        for (const bill of a.bills) assert.equal(bill.payee.provider, service.provider.id, 'payee is the binding\'s provider');
        assertRowsLocalized(a, values.values, `${catalog.city.code}/${service.code}`);
        answered++;
      }
    }
    console.log(`# embedded catalog: ${answered} city services answered; generators: ` +
      [...byRule].map(([rule, codes]) => `${rule}=${[...codes].sort().join(',')}`).join(' | '));
    assert.ok(answered > 0);
  });

  it('accepts a submission for each submittable service of the first two cities over HTTP', async () => {
    let sent = 0;
    for (const catalog of [...compiled.catalogs.values()].slice(0, 2)) {
      for (const service of catalog.services.filter(submittable)) {
        const values = sampleValues(service.form!, FIXED_NOW);
        const res = await postJson(server.url, submissionPath(catalog.city.code, service.code), { values }, { token: FACE_TOKEN });
        const text = await res.text();
        assert.ok(res.status === 200 || res.status === 201, `${catalog.city.code}/${service.code}: ${res.status} ${text}`);
        const result = SubmissionResult.parse(JSON.parse(text));
        assert.equal(res.status === 201, result.order !== undefined);
        sent++;
      }
    }
    console.log(`# embedded catalog over HTTP: ${sent} submissions accepted`);
  });

  it('sends the sample catalog\'s Open311 reports to the sandbox GeoReport v2 endpoint, out of the box', async () => {
    const reports = [...compiled.catalogs.values()].flatMap((catalog) =>
      catalog.services.filter((s) => submittable(s) && s.entry.type === 'open311').map((service) => ({ city: catalog.city.code, service })));
    assert.ok(reports.length >= 3, 'the sample catalog has Open311 report services');
    const before = server.store.forwarding.sandboxRequestCount();
    for (const { city, service } of reports) {
      assert.equal(new URL((service.entry as { endpoint: string }).endpoint).origin, SANDBOX_ORIGIN, `${service.code} points at the sandbox origin`);
      const res = await postJson(server.url, submissionPath(city, service.code), { values: sampleValues(service.form!, FIXED_NOW) }, { token: FACE_TOKEN });
      const text = await res.text();
      assert.equal(res.status, 201, `${city}/${service.code}: ${text}`);
      const order = SubmissionResult.parse(JSON.parse(text)).order!;
      assert.equal(order.forwarded?.state, 'confirmed');
      assert.match(order.forwarded?.serviceRequestId ?? '', /^311-\d{8}-\d{6}$/);
    }
    assert.equal(server.store.forwarding.sandboxRequestCount() - before, reports.length, 'one GeoReport request per report');
    console.log(`# embedded catalog: ${reports.length} Open311 reports forwarded to the sandbox endpoint`);
  });
});
