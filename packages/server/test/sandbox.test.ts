import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import {
  Bill, ResultSection, SubmissionResult, idCardCheckChar, validateForm,
  type CatalogService, type CityCatalog, type FormDefinition, type LocalizedText,
} from '@cityhub/schema';
import type { CompiledCatalog } from '@cityhub/schema/node';
import { answerSubmission, sandboxRuleFor, SANDBOX_RULES, type RunningServer, type SandboxAnswer } from '../src/index.js';
import { FIXED_NOW, fixtureCatalog, postJson, startFixtureServer, submissionPath } from './helpers.js';
import { sampleValues } from './values.js';

const SZ = '440300';

function cityOf(compiled: CompiledCatalog, code = SZ): CityCatalog {
  return compiled.catalogs.get(code)!;
}
function serviceOf(compiled: CompiledCatalog, code: string, city = SZ): CatalogService {
  return cityOf(compiled, city).services.find((s) => s.code === code)!;
}

/** A variant of a fixture service with another code, kind or form (to reach every rule). */
function variant(base: CatalogService, patch: Partial<CatalogService>): CatalogService {
  return { ...base, ...patch };
}
const field = (code: string, extra: Record<string, unknown> = {}) => ({
  code, type: 'string' as const, required: true, order: 1, label: { 'zh-Hans': code }, ...extra,
});

function answer(catalog: CityCatalog, service: CatalogService, values: Record<string, unknown>, now = FIXED_NOW): SandboxAnswer {
  const validation = validateForm(service.form!, values, { now: () => now });
  assert.ok(validation.ok, `invalid sample for ${service.code}: ${JSON.stringify(!validation.ok && validation.errors)}`);
  return answerSubmission({ city: catalog.city, service, values: validation.values, now, orderReference: 'SZ-20261123-0001' });
}

/** Everything a provider answer must satisfy, whatever the service. */
function assertWellFormed(result: SandboxAnswer, label: string, catalogText = false): void {
  // Generated text comes in all three locales; info answers quote the catalog, whose translations are optional.
  const localized = (text: LocalizedText) =>
    assert.ok(text['zh-Hans'] && (catalogText || (text['zh-Hant'] && text.en)), `${label}: all three locales in ${JSON.stringify(text)}`);
  localized(result.summary);
  for (const s of result.sections) {
    assert.ok(ResultSection.safeParse(s).success, `${label}: section ${JSON.stringify(s)}`);
    localized(s.title);
  }
  for (const b of result.bills) {
    const parsed = Bill.safeParse(b);
    assert.ok(parsed.success, `${label}: bill ${JSON.stringify(b)} ${parsed.success ? '' : JSON.stringify(parsed.error.issues)}`);
    assert.ok(Number.isInteger(b.amount.amount) && b.amount.amount >= 0, `${label}: integer fen`);
  }
  if (result.order) assert.ok(result.order.timeline.length >= 1, `${label}: an order has a timeline`);
  assert.ok(!/NaN|undefined|\[object Object\]/.test(JSON.stringify(result)), `${label}: no NaN/undefined leaked: ${JSON.stringify(result)}`);
}

describe('sandbox providers', () => {
  let compiled: CompiledCatalog;
  before(async () => {
    compiled = await fixtureCatalog();
  });

  it('routes every fixture service to the intended generator', () => {
    const expected: Record<string, string> = {
      'traffic-violation-query': 'traffic-violations',
      'traffic-fine-payment': 'fine-by-decision',
      'water-bill-payment': 'utility-bill',
      'transit-card-top-up': 'card-top-up',
      'housing-fund-query': 'personal-account',
      'vehicle-inspection-booking': 'booking',
      'city-management-report': 'report',
      'hk-macau-permit-renewal': 'transaction',
    };
    const catalog = cityOf(compiled);
    for (const [code, rule] of Object.entries(expected)) {
      const service = serviceOf(compiled, code);
      const values = validateForm(service.form!, sampleValues(service.form!, FIXED_NOW), { now: () => FIXED_NOW });
      assert.ok(values.ok);
      assert.equal(sandboxRuleFor({ city: catalog.city, service, values: values.values, now: FIXED_NOW, orderReference: 'x' }).name, rule, code);
    }
  });

  it('reaches every rule of the dispatch table with well-formed answers', () => {
    const catalog = cityOf(compiled);
    const query = serviceOf(compiled, 'traffic-violation-query');
    const cases: Array<[CatalogService, Record<string, unknown>]> = [];
    const reached = new Set<string>();
    const form = (fields: ReturnType<typeof field>[]): FormDefinition => ({ fields: fields.map((f, i) => ({ ...f, order: i })) as FormDefinition['fields'] });
    const extra: Array<[Partial<CatalogService>, Record<string, unknown>]> = [
      [{ code: 'driving-restriction-query', form: { fields: [{ ...field('plate'), type: 'plate' }] } as FormDefinition }, { plate: '粤B12346' }],
      [{ code: 'exit-entry-progress', categories: ['exit-entry'], form: form([field('applicationNumber')]) }, { applicationNumber: 'SQ202611230001' }],
      [{ code: 'gaokao-score-query', categories: ['education'], form: form([field('examNumber'), { ...field('year'), type: 'number', integer: true } as never]) }, { examNumber: '2026440300123', year: 2026 }],
      [{ code: 'self-study-exam-score', categories: ['education'], form: form([field('examNumber')]) }, { examNumber: '26440300123' }],
      [{ code: 'social-security-query', categories: ['social-security'], form: { fields: [{ ...field('idNumber'), type: 'id-card' }] } as FormDefinition }, { idNumber: validId() }],
      [{ code: 'medical-insurance-query', categories: ['medical-insurance'], form: { fields: [{ ...field('idNumber'), type: 'id-card' }] } as FormDefinition }, { idNumber: validId() }],
      [{ code: 'transit-card-balance', form: form([field('cardNumber')]) }, { cardNumber: '310012345678' }],
      [{ code: 'electricity-bill-payment', kind: 'payment', form: form([field('accountNumber')]) }, { accountNumber: '0012345678' }],
      [{ code: 'gas-bill-payment', kind: 'payment', form: form([field('accountNumber')]) }, { accountNumber: '0012345678' }],
      [{ code: 'broadband-bill-payment', kind: 'payment', form: form([field('accountNumber')]) }, { accountNumber: '0012345678' }],
      [{ code: 'etc-top-up', kind: 'payment', form: form([field('cardNumber'), { ...field('amount'), type: 'amount' } as never]) }, { cardNumber: '310012345678', amount: 20000 }],
      [{ code: 'move-car', kind: 'report', form: { fields: [{ ...field('plate'), type: 'plate' }, { ...field('location'), order: 2 }] } as FormDefinition }, { plate: '粤B12345', location: '车公庙' }],
      [{ code: 'marriage-registration-booking', kind: 'booking', form: form([field('name')]) }, { name: '李四' }],
      [{ code: 'parking-fee', kind: 'payment', form: form([field('name')]) }, { name: '李四' }],
      [{ code: 'weather-lookup', kind: 'query', form: form([field('name')]) }, { name: '李四' }],
      [{ code: 'weather-info', kind: 'info', form: form([field('name')]) }, { name: '李四' }],
    ];
    for (const [patch, values] of extra) cases.push([variant(query, patch), values]);
    for (const service of cityOf(compiled).services.filter((s) => s.form)) cases.push([service, sampleValues(service.form!, FIXED_NOW)]);
    for (const [service, values] of cases) {
      const validation = validateForm(service.form!, values, { now: () => FIXED_NOW });
      assert.ok(validation.ok, service.code);
      const rule = sandboxRuleFor({ city: catalog.city, service, values: validation.values, now: FIXED_NOW, orderReference: 'x' }).name;
      reached.add(rule);
      assertWellFormed(answer(catalog, service, values), service.code, rule === 'info');
    }
    assert.deepEqual([...SANDBOX_RULES.map((r) => r.name)].filter((n) => !reached.has(n)), [], 'every rule is exercised');
  });

  it('is deterministic: same input → same data; different input → different data', () => {
    const catalog = cityOf(compiled);
    for (const service of catalog.services.filter((s) => s.form)) {
      const values = sampleValues(service.form!, FIXED_NOW);
      assert.deepEqual(answer(catalog, service, values), answer(catalog, service, values), service.code);
    }
    const water = serviceOf(compiled, 'water-bill-payment');
    const accounts = ['0012345678', '0012345679', '0098765432', '1234567890'];
    const amounts = new Set(accounts.map((accountNumber) => answer(catalog, water, { accountNumber }).bills[0]!.amount.amount));
    assert.ok(amounts.size > 1, 'different accounts get different bills');
  });

  it('property: any valid plate yields 0–3 violations, each a payable bill, identical across calls', () => {
    const catalog = cityOf(compiled);
    const payment = variant(serviceOf(compiled, 'traffic-violation-query'), { kind: 'payment', code: 'traffic-fine-by-plate' });
    const provinces = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
    const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
    const plate = fc.tuple(
      fc.constantFrom(...provinces),
      fc.constantFrom(...letters),
      fc.array(fc.constantFrom(...letters, ...'0123456789'), { minLength: 5, maxLength: 5 }),
    ).map(([p, l, rest]) => `${p}${l}${rest.join('')}`);
    let withViolations = 0;
    let runs = 0;
    fc.assert(fc.property(plate, (value) => {
      runs++;
      const values = { plate: value, vehicleType: '02', engineNumberTail: 'A12345' };
      const result = answer(catalog, payment, values);
      assert.ok(result.bills.length <= 3);
      assert.equal(result.bills.length, result.sections.length - 1);
      if (result.bills.length > 0) withViolations++;
      for (const b of result.bills) {
        assert.ok(b.amount.amount > 0);
        assert.match(b.reference, /^440300\d{9}$/, 'decision numbers start with the city code');
        assert.ok(!JSON.stringify(b).includes(value), 'the plate is masked');
      }
      assert.deepEqual(answer(catalog, payment, values), result);
    }), { numRuns: 300 });
    assert.ok(withViolations > 0 && withViolations < runs, `a realistic mix (${withViolations}/${runs} plates with violations)`);
  });

  it('property: a top-up bill is for exactly the amount asked', () => {
    const catalog = cityOf(compiled);
    const topUp = serviceOf(compiled, 'transit-card-top-up');
    fc.assert(fc.property(fc.integer({ min: 1000, max: 100000 }), fc.stringMatching(/^\d{9,16}$/), (amount, cardNumber) => {
      const result = answer(catalog, topUp, { cardNumber, amount });
      assert.equal(result.bills.length, 1);
      assert.equal(result.bills[0]!.amount.amount, amount);
      assert.equal(result.bills[0]!.payee.provider, topUp.provider.id);
    }), { numRuns: 200 });
  });
});

function validId(): string {
  const first17 = '44030419850315123';
  return first17 + idCardCheckChar(first17);
}

describe('sandbox answers over HTTP', () => {
  let server: RunningServer;
  before(async () => {
    server = await startFixtureServer();
  });
  after(() => server.close());

  it('answers the same submission twice with the same data (ids and timestamps aside)', async () => {
    const compiled = await fixtureCatalog();
    const strip = (r: SubmissionResult) => {
      const { id: _id, submittedAt: _at, order, ...rest } = r;
      return {
        ...rest,
        sections: rest.sections.map((s) => ({ ...s, rows: s.rows.filter((row) => !/编号|Reference|Their number/.test(row.label.en ?? '')) })),
        order: order && { status: order.status, booking: order.booking, timeline: order.timeline.map((e) => e.status) },
        summary: r.order ? null : rest.summary,
      };
    };
    let compared = 0;
    for (const service of cityOf(compiled).services.filter((s) => s.form && (s.entry.type === 'form' || s.entry.type === 'open311'))) {
      const values = sampleValues(service.form!, FIXED_NOW);
      const send = async () => {
        const res = await postJson(server.url, submissionPath(SZ, service.code), { values }, { token: 'sandbox-face-determinism' });
        assert.ok(res.status === 200 || res.status === 201, `${service.code}: ${res.status}`);
        return SubmissionResult.parse(await res.json());
      };
      const [a, b] = [await send(), await send()];
      assert.notEqual(a.id, b.id, 'two submissions');
      assert.deepEqual(strip(a), strip(b), service.code);
      compared++;
    }
    console.log(`# sandbox determinism: ${compared} services answered identically twice`);
    assert.ok(compared >= 8);
  });
});
