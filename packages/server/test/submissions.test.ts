import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Order, OrderList, SubmissionResult } from '@cityhub/schema';
import type { RunningServer } from '../src/index.js';
import {
  OTHER_TOKEN, TOKEN, auth, badChecksumIdCard, expectError, postJson, rawRequest, startFixtureServer, submissionPath, validIdCard,
} from './helpers.js';

const SZ = '440300';
const AS = '210300';
const report = (n = 1) => ({ values: { category: 'garbage', location: `深南大道 ${n} 号`, description: '垃圾堆放多日无人清理' } });
const booking = { values: { plate: '粤B12345', date: '2026-11-25', timeSlot: 'am', mobile: '13812345678' } };

describe('submissions over HTTP', () => {
  let server: RunningServer;
  let base: string;
  before(async () => {
    server = await startFixtureServer({ maxBodyBytes: 4096 });
    base = server.url;
  });
  after(() => server.close());

  it('answers a query with 200 and a valid SubmissionResult without an order', async () => {
    const res = await postJson(base, submissionPath(SZ, 'water-bill-payment'), { values: { accountNumber: '0012345678' } });
    assert.equal(res.status, 200);
    const result = SubmissionResult.parse(await res.json());
    assert.equal(result.order, undefined);
    assert.equal(result.bills.length, 1);
    assert.equal(result.bills[0]!.payee.provider, 'sz-water', 'payee is the binding\'s provider');
    assert.ok(!JSON.stringify(result).includes('0012345678'), 'the account number is masked');
  });

  it('creates an order with 201, Location and a city-prefixed reference', async () => {
    const res = await postJson(base, submissionPath(SZ, 'city-management-report'), report());
    assert.equal(res.status, 201);
    const result = SubmissionResult.parse(await res.json());
    assert.ok(result.order);
    assert.match(result.order.reference, /^SZ-20261123-\d{4}$/);
    assert.equal(res.headers.get('location'), `/v1/orders/${result.order.id}`);
    // Anonymous orders are reachable by their unguessable id.
    const fetched = await fetch(`${base}/v1/orders/${result.order.id}`);
    assert.equal(fetched.status, 200);
    assert.deepEqual(Order.parse(await fetched.json()), result.order);
  });

  it('rejects invalid values with 400 validation_failed naming each field', async () => {
    const bad = await postJson(base, submissionPath(SZ, 'housing-fund-query'), { values: { name: '张三', idNumber: badChecksumIdCard() } }, { token: TOKEN });
    const body = await expectError(bad, 400, 'validation_failed');
    assert.deepEqual(body.error.fields?.map((f) => [f.field, f.reason]), [['idNumber', 'id_card_checksum']]);

    const plate = await postJson(base, submissionPath(SZ, 'traffic-violation-query'), { values: { plate: '粤I12345', vehicleType: '02', engineNumberTail: '12345' } });
    const plateBody = await expectError(plate, 400, 'validation_failed');
    const fields = Object.fromEntries(plateBody.error.fields!.map((f) => [f.field, f.reason]));
    assert.equal(fields.plate, 'plate');
    assert.equal(fields.engineNumberTail, 'pattern');

    const missing = await postJson(base, submissionPath(SZ, 'city-management-report'), { values: { category: 'nope', extra: 1 } });
    const missingBody = await expectError(missing, 400, 'validation_failed');
    const reasons = Object.fromEntries(missingBody.error.fields!.map((f) => [f.field, f.reason]));
    assert.deepEqual(reasons, { category: 'option', location: 'required', description: 'required', extra: 'unknown_field' });
  });

  it('401 for real-name and face services without identity, and for a malformed token', async () => {
    const values = { values: { name: '张三', idNumber: validIdCard() } };
    const none = await postJson(base, submissionPath(SZ, 'housing-fund-query'), values);
    assert.match(none.headers.get('www-authenticate') ?? '', /^Bearer/);
    await expectError(none, 401, 'unauthorized');
    await expectError(await postJson(base, submissionPath(SZ, 'hk-macau-permit-renewal'), { values: { idNumber: validIdCard() } }), 401, 'unauthorized');
    await expectError(await postJson(base, submissionPath(SZ, 'housing-fund-query'), values, { token: 'not-a-sandbox-token' }), 401, 'unauthorized');
    await expectError(await postJson(base, submissionPath(SZ, 'housing-fund-query'), values, { headers: { Authorization: 'Basic YWxhZGRpbjpvcGVu' } }), 401, 'unauthorized');
    // With a sandbox token the same request succeeds.
    assert.equal((await postJson(base, submissionPath(SZ, 'housing-fund-query'), values, { token: TOKEN })).status, 200);
  });

  it('403 for a face-verification service with a real-name identity; a face-verified one (sandbox-face-…) may submit', async () => {
    const permit = { values: { idNumber: validIdCard() } };
    await expectError(await postJson(base, submissionPath(SZ, 'hk-macau-permit-renewal'), permit, { token: TOKEN }), 403, 'forbidden');
    assert.equal((await postJson(base, submissionPath(SZ, 'hk-macau-permit-renewal'), permit, { token: 'sandbox-face-citizen' })).status, 201);
    // Face verification also counts as real-name.
    const values = { values: { name: '张三', idNumber: validIdCard() } };
    assert.equal((await postJson(base, submissionPath(SZ, 'housing-fund-query'), values, { token: 'sandbox-face-citizen' })).status, 200);
  });

  it('409 conflict for maintenance, unavailable and non-form services; 404 for unknown ones', async () => {
    const violation = { values: { plate: '辽C12345', vehicleType: '02', engineNumberTail: 'A12345' } };
    await expectError(await postJson(base, submissionPath(AS, 'traffic-violation-query'), violation), 409, 'conflict');
    await expectError(await postJson(base, submissionPath(AS, 'traffic-fine-payment'), { values: { decisionNumber: '210300123456789' } }, { token: TOKEN }), 409, 'conflict');
    await expectError(await postJson(base, submissionPath(SZ, 'library-card'), { values: {} }), 409, 'conflict');
    await expectError(await postJson(base, submissionPath(AS, 'transit-card-top-up'), { values: {} }), 404, 'not_found');
    await expectError(await postJson(base, submissionPath('999999', 'water-bill-payment'), { values: {} }), 404, 'not_found');
  });

  it('415 for non-JSON bodies, 400 for malformed JSON or shape, 400 for a bad Idempotency-Key', async () => {
    const path = submissionPath(SZ, 'water-bill-payment');
    const key = { 'Idempotency-Key': 'media-type-0001' };
    await expectError(await fetch(`${base}${path}`, { method: 'POST', headers: { 'Content-Type': 'text/plain', ...key }, body: '{"values":{}}' }), 415, 'unsupported_media_type');
    await expectError(await fetch(`${base}${path}`, { method: 'POST', headers: key, body: new URLSearchParams({ values: 'x' }) }), 415, 'unsupported_media_type');
    await expectError(await postJson(base, path, '{"values": {'), 400, 'bad_request');
    await expectError(await postJson(base, path, ''), 400, 'bad_request');
    await expectError(await postJson(base, path, '[1,2]'), 400, 'bad_request');
    await expectError(await postJson(base, path, { values: 'nope' }), 400, 'bad_request');
    // Hostile nesting is refused before anything recurses over it.
    await expectError(await postJson(base, path, `{"values":{"accountNumber":${'['.repeat(1500)}${']'.repeat(1500)}}}`), 400, 'bad_request');
    await expectError(await postJson(base, path, { values: { accountNumber: '0012345678' } }, { key: 'has space' }), 400, 'bad_request');
    await expectError(await postJson(base, path, { values: { accountNumber: '0012345678' } }, { key: 'k'.repeat(256) }), 400, 'bad_request');
    // application/*+json with a charset is JSON.
    const ok = await postJson(base, path, { values: { accountNumber: '0012345678' } }, { headers: { 'Content-Type': 'application/vnd.cityhub+json; charset=utf-8' } });
    assert.equal(ok.status, 200);
    await ok.arrayBuffer();
  });

  it('413 when Content-Length announces too much and when a chunked body streams too much', async () => {
    const path = submissionPath(SZ, 'city-management-report');
    const big = JSON.stringify({ values: { category: 'garbage', location: 'x', description: 'x'.repeat(10_000) } });
    await expectError(await postJson(base, path, big), 413, 'payload_too_large');

    // No Content-Length: 6 chunks of 1 KiB against a 4 KiB limit.
    const chunked = await rawRequest(base, {
      method: 'POST',
      path,
      headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Idempotency-Key': 'chunked-0001' },
      chunks: ['{"values":{"description":"', ...Array.from({ length: 6 }, () => 'y'.repeat(1024)), '"}}'],
    });
    assert.equal(chunked.status, 413);
    assert.equal(JSON.parse(chunked.body).error.code, 'payload_too_large');

    // A body within the limit still works over a chunked request.
    const small = await rawRequest(base, {
      method: 'POST',
      path: submissionPath(SZ, 'water-bill-payment'),
      headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Idempotency-Key': 'chunked-0002' },
      chunks: ['{"values":', '{"accountNumber":"0012345678"}}'],
    });
    assert.equal(small.status, 200);
    // And the server is still healthy afterwards.
    assert.equal((await fetch(`${base}/v1/health`)).status, 200);
  });

  it('replays the stored response for the same key and body, 422 for a different body', async () => {
    const path = submissionPath(SZ, 'city-management-report');
    const key = 'replay-key-0001';
    const first = await postJson(base, path, report(7), { token: TOKEN, key });
    assert.equal(first.status, 201);
    assert.equal(first.headers.get('idempotent-replayed'), null);
    const firstBody = await first.text();

    // Same body with keys in another order is the same request.
    const reordered = { values: { description: report(7).values.description, location: report(7).values.location, category: 'garbage' } };
    const second = await postJson(base, path, reordered, { token: TOKEN, key });
    assert.equal(second.status, 201);
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    assert.equal(await second.text(), firstBody, 'byte-identical replay');

    await expectError(await postJson(base, path, report(8), { token: TOKEN, key }), 422, 'idempotency_conflict');
    // Same key on another path is a different request too.
    await expectError(await postJson(base, submissionPath(SZ, 'water-bill-payment'), { values: { accountNumber: '0012345678' } }, { token: TOKEN, key }), 422, 'idempotency_conflict');
    // Keys are scoped per owner: another citizen's identical key is independent.
    const other = await postJson(base, path, report(8), { token: OTHER_TOKEN, key });
    assert.equal(other.status, 201);
    assert.equal(other.headers.get('idempotent-replayed'), null);
    await other.arrayBuffer();
  });

  it('20 concurrent duplicates with one key create exactly one order', async () => {
    const token = 'sandbox-concurrent';
    const key = 'double-click-0001';
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => postJson(base, submissionPath(SZ, 'vehicle-inspection-booking'), booking, { token, key })),
    );
    const bodies = await Promise.all(responses.map((r) => r.text()));
    assert.deepEqual(new Set(responses.map((r) => r.status)), new Set([201]));
    assert.equal(new Set(bodies).size, 1, 'every duplicate got the same response');
    assert.equal(responses.filter((r) => r.headers.get('idempotent-replayed') === 'true').length, 19);
    const list = OrderList.parse(await (await fetch(`${base}/v1/orders`, { headers: auth(token) })).json());
    assert.equal(list.orders.length, 1);
    console.log(`# idempotency: 20 concurrent duplicates → ${list.orders.length} order, 19 replays`);
  });

  it('400 without an Idempotency-Key (reliability #2): nothing is answered, stored or sent on', async () => {
    const before = server.store.stats();
    const forwarded = server.store.forwarding.sandboxRequestCount();
    for (const [service, values] of [['water-bill-payment', { accountNumber: '0012345678' }], ['city-management-report', report(42).values]] as const) {
      const res = await postJson(base, submissionPath(SZ, service), { values }, { token: TOKEN, key: null });
      const body = await expectError(res, 400, 'bad_request');
      assert.match(body.error.message, /requires an Idempotency-Key/);
    }
    assert.deepEqual(server.store.stats(), before);
    assert.equal(server.store.forwarding.sandboxRequestCount(), forwarded, 'the Open311 report was not sent');
  });

  it('concurrent submissions with their own keys each get their own order and a unique reference', async () => {
    const token = 'sandbox-many';
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => postJson(base, submissionPath(SZ, 'city-management-report'), report(100 + i), { token })),
    );
    const results = await Promise.all(responses.map(async (r) => SubmissionResult.parse(await r.json())));
    assert.ok(responses.every((r) => r.status === 201));
    const references = new Set(results.map((r) => r.order!.reference));
    assert.equal(references.size, 12);
  });

  it('GET /v1/orders lists the owner\'s orders newest first; 401 without identity', async () => {
    const token = 'sandbox-lister';
    const created: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await postJson(base, submissionPath(SZ, 'city-management-report'), report(200 + i), { token });
      created.push(SubmissionResult.parse(await res.json()).order!.id);
    }
    const res = await fetch(`${base}/v1/orders`, { headers: auth(token) });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const list = OrderList.parse(await res.json());
    assert.deepEqual(list.orders.map((o) => o.id), [...created].reverse());
    const limited = OrderList.parse(await (await fetch(`${base}/v1/orders?limit=2`, { headers: auth(token) })).json());
    assert.equal(limited.orders.length, 2);
    await expectError(await fetch(`${base}/v1/orders?limit=0`, { headers: auth(token) }), 400, 'bad_request');
    await expectError(await fetch(`${base}/v1/orders`), 401, 'unauthorized');
    await expectError(await fetch(`${base}/v1/orders`, { headers: { Authorization: 'Bearer sandbox-' } }), 401, 'unauthorized');
  });

  it('GET /v1/orders/:id returns the owner\'s order and 404 to anyone else', async () => {
    const res = await postJson(base, submissionPath(SZ, 'vehicle-inspection-booking'), booking, { token: TOKEN });
    const order = SubmissionResult.parse(await res.json()).order!;
    const mine = await fetch(`${base}/v1/orders/${order.id}`, { headers: auth(TOKEN) });
    assert.equal(mine.status, 200);
    assert.deepEqual(Order.parse(await mine.json()), order);
    await expectError(await fetch(`${base}/v1/orders/${order.id}`, { headers: auth(OTHER_TOKEN) }), 404, 'not_found');
    await expectError(await fetch(`${base}/v1/orders/${order.id}`), 404, 'not_found');
    await expectError(await fetch(`${base}/v1/orders/ord_doesnotexist`, { headers: auth(TOKEN) }), 404, 'not_found');
  });

  it('never stores the token or raw personal data', async () => {
    const id = validIdCard('987');
    const res = await postJson(base, submissionPath(SZ, 'housing-fund-query'), { values: { name: '王小明', idNumber: id } }, { token: 'sandbox-secret-token', key: 'pii-check' });
    assert.equal(res.status, 200);
    const text = await res.text();
    assert.ok(!text.includes(id), 'the response masks the ID number');
    assert.ok(!text.includes('王小明'), 'the response masks the name');
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(server.store.file).toString('latin1') + (() => {
      try {
        return readFileSync(`${server.store.file}-wal`).toString('latin1');
      } catch {
        return '';
      }
    })();
    assert.ok(!bytes.includes('sandbox-secret-token'), 'token not in the database');
    assert.ok(!bytes.includes(id), 'ID number not in the database');
  });
});

describe('error handling', () => {
  it('turns a thrown error into a 500 internal JSON body without a stack, and keeps serving', async () => {
    const reported: unknown[] = [];
    const server = await startFixtureServer({ onError: (error) => reported.push(error) });
    try {
      // Break the store under the server: the next submission throws inside the handler.
      const original = server.store.countOrdersOnDay;
      server.store.countOrdersOnDay = () => {
        throw new Error('disk on fire at /secret/path.ts:12');
      };
      const res = await postJson(server.url, submissionPath(SZ, 'city-management-report'), report());
      const body = await expectError(res, 500, 'internal');
      assert.ok(!body.error.message.includes('disk on fire'));
      assert.equal(reported.length, 1);
      server.store.countOrdersOnDay = original;
      const again = await postJson(server.url, submissionPath(SZ, 'city-management-report'), report());
      assert.equal(again.status, 201);
      await again.arrayBuffer();
    } finally {
      await server.close();
    }
  });
});
